import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { normalisePhone } from '../../src/pii/phone';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { resolveRegionCode } from '../shared/region';
import { buildTitle, codePointLength, storableText } from '../shared/text';
import { parseIsoDateTime } from '../../src/common/time';
import { isImproperlyEscaped, unescapeHtml } from './html';
import { isAbsent, isHttpsUrl, isObject, type Json, lengthWarning, parseJson, text, typeName, unknownFields, Warnings } from '../shared/mapping';

const SPEC = 'message-board.md §4';

/**
 * Board thread (message-board.md §4) → canonical record, by the channels README tables. Pure and
 * total: any input gives a MapResult, never a throw. Quarantine only for an unusable identity (`tid`,
 * and the read time that stands in for the version); every other defect maps with a warning that
 * names the field and never repeats a value written by a citizen (title, content, nickName, phone).
 *
 * Version (README: "last re-read"): the thread carries no version, so the client stamps each record
 * with the time it read it (RawRecord.version, ISO 8601 +08:00 with milliseconds, strictly increasing
 * per connector instance); `version` is that text and `versionOrder` its epoch milliseconds, so a
 * later read always orders after an earlier one.
 */

/** README "Request-type mapping", board column. */
export const MSG_TYPES: Readonly<Record<string, RequestType>> = {
  咨询: RequestType.CONSULTATION,
  求助: RequestType.HELP,
  投诉: RequestType.COMPLAINT,
  建言: RequestType.SUGGESTION,
  感谢: RequestType.PRAISE,
  其他: RequestType.OTHER,
};
export const DOMAINS = ['城建', '交通', '三农', '教育', '医疗', '环保', '就业', '治安', '企业', '其他'] as const;
export const STATUSES = ['pending', 'replied', 'evaluated', 'reopened', 'withdrawn', 'hidden'] as const;
/** Title fallback when a thread has none (not expected: §4 makes it required). */
export const TITLE_LENGTH = 30;
/** §4 tid: a JSON integer below 2^53. */
const MAX_TID = Number.MAX_SAFE_INTEGER;
const MOBILE = /^1[3-9][0-9]{9}$/;
/** §1: `YYYY-MM-DDTHH:mm:ss+08:00`. */
const BOARD_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$/;
const HUB_LIMITS = { channelStatus: 32, version: 64, categoryHint: 200 } as const;

const KNOWN_FIELDS = new Set([
  'tid',
  'title',
  'content',
  'leader',
  'regionCode',
  'domain',
  'msgType',
  'nickName',
  'phone',
  'isPublic',
  'attachments',
  'createTime',
  'auditTime',
  'dueTime',
  'status',
]);
const LEADER_FIELDS = new Set(['name', 'title', 'org']);
const ATTACHMENT_FIELDS = new Set(['url', 'type']);
const ATTACHMENT_TYPES = new Set(['image', 'video', 'file']);

/** Status values are lowercase ASCII words (never personal): quoted in a warning; nothing else is. */
const quoteIfCode = (v: unknown) => (typeof v === 'string' && /^[a-z_]{1,24}$/.test(v) ? ` ("${v}")` : '');

/** An HTML-escaped text field (§4): unescaped exactly once; a text not escaped as specified is kept and flagged. */
function escapedText(value: unknown, field: string, w: Warnings): string | null {
  const raw = text(value, field, w);
  if (raw === null) return null;
  if (isImproperlyEscaped(raw)) {
    w.add(field, 'NOT_HTML_ESCAPED', `${field} has characters or entities outside the §4 HTML escaping; unescaped once, kept as sent otherwise`);
  }
  return unescapeHtml(raw);
}

/** §4 tid → its decimal text, or why it is unusable. A decimal string is accepted with a warning. */
export function tidText(value: unknown): { tid: string; asString: boolean } | { problem: string } {
  if (isAbsent(value)) return { problem: 'tid is missing' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > MAX_TID) return { problem: 'tid is not a positive integer below 2^53' };
    return { tid: String(value), asString: false };
  }
  if (typeof value === 'string') {
    if (!/^[1-9][0-9]{0,15}$/.test(value) || Number(value) > MAX_TID) return { problem: 'tid is a string that is not a positive decimal integer below 2^53' };
    return { tid: value, asString: true };
  }
  return { problem: `tid is ${typeName(value)}, expected an integer` };
}

