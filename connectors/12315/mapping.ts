import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { isValidIdNumber, normalisePhone } from '../../src/pii/phone';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { resolveRegionCode } from '../shared/region';
import { buildTitle, codePointLength } from '../shared/text';
import { parseIsoDateTime, parseShanghaiDateTime } from '../../src/common/time';
import { isAbsent, isHttpsUrl, isObject, type Json, lengthWarning, parseJson, text, typeName, unknownFields, Warnings } from '../shared/mapping';

const SPEC = '12315.md §4';

/**
 * 12315 case (12315.md §4) → canonical record, by the channels README tables ("Request-type mapping",
 * "Other field mapping", "Time-zone rule", "Township table", "Defective records from pull channels").
 * Pure and total: any input gives a MapResult, never a throw. Quarantine only for an unusable identity;
 * every other defect maps with a warning that names the field and never repeats a personal value.
 */

/** §4 caseNo. ASCII classes on purpose: full-width digits are not digits here. */
export const CASE_NO = /^[0-9A-Z]{10,32}$/;
/** README "Request-type mapping", 12315 column. */
export const CASE_TYPES: Readonly<Record<string, RequestType>> = {
  TS: RequestType.COMPLAINT,
  JB: RequestType.REPORT,
  ZX: RequestType.CONSULTATION,
};
/** §4.1 statuses; others are stored verbatim with a warning. */
export const STATUSES = ['WAIT_ACCEPT', 'ACCEPTED', 'MEDIATING', 'NOT_ACCEPTED', 'TRANSFERRED', 'WITHDRAWN', 'CLOSED'] as const;
/** README "Other field mapping": category hint when goodsOrService is null. */
export const DEFAULT_CATEGORY_HINT = '市场监管';
export const TITLE_LENGTH = 30;

const MOBILE = /^1[3-9][0-9]{9}$/;
const ID_CARD = /^[0-9]{17}[0-9X]$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const AMOUNT = /^[0-9]{1,12}(\.[0-9]{1,2})?$/;
/** updatedAt exactly as §1 states it; anything else that still parses is accepted with a warning. */
const UPDATED_AT_FORMAT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+08:00$/;
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Hub columns (src/entities): what does not fit is left out of the hub field (the raw record keeps it). */
const HUB_LIMITS = { address: 500, channelStatus: 32, version: 64 } as const;
/** A record with thousands of unknown keys still gets a bounded warning list. */

const KNOWN_FIELDS = new Set([
  'caseNo',
  'caseType',
  'acceptTime',
  'consumer',
  'respondent',
  'goodsOrService',
  'amountInvolved',
  'content',
  'regionCode',
  'status',
  'updatedAt',
  'attachments',
]);
const CONSUMER_FIELDS = new Set(['name', 'mobile', 'idCard']);
const RESPONDENT_FIELDS = new Set(['name', 'uscc', 'address']);
const ATTACHMENT_FIELDS = new Set(['fileName', 'contentType', 'size', 'url']);

/** Enum-like values (capital letters and _, no digits: never a phone or ID number) are quoted in a warning; nothing else is. */
const quoteIfCode = (v: unknown) => (typeof v === 'string' && /^[A-Z_]{1,24}$/.test(v) ? ` ("${v}")` : '');

/** Native 12315 case → canonical record, or the reason it is quarantined. */
export function mapCase(raw: RawRecord): MapResult {
  const parsed = typeof raw?.text === 'string' ? parseJson(raw.text) : { ok: false as const };
  if (!parsed.ok)
    return { ok: false, code: 'UNPARSEABLE', message: 'record is not valid JSON', externalId: raw?.externalId ?? null, version: raw?.version ?? null };
  if (!isObject(parsed.value)) {
    return { ok: false, code: 'UNPARSEABLE', message: `record is a JSON ${typeName(parsed.value)}, not an object`, externalId: null, version: null };
  }
  return mapCaseObject(parsed.value);
}

