import { parseJson } from '../shared/mapping';
import { storableText } from '../shared/text';
import { parseCsv } from './csv';
import type { XlsxCell } from './xlsx';

/**
 * One 12328 row as the runtime stores it (RawRecord.text), and reading it back. The text is
 * self-contained, so mapping is pure and a quarantined row can be replayed from the stored text:
 * - CSV: the file's header line + CRLF + the row's exact physical text — a valid one-row CSV;
 * - XLSX: a JSON object `{"xlsx":{"sheet","row","date1904"},"header":[…],"cells":[…]}` with the
 *   header and the row's cells as read (xlsx.ts XlsxCell), keys in that order.
 * The file version travels in RawRecord.version (`YYYYMMDD_N`), never in the text.
 */

/** §4 columns, in the current export order. */
export const COLUMNS = ['工单号', '受理时间', '来电号码', '来电人', '诉求类别', '车牌号', '线路', '事发地点', '诉求内容', '紧急程度', '处理状态'] as const;
export type Column = (typeof COLUMNS)[number];
/** §4 `工单号`: ASCII digits only. */
export const ORDER_ID = /^[0-9]{14}$/;

export type Cell = string | XlsxCell;

export interface Row {
  format: 'csv' | 'xlsx';
  /** The header's names, trimmed. */
  header: string[];
  /** The row's values, one per header column (a missing XLSX cell is null). */
  cells: Cell[];
  date1904: boolean;
}

export type RowRead =
  | { ok: true; row: Row }
  /** The row cannot be read; `orderId` is the 工单号 when it could still be found. */
  | { ok: false; message: string; orderId: string | null };

/** A column name from a file, for a message: printable, short, no long digit runs (a header could hold anything). */
export function columnLabel(name: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = storableText(name.length > 32 ? `${name.slice(0, 32)}…` : name).text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.replace(/[0-9\uff10-\uff19]{5,}/g, '#');
}

/** The raw text of an XLSX row (the format above). */
export function xlsxRowText(sheet: string, rowNumber: number, date1904: boolean, header: XlsxCell[], cells: XlsxCell[]): string {
  return JSON.stringify({ xlsx: { sheet, row: rowNumber, date1904 }, header, cells });
}

/** A stored row text → its header and cells; never throws. */
export function readRowText(text: unknown): RowRead {
  if (typeof text !== 'string' || text === '') return { ok: false, message: 'the record text is empty', orderId: null };
  return text.startsWith('{"xlsx":') ? readXlsxRow(text) : readCsvRow(text);
}

function readCsvRow(text: string): RowRead {
  const records = parseCsv(text);
  if (records.length !== 2) {
    return { ok: false, message: `the record is not a header line and one CSV row (${records.length} records)`, orderId: null };
  }
  const [head, row] = records;
  if (head.error) return { ok: false, message: `the header line is not valid CSV (${head.error})`, orderId: null };
  const header = head.fields.map((f) => f.trim());
  const problem = checkHeader(header);
  if (problem) return { ok: false, message: problem, orderId: null };
  const idAt = header.indexOf('工单号');
  const id = row.fields[idAt];
  const orderId = id !== undefined && ORDER_ID.test(id) ? id : null;
  if (row.error) return { ok: false, message: `the row is not valid CSV (${row.error}) (12328.md §3)`, orderId };
  if (row.fields.length !== header.length) {
    return { ok: false, message: `the row has ${row.fields.length} fields, the header ${header.length} (12328.md §3)`, orderId };
  }
  return { ok: true, row: { format: 'csv', header, cells: row.fields, date1904: false } };
}

function readXlsxRow(text: string): RowRead {
  const parsed = parseJson(text);
  const value = parsed.ok ? (parsed.value as Record<string, unknown>) : null;
  const meta = value?.xlsx as Record<string, unknown> | undefined;
  if (
    !value ||
    typeof meta !== 'object' ||
    meta === null ||
    !Array.isArray(value.header) ||
    !Array.isArray(value.cells) ||
    !value.header.every(isCell) ||
    !value.cells.every(isCell)
  ) {
    return { ok: false, message: 'the XLSX row record is not {"xlsx":{…},"header":[…],"cells":[…]}', orderId: null };
  }
  const header = (value.header as XlsxCell[]).map((c) => (c === null ? '' : typeof c === 'object' ? c.error : String(c)).trim());
  const problem = checkHeader(header);
  if (problem) return { ok: false, message: problem, orderId: null };
  const cells = value.cells as XlsxCell[];
  const id = cells[header.indexOf('工单号')];
  const orderId =
    typeof id === 'string' && ORDER_ID.test(id) ? id : typeof id === 'number' && Number.isSafeInteger(id) && ORDER_ID.test(String(id)) ? String(id) : null;
  if (cells.slice(header.length).some((c) => c !== null && c !== '')) {
    return { ok: false, message: `the row has values beyond the header's ${header.length} columns (12328.md §3)`, orderId };
  }
  const padded = header.map((_, i) => cells[i] ?? null);
  return { ok: true, row: { format: 'xlsx', header, cells: padded, date1904: meta.date1904 === true } };
}

function isCell(v: unknown): v is XlsxCell {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'object' && !Array.isArray(v) && typeof (v as { error?: unknown }).error === 'string';
}

/** A header rows can be read against: every §4 column, no name twice (12328.md §3); else the defect. */
export function checkHeader(header: readonly string[]): string | null {
  const names = new Set(header);
  const missing = COLUMNS.filter((c) => !names.has(c));
  const repeated = header.find((name, i) => header.indexOf(name) !== i);
  const problems = [
    ...(missing.length ? [`the header lacks the column(s) ${missing.join(', ')} (12328.md §4)`] : []),
    ...(repeated !== undefined ? [`the header repeats the column name ${columnLabel(repeated)} (12328.md §3)`] : []),
  ];
  return problems.length ? problems.join('; ') : null;
}