/** Native board thread (its exact text, stamped with the read time) → canonical record, or the quarantine reason. */
export function mapThread(raw: RawRecord): MapResult {
  const readVersion = typeof raw?.version === 'string' && raw.version.length <= HUB_LIMITS.version ? raw.version : null;
  const parsed = typeof raw?.text === 'string' ? parseJson(raw.text) : { ok: false as const };
  if (!parsed.ok) return { ok: false, code: 'UNPARSEABLE', message: 'record is not valid JSON', externalId: raw?.externalId ?? null, version: readVersion };
  if (!isObject(parsed.value)) {
    return { ok: false, code: 'UNPARSEABLE', message: `record is a JSON ${typeName(parsed.value)}, not an object`, externalId: null, version: readVersion };
  }
  return mapThreadObject(parsed.value, raw.version);
}

/** The same, for an already parsed thread and its read time (the simulator and tests use it). */
export function mapThreadObject(t: Json, readAt: unknown): MapResult {
  const readVersion = typeof readAt === 'string' && readAt.length <= HUB_LIMITS.version ? readAt : null;
  const id = tidText(t.tid);
  if ('problem' in id) return { ok: false, code: 'INVALID_EXTERNAL_ID', message: id.problem, externalId: null, version: readVersion };
  if (isAbsent(readAt)) {
    return {
      ok: false,
      code: 'INVALID_VERSION',
      message: 'read time (the board version, README "last re-read") is missing',
      externalId: id.tid,
      version: null,
    };
  }
  const read = typeof readAt === 'string' && readAt.length <= HUB_LIMITS.version ? parseIsoDateTime(readAt, { requireOffset: true }) : null;
  if (!read) {
    return { ok: false, code: 'INVALID_VERSION', message: 'read time is not an ISO 8601 date-time with offset', externalId: id.tid, version: null };
  }

  const w = new Warnings();
  if (id.asString) w.add('tid', 'INVALID_TYPE', 'tid is a string, expected a JSON integer; used as its decimal text');
  unknownFields(t, KNOWN_FIELDS, '', SPEC, w);

  const requestType = mapMsgType(t.msgType, w);
  const content = mapContent(t.content, w);
  const title = mapTitle(t.title, content, w);
  const categoryHint = mapDomain(t.domain, w);
  const citizen = mapCitizen(t.phone, w);
  checkNickName(t.nickName, w);
  const region = resolveRegionCode(t.regionCode);
  if (region.problem) w.add('regionCode', region.problem.code, region.problem.message);
  else if (typeof t.regionCode === 'string' && t.regionCode.length !== 6)
    w.add('regionCode', 'INVALID_FORMAT', 'regionCode is not 6 digits (§4); township part used');
  const createTime = boardTime(t.createTime, 'createTime', w, true);
  const auditTime = boardTime(t.auditTime, 'auditTime', w, true);
  if (createTime && auditTime && auditTime.getTime() < createTime.getTime())
    w.add('auditTime', 'BEFORE_CREATE_TIME', 'auditTime is before createTime (§4: auditTime ≥ createTime)');
  let receivedAt: Date;
  if (createTime) receivedAt = createTime;
  else if (auditTime) {
    w.add('createTime', 'FALLBACK', 'createTime unusable; auditTime used as the received time');
    receivedAt = new Date(auditTime.getTime());
  } else {
    w.add('createTime', 'FALLBACK', 'createTime and auditTime unusable; the read time used as the received time');
    receivedAt = new Date(read.instant.getTime());
  }
  const dueTime = boardTime(t.dueTime, 'dueTime', w, false);
  const channelStatus = mapStatus(t.status, w);
  checkLeader(t.leader, w);
  if (typeof t.isPublic !== 'boolean') w.add('isPublic', isAbsent(t.isPublic) ? 'MISSING' : 'INVALID_TYPE', 'isPublic is missing or not a boolean');
  checkAttachments(t.attachments, w);

  const record: CanonicalRecord = {
    externalId: id.tid,
    version: readAt as string,
    versionOrder: read.instant.getTime(),
    requestType,
    title,
    content,
    citizen,
    address: null, // README: the board has no incident address
    regionCode: region.code,
    receivedAt,
    urgency: Urgency.NORMAL, // README: board urgency is always normal
    categoryHint,
    channelStatus,
    ...(dueTime ? { deadlines: { handleBy: dueTime } } : {}),
    warnings: w.list,
  };
  return { ok: true, record };
}

