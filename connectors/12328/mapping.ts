import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { normalisePhone } from '../../src/pii/phone';
import { COUNTY } from '../../src/reference/townships';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { lengthWarning, text as textField, unknownFields, Warnings } from '../shared/mapping';
import { townshipCodeInText } from '../shared/region';
import { buildTitle, codePointLength } from '../shared/text';
import { businessDateStart, parseAcceptTime, serialToInstant } from './dates';
import { versionOrder } from './file';
import { COLUMNS, ORDER_ID, columnLabel, readRowText, type Cell, type Column, type Row } from './row';

/**
 * 12328 row (12328.md §4, §5) → canonical record, by the channels README tables ("Request-type
 * mapping", "Other field mapping", "Time-zone rule", "Township table", "Defective records from pull
 * channels"). Pure and total: reads only the raw record (its text and `version`), never throws.
 * Quarantine only when the row cannot be read or its identity is unusable (工单号, the file version);
 * every other defect maps with a warning naming the column, never a value (来电号码 and 来电人 are
 * sensitive, and free text may hold anything).
 */

/** §4 `诉求类别`. */
export const CATEGORIES = ['出租汽车', '网约车', '公交', '道路客运', '货运', '驾培', '路政', '港航', '其他'] as const;
/** §4 `处理状态`. */
export const STATUSES = ['待处理', '处理中', '已办结', '已回访', '已作废'] as const;
/** README "Other field mapping": title = 诉求类别 + `：` + first 20 of 诉求内容. */
export const TITLE_LENGTH = 20;
/** §4 plate rule, applied after normalisation. */
export const PLATE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;
/** Hub columns (src/entities): what does not fit is left out of the hub field (the raw record keeps it). */
const HUB_LIMITS = { address: 500, channelStatus: 32, categoryHint: 200, titlePrefix: 20, name: 50 } as const;
const SPEC = '12328.md §4';

/** §4 plate normalisation: remove `·`, `•`, `.` and spaces, uppercase Latin letters; valid against PLATE. */
export function normalisePlate(raw: string): { plate: string; valid: boolean } {
  const plate = raw.replace(/[·•.\s]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase());
  return { plate, valid: PLATE.test(plate) };
}

/** Native 12328 row → canonical record, or the reason it is quarantined. */
export function map12328(raw: RawRecord): MapResult {
  const hint = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null);
  const version = hint(raw?.version);
  // A whole file failing §3 integrity (file.ts): its reason stands, whoever maps it.
  if (raw?.rejected) return { ok: false, code: raw.rejected.code, message: raw.rejected.message, externalId: hint(raw.externalId), version };
  const read = readRowText(raw?.text);
  if (!read.ok) return { ok: false, code: 'UNPARSEABLE', message: read.message, externalId: read.orderId ?? hint(raw?.externalId), version };
  const row = read.row;

  // Identity (README "Defective records"): 工单号, then the file version.
  const id = cellText(row, '工单号', new Warnings());
  if (id === null || id === '') return { ok: false, code: 'INVALID_EXTERNAL_ID', message: '工单号 is empty', externalId: null, version };
  if (!ORDER_ID.test(id))
    return { ok: false, code: 'INVALID_EXTERNAL_ID', message: `工单号 does not match ${ORDER_ID.source} (${SPEC})`, externalId: null, version };
  const order = versionOrder(raw.version);
  if (order === null) {
    return { ok: false, code: 'INVALID_VERSION', message: 'the file version is missing or not YYYYMMDD_N (12328.md §2)', externalId: id, version: null };
  }

  const w = new Warnings();
  extraColumns(row, w);
  const category = mapCategory(row, w);
  const content = mapContent(row, w);
  const prefix = category !== null && codePointLength(category) <= HUB_LIMITS.titlePrefix ? `${category}：` : '';
  const address = mapAddress(row, w);
  checkPlate(row, w);

  const record: CanonicalRecord = {
    externalId: id,
    version: raw.version as string,
    versionOrder: order,
    requestType: RequestType.COMPLAINT, // README: every 12328 row (the export holds complaints only)
    title: buildTitle(content, TITLE_LENGTH, prefix),
    content,
    citizen: mapCaller(row, w),
    address,
    regionCode: mapRegion(address, w),
    receivedAt: mapAcceptTime(row, id, raw.version as string, w),
    urgency: mapUrgency(row, w),
    categoryHint: category,
    channelStatus: mapStatus(row, w),
    warnings: w.list,
  };
  return { ok: true, record };
}

