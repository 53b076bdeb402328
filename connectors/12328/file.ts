import iconv from 'iconv-lite';
import type { RawRecord } from '../../src/ingest/canonical';
import { parseCsv } from './csv';
import { businessDateStart } from './dates';
import { COLUMNS, ORDER_ID, checkHeader, columnLabel, xlsxRowText } from './row';
import { readFirstSheet, type XlsxCell } from './xlsx';

/**
 * One delivered file (12328.md §1–§3, §5) → raw records. File-level integrity failures (§3: a §4
 * column missing, a header name repeated, the footer missing / with another field count than the
 * header / counting other than the data rows, bytes that do not decode) give ONE record marked
 * `rejected` (UNPARSEABLE) and nothing else; per-row defects are left to the mapping, which reads each
 * row from its own stored text. A 工单号 twice in a file: the last row wins, with a notice.
 */

/** §1 file name (group 1 business date, 2 re-issue N, 3 extension). */
export const FILE_NAME = /^12328_(\d{8})(?:_([1-9]\d?))?\.(csv|xlsx)$/;
/** The encoding a GBK file is decoded with (a superset of GBK). */
export const ENCODING = 'gb18030';
const FOOTER_LABEL = '合计';
/** How many 工单号 a notice lists before "… and N more". */
export const NOTICE_ID_LIMIT = 20;
const PROGRESS_EVERY = 1000;

export interface DropFileName {
  name: string;
  /** Business date `YYYYMMDD`. */
  date: string;
  /** Re-issue number, 0 for the first file of the date. */
  n: number;
  ext: 'csv' | 'xlsx';
  /** The version of every row of the file: `YYYYMMDD_N`. */
  version: string;
}

/** A §1 file name whose business date is a calendar date → its parts; anything else → null. */
export function parseFileName(name: string): DropFileName | null {
  const m = FILE_NAME.exec(name);
  if (!m || businessDateStart(m[1]) === null) return null;
  const n = m[2] ? Number(m[2]) : 0;
  return { name, date: m[1], n, ext: m[3] as 'csv' | 'xlsx', version: `${m[1]}_${n}` };
}

/** §2 version `YYYYMMDD_N` → its order, Number(YYYYMMDD) × 100 + N; null when it is not one. */
export function versionOrder(version: unknown): number | null {
  if (typeof version !== 'string') return null;
  const m = /^(\d{8})_(0|[1-9]\d?)$/.exec(version);
  if (!m || businessDateStart(m[1]) === null) return null;
  return Number(m[1]) * 100 + Number(m[2]);
}

export type Progress = (rowsDone: number, rowsTotal: number) => void;

export interface ParsedFile {
  file: DropFileName;
  /** The rows (one record each), or the single rejected record of a file failing its integrity checks. */
  records: RawRecord[];
  /** File-level defect (then `records` is the one rejected record). */
  defect: string | null;
  /** Data rows read between header and footer. */
  rows: number;
  /** Rows left out because a later row has the same 工单号. */
  duplicates: number;
  /** The 工单号 of the rows landed (readable ones), in file order. */
  orderIds: string[];
  /** For operators: duplicates, extra columns, blank lines. */
  notices: string[];
}

/** A row between header and footer, with its 工单号 when it is readable. */
interface DataRow {
  raw: RawRecord;
  orderId: string | null;
  where: string;
}

