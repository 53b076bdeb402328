import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { isValidIdNumber, normalisePhone } from '../../src/pii/phone';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { townshipCodeByName } from '../shared/region';
import { buildTitle, codePointLength, storableText } from '../shared/text';
import { isObject, lengthWarning, parseJson, typeName, unknownFields, Warnings, type Json } from '../shared/mapping';

/**
 * 12333 ticket (12333.md §4.1) → canonical record, by the channels README tables ("Request-type mapping",
 * "Other field mapping", "Time-zone rule", "Township table", "Defective records from pull channels").
 * Pure and total: any input gives a MapResult, never a throw. Quarantine only for an unusable identity
 * (ticket_id, modified_ms); every other defect maps with a warning naming the field and never a personal value.
 */

/** §4.1 ticket_id. ASCII digits only: full-width digits are not digits here. */
export const TICKET_ID = /^[0-9]{12,20}$/;
/** README "Request-type mapping", 12333 column. */
export const APPEAL_TYPES: Readonly<Record<number, RequestType>> = {
  1: RequestType.CONSULTATION,
  2: RequestType.HELP,
  3: RequestType.COMPLAINT,
  4: RequestType.REPORT,
  5: RequestType.SUGGESTION,
  6: RequestType.PRAISE,
  9: RequestType.OTHER,
};
/** §4.1 biz_type, exact strings; others are kept verbatim as the category hint with a warning. */
export const BIZ_TYPES = ['社保', '就业', '劳动关系', '欠薪', '工伤', '养老', '医保'] as const;
/** §4.1 state: 0 新建, 1 处理中, 2 已办结, 9 已撤销. */
export const STATES = [0, 1, 2, 9] as const;
/** README "Other field mapping": title = biz_type + first 20 of description. */
export const TITLE_LENGTH = 20;
/** README "Township table": the county when `town` does not resolve. */
export const COUNTY_CODE = '360704';

const ID_CARD = /^[0-9]{17}[0-9X]$/;
/** Plausible epoch ms: after 2000-01-01 and before 10000-01-01 (anything else is not a time of this system). */
const MIN_EPOCH_MS = 946_684_800_000;
const MAX_EPOCH_MS = 253_402_300_799_999;
/** Hub columns (src/entities): what does not fit is left out of the hub field (the raw record keeps it). */
const HUB_LIMITS = { address: 500, channelStatus: 32, categoryHint: 200, titlePrefix: 20 } as const;

const KNOWN_FIELDS = new Set([
  'ticket_id',
  'created_ms',
  'modified_ms',
  'caller_name',
  'caller_phone',
  'caller_id_no',
  'appeal_type',
  'biz_type',
  'employer_name',
  'workers_involved',
  'arrears_amount_fen',
  'description',
  'town',
  'address',
  'is_urgent',
  'state',
]);
/** §1: nullable fields are always present (never absent). */
const NULLABLE_FIELDS = ['caller_id_no', 'employer_name', 'workers_involved', 'arrears_amount_fen', 'address'] as const;

const has = (o: Json, k: string) => Object.hasOwn(o, k);
/** Small integers (enum codes) are quoted in a warning; nothing else is. */
const quoteIfCode = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1000 ? ` (${v})` : '');
/** Field names come from the record too: keep them short and printable in messages. */
const fieldLabel = (name: string) => {
  // eslint-disable-next-line no-control-regex
  const flat = storableText(name.length > 64 ? `${name.slice(0, 64)}…` : name).text.replace(/[\u0000-\u001f\u007f]/g, '?');
  // A key could itself be a phone or ID number: long digit runs are never repeated.
  return flat.replace(/[0-9\uff10-\uff19]{5,}/g, '#');
};
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_EPOCH_MS && v <= MAX_EPOCH_MS;

/** A string field: absent → MISSING (when required), wrong type → null + INVALID_TYPE; text made storable. */
function text(o: Json, field: string, w: Warnings, options: { nullable?: boolean } = {}): string | null {
  const value = o[field];
  if (value === undefined) {
    w.add(field, 'MISSING', `${field} is missing (12333.md §4.1: always present)`);
    return null;
  }
  if (value === null) {
    if (!options.nullable) w.add(field, 'INVALID_TYPE', `${field} is null, expected a string; left empty`);
    return null;
  }
  if (typeof value !== 'string') {
    w.add(field, 'INVALID_TYPE', `${field} is ${typeName(value)}, expected a string; left empty`);
    return null;
  }
  const { text: fixed, changed } = storableText(value);
  if (changed) w.add(field, 'INVALID_UNICODE', `${field} has unpaired surrogates or NUL characters; replaced with U+FFFD`);
  return fixed;
}