/** The same, for an already parsed case (the simulator and tests use it). */
export function mapCaseObject(c: Json): MapResult {
  const rawVersion = typeof c.updatedAt === 'string' && c.updatedAt.length <= HUB_LIMITS.version ? c.updatedAt : null;

  // Identity (README "Defective records"): caseNo, then updatedAt.
  const caseNo = c.caseNo;
  if (isAbsent(caseNo)) return { ok: false, code: 'INVALID_EXTERNAL_ID', message: 'caseNo is missing', externalId: null, version: rawVersion };
  if (typeof caseNo !== 'string') {
    return { ok: false, code: 'INVALID_EXTERNAL_ID', message: `caseNo is ${typeName(caseNo)}, expected a string`, externalId: null, version: rawVersion };
  }
  if (!CASE_NO.test(caseNo)) {
    return { ok: false, code: 'INVALID_EXTERNAL_ID', message: `caseNo does not match ${CASE_NO.source}`, externalId: null, version: rawVersion };
  }
  const updatedAt = c.updatedAt;
  if (isAbsent(updatedAt)) return { ok: false, code: 'INVALID_VERSION', message: 'updatedAt is missing', externalId: caseNo, version: null };
  if (typeof updatedAt !== 'string') {
    return { ok: false, code: 'INVALID_VERSION', message: `updatedAt is ${typeName(updatedAt)}, expected a string`, externalId: caseNo, version: null };
  }
  const version = updatedAt.length <= HUB_LIMITS.version ? parseIsoDateTime(updatedAt) : null;
  if (!version) {
    return { ok: false, code: 'INVALID_VERSION', message: 'updatedAt is not a valid ISO 8601 date-time', externalId: caseNo, version: null };
  }

  const w = new Warnings();
  if (!UPDATED_AT_FORMAT.test(updatedAt)) {
    w.add(
      'updatedAt',
      version.offsetMinutes === null ? 'MISSING_OFFSET' : 'NONSTANDARD_FORMAT',
      version.offsetMinutes === null
        ? 'updatedAt has no offset; read as Asia/Shanghai local time'
        : 'updatedAt is not in the form YYYY-MM-DDTHH:mm:ss.SSS+08:00 (12315.md §1); parsed anyway',
    );
  }
  unknownFields(c, KNOWN_FIELDS, '', SPEC, w);

  const requestType = mapCaseType(c.caseType, w);
  const receivedAt = mapAcceptTime(c.acceptTime, version.instant, w);
  const contentText = text(c.content, 'content', w);
  if (contentText === null && isAbsent(c.content)) w.add('content', 'MISSING', 'content is missing; left empty');
  const content = contentText ?? '';
  if (contentText !== null) lengthWarning(contentText, 'content', 1, 4000, w);
  const citizen = mapConsumer(c.consumer, c.caseType, w);
  const address = mapRespondent(c.respondent, c.caseType, w);
  const categoryHint = mapGoodsOrService(c.goodsOrService, w);
  checkAmount(c.amountInvolved, w);
  const region = resolveRegionCode(c.regionCode);
  if (region.problem) w.add('regionCode', region.problem.code, region.problem.message);
  const channelStatus = mapStatus(c.status, w);
  checkAttachments(c.attachments, w);

  const record: CanonicalRecord = {
    externalId: caseNo,
    version: updatedAt,
    versionOrder: version.instant.getTime(),
    requestType,
    title: buildTitle(content, TITLE_LENGTH),
    content,
    citizen,
    address,
    regionCode: region.code,
    receivedAt,
    urgency: Urgency.NORMAL, // README: 12315 urgency is always normal
    categoryHint,
    channelStatus,
    warnings: w.list,
  };
  return { ok: true, record };
}

function mapCaseType(value: unknown, w: Warnings): RequestType {
  if (typeof value === 'string' && Object.hasOwn(CASE_TYPES, value)) return CASE_TYPES[value];
  if (isAbsent(value)) w.add('caseType', 'MISSING', 'caseType is missing; mapped to OTHER');
  else if (typeof value !== 'string') w.add('caseType', 'INVALID_TYPE', `caseType is ${typeName(value)}, expected TS/JB/ZX; mapped to OTHER`);
  else w.add('caseType', 'UNKNOWN_VALUE', `caseType${quoteIfCode(value)} is not TS/JB/ZX; mapped to OTHER`);
  return RequestType.OTHER;
}

