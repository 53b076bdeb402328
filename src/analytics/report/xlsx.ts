/**
 * 月报 Excel The monthly report as an .xlsx workbook (exceljs): one worksheet per table, a
 * title row with the month, a frozen Chinese header row, numbers stored as numbers and
 * percentages as fractions with the '0.0%' format. Missing values (null) are written as "—".
 */
import { Workbook, type Worksheet } from 'exceljs';
import {
  ACCOUNTABILITY_ORDER,
  accountabilityLabel,
  DASH,
  hotIssueStatusLabel,
  metricChange,
  METRICS,
  monthLabel,
  REPORT_TITLE,
  type MetricDef,
} from './format';
import { shanghaiDateTime } from '../../common/time';
import type { MonthlyReport, Rates } from './monthly-report';

/** Number formats of the workbook. */
export const XLSX_FORMATS = {
  count: '#,##0',
  rate: '0.0%',
  decimal1: '0.0',
  decimal2: '0.00',
  integer: '0',
  countChange: '+#,##0;-#,##0;0',
  decimalChange: '+0.0;-0.0;0.0',
  /** a rate change, stored in percentage points */
  pointChange: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"',
  /** a relative change (环比), stored as a fraction */
  relativeChange: '+0.0%;-0.0%;0.0%',
  date: 'yyyy-mm-dd',
} as const;

/** Worksheet names, in workbook order. */
export const XLSX_SHEETS = ['总览', '趋势', '渠道', '分类', '镇街', '部门排名', '约谈', '重点领域', '热点', '二次不满意', '区长热线日'] as const;

export type XlsxSheetName = (typeof XLSX_SHEETS)[number];

/** Row 1 of every sheet is the title; row 2 is the (frozen) header; data starts at row 3. */
export const XLSX_HEADER_ROW = 2;

export interface XlsxRenderOptions {
  /** Called after each worksheet is written (for a CLI progress bar): done of total sheets. */
  onProgress?: (done: number, total: number) => void;
}

/** '' = not applicable (left blank); null/undefined = missing ("—"). */
type CellValue = string | number | Date | null | undefined;

interface Column<T> {
  header: string;
  width: number;
  /** number format for numeric cells */
  numFmt?: string;
  /** per-row number format, overriding numFmt */
  rowNumFmt?: (row: T) => string | undefined;
  align?: 'left' | 'center' | 'right';
  value: (row: T, index: number) => CellValue;
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addTable<T>(wb: Workbook, name: XlsxSheetName, report: MonthlyReport, columns: Column<T>[], rows: readonly T[], emptyText = '本月无数据'): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: XLSX_HEADER_ROW }] });
  ws.columns = columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = `${REPORT_TITLE}（${monthLabel(report.month)}）— ${name}`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { vertical: 'middle', horizontal: 'left' };
  title.height = 24;
  if (columns.length > 1) ws.mergeCells(1, 1, 1, columns.length);

  const header = ws.getRow(XLSX_HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = 20;

  rows.forEach((row, r) => {
    const xr = ws.getRow(XLSX_HEADER_ROW + 1 + r);
    columns.forEach((c, i) => {
      const cell = xr.getCell(i + 1);
      const v = c.value(row, r);
      cell.border = BORDER;
      if (v === '') return;
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) {
        cell.value = DASH;
        cell.alignment = { horizontal: 'center' };
        return;
      }
      cell.value = v;
      if (typeof v === 'number' || v instanceof Date) {
        const fmt = c.rowNumFmt?.(row) ?? c.numFmt;
        if (fmt) cell.numFmt = fmt;
        cell.alignment = { horizontal: c.align ?? 'right' };
      } else {
        cell.alignment = { horizontal: c.align ?? 'left', vertical: 'top', wrapText: true };
      }
    });
  });

  if (rows.length) {
    ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: columns.length } };
  } else {
    const cell = ws.getRow(XLSX_HEADER_ROW + 1).getCell(1);
    cell.value = emptyText;
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  }
  return ws;
}

function metricFormat(def: MetricDef): string {
  return def.kind === 'rate' ? XLSX_FORMATS.rate : def.kind === 'hours' ? XLSX_FORMATS.decimal1 : XLSX_FORMATS.count;
}