function mapMsgType(value: unknown, w: Warnings): RequestType {
  if (typeof value === 'string' && Object.hasOwn(MSG_TYPES, value)) return MSG_TYPES[value];
  if (isAbsent(value)) w.add('msgType', 'MISSING', 'msgType is missing; mapped to OTHER');
  else if (typeof value !== 'string')
    w.add('msgType', 'INVALID_TYPE', `msgType is ${typeName(value)}, expected one of 咨询/求助/投诉/建言/感谢/其他; mapped to OTHER`);
  else w.add('msgType', 'UNKNOWN_VALUE', 'msgType is not one of 咨询/求助/投诉/建言/感谢/其他; mapped to OTHER');
  return RequestType.OTHER;
}

function mapContent(value: unknown, w: Warnings): string {
  const content = escapedText(value, 'content', w);
  if (content === null) {
    if (isAbsent(value)) w.add('content', 'MISSING', 'content is missing; left empty');
    return '';
  }
  lengthWarning(content, 'content', 1, 3000, w);
  return content;
}

/** README: `title` (unescaped); when unusable, the first 30 code points of the content stand in. */
function mapTitle(value: unknown, content: string, w: Warnings): string {
  const title = escapedText(value, 'title', w);
  if (title === null || title.trim() === '') {
    if (title === null && isAbsent(value)) w.add('title', 'MISSING', `title is missing; the first ${TITLE_LENGTH} characters of the content used`);
    else if (title !== null) w.add('title', 'TOO_SHORT', `title is empty; the first ${TITLE_LENGTH} characters of the content used`);
    return buildTitle(content, TITLE_LENGTH);
  }
  lengthWarning(title, 'title', 1, 50, w);
  if (/[\r\n]/.test(title)) {
    w.add('title', 'LINE_BREAK', 'title has line breaks; each replaced by one space');
    return title.replace(/\r\n|\r|\n/g, ' ');
  }
  return title;
}

function mapDomain(value: unknown, w: Warnings): string | null {
  const domain = text(value, 'domain', w);
  if (domain === null) {
    if (isAbsent(value)) w.add('domain', 'MISSING', 'domain is missing; no category hint');
    return null;
  }
  if (codePointLength(domain) > HUB_LIMITS.categoryHint) {
    w.add('domain', 'TOO_LONG', `domain is longer than ${HUB_LIMITS.categoryHint} characters; no category hint`);
    return null;
  }
  if (!(DOMAINS as readonly string[]).includes(domain)) w.add('domain', 'UNKNOWN_VALUE', 'domain is not in the §4 list; kept verbatim as the category hint');
  return domain;
}

/**
 * README: no citizen name or ID on the board; the phone is the only contact. `nickName` is a board
 * display name, not a real name: it is not put in citizen.name (see boardDetails()).
 */
function mapCitizen(value: unknown, w: Warnings): CanonicalRecord['citizen'] {
  let phone = text(value, 'phone', w);
  if (phone !== null) {
    const normalised = normalisePhone(phone);
    if (normalised === null) w.add('phone', 'INVALID_PHONE', 'phone does not normalise to a phone number; kept raw');
    else {
      if (!MOBILE.test(phone)) w.add('phone', 'INVALID_FORMAT', 'phone does not match ^1[3-9]\\d{9}$ (§4); stored normalised');
      phone = normalised;
    }
  }
  return { name: null, phone, idNumber: null, anonymous: phone === null };
}

function checkNickName(value: unknown, w: Warnings): void {
  const nick = text(value, 'nickName', w);
  if (nick === null) {
    if (isAbsent(value)) w.add('nickName', 'MISSING', 'nickName is missing');
    return;
  }
  lengthWarning(nick, 'nickName', 1, 30, w);
}

/** §1 times: `YYYY-MM-DDTHH:mm:ss+08:00`; other ISO forms parse with a warning, no offset = Asia/Shanghai. */
function boardTime(value: unknown, field: string, w: Warnings, required: boolean): Date | null {
  if (isAbsent(value)) {
    if (required) w.add(field, 'MISSING', `${field} is missing`);
    return null;
  }
  if (typeof value !== 'string') {
    w.add(field, 'INVALID_TYPE', `${field} is ${typeName(value)}, expected an ISO 8601 string`);
    return null;
  }
  const parsed = value.length <= 64 ? parseIsoDateTime(value) : null;
  if (!parsed) {
    w.add(field, 'INVALID_DATE', `${field} is not a valid ISO 8601 date-time`);
    return null;
  }
  if (!BOARD_TIME.test(value)) {
    w.add(
      field,
      parsed.offsetMinutes === null ? 'MISSING_OFFSET' : 'NONSTANDARD_FORMAT',
      parsed.offsetMinutes === null
        ? `${field} has no offset; read as Asia/Shanghai local time`
        : `${field} is not in the form YYYY-MM-DDTHH:mm:ss+08:00 (§1); parsed anyway`,
    );
  }
  return parsed.instant;
}

