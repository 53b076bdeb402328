/**
 * 月报渲染 Rendering of the monthly report (data: MonthlyReport) to xlsx and to HTML.
 */
import { REPORT_TITLE } from './format';
import { renderMonthlyReportHtml } from './html';
import type { MonthlyReport } from './monthly-report';
import { renderMonthlyReportXlsx, type XlsxRenderOptions } from './xlsx';

export type { AccountabilityLevel, MonthlyReport, Rates } from './monthly-report';
export { renderMonthlyReportXlsx, XLSX_SHEETS, XLSX_FORMATS, XLSX_HEADER_ROW, type XlsxRenderOptions } from './xlsx';
export { renderMonthlyReportHtml, type HtmlRenderOptions } from './html';
export { CHART_IDS, CHART_TITLES, renderMonthlyReportCharts, type ChartId } from './charts';

export type MonthlyReportFormat = 'xlsx' | 'html';

export const MONTHLY_REPORT_FORMATS: Record<MonthlyReportFormat, { contentType: string; extension: string }> = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
};

export interface RenderedMonthlyReport {
  body: Buffer;
  contentType: string;
  /** e.g. '赣县区12345热线月报-2026-10.xlsx' */
  fileName: string;
}

/** Renders the report in one format, with its content type and a default file name. */
export async function renderMonthlyReport(report: MonthlyReport, format: MonthlyReportFormat, options: XlsxRenderOptions = {}): Promise<RenderedMonthlyReport> {
  const meta = MONTHLY_REPORT_FORMATS[format];
  if (!meta) throw new Error(`Unknown report format: ${String(format)}`);
  const body = format === 'xlsx' ? await renderMonthlyReportXlsx(report, options) : Buffer.from(renderMonthlyReportHtml(report), 'utf8');
  return { body, contentType: meta.contentType, fileName: reportFileName(report.month, format) };
}

/** The file name of a report, e.g. 赣县区12345热线月报-2026-10.xlsx (downloads and the CLI's default). */
export function reportFileName(month: string, format: MonthlyReportFormat): string {
  return `${REPORT_TITLE}-${month}.${MONTHLY_REPORT_FORMATS[format].extension}`;
}