/** §1: `YYYY-MM-DD HH:mm:ss` Asia/Shanghai; when unusable, the version time stands in (with a warning). */
function mapAcceptTime(value: unknown, fallback: Date, w: Warnings): Date {
  if (typeof value === 'string') {
    const at = parseShanghaiDateTime(value);
    if (at) return at;
    w.add('acceptTime', 'INVALID_DATE', 'acceptTime is not a valid YYYY-MM-DD HH:mm:ss date-time; updatedAt used as the received time');
  } else if (isAbsent(value)) {
    w.add('acceptTime', 'MISSING', 'acceptTime is missing; updatedAt used as the received time');
  } else {
    w.add('acceptTime', 'INVALID_TYPE', `acceptTime is ${typeName(value)}, expected a string; updatedAt used as the received time`);
  }
  return new Date(fallback.getTime());
}

function mapConsumer(value: unknown, caseType: unknown, w: Warnings): CanonicalRecord['citizen'] {
  if (isAbsent(value)) {
    w.add('consumer', 'MISSING', 'consumer is missing; citizen left empty');
    return null;
  }
  if (!isObject(value)) {
    w.add('consumer', 'INVALID_TYPE', `consumer is ${typeName(value)}, expected an object; citizen left empty`);
    return null;
  }
  unknownFields(value, CONSUMER_FIELDS, 'consumer.', SPEC, w);
  const complaint = caseType === 'TS';

  const name = text(value.name, 'consumer.name', w);
  if (name !== null) lengthWarning(name, 'consumer.name', 1, 50, w);
  else if (complaint && isAbsent(value.name)) w.add('consumer.name', 'REQUIRED_FOR_TYPE', 'consumer.name is required for a TS complaint');

  let phone = text(value.mobile, 'consumer.mobile', w);
  if (phone !== null) {
    const normalised = normalisePhone(phone);
    if (normalised === null) w.add('consumer.mobile', 'INVALID_PHONE', 'consumer.mobile does not normalise to a phone number; kept raw');
    else {
      if (!MOBILE.test(phone)) w.add('consumer.mobile', 'INVALID_FORMAT', 'consumer.mobile does not match ^1[3-9]\\d{9}$; stored normalised');
      phone = normalised;
    }
  } else if (complaint && isAbsent(value.mobile)) {
    w.add('consumer.mobile', 'REQUIRED_FOR_TYPE', 'consumer.mobile is required for a TS complaint');
  }

  const idNumber = text(value.idCard, 'consumer.idCard', w);
  if (idNumber !== null) {
    if (!ID_CARD.test(idNumber))
      w.add('consumer.idCard', 'INVALID_FORMAT', 'consumer.idCard is not an 18-character resident ID (^\\d{17}[\\dX]$); kept as sent');
    else if (!isValidIdNumber(idNumber)) w.add('consumer.idCard', 'INVALID_CHECK_DIGIT', 'consumer.idCard fails the GB 11643 check digit; kept as sent');
  }

  return { name, phone, idNumber, anonymous: name === null && phone === null };
}

/** Returns the incident address (respondent.address). */
function mapRespondent(value: unknown, caseType: unknown, w: Warnings): string | null {
  if (isAbsent(value)) {
    if (caseType === 'TS' || caseType === 'JB') w.add('respondent', 'REQUIRED_FOR_TYPE', 'respondent is required for TS and JB cases');
    return null;
  }
  if (!isObject(value)) {
    w.add('respondent', 'INVALID_TYPE', `respondent is ${typeName(value)}, expected an object`);
    return null;
  }
  unknownFields(value, RESPONDENT_FIELDS, 'respondent.', SPEC, w);
  const name = text(value.name, 'respondent.name', w);
  if (name === null) {
    if (isAbsent(value.name)) w.add('respondent.name', 'MISSING', 'respondent.name is missing');
  } else lengthWarning(name, 'respondent.name', 1, 100, w);
  const uscc = text(value.uscc, 'respondent.uscc', w);
  if (uscc !== null && !USCC.test(uscc)) w.add('respondent.uscc', 'INVALID_FORMAT', 'respondent.uscc is not an 18-character unified social credit code');
  const address = text(value.address, 'respondent.address', w);
  if (address === null) return null;
  const n = codePointLength(address);
  if (n > 200) {
    if (address.length > HUB_LIMITS.address) {
      w.add('respondent.address', 'TOO_LONG', `respondent.address is longer than 200 characters (${n}) and does not fit the hub field; left empty`);
      return null;
    }
    w.add('respondent.address', 'TOO_LONG', `respondent.address is longer than 200 characters (${n})`);
  }
  return address;
}