/**
 * A column's value as text. CSV values are text already; an XLSX cell may be a number (§5: 工单号 and
 * 来电号码 as integers without exponent), or a boolean or error (INVALID_TYPE, no value).
 * Line breaks become LF (the CSV reader does that for quoted fields; an XLSX cell may hold CRLF).
 */
function cellText(row: Row, column: Column, w: Warnings): string | null {
  const cell: Cell = row.cells[row.header.indexOf(column)];
  let value: unknown = cell;
  if (typeof cell === 'number') {
    value = Number.isInteger(cell) ? cell.toLocaleString('en-US', { useGrouping: false }) : String(cell);
  } else if (cell !== null && typeof cell === 'object') {
    w.add(column, 'INVALID_TYPE', `${column} is an Excel error cell; left empty`);
    return null;
  } else if (typeof cell === 'boolean') {
    w.add(column, 'INVALID_TYPE', `${column} is a boolean cell, expected text; left empty`);
    return null;
  }
  const text = textField(value, column, w);
  return text === null ? null : text.replace(/\r\n?/g, '\n');
}

/** A text column that is empty (or only blanks) → null. */
function optional(row: Row, column: Column, w: Warnings): string | null {
  const value = cellText(row, column, w);
  return value === null || value.trim() === '' ? null : value;
}

/** A required column: empty → MISSING (unless its type was already reported). */
function required(row: Row, column: Column, w: Warnings): string | null {
  const before = w.list.length;
  const value = optional(row, column, w);
  if (value === null && w.list.length === before) w.add(column, 'MISSING', `${column} is empty (required, ${SPEC})`);
  return value;
}

/** §3: an unknown extra column is ignored with a warning. */
function extraColumns(row: Row, w: Warnings): void {
  const extra: Record<string, unknown> = Object.create(null); // a column may be named __proto__
  for (const name of row.header) if (!(COLUMNS as readonly string[]).includes(name)) extra[name] = true;
  unknownFields(extra, new Set(), '', '12328.md §4 (ignored, 12328.md §3)', w, columnLabel);
}

/** Category hint = 诉求类别 verbatim (README); unknown values kept with a warning. */
function mapCategory(row: Row, w: Warnings): string | null {
  const category = required(row, '诉求类别', w);
  if (category === null || (CATEGORIES as readonly string[]).includes(category)) return category;
  if (category.length > HUB_LIMITS.categoryHint) {
    w.add('诉求类别', 'TOO_LONG', `诉求类别 is longer than ${HUB_LIMITS.categoryHint} characters; no category hint`);
    return null;
  }
  w.add('诉求类别', 'UNKNOWN_VALUE', `诉求类别 is not one of ${CATEGORIES.join('/')}; kept verbatim`);
  return category;
}

function mapContent(row: Row, w: Warnings): string {
  const content = required(row, '诉求内容', w);
  if (content === null) return '';
  lengthWarning(content, '诉求内容', 1, 2000, w);
  return content;
}

/** README: 来电人 / 来电号码 (normalised by the hub rule; kept raw with a warning when it does not normalise). */
function mapCaller(row: Row, w: Warnings): CanonicalRecord['citizen'] {
  const name = optional(row, '来电人', w);
  if (name !== null && codePointLength(name) > HUB_LIMITS.name) w.add('来电人', 'TOO_LONG', `来电人 is longer than ${HUB_LIMITS.name} characters`);
  let phone = optional(row, '来电号码', w);
  if (phone !== null) {
    const normalised = normalisePhone(phone);
    if (normalised === null) w.add('来电号码', 'INVALID_PHONE', '来电号码 does not normalise to a mobile or landline number (README "Phones"); kept raw');
    else phone = normalised;
  }
  return { name, phone, anonymous: name === null && phone === null };
}

