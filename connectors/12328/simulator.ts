import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { shanghaiDateStamp } from '../../src/common/time';
import { businessDateStart, instantToSerial, parseAcceptTime } from './dates';
import { COLUMNS, type Column } from './row';

/**
 * A local 12328 exporter writing 12328.md files byte for byte into a directory (channels README
 * "Simulator profile": a local directory instead of SFTP, a settable clock, switchable faults):
 * - CSV (§3): GBK (characters outside GBK become `?`), CRLF, `诉求内容` always quoted, other fields
 *   quoted only when they hold `,` `"` CR or LF, embedded line breaks CRLF (or LF), footer `合计,N,,,,,,,,,`;
 * - XLSX (§5): first sheet `Sheet1`, `受理时间` as an Excel serial with format `yyyy/m/d h:mm`
 *   (optionally the 1904 date system, text dates, numeric 工单号/来电号码 cells);
 * - a file holds the current values of the orders created or changed on its business date (§2);
 *   re-issues `_N`, empty days, files still being written (recent mtime), and the §3 faults.
 * Files get the simulator clock as their mtime. Nothing is printed (rows hold personal data).
 */

export type Row12328 = Record<Column, string>;

/** Default clock: 2024-03-02 08:00 Asia/Shanghai, when the first §6 sample file has been uploaded. */
export const DEFAULT_CLOCK = new Date('2024-03-02T08:00:00+08:00');
const CRLF = '\r\n';

/** The §6 sample orders as first exported (20240301000031 is 处理中 on 3/1; 20240302000008 appears on 3/2). */
export const SAMPLE_ORDERS: readonly Row12328[] = [
  {
    工单号: '20240301000015',
    受理时间: '2024/3/1 8:05',
    来电号码: '13767012345',
    来电人: '王先生',
    诉求类别: '出租汽车',
    车牌号: '赣B·T1234',
    线路: '',
    事发地点: '赣县区梅林镇赣县汽车站门口',
    诉求内容: '从汽车站打车到王母渡镇，司机不打表，要价120元，还说"跑乡下都是这个价"，要求退还多收车费。',
    紧急程度: '一般',
    处理状态: '待处理',
  },
  {
    工单号: '20240301000027',
    受理时间: '2024/3/1 14:37',
    来电号码: '0797-4456789',
    来电人: '李女士',
    诉求类别: '公交',
    车牌号: '赣BD23456',
    线路: '赣县3路',
    事发地点: '赣县区储潭镇储潭圩公交站',
    诉求内容: '3路公交车下午2点半左右到储潭圩站没有停靠，直接开走，车上还有空位。\n等了40分钟才来下一班，希望加强管理。',
    紧急程度: '一般',
    处理状态: '待处理',
  },
  {
    工单号: '20240301000031',
    受理时间: '2024/3/1 16:52',
    来电号码: '',
    来电人: '',
    诉求类别: '驾培',
    车牌号: '赣B5678学',
    线路: '',
    事发地点: '赣县区茅店镇,通达驾校训练场',
    诉求内容: '教练收取"考前加练费"800元，不交就不给约考。',
    紧急程度: '紧急',
    处理状态: '处理中',
  },
  {
    工单号: '20240302000008',
    受理时间: '2024/3/2 9:12',
    来电号码: '18970765432',
    来电人: '陈国平',
    诉求类别: '道路客运',
    车牌号: '赣B·52871',
    线路: '赣县—南康',
    事发地点: '赣县区江口镇江口客运站',
    诉求内容: '江口到南康的班车超员，核载19人实际坐了26人，过道放了小板凳。',
    紧急程度: '紧急',
    处理状态: '待处理',
  },
];

/** Switchable faults of one file (§3 integrity and per-row defects). */
export type Fault =
  /** The upload stopped in the middle of the last data row: the footer is lost. */
  | { kind: 'truncated' }
  /** The footer states another number of data rows. */
  | { kind: 'footerCount'; count: number }
  | { kind: 'footerMissing' }
  /** The footer has this many fields instead of the header's. */
  | { kind: 'footerFields'; fields: number }
  | { kind: 'missingColumn'; column: Column }
  /** A header name twice (a second 车牌号 column at the end). */
  | { kind: 'repeatedHeader' }
  /** A byte that is not GBK (0xFF) inside the first data row (XLSX: the zip is corrupted). */
  | { kind: 'undecodable' }
  /** The first order also appears earlier in the file with an older status (the last row wins). */
  | { kind: 'duplicateId' }
  /** One more row with a field missing (XLSX: a value beyond the last column); counted in the footer. */
  | { kind: 'badFieldCount' }
  /** One more row whose 工单号 is not 14 digits; counted in the footer. */
  | { kind: 'badOrderId' }
  | { kind: 'extraColumn'; name: string };