function mapGoodsOrService(value: unknown, w: Warnings): string {
  const hint = text(value, 'goodsOrService', w);
  if (hint === null || hint.trim() === '') return DEFAULT_CATEGORY_HINT;
  if (codePointLength(hint) > 200) {
    w.add('goodsOrService', 'TOO_LONG', `goodsOrService is longer than 200 characters; category hint ${DEFAULT_CATEGORY_HINT} used`);
    return DEFAULT_CATEGORY_HINT;
  }
  return hint;
}

/** Not a hub field; checked so operators see a broken value (§4: a decimal string, never a number). */
function checkAmount(value: unknown, w: Warnings): void {
  if (isAbsent(value)) return;
  if (typeof value !== 'string') w.add('amountInvolved', 'INVALID_TYPE', `amountInvolved is ${typeName(value)}, expected a decimal string`);
  else if (!AMOUNT.test(value)) w.add('amountInvolved', 'INVALID_FORMAT', 'amountInvolved is not a decimal amount in yuan (^\\d{1,12}(\\.\\d{1,2})?$)');
}

/** Stored verbatim (README): unknown values too, with a warning; too long for the hub field → null. */
function mapStatus(value: unknown, w: Warnings): string | null {
  const status = text(value, 'status', w);
  if (status === null) {
    if (isAbsent(value)) w.add('status', 'MISSING', 'status is missing');
    return null;
  }
  if (status.length > HUB_LIMITS.channelStatus) {
    w.add('status', 'TOO_LONG', `status is longer than ${HUB_LIMITS.channelStatus} characters; left empty`);
    return null;
  }
  if (!(STATUSES as readonly string[]).includes(status))
    w.add('status', 'UNKNOWN_VALUE', `status${quoteIfCode(status)} is not in 12315.md §4.1; stored verbatim`);
  return status;
}

/** Not in the canonical record (yet); checked so a broken list is visible. */
function checkAttachments(value: unknown, w: Warnings): void {
  if (isAbsent(value)) return;
  if (!Array.isArray(value)) {
    w.add('attachments', 'INVALID_TYPE', `attachments is ${typeName(value)}, expected an array`);
    return;
  }
  if (value.length > 10) w.add('attachments', 'TOO_MANY', `attachments has ${value.length} entries, at most 10 allowed`);
  value.slice(0, 10).forEach((a, i) => {
    const field = `attachments[${i}]`;
    if (!isObject(a)) {
      w.add(field, 'INVALID_TYPE', `${field} is ${typeName(a)}, expected an object`);
      return;
    }
    unknownFields(a, ATTACHMENT_FIELDS, `${field}.`, SPEC, w);
    for (const key of ['fileName', 'contentType'] as const) {
      if (typeof a[key] !== 'string' || a[key] === '')
        w.add(`${field}.${key}`, isAbsent(a[key]) ? 'MISSING' : 'INVALID_TYPE', `${field}.${key} is missing or not a string`);
    }
    const size = a.size;
    if (!(typeof size === 'number' && Number.isInteger(size) && size >= 0 && size <= MAX_ATTACHMENT_BYTES)) {
      w.add(`${field}.size`, 'INVALID_VALUE', `${field}.size is not a whole number of bytes up to 20 MiB`);
    }
    if (typeof a.url !== 'string' || !isHttpsUrl(a.url)) w.add(`${field}.url`, 'INVALID_FORMAT', `${field}.url is not an HTTPS URL`);
  });
}