function mapAddress(row: Row, w: Warnings): string | null {
  const address = optional(row, '事发地点', w);
  if (address !== null && address.length > HUB_LIMITS.address) {
    w.add('事发地点', 'TOO_LONG', `事发地点 is longer than the hub field (${HUB_LIMITS.address}); left empty`);
    return null;
  }
  return address;
}

/** README "Township table": the leftmost full township name (with 镇/乡) in 事发地点, else the county. */
function mapRegion(address: string | null, w: Warnings): string {
  const code = address === null ? null : townshipCodeInText(address);
  if (code !== null) return code;
  if (address === null) w.add('事发地点', 'MISSING', `事发地点 is empty; using the county ${COUNTY.code}`);
  else w.add('事发地点', 'UNKNOWN_TOWNSHIP', `事发地点 names no township of 赣县区 with its 镇/乡 suffix; using the county ${COUNTY.code}`);
  return COUNTY.code;
}

/**
 * 受理时间 (§4 text, §5 serial) → instant. It is not an identity field, so a bad value maps with a
 * warning and a stand-in: 00:00 Asia/Shanghai of the creation date in the 工单号 (§4: yyyyMMdd + sequence),
 * or of the file's business date when that is not a date.
 */
function mapAcceptTime(row: Row, id: string, version: string, w: Warnings): Date {
  const cell = row.cells[row.header.indexOf('受理时间')];
  if (typeof cell === 'number') {
    const instant = serialToInstant(cell, row.date1904);
    if (instant) return instant;
    w.add(
      '受理时间',
      'INVALID_DATE',
      '受理时间 is a number that is not an Excel serial date of the years 1000–9999 (12328.md §5); creation date of the 工单号 used',
    );
    return fallbackTime(id, version);
  }
  const before = w.list.length;
  const text = cellText(row, '受理时间', w);
  if (text === null || text.trim() === '') {
    if (w.list.length === before) w.add('受理时间', 'MISSING', `受理时间 is empty (required, ${SPEC}); creation date of the 工单号 used`);
    return fallbackTime(id, version);
  }
  const parsed = parseAcceptTime(text);
  if (parsed.ok) return parsed.instant;
  if (parsed.reason === 'INVALID_FORMAT') w.add('受理时间', 'INVALID_FORMAT', `受理时间 is not yyyy/M/d H:mm (${SPEC}); creation date of the 工单号 used`);
  else w.add('受理时间', 'INVALID_DATE', '受理时间 is not a real date and time (e.g. 2024/2/30); creation date of the 工单号 used');
  return fallbackTime(id, version);
}

function fallbackTime(id: string, version: string): Date {
  return businessDateStart(id.slice(0, 8)) ?? (businessDateStart(version.slice(0, 8)) as Date);
}

/** README: 一般/紧急 → normal/urgent; anything else → normal with a warning. */
function mapUrgency(row: Row, w: Warnings): Urgency {
  const value = required(row, '紧急程度', w);
  if (value === '紧急') return Urgency.URGENT;
  if (value !== null && value !== '一般') w.add('紧急程度', 'UNKNOWN_VALUE', '紧急程度 is not 一般 or 紧急; normal urgency');
  return Urgency.NORMAL;
}

/** Channel status = 处理状态 verbatim (README); unknown values stored verbatim with a warning. */
function mapStatus(row: Row, w: Warnings): string | null {
  const status = required(row, '处理状态', w);
  if (status === null || (STATUSES as readonly string[]).includes(status)) return status;
  if (status.length > HUB_LIMITS.channelStatus) {
    w.add('处理状态', 'TOO_LONG', `处理状态 is longer than the hub field (${HUB_LIMITS.channelStatus}); left empty`);
    return null;
  }
  w.add('处理状态', 'UNKNOWN_VALUE', `处理状态 is not one of ${STATUSES.join('/')}; stored verbatim`);
  return status;
}

/** §4 plate: validated after normalisation; the hub has no plate field, so the row keeps it raw. */
function checkPlate(row: Row, w: Warnings): void {
  const plate = optional(row, '车牌号', w);
  if (plate !== null && !normalisePlate(plate).valid) w.add('车牌号', 'INVALID_PLATE', `车牌号 is not a plate number after normalisation (${SPEC}); kept raw`);
}
