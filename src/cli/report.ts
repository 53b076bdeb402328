import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildMonthlyReport } from '../analytics/monthly-report.service';
import { MONTHLY_REPORT_FORMATS, renderMonthlyReport, type MonthlyReportFormat } from '../analytics/report';
import type { Database } from '../db/database';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { progressBar } from './progress';
import { readEm } from '../db/read-routing';

export interface ReportArgs {
  month: string;
  format: MonthlyReportFormat;
  /** Where to write; absent: the report's own file name in the current directory. */
  out?: string;
}

/** `report --month yyyy-MM --format xlsx|html [--out FILE]` → its arguments, or null when they are bad. */
export function parseReportArgs(options: Record<string, string | true>): ReportArgs | null {
  const { month, format, out } = options;
  if (typeof month !== 'string' || typeof format !== 'string' || !Object.keys(MONTHLY_REPORT_FORMATS).includes(format)) return null;
  if (out !== undefined && typeof out !== 'string') return null;
  try {
    return { month: parseMonth(month).month, format: format as MonthlyReportFormat, out };
  } catch {
    return null;
  }
}

/** `npm run minyi -- report`: builds the 热线月报 of a month with a progress bar, renders it and writes the file. */
export async function writeMonthlyReport(db: Database, args: ReportArgs): Promise<{ path: string; bytes: number }> {
  const report = await buildMonthlyReport(readEm(db), args.month, { onProgress: progressBar('月报 report') });
  const file = await renderMonthlyReport(report, args.format);
  const path = resolve(args.out ?? file.fileName);
  writeFileSync(path, file.body);
  return { path, bytes: statSync(path).size };
}