/** Native 12333 ticket → canonical record, or the reason it is quarantined. */
export function mapTicket(raw: RawRecord): MapResult {
  const source = raw !== null && typeof raw === 'object' ? raw.text : undefined;
  const parsed = typeof source === 'string' ? parseJson(source) : { ok: false as const };
  const hint = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null);
  if (!parsed.ok) {
    return { ok: false, code: 'UNPARSEABLE', message: 'record is not valid JSON', externalId: hint(raw?.externalId), version: hint(raw?.version) };
  }
  if (!isObject(parsed.value)) {
    return { ok: false, code: 'UNPARSEABLE', message: `record is a JSON ${typeName(parsed.value)}, not an object`, externalId: null, version: null };
  }
  return mapTicketObject(parsed.value);
}

/** The same, for an already parsed ticket (the simulator and tests use it). */
export function mapTicketObject(t: Json): MapResult {
  const rawVersion = isEpochMs(t.modified_ms) ? String(t.modified_ms) : null;

  // Identity (README "Defective records"): ticket_id, then modified_ms.
  const ticketId = t.ticket_id;
  if (ticketId === undefined || ticketId === null) {
    return { ok: false, code: 'INVALID_EXTERNAL_ID', message: 'ticket_id is missing', externalId: null, version: rawVersion };
  }
  if (typeof ticketId !== 'string') {
    return {
      ok: false,
      code: 'INVALID_EXTERNAL_ID',
      message: `ticket_id is ${typeName(ticketId)}, expected a string of digits`,
      externalId: null,
      version: rawVersion,
    };
  }
  if (!TICKET_ID.test(ticketId)) {
    return { ok: false, code: 'INVALID_EXTERNAL_ID', message: `ticket_id does not match ${TICKET_ID.source}`, externalId: null, version: rawVersion };
  }
  const modified = t.modified_ms;
  if (modified === undefined || modified === null) {
    return { ok: false, code: 'INVALID_VERSION', message: 'modified_ms is missing', externalId: ticketId, version: null };
  }
  if (typeof modified !== 'number') {
    return {
      ok: false,
      code: 'INVALID_VERSION',
      message: `modified_ms is ${typeName(modified)}, expected epoch milliseconds (a JSON number)`,
      externalId: ticketId,
      version: null,
    };
  }
  if (!isEpochMs(modified)) {
    return {
      ok: false,
      code: 'INVALID_VERSION',
      message: 'modified_ms is not a whole number of epoch milliseconds between 2000 and 9999',
      externalId: ticketId,
      version: null,
    };
  }

  const w = new Warnings();
  unknownFields(t, KNOWN_FIELDS, '', '12333.md §4.1', w, fieldLabel);
  for (const field of NULLABLE_FIELDS) {
    if (!has(t, field)) w.add(field, 'MISSING', `${field} is absent (12333.md §1: nullable fields are always present); read as null`);
  }

  const receivedAt = mapCreated(t.created_ms, modified, w);
  const requestType = mapAppealType(t.appeal_type, w);
  const categoryHint = mapBizType(t, w);

  const descriptionText = text(t, 'description', w);
  const content = descriptionText ?? '';
  if (descriptionText !== null) lengthWarning(descriptionText, 'description', 1, 2000, w);
  const prefix = categoryHint !== null && codePointLength(categoryHint) <= HUB_LIMITS.titlePrefix ? categoryHint : '';

  const citizen = mapCaller(t, w);
  const address = mapAddress(t, w);
  const regionCode = mapTown(t, w);
  const urgency = mapUrgent(t.is_urgent, w);
  const channelStatus = mapState(t.state, w);
  checkEmployer(t, w);

  const record: CanonicalRecord = {
    externalId: ticketId,
    version: String(modified),
    versionOrder: modified,
    requestType,
    title: buildTitle(content, TITLE_LENGTH, prefix),
    content,
    citizen,
    address,
    regionCode,
    receivedAt,
    urgency,
    categoryHint,
    channelStatus,
    warnings: w.list,
  };
  return { ok: true, record };
}

