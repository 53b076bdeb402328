import 'reflect-metadata';
import { createToken } from '../auth/tokens';
import { Role } from '../auth/roles';
import { ConfigError, loadConfig } from '../config/config';
import { HubError } from '../common/errors';
import { openDatabase } from '../db/database';
import { readFileSync } from 'node:fs';
import { SlaAdminService } from '../sla/sla-admin.service';
import { parseArgs } from './args';
import { parseReportArgs, writeMonthlyReport } from './report';
import { importFile, syncOnce } from './sync-once';

const USAGE = `Usage: npm run minyi -- <command>
  token create --role ROLE [--department CODE] [--channel CODE] [--label TEXT]
      Creates an API token and prints it once (only its hash is stored).
      Roles: ${Object.values(Role).join(', ')}
      HANDLER, DEPT_LEADER and PETITION_OFFICER need --department; CHANNEL needs --channel.
  sync CODE
      Pulls one channel now (as the scheduler would), e.g. npm run minyi -- sync 12315.
  import 12328 FILE
      Imports one 12328 daily file (12328_YYYYMMDD[_N].csv or .xlsx) now, with a progress bar.
  calendar import FILE
      Imports an official holiday notice (国务院办公厅节假日安排) in the holiday-cn JSON shape
      {year, days:[{name, date, isOffDay}]}; every hub instance picks it up at once.
  report --month yyyy-MM --format xlsx|html [--out FILE]
      Builds the monthly report (热线月报) with a progress bar and writes it to FILE, or under its
      own name (赣县区12345热线月报-yyyy-MM.xlsx) in the current directory.`;

async function main() {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const [group, command, file] = positional;
  const tokenCreate = group === 'token' && command === 'create' && typeof options.role === 'string';
  const calendarImport = group === 'calendar' && command === 'import' && !!file;
  const sync = group === 'sync' && !!command;
  const fileImport = group === 'import' && !!command && !!file;
  const report = group === 'report' && !command ? parseReportArgs(options) : null;
  if (!tokenCreate && !calendarImport && !sync && !fileImport && !report) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config, { migrate: true });
  try {
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
    const { token, record } = await createToken(db.orm.em.fork(), {
      role: String(options.role) as Role,
      departmentCode: typeof options.department === 'string' ? options.department : undefined,
      channelCode: typeof options.channel === 'string' ? options.channel : undefined,
      label: typeof options.label === 'string' ? options.label : undefined,
    });
    console.log(JSON.stringify({ role: record.role, label: record.label, token }, null, 2));
    console.error('Keep this token secret: it is shown only now. Use it as "Authorization: Bearer <token>".');
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof HubError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