/** Parses one file's bytes. Linear in the file size; `onProgress` is called every 1000 rows and at the end. */
export async function parseDropFile(file: DropFileName, bytes: Buffer, onProgress?: Progress): Promise<ParsedFile> {
  const read = file.ext === 'csv' ? readCsvFile(file, bytes) : await readXlsxFile(file, bytes);
  if ('defect' in read) return rejectedFile(file, read.defect, bytes, read.rows);

  // §2: a 工单号 occurs at most once; if twice, the last row wins (and operators are told).
  const lastAt = new Map<string, number>();
  read.rows.forEach((row, i) => row.orderId !== null && lastAt.set(row.orderId, i));
  const records: RawRecord[] = [];
  const orderIds: string[] = [];
  const dropped: string[] = [];
  const total = read.rows.length;
  for (let i = 0; i < total; i++) {
    const row = read.rows[i];
    if (row.orderId !== null && lastAt.get(row.orderId) !== i) dropped.push(`${row.orderId} (${row.where})`);
    else {
      records.push(row.raw);
      if (row.orderId !== null) orderIds.push(row.orderId);
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }
  onProgress?.(total, total);

  const notices = [...read.notices];
  if (dropped.length) {
    notices.push(
      `${file.name}: ${dropped.length} row(s) left out because a later row has the same 工单号, the last row wins (12328.md §2): ${listIds(dropped)} / ` +
        '同一工单号出现多次，以最后一行为准',
    );
  }
  return { file, records, defect: null, rows: total, duplicates: dropped.length, orderIds, notices };
}

/** `a, b, c … and N more`. */
export function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, NOTICE_ID_LIMIT).join(', ');
  return ids.length > NOTICE_ID_LIMIT ? `${shown} … and ${ids.length - NOTICE_ID_LIMIT} more` : shown;
}

type FileRead = { rows: DataRow[]; notices: string[] } | { defect: string; rows: number };

/**
 * The file failing §3 integrity: one record, `rejected`, whose text is the file's exact bytes as a
 * base64 `data:` URL (`data:text/csv;charset=GB18030;base64,…` or the XLSX media type). Not the decoded
 * text: the bytes are the evidence (undecodable bytes, a BOM), and a cut CSV file can look like a
 * one-row CSV that would map if replayed without its `rejected` mark; a data: URL never maps.
 */
function rejectedFile(file: DropFileName, defect: string, bytes: Buffer, rows: number): ParsedFile {
  const message = `${file.name}: ${defect}; the whole file is quarantined, nothing imported (12328.md §3) / 文件完整性校验失败，整个文件隔离`;
  const text = `data:${file.ext === 'csv' ? CSV_MIME : XLSX_MIME};base64,${bytes.toString('base64')}`;
  return {
    file,
    records: [{ text, externalId: file.name, version: file.version, rejected: { code: 'UNPARSEABLE', message } }],
    defect,
    rows,
    duplicates: 0,
    orderIds: [],
    notices: [message],
  };
}

const CSV_MIME = 'text/csv;charset=GB18030';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ── CSV (§3) ────────────────────────────────────────────────────────────────────────────────────

/**
 * Undecodable bytes: iconv-lite puts U+FFFD for a byte sequence GB18030 does not define. GBK has no
 * code for U+FFFD itself, so a U+FFFD in the decoded text of a GBK export can only come from such
 * bytes: one is enough to reject the file.
 */
function readCsvFile(file: DropFileName, bytes: Buffer): FileRead {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) {
    return { defect: 'the file starts with a UTF-8 byte-order mark; the export is GBK without BOM', rows: 0 };
  }
  const text = iconv.decode(bytes, ENCODING);
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) {
    const line = countLines(text, bad);
    return { defect: `bytes at line ${line} do not decode as GBK`, rows: 0 };
  }
  const all = parseCsv(text);
  const records = all.filter((r) => r.text.trim() !== '');
  const notices: string[] = [];
  if (records.length < all.length) notices.push(`${file.name}: ${all.length - records.length} blank line(s) skipped / 已跳过空行`);
  const reject = (defect: string, rows = 0): FileRead => ({ defect, rows });

  const head = records[0];
  if (!head) return reject('the file is empty (no header row)');
  if (head.error) return reject(`the header row is not valid CSV (${head.error})`);
  const header = head.fields.map((f) => f.trim());
  const headerDefect = checkHeader(header);
  if (headerDefect) return reject(headerDefect);

  const footer = records.length > 1 ? records[records.length - 1] : null;
  const data = records.slice(1, footer ? -1 : undefined);
  const footerDefect = checkFooter(footer && !footer.error ? footer.fields : null, header.length, data.length, footer?.error);
  if (footerDefect) return reject(footerDefect, data.length);

  notices.push(...extraColumns(file, header));
  const idAt = header.indexOf('工单号');
  const rows = data.map((r): DataRow => {
    const field = r.fields[idAt];
    const id = field !== undefined && ORDER_ID.test(field) ? field : null; // a hint even for a broken row
    const raw: RawRecord = { text: `${head.text}\r\n${r.text}`, externalId: id, version: file.version };
    // The 工单号 counts for "last row wins" only in a row that reads as a row.
    return { raw, orderId: !r.error && r.fields.length === header.length ? id : null, where: `line ${r.line}` };
  });
  return { rows, notices };
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ── XLSX (§5) ───────────────────────────────────────────────────────────────────────────────────