/** created_ms (epoch ms, an instant: README "Time-zone rule"); when unusable, modified_ms stands in. */
function mapCreated(value: unknown, modified: number, w: Warnings): Date {
  if (isEpochMs(value)) {
    if (value > modified)
      w.add('created_ms', 'AFTER_MODIFIED', 'created_ms is later than modified_ms (12333.md §4.1 requires modified_ms >= created_ms); kept');
    return new Date(value);
  }
  if (value === undefined || value === null) w.add('created_ms', 'MISSING', 'created_ms is missing; modified_ms used as the received time');
  else if (typeof value !== 'number')
    w.add('created_ms', 'INVALID_TYPE', `created_ms is ${typeName(value)}, expected epoch milliseconds; modified_ms used as the received time`);
  else
    w.add('created_ms', 'INVALID_DATE', 'created_ms is not a whole number of epoch milliseconds between 2000 and 9999; modified_ms used as the received time');
  return new Date(modified);
}

function mapAppealType(value: unknown, w: Warnings): RequestType {
  if (typeof value === 'number' && Object.hasOwn(APPEAL_TYPES, value)) return APPEAL_TYPES[value];
  if (value === undefined || value === null) w.add('appeal_type', 'MISSING', 'appeal_type is missing; mapped to OTHER');
  else if (typeof value !== 'number') w.add('appeal_type', 'INVALID_TYPE', `appeal_type is ${typeName(value)}, expected 1/2/3/4/5/6/9; mapped to OTHER`);
  else w.add('appeal_type', 'UNKNOWN_VALUE', `appeal_type${quoteIfCode(value)} is not 1/2/3/4/5/6/9; mapped to OTHER`);
  return RequestType.OTHER;
}

/** Category hint = biz_type verbatim (README); unknown values kept with a warning. */
function mapBizType(t: Json, w: Warnings): string | null {
  const biz = text(t, 'biz_type', w);
  if (biz === null) return null;
  if ((BIZ_TYPES as readonly string[]).includes(biz)) return biz;
  if (biz.trim() === '') {
    w.add('biz_type', 'MISSING', 'biz_type is empty; no category hint');
    return null;
  }
  if (codePointLength(biz) > HUB_LIMITS.categoryHint || biz.length > HUB_LIMITS.categoryHint) {
    w.add('biz_type', 'TOO_LONG', `biz_type is longer than ${HUB_LIMITS.categoryHint} characters; no category hint`);
    return null;
  }
  w.add('biz_type', 'UNKNOWN_VALUE', `biz_type is not one of ${BIZ_TYPES.join('/')}; kept verbatim`);
  return biz;
}

function mapCaller(t: Json, w: Warnings): CanonicalRecord['citizen'] {
  let name = text(t, 'caller_name', w);
  if (name !== null) {
    lengthWarning(name, 'caller_name', 0, 50, w);
    if (name.trim() === '') name = null; // "" when the caller declined
  }

  let phone = text(t, 'caller_phone', w);
  if (phone !== null) {
    if (phone.trim() === '')
      phone = null; // "" when the number was withheld
    else {
      const normalised = normalisePhone(phone);
      if (normalised === null) {
        w.add('caller_phone', 'INVALID_PHONE', 'caller_phone does not normalise to a mobile or landline number (12333.md §4.2); kept raw');
        if (phone.length > 64) w.add('caller_phone', 'TOO_LONG', `caller_phone is longer than 64 characters (${phone.length})`);
      } else phone = normalised;
    }
  }

  let idNumber = text(t, 'caller_id_no', w, { nullable: true });
  if (idNumber !== null) {
    if (idNumber === '') idNumber = null;
    else if (!ID_CARD.test(idNumber))
      w.add('caller_id_no', 'INVALID_FORMAT', 'caller_id_no is not an 18-character resident ID (^\\d{17}[\\dX]$); kept as sent');
    else if (!isValidIdNumber(idNumber)) w.add('caller_id_no', 'INVALID_CHECK_DIGIT', 'caller_id_no fails the GB 11643 check digit; kept as sent');
  }
  return { name, phone, idNumber, anonymous: name === null && phone === null };
}

function mapAddress(t: Json, w: Warnings): string | null {
  const address = text(t, 'address', w, { nullable: true });
  if (address === null) return null;
  const n = codePointLength(address);
  if (n > 200) {
    if (address.length > HUB_LIMITS.address) {
      w.add('address', 'TOO_LONG', `address is longer than 200 characters (${n}) and does not fit the hub field; left empty`);
      return null;
    }
    w.add('address', 'TOO_LONG', `address is longer than 200 characters (${n})`);
  }
  return address === '' ? null : address;
}