function changeFormat(def: MetricDef): string {
  return def.kind === 'rate' ? XLSX_FORMATS.pointChange : def.kind === 'hours' ? XLSX_FORMATS.decimalChange : XLSX_FORMATS.countChange;
}

/** One column per field of Rates. */
function rateColumns<T>(get: (row: T) => Rates): Column<T>[] {
  return METRICS.map((def) => ({
    header: def.label,
    width: def.kind === 'count' ? 10 : def.kind === 'hours' ? 14 : 11,
    numFmt: metricFormat(def),
    value: (row: T) => get(row)[def.key],
  }));
}

/** 'yyyy-MM-dd' → a date cell (UTC midnight, which exceljs stores as that calendar day). */
function toDate(date: string | null): Date | string | null {
  if (!date) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : date;
}

type Writer = (wb: Workbook, report: MonthlyReport) => void;
type RankingRow = MonthlyReport['ranking'][number];
type DutyRow = [label: string, value: CellValue, numFmt?: string];

const WRITERS: Record<XlsxSheetName, Writer> = {
  总览: (wb, report) => {
    const current = report.headline;
    const previous = report.headline.previous;
    const ws = addTable<MetricDef>(
      wb,
      '总览',
      report,
      [
        { header: '指标', width: 24, value: (d) => d.label },
        { header: '本月', width: 14, rowNumFmt: metricFormat, value: (d) => current[d.key] },
        { header: '上月', width: 14, rowNumFmt: metricFormat, value: (d) => (previous ? previous[d.key] : null) },
        { header: '变化', width: 18, rowNumFmt: changeFormat, value: (d) => metricChange(d, current, previous)?.delta ?? null },
        {
          header: '环比',
          width: 12,
          numFmt: XLSX_FORMATS.relativeChange,
          value: (d) => (d.kind === 'count' ? (metricChange(d, current, previous)?.relative ?? null) : ''),
        },
      ],
      METRICS,
    );
    const note = ws.getRow(XLSX_HEADER_ROW + METRICS.length + 2).getCell(1);
    note.value = `生成时间：${shanghaiDateTime(report.generatedAt)}（北京时间）；“—”表示无数据或分母为0；比率的变化以百分点计。`;
    note.font = { italic: true, color: { argb: 'FF808080' } };
  },
  趋势: (wb, report) =>
    addTable(
      wb,
      '趋势',
      report,
      [
        { header: '日期', width: 14, numFmt: XLSX_FORMATS.date, align: 'center', value: (d) => toDate(d.date) },
        { header: '受理量', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.received },
        { header: '办结量', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.closed },
      ],
      report.trend,
    ),
  渠道: (wb, report) =>
    addTable(
      wb,
      '渠道',
      report,
      [
        { header: '渠道编码', width: 12, value: (d) => d.code },
        { header: '渠道名称', width: 34, value: (d) => d.name },
        { header: '受理量', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.received },
        { header: '占比', width: 10, numFmt: XLSX_FORMATS.rate, value: (d) => d.share },
      ],
      report.channels,
    ),
  分类: (wb, report) =>
    addTable(
      wb,
      '分类',
      report,
      [
        { header: '分类编码', width: 10, value: (d) => d.code },
        { header: '一级分类', width: 20, value: (d) => d.name },
        { header: '受理量', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.received },
        { header: '占比', width: 10, numFmt: XLSX_FORMATS.rate, value: (d) => d.share },
      ],
      report.categories,
    ),
  镇街: (wb, report) =>
    addTable(
      wb,
      '镇街',
      report,
      [
        { header: '区划代码', width: 16, value: (d) => d.code },
        { header: '乡镇', width: 14, value: (d) => d.name },
        { header: '受理量', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.received },
        { header: '每万人受理量', width: 14, numFmt: XLSX_FORMATS.decimal2, value: (d) => d.perTenThousand ?? null },
      ],
      report.townships,
    ),
  部门排名: (wb, report) =>
    addTable<RankingRow>(
      wb,
      '部门排名',
      report,
      [
        { header: '排名', width: 7, numFmt: XLSX_FORMATS.integer, align: 'center', value: (d) => d.rank },
        { header: '部门编码', width: 14, value: (d) => d.departmentCode },
        { header: '部门名称', width: 28, value: (d) => d.departmentName },
        { header: '综合得分', width: 10, numFmt: XLSX_FORMATS.decimal1, value: (d) => d.score },
        { header: '较上月（分）', width: 12, numFmt: XLSX_FORMATS.decimalChange, value: (d) => d.change },
        ...rateColumns<RankingRow>((d) => d.rates),
      ],
      [...report.ranking].sort((a, b) => a.rank - b.rank),
    ),
  约谈: (wb, report) => {
    const rows = [...report.accountability].sort((a, b) => ACCOUNTABILITY_ORDER.indexOf(b.level) - ACCOUNTABILITY_ORDER.indexOf(a.level));
    addTable(
      wb,
      '约谈',
      report,
      [
        { header: '部门编码', width: 14, value: (d) => d.departmentCode },
        { header: '部门名称', width: 28, value: (d) => d.departmentName },
        { header: '问责层级', width: 16, align: 'center', value: (d) => accountabilityLabel(d.level) },
        { header: '原因', width: 60, value: (d) => d.reason },
      ],
      rows,
      '本月无约谈问责',
    );
  },
  重点领域: (wb, report) =>
    addTable(
      wb,
      '重点领域',
      report,
      [
        { header: '领域', width: 20, value: (d) => d.name },
        { header: '受理量', width: 10, numFmt: XLSX_FORMATS.count, value: (d) => d.received },
        { header: '办结量', width: 10, numFmt: XLSX_FORMATS.count, value: (d) => d.closed },
        { header: '超期量', width: 10, numFmt: XLSX_FORMATS.count, value: (d) => d.overdue },
        { header: '满意率', width: 10, numFmt: XLSX_FORMATS.rate, value: (d) => d.satisfactionRate },
      ],
      report.keyCategories,
    ),
  热点: (wb, report) =>
    addTable(
      wb,
      '热点',
      report,
      [
        { header: '序号', width: 6, numFmt: XLSX_FORMATS.integer, align: 'center', value: (_d, i) => i + 1 },
        { header: '热点问题', width: 48, value: (d) => d.title },
        { header: '区域', width: 14, value: (d) => d.region },
        { header: '关联工单数', width: 12, numFmt: XLSX_FORMATS.count, value: (d) => d.members },
        { header: '热度', width: 10, numFmt: XLSX_FORMATS.decimal1, value: (d) => d.score },
        { header: '状态', width: 10, align: 'center', value: (d) => hotIssueStatusLabel(d.status) },
      ],
      report.hotIssues,
      '本月无热点问题',
    ),
  二次不满意: (wb, report) =>
    addTable(
      wb,
      '二次不满意',
      report,
      [
        { header: '序号', width: 6, numFmt: XLSX_FORMATS.integer, align: 'center', value: (_d, i) => i + 1 },
        { header: '工单编号', width: 20, value: (d) => d.code },
        { header: '诉求标题', width: 48, value: (d) => d.title },
        { header: '承办单位', width: 24, value: (d) => d.department },
      ],
      report.twiceUnsatisfied,
      '本月无二次不满意工单',
    ),
  区长热线日: (wb, report) => {
    const d = report.dutyDay;
    const rows: DutyRow[] = d
      ? [
          ['值班领导', d.leader],
          ['日期', toDate(d.date), XLSX_FORMATS.date],
          ['疑难诉求类别', d.categories.length ? d.categories.join('、') : null],
          ['疑难件数', d.hardCases, XLSX_FORMATS.count],
        ]
      : [];
    addTable<DutyRow>(
      wb,
      '区长热线日',
      report,
      [
        { header: '项目', width: 16, value: (r) => r[0] },
        { header: '内容', width: 48, align: 'left', rowNumFmt: (r) => r[2], value: (r) => r[1] },
      ],
      rows,
      '本月无区长热线日安排',
    );
  },
};

/** Renders the report as an .xlsx file: the sheets of XLSX_SHEETS, in that order. */
export async function renderMonthlyReportXlsx(report: MonthlyReport, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '民意速办数据中枢 Minyi Hub';
  wb.title = `${REPORT_TITLE}（${monthLabel(report.month)}）`;
  const generated = new Date(report.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  XLSX_SHEETS.forEach((name, i) => {
    WRITERS[name](wb, report);
    options.onProgress?.(i + 1, XLSX_SHEETS.length);
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