export interface WriteOptions {
  /** Re-issue number (§1 `_N`), default 0. */
  n?: number;
  format?: 'csv' | 'xlsx';
  /** Only these orders (a re-issue that leaves some out). */
  only?: readonly string[];
  /** Column order (matched by name: §3). */
  columns?: readonly Column[];
  /** CSV: line breaks inside quoted fields (default CRLF). */
  embeddedLineBreak?: 'CRLF' | 'LF';
  /** XLSX: 1904 date system. */
  date1904?: boolean;
  /** XLSX: 受理时间 as text cells in the CSV format. */
  textDates?: boolean;
  /** XLSX: 工单号 and 来电号码 as numeric cells. */
  numericCells?: boolean;
  /** XLSX: a second worksheet (ignored by readers: §5 first sheet only). */
  secondSheet?: boolean;
  /** Another file name (e.g. one that breaks the §1 rule). */
  name?: string;
  /** mtime (default: the clock); a recent mtime = a file still being written. */
  mtime?: Date;
  faults?: readonly Fault[];
}

export interface WrittenFile {
  name: string;
  path: string;
  bytes: Buffer;
  /** Data rows written (what a correct footer counts). */
  rows: number;
}

export class Simulator12328 {
  private clockMs: number;
  private readonly orders = new Map<string, Row12328>();
  /** Business date → 工单号 created or changed that day (§2). */
  private readonly touched = new Map<string, Set<string>>();