/** §4.3 / README "Township table": trim, exact name, else + 镇/乡; else the county with a warning. */
function mapTown(t: Json, w: Warnings): string {
  const town = t.town;
  if (town === undefined || town === null) {
    w.add('town', 'MISSING', `town is missing; using the county ${COUNTY_CODE}`);
    return COUNTY_CODE;
  }
  if (typeof town !== 'string') {
    w.add('town', 'INVALID_TYPE', `town is ${typeName(town)}, expected a township name; using the county ${COUNTY_CODE}`);
    return COUNTY_CODE;
  }
  if (town.trim() === '') {
    w.add('town', 'MISSING', `town is empty (unknown township); using the county ${COUNTY_CODE}`);
    return COUNTY_CODE;
  }
  const code = town.length <= 64 ? townshipCodeByName(town) : null;
  if (code === null) {
    w.add('town', 'UNKNOWN_TOWNSHIP', `town is not a township of 赣县区 in the table; using the county ${COUNTY_CODE}`);
    return COUNTY_CODE;
  }
  return code;
}

/** README: is_urgent 0/1 → normal/urgent. */
function mapUrgent(value: unknown, w: Warnings): Urgency {
  if (value === 1) return Urgency.URGENT;
  if (value === 0) return Urgency.NORMAL;
  if (value === undefined || value === null) w.add('is_urgent', 'MISSING', 'is_urgent is missing; normal urgency');
  else if (typeof value !== 'number') w.add('is_urgent', 'INVALID_TYPE', `is_urgent is ${typeName(value)}, expected 0 or 1; normal urgency`);
  else w.add('is_urgent', 'UNKNOWN_VALUE', `is_urgent${quoteIfCode(value)} is not 0 or 1; normal urgency`);
  return Urgency.NORMAL;
}

/** Channel status = state verbatim (README); unknown values stored verbatim with a warning. */
function mapState(value: unknown, w: Warnings): string | null {
  if (typeof value === 'number' && (STATES as readonly number[]).includes(value)) return String(value);
  if (value === undefined || value === null) {
    w.add('state', 'MISSING', 'state is missing');
    return null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    w.add('state', 'UNKNOWN_VALUE', `state${quoteIfCode(value)} is not 0/1/2/9; stored verbatim`);
    const s = String(value);
    return s.length <= HUB_LIMITS.channelStatus ? s : null;
  }
  if (typeof value === 'string') {
    const fixed = storableText(value).text;
    if (fixed.length > HUB_LIMITS.channelStatus) {
      w.add('state', 'INVALID_TYPE', 'state is a string longer than the hub field, expected an integer; left empty');
      return null;
    }
    w.add('state', 'INVALID_TYPE', 'state is a string, expected an integer 0/1/2/9; stored verbatim');
    return fixed;
  }
  w.add('state', 'INVALID_TYPE', `state is ${typeName(value)}, expected an integer 0/1/2/9; left empty`);
  return null;
}

/** Not hub fields; checked so operators see broken values. */
function checkEmployer(t: Json, w: Warnings): void {
  const employer = t.employer_name;
  if (employer !== undefined && employer !== null) {
    if (typeof employer !== 'string') w.add('employer_name', 'INVALID_TYPE', `employer_name is ${typeName(employer)}, expected a string`);
    else if (codePointLength(employer) > 100) w.add('employer_name', 'TOO_LONG', 'employer_name is longer than 100 characters');
  }
  const workers = t.workers_involved;
  if (workers !== undefined && workers !== null && !(typeof workers === 'number' && Number.isSafeInteger(workers) && workers >= 1)) {
    w.add('workers_involved', typeof workers === 'number' ? 'INVALID_VALUE' : 'INVALID_TYPE', 'workers_involved is not a whole number >= 1');
  }
  const fen = t.arrears_amount_fen;
  if (fen !== undefined && fen !== null) {
    if (!(typeof fen === 'number' && Number.isSafeInteger(fen) && fen >= 0)) {
      w.add('arrears_amount_fen', typeof fen === 'number' ? 'INVALID_VALUE' : 'INVALID_TYPE', 'arrears_amount_fen is not a whole number of fen >= 0');
    } else if (t.biz_type !== '欠薪') {
      w.add('arrears_amount_fen', 'UNEXPECTED', 'arrears_amount_fen is set but biz_type is not 欠薪 (12333.md §4.1)');
    }
  }
}
