import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { readFileSync } from 'node:fs';
import { SlaAdminService } from '../sla/sla-admin.service';
import { parseArgs } from './args';
import { referenceCommand } from './reference';
import { ACCOUNTS_USAGE, runAccountsCli } from './accounts-cli';
import { backupDatabase, restoreDatabase } from './backup';
import { describeRotation, keyRotate, parseKeyRotateArgs } from './key-rotate';
import { openCliDatabase, runCli } from './open-database';
import { resolveDataKey } from '../pii/data-key';
import { parseReportArgs, writeMonthlyReport } from './report';
import { importFile, syncOnce } from './sync-once';

const USAGE = `Usage: npm run minyi -- <command>
${ACCOUNTS_USAGE}
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
  if (positional[0] === 'reference') return referenceCommand(positional.slice(1), options);
  const [group, command, file] = positional;
  if (group === 'token' || group === 'user') {
    if (await runAccountsCli(group, positional.slice(1), options)) return;
    console.error(USAGE);
    process.exit(2);
  }
  const calendarImport = group === 'calendar' && command === 'import' && !!file;
  const sync = group === 'sync' && !!command;
  const fileImport = group === 'import' && !!command && !!file;
  const report = group === 'report' && !command ? parseReportArgs(options) : null;
  const backup = group === 'backup' && !command && typeof options.out === 'string';
  const restore = group === 'restore' && !!command && !file;
  const rotate = group === 'key' && command === 'rotate' ? parseKeyRotateArgs(options) : null;
  if (!calendarImport && !sync && !fileImport && !report && !backup && !restore && !rotate) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  // restore rebuilds the schema itself (and applies later migrations afterwards).
  const db = await openCliDatabase(config, { migrate: !restore });
  try {
    if (backup) {
      const written = await backupDatabase(db, resolveDataKey(config.dataKey, config.dataDir), String(options.out), { force: !!options.force });
      console.log(`wrote ${written.path} (${written.bytes} bytes, ${written.tables} tables, ${written.rows} rows, data key ${written.keyId})`);
      return;
    }
    if (restore) {
      const restored = await restoreDatabase(db, resolveDataKey(config.dataKey, config.dataDir), command, { yes: !!options.yes, force: !!options.force });
      console.log(
        `restored ${restored.tables} tables, ${restored.rows} rows (data key ${restored.keyId}); migrations applied after: ${restored.migrationsAfter.length ? restored.migrationsAfter.join(', ') : 'none'}`,
      );
      return;
    }
    if (rotate) {
      const rotated = await keyRotate(config, db, rotate);
      console.log(describeRotation(rotated));
      return;
    }
    if (sync) {
      const run = await syncOnce(config, db, command);
      console.log(JSON.stringify(run, null, 2));
      if (run?.status !== 'SUCCEEDED') process.exitCode = 1;
      return;
    }
    if (fileImport) {
      const run = await importFile(config, db, command, file);
      console.log(JSON.stringify(run, null, 2));
      if (run?.status !== 'SUCCEEDED') process.exitCode = 1;
      return;
    }
    if (report) {
      const written = await writeMonthlyReport(db, report);
      console.log(`wrote ${written.path} (${written.bytes} bytes)`);
      return;
    }
    if (calendarImport) {
      const { year, days } = await new SlaAdminService().importNotice(db.orm.em.fork(), readFileSync(file, 'utf8'));
      console.log(`imported ${days} days of the ${year} notice`);
      return;
    }
  } finally {
    await db.close();
  }
}

runCli(main);