  constructor(
    readonly dir: string,
    options: { clock?: Date | number } = {},
  ) {
    const clock = options.clock ?? DEFAULT_CLOCK;
    this.clockMs = clock instanceof Date ? clock.getTime() : clock;
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────────
  now(): Date {
    return new Date(this.clockMs);
  }

  setClock(at: Date | number): void {
    this.clockMs = at instanceof Date ? at.getTime() : at;
  }

  advance(ms: number): void {
    this.clockMs += ms;
  }

  // ── orders ─────────────────────────────────────────────────────────────────────────────────────
  /** Adds (or replaces) an order, created or changed on `day` (default: the clock's Asia/Shanghai date). */
  addOrder(row: Partial<Row12328> & { 工单号: string }, day?: string): Row12328 {
    const full = { ...Object.fromEntries(COLUMNS.map((c) => [c, ''])), ...row } as Row12328;
    this.orders.set(full.工单号, full);
    this.touch(full.工单号, day);
    return { ...full };
  }

  updateOrder(id: string, patch: Partial<Row12328>, day?: string): Row12328 {
    const current = this.orders.get(id);
    if (!current) throw new Error('simulator: no such order');
    return this.addOrder({ ...current, ...patch, 工单号: id }, day);
  }

  setStatus(id: string, status: string, day?: string): Row12328 {
    return this.updateOrder(id, { 处理状态: status }, day);
  }

  getOrder(id: string): Row12328 | undefined {
    const row = this.orders.get(id);
    return row && { ...row };
  }

  /** The §6 sample orders as of the end of 2024-03-01 (three orders touched that day). */
  seedSamples(): void {
    for (const row of SAMPLE_ORDERS.slice(0, 3)) this.addOrder(row, '20240301');
  }

  /** §6 story: the 20240301 file, then 20240301000015 → 已办结 and 20240302000008 new, the 20240302 file. */
  async writeSampleFiles(options: Omit<WriteOptions, 'n' | 'name'> = {}): Promise<[WrittenFile, WrittenFile]> {
    this.setClock(new Date('2024-03-02T08:00:00+08:00'));
    this.seedSamples();
    const first = await this.writeDay('20240301', options);
    this.setClock(new Date('2024-03-03T08:00:00+08:00'));
    this.setStatus('20240301000015', '已办结', '20240302');
    this.addOrder(SAMPLE_ORDERS[3], '20240302');
    return [first, await this.writeDay('20240302', options)];
  }

  /** Current rows of the orders touched on `day`, by 工单号. */
  rowsOf(day: string): Row12328[] {
    return [...(this.touched.get(day) ?? [])].sort().map((id) => ({ ...this.orders.get(id)! }));
  }

  // ── files ──────────────────────────────────────────────────────────────────────────────────────
  /** Writes the file of `businessDate` (YYYYMMDD) into the directory. */
  async writeDay(businessDate: string, options: WriteOptions = {}): Promise<WrittenFile> {
    if (!businessDateStart(businessDate)) throw new Error('simulator: business date must be YYYYMMDD');
    const format = options.format ?? 'csv';
    const name = options.name ?? `12328_${businessDate}${options.n ? `_${options.n}` : ''}.${format}`;
    const rows = this.rowsOf(businessDate).filter((r) => !options.only || options.only.includes(r.工单号));
    const faults = options.faults ?? [];
    const has = <K extends Fault['kind']>(kind: K) => faults.find((f) => f.kind === kind) as Extract<Fault, { kind: K }> | undefined;

    let header: string[] = [...(options.columns ?? COLUMNS)];
    const missing = has('missingColumn');
    if (missing) header = header.filter((c) => c !== missing.column);
    const extra = has('extraColumn');
    let cells = rows.map((r) => header.map((c) => r[c as Column]));
    if (extra) {
      header = [...header, extra.name];
      cells = cells.map((row) => [...row, 'x']);
    }
    if (has('repeatedHeader')) {
      header = [...header, '车牌号'];
      cells = cells.map((row) => [...row, '']);
    }
    if (has('duplicateId') && rows.length) {
      cells = [header.map((c) => (c === '处理状态' ? '待处理' : c === '诉求内容' ? '（旧行）' : (rows[0][c as Column] ?? ''))), ...cells];
    }
    if (has('badFieldCount')) {
      const id = `${businessDate}999998`;
      cells.push(format === 'csv' ? [id, ...header.slice(2).map(() => '一般')] : [id, ...header.slice(1).map(() => '一般'), '多余']);
    }
    if (has('badOrderId')) cells.push(header.map((c) => (c === '工单号' ? 'ABC' : c === '诉求内容' ? '工单号无效' : '')));
    const dataRows = cells.length;

    const footerCount = has('footerCount')?.count ?? dataRows;
    const footerFields = has('footerFields')?.fields ?? header.length;
    const footer = has('footerMissing') ? null : ['合计', String(footerCount), ...Array<string>(Math.max(0, footerFields - 2)).fill('')];

    let bytes = format === 'csv' ? this.csvBytes(header, cells, footer, options) : await this.xlsxBytes(header, cells, footer, options);
    if (has('undecodable')) bytes = format === 'csv' ? corruptCsv(bytes) : bytes.subarray(0, Math.floor(bytes.length / 2));
    if (has('truncated')) bytes = format === 'csv' ? cutBeforeLastRowEnd(bytes, footer !== null) : bytes.subarray(0, bytes.length - 100);

    return this.writeRaw(name, bytes, options.mtime, dataRows);
  }

  /** Writes any bytes under any name (an unmatched name, a hand-made file); mtime default: the clock. */
  async writeRaw(name: string, content: Buffer | string, mtime?: Date, rows = 0): Promise<WrittenFile> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, name);
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    await writeFile(path, bytes);
    const at = mtime ?? this.now();
    await utimes(path, at, at);
    return { name, path, bytes, rows };
  }

  private touch(id: string, day?: string): void {
    const date = day ?? shanghaiDateStamp(this.now());
    if (!this.touched.has(date)) this.touched.set(date, new Set());
    this.touched.get(date)!.add(id);
  }

  /** §3 CSV bytes. */
  private csvBytes(header: string[], rows: string[][], footer: string[] | null, options: WriteOptions): Buffer {
    const lineBreak = options.embeddedLineBreak === 'LF' ? '\n' : CRLF;
    const field = (value: string, column: string) => {
      if (column !== '诉求内容' && !/[,"\r\n]/.test(value)) return value;
      return `"${value.replace(/\r\n|\r|\n/g, lineBreak).replace(/"/g, '""')}"`;
    };
    const lines = [header.map((c) => field(c, '')), ...rows.map((r) => r.map((v, i) => field(v, header[i])))];
    if (footer) lines.push(footer);
    return iconv.encode(lines.map((l) => l.join(',')).join(CRLF) + CRLF, 'gbk');
  }

  /** §5 XLSX bytes. */
  private async xlsxBytes(header: string[], rows: string[][], footer: string[] | null, options: WriteOptions): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    if (options.date1904) workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(header);
    for (const row of rows) {
      const values = row.map((v, i) => xlsxValue(v, header[i], options));
      const added = sheet.addRow(values);
      const at = header.indexOf('受理时间');
      if (at >= 0 && typeof values[at] === 'number') added.getCell(at + 1).numFmt = 'yyyy/m/d h:mm';
    }
    if (footer) sheet.addRow(footer.map((v, i) => (i === 0 ? v : i === 1 ? Number(v) : i >= header.length ? 'x' : null)));
    if (options.secondSheet) workbook.addWorksheet('Sheet2').addRow(['工单号', '说明']);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/** One XLSX cell as the §5 exporter writes it. */
function xlsxValue(value: string, column: string, options: WriteOptions): string | number | null {
  if (value === '') return null;
  if (column === '受理时间' && !options.textDates) {
    const parsed = parseAcceptTime(value);
    return parsed.ok ? instantToSerial(parsed.instant, options.date1904 ?? false) : value;
  }
  if (options.numericCells && (column === '工单号' || column === '来电号码') && /^[0-9]{1,15}$/.test(value)) return Number(value);
  return value.replace(/\r\n?/g, '\n');
}

/** A byte 0xFF (never valid in GBK) inside the first data row. */
function corruptCsv(bytes: Buffer): Buffer {
  const at = bytes.indexOf('\r\n') + 2 + 3;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
}

/** Cut in the middle of the last data row (the footer goes with it). */
function cutBeforeLastRowEnd(bytes: Buffer, hasFooter: boolean): Buffer {
  let end = bytes.length - 2; // before the final CRLF
  if (hasFooter) end = bytes.lastIndexOf('\r\n', end - 1); // before the footer line
  const rowStart = bytes.lastIndexOf('\r\n', end - 1) + 2;
  return bytes.subarray(0, rowStart + Math.max(1, Math.floor((end - rowStart) / 2)));
}