/** Stored verbatim (README), unknown values too, with a warning. */
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
    w.add('status', 'UNKNOWN_VALUE', `status${quoteIfCode(status)} is not in message-board.md §4; stored verbatim`);
  return status;
}

function checkLeader(value: unknown, w: Warnings): void {
  if (isAbsent(value)) {
    w.add('leader', 'MISSING', 'leader is missing');
    return;
  }
  if (!isObject(value)) {
    w.add('leader', 'INVALID_TYPE', `leader is ${typeName(value)}, expected an object`);
    return;
  }
  unknownFields(value, LEADER_FIELDS, 'leader.', SPEC, w);
  for (const key of ['name', 'title', 'org'] as const) {
    const v = text(value[key], `leader.${key}`, w);
    if (v === null && isAbsent(value[key])) w.add(`leader.${key}`, 'MISSING', `leader.${key} is missing`);
  }
}

function checkAttachments(value: unknown, w: Warnings): void {
  if (isAbsent(value)) {
    w.add('attachments', 'MISSING', 'attachments is missing (§1: empty arrays are sent as [])');
    return;
  }
  if (!Array.isArray(value)) {
    w.add('attachments', 'INVALID_TYPE', `attachments is ${typeName(value)}, expected an array`);
    return;
  }
  if (value.length > 9) w.add('attachments', 'TOO_MANY', `attachments has ${value.length} entries, at most 9 allowed`);
  value.slice(0, 9).forEach((a, i) => {
    const field = `attachments[${i}]`;
    if (!isObject(a)) {
      w.add(field, 'INVALID_TYPE', `${field} is ${typeName(a)}, expected an object`);
      return;
    }
    unknownFields(a, ATTACHMENT_FIELDS, `${field}.`, SPEC, w);
    if (typeof a.url !== 'string' || !isHttpsUrl(a.url)) w.add(`${field}.url`, 'INVALID_FORMAT', `${field}.url is not an HTTPS URL`);
    if (typeof a.type !== 'string' || !ATTACHMENT_TYPES.has(a.type)) w.add(`${field}.type`, 'UNKNOWN_VALUE', `${field}.type is not image/video/file`);
  });
}

/**
 * What the canonical record has no field for, read from the raw thread for the hub's board view:
 * the display name (`nickName`, README: "kept as display name" — not a citizen name), whether the
 * thread is public, the addressed leader and the attachments to download (pre-signed, 7 days after
 * auditTime). Pure; null for a record that is not a JSON object. Texts are unescaped once.
 */
export interface BoardDetails {
  displayName: string | null;
  isPublic: boolean | null;
  leader: { name: string | null; title: string | null; org: string | null } | null;
  auditTime: Date | null;
  attachments: Array<{ url: string; type: string }>;
}

export function boardDetails(raw: RawRecord): BoardDetails | null {
  const parsed = typeof raw?.text === 'string' ? parseJson(raw.text) : { ok: false as const };
  if (!parsed.ok || !isObject(parsed.value)) return null;
  const t = parsed.value;
  const str = (v: unknown) => (typeof v === 'string' ? storableText(v).text : null);
  const leader = isObject(t.leader) ? { name: str(t.leader.name), title: str(t.leader.title), org: str(t.leader.org) } : null;
  const audit = typeof t.auditTime === 'string' && t.auditTime.length <= 64 ? parseIsoDateTime(t.auditTime) : null;
  return {
    displayName: str(t.nickName), // verbatim: §4 does not list nickName among the escaped fields
    isPublic: typeof t.isPublic === 'boolean' ? t.isPublic : null,
    leader,
    auditTime: audit?.instant ?? null,
    attachments: Array.isArray(t.attachments)
      ? t.attachments
          .filter((a): a is { url: string; type: string } => isObject(a) && typeof a.url === 'string' && isHttpsUrl(a.url) && typeof a.type === 'string')
          .slice(0, 9)
      : [],
  };
}