async function readXlsxFile(file: DropFileName, bytes: Buffer): Promise<FileRead> {
  let sheet;
  try {
    sheet = await readFirstSheet(bytes);
  } catch {
    return { defect: 'the file is not a readable XLSX workbook', rows: 0 };
  }
  const [head, ...rest] = sheet.rows;
  if (!head) return { defect: 'the first worksheet is empty (no header row)', rows: 0 };
  const headerCells = trimTrailingEmpty(head.cells);
  const header = headerCells.map((c) => cellString(c).trim());
  const headerDefect = checkHeader(header);
  if (headerDefect) return { defect: headerDefect, rows: 0 };

  const footer = rest.length ? rest[rest.length - 1] : null;
  const data = rest.slice(0, -1);
  // A missing cell is an empty value, so the footer has the header's field count unless it has values beyond it.
  const footerFields = footer && padTo(trimTrailingEmpty(footer.cells).map(cellString), header.length);
  const footerDefect = checkFooter(footerFields, header.length, data.length);
  if (footerDefect) return { defect: footerDefect, rows: data.length };

  const notices = extraColumns(file, header);
  const idAt = header.indexOf('工单号');
  const rows = data.map((r): DataRow => {
    const rawText = xlsxRowText(sheet.name, r.number, sheet.date1904, headerCells, r.cells);
    const id = idText(r.cells[idAt] ?? null);
    const fits = !r.cells.slice(header.length).some((c) => c !== null && c !== '');
    const orderId = id !== null && ORDER_ID.test(id) ? id : null;
    return { raw: { text: rawText, externalId: orderId, version: file.version }, orderId: fits ? orderId : null, where: `row ${r.number}` };
  });
  return { rows, notices };
}

/** §5: a numeric 工单号 cell is formatted as an integer without exponent or decimals. */
function idText(cell: XlsxCell): string | null {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) return String(cell);
  return null;
}

function cellString(cell: XlsxCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.error;
  return String(cell);
}

const padTo = (fields: string[], n: number) => (fields.length >= n ? fields : [...fields, ...Array<string>(n - fields.length).fill('')]);

function trimTrailingEmpty(cells: XlsxCell[]): XlsxCell[] {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] === null || cells[n - 1] === '')) n--;
  return cells.slice(0, n);
}

// ── shared checks ───────────────────────────────────────────────────────────────────────────────

/** §3 footer: the last record, first field 合计, the header's field count, N = the data rows. */
function checkFooter(fields: string[] | null, headerLength: number, dataRows: number, error?: string): string | null {
  if (fields === null) return `the footer row is missing${error ? ` (${error})` : ''}`;
  if (fields[0].trim() !== FOOTER_LABEL) return 'the footer row is missing (the last row does not start with 合计)';
  if (fields.length !== headerLength) return `the footer row has ${fields.length} fields, the header ${headerLength}`;
  const count = fields[1].trim();
  if (!/^[0-9]{1,9}$/.test(count)) return 'the footer row does not give the number of data rows';
  if (Number(count) !== dataRows) return `the footer counts ${Number(count)} data rows, the file has ${dataRows} (truncated or corrupt)`;
  return null;
}

/** §3: an unknown extra column is ignored; operators are told once per file (each row's mapping warns too). */
function extraColumns(file: DropFileName, header: string[]): string[] {
  const extra = header.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (!extra.length) return [];
  return [`${file.name}: unknown extra column(s) ignored: ${extra.slice(0, 10).map(columnLabel).join(', ')} (12328.md §3) / 未知列已忽略`];
}
