import '../common/compile-cache';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from './args';
import { loadConfig } from '../config/config';
import { openCliDatabase, runCli } from './open-database';

// Each command loads only its own modules (require() where it runs; the database layer every command
// needs is imported above): `token list` need not load the workbook, report and connector libraries (exceljs alone is ~500 modules), so every command starts
// in about half the time.
const usage = () => `Usage: npm run minyi -- <command>
${(require('./accounts-cli') as typeof import('./accounts-cli')).ACCOUNTS_USAGE}
  sync CODE
      Pulls one channel now (as the scheduler would), e.g. npm run minyi -- sync 12315.
  import 12328 FILE
      Imports one 12328 daily file (12328_YYYYMMDD[_N].csv or .xlsx) now, with a progress bar.
  calendar import FILE
      Imports an official holiday notice (国务院办公厅节假日安排) in the holiday-cn JSON shape
      {year, days:[{name, date, isOffDay}]}; every hub instance picks it up at once.
  report --month yyyy-MM --format xlsx|html [--out FILE]
      Builds the monthly report (热线月报) with a progress bar and writes it to FILE, or under its
      own name (赣县区12345热线月报-yyyy-MM.xlsx) in the current directory.
  backup --out FILE [--force]
      Writes the whole database to FILE (gzip; with the data key's fingerprint, never the key).
  restore FILE --yes [--force]
      Replaces the database's content with the backup's (stop the hub first), then applies newer
      migrations. Refuses when the configured data key is not the backup's, unless --force.
  key rotate --new-key-file FILE|- [--batch-size N] [--max-batches N] [--old-key-file FILE]
      Re-encrypts all personal data under the new key (stop the hub first); resumable: run it again
      to continue. Then set MINYI_DATA_KEY to the new key.
Every command works while the hub runs on the embedded database: it connects to the running one.`;

async function main() {
  const { positional, options } = parseArgs(process.argv.slice(2));
  if (positional[0] === 'reference') return (require('./reference') as typeof import('./reference')).referenceCommand(positional.slice(1), options);
  const [group, command, file] = positional;
  if (group === 'token' || group === 'user') {
    if (await (require('./accounts-cli') as typeof import('./accounts-cli')).runAccountsCli(group, positional.slice(1), options)) return;
    console.error(usage());
    process.exit(2);
  }
  const calendarImport = group === 'calendar' && command === 'import' && !!file;
  const sync = group === 'sync' && !!command;
  const fileImport = group === 'import' && !!command && !!file;
  const report = group === 'report' && !command ? (require('./report') as typeof import('./report')).parseReportArgs(options) : null;
  const backup = group === 'backup' && !command && typeof options.out === 'string';
  const restore = group === 'restore' && !!command && !file;
  const rotate = group === 'key' && command === 'rotate' ? (require('./key-rotate') as typeof import('./key-rotate')).parseKeyRotateArgs(options) : null;
  if (!calendarImport && !sync && !fileImport && !report && !backup && !restore && !rotate) {
    console.error(usage());
    process.exit(2);
  }
  const config = loadConfig();
  // restore rebuilds the schema itself (and applies later migrations afterwards).
  const db = await openCliDatabase(config, { migrate: !restore });
  try {
    if (backup || restore) {
      const { resolveDataKey } = require('../pii/data-key') as typeof import('../pii/data-key');
      const { backupDatabase, restoreDatabase } = require('./backup') as typeof import('./backup');
      const key = resolveDataKey(config.dataKey, config.dataDir);
      if (backup) {
        const written = await backupDatabase(db, key, String(options.out), { force: !!options.force });
        console.log(`wrote ${written.path} (${written.bytes} bytes, ${written.tables} tables, ${written.rows} rows, data key ${written.keyId})`);
        return;
      }
      const restored = await restoreDatabase(db, key, command, { yes: !!options.yes, force: !!options.force });
      console.log(
        `restored ${restored.tables} tables, ${restored.rows} rows (data key ${restored.keyId}); migrations applied after: ${restored.migrationsAfter.length ? restored.migrationsAfter.join(', ') : 'none'}`,
      );
      return;
    }
    if (rotate) {
      const { describeRotation, keyRotate } = require('./key-rotate') as typeof import('./key-rotate');
      console.log(describeRotation(await keyRotate(config, db, rotate)));
      return;
    }
    if (sync || fileImport) {
      const { importFile, syncOnce } = require('./sync-once') as typeof import('./sync-once');
      const run = sync ? await syncOnce(config, db, command) : await importFile(config, db, command, file);
      console.log(JSON.stringify(run, null, 2));
      if (run?.status !== 'SUCCEEDED') process.exitCode = 1;
      return;
    }
    if (report) {
      const written = await (require('./report') as typeof import('./report')).writeMonthlyReport(db, report);
      console.log(`wrote ${written.path} (${written.bytes} bytes)`);
      return;
    }
    if (calendarImport) {
      const { SlaAdminService } = require('../sla/sla-admin.service') as typeof import('../sla/sla-admin.service');
      const { year, days } = await new SlaAdminService().importNotice(db.orm.em.fork(), readFileSync(file, 'utf8'));
      console.log(`imported ${days} days of the ${year} notice`);
      return;
    }
  } finally {
    await db.close();
  }
}

runCli(main);
