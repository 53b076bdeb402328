import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { isValidIdNumber, normalisePhone } from '../../src/pii/phone';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { isHttpsUrl, lengthWarning, text as storable, Warnings } from '../shared/mapping';
import { resolveRegionCode } from '../shared/region';
import { buildTitle } from '../shared/text';
import { addDays, endOfDay, parseCompactTime, parseDeadlineDate, type LocalDate } from './dates';
import { isXmlObject, parseXml, sourceName, TEXT_KEY, type XmlObject } from './xml';

/**
 * 信访 `<Letter>` (petition.md §3–§5) → canonical record, by the channels README tables ("Request-type
 * mapping", "Other field mapping", "Time-zone rule", "Township table", "Defective records from pull
 * channels"). Pure and total: any input gives a MapResult, never a throw.
 *
 * Quarantine only for an unusable letter or identity (UNPARSEABLE, INVALID_EXTERNAL_ID for XFJBH,
 * INVALID_VERSION for BBH); every other defect maps with a warning. petition.md §8: warnings and
 * quarantine messages name ELEMENTS, never values — no name, ID, phone, address or raw XML; only
 * short enum codes (ZT, XFMD …) are quoted.
 */

const SPEC = 'petition.md §3';
/** §3 XFJBH = 区划(6) + yyMMdd(6) + seq(5). ASCII digits only: full-width digits are not digits here. */
export const XFJBH = /^[0-9]{17}$/;
/** §3 BBH: int ≥ 1, written without leading zeros (9 digits at most keeps it a safe integer). */
const BBH = /^[1-9][0-9]{0,8}$/;
/** README "Request-type mapping", 信访 column (XFMD). */
export const REQUEST_TYPES: Readonly<Record<string, RequestType>> = {
  '01': RequestType.COMPLAINT, // 申诉
  '02': RequestType.HELP, // 求决
  '03': RequestType.REPORT, // 揭发控告
  '04': RequestType.SUGGESTION, // 建议意见
  '05': RequestType.CONSULTATION, // 咨询
};
/** §4 ZT; others are stored verbatim with a warning. */
export const STATUSES = ['10', '11', '20', '21', '30', '40', '90'] as const;
/** README "Other field mapping": title = first 30 of NRZY. */
export const TITLE_LENGTH = 30;
/** §5: acceptance within 15 days of registration, handling within 60 days of acceptance. */
export const ACCEPT_DAYS = 15;
export const HANDLE_DAYS = 60;
/** A letter is a few kB (XFNR ≤ 20 000 chars): anything near this size is not a letter. */
export const MAX_LETTER_CHARS = 1_000_000;

const ID_TYPES = ['01', '02', '03', '99'];
const FORMS = ['01', '02', '03', '04']; // XFXS
const ATTACHMENT_TYPES = ['pdf', 'jpg', 'png', 'doc', 'docx'];
const ID_CARD = /^[0-9]{17}[0-9X]$/;
const PHONE_FORMAT = /^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/;
/** Hub columns (src/entities): what does not fit is left out of the hub field (the raw record keeps it). */
const HUB_LIMITS = { address: 500, channelStatus: 32, categoryHint: 200 } as const;

const KNOWN_ELEMENTS = new Set([
  'XFJBH',
  'BBH',
  'XFRXM',
  'ZJLX',
  'ZJHM',
  'LXDH',
  'XFRDZ',
  'XFRS',
  'XFXS',
  'XFMD',
  'WTLB',
  'WTSD',
  'WTSDMC',
  'NRZY',
  'XFNR',
  'JJCD',
  'DJSJ',
  'SLSJ',
  'SLQX',
  'BLQX',
  'YQTS',
  'ZT',
  'GXSJ',
  'FJLB',
]);
const ATTACHMENT_ELEMENTS = new Set(['WJM', 'WJLX', 'WJDX', 'XZDZ']);
const MAX_UNKNOWN_WARNINGS = 20;

/** Short enum-like codes are quoted in a warning; nothing else is (it could be a personal value). */
const quoteIfCode = (v: string) => (/^[0-9A-Za-z]{1,3}$/.test(v) ? ` ("${v}")` : '');
/** Element names come from the record too: short, printable, and never a long digit run (a phone or ID). */
function elementLabel(key: string): string {
  const name = sourceName(key);
  const short = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  // eslint-disable-next-line no-control-regex
  return short.replace(/[\u0000-\u001f\u007f]/g, '?').replace(/[0-9\uff10-\uff19]{5,}/g, '#');
}
/** XML whitespace around a code or a time is not part of it. */
const trimXml = (v: string) => v.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

// ── reading elements ─────────────────────────────────────────────────────────────────────────────

/** One element of the letter: absent (omitted or empty — §3: both mean "no value"), its text, or unusable. */
type Element = { kind: 'absent' } | { kind: 'text'; value: string } | { kind: 'invalid'; problem: string };

function read(letter: XmlObject, name: string): Element {
  if (!Object.hasOwn(letter, name)) return { kind: 'absent' };
  const value = letter[name];
  if (Array.isArray(value)) return { kind: 'invalid', problem: `${name} occurs more than once` };
  if (typeof value !== 'string') return { kind: 'invalid', problem: `${name} has child elements, expected text` };
  return value.trim() === '' ? { kind: 'absent' } : { kind: 'text', value };
}

/** An element's trimmed text, or null (absent or unusable), without warnings. */
function leaf(o: XmlObject, name: string): string | null {
  const e = read(o, name);
  return e.kind === 'text' ? trimXml(e.value) : null;
}

/** A code, number or time: trimmed; unusable → null + INVALID_TYPE; absent → null (+ MISSING when required). */
function code(letter: XmlObject, name: string, w: Warnings, required = false): string | null {
  const e = read(letter, name);
  if (e.kind === 'text') return trimXml(e.value);
  if (e.kind === 'invalid') w.add(name, 'INVALID_TYPE', `${e.problem}; ignored`);
  else if (required) w.add(name, 'MISSING', `${name} is missing (${SPEC}: required)`);
  return null;
}

/** Free text, verbatim (made storable); unusable → null + INVALID_TYPE; absent → null (+ MISSING when required). */
function freeText(letter: XmlObject, name: string, w: Warnings, required = false): string | null {
  const e = read(letter, name);
  if (e.kind === 'text') return storable(e.value, name, w);
  if (e.kind === 'invalid') w.add(name, 'INVALID_TYPE', `${e.problem}; left empty`);
  else if (required) w.add(name, 'MISSING', `${name} is missing (${SPEC}: required)`);
  return null;
}

/** A `yyyyMMddHHmmss` time; a text that is not one (e.g. 20240230120000) → null + INVALID_DATE. */
function time(letter: XmlObject, name: string, w: Warnings, required = false): { instant: Date; date: LocalDate } | null {
  const value = code(letter, name, w, required);
  if (value === null) return null;
  const parsed = parseCompactTime(value);
  if (!parsed) w.add(name, 'INVALID_DATE', `${name} is not a valid yyyyMMddHHmmss date-time`);
  return parsed;
}

// ── the letter ───────────────────────────────────────────────────────────────────────────────────

/** Parses a letter's text → its elements, or the quarantine message. */
export function parseLetter(source: unknown): { ok: true; letter: XmlObject } | { ok: false; message: string } {
  if (typeof source !== 'string') return { ok: false, message: 'record has no text' };
  if (source.length > MAX_LETTER_CHARS) return { ok: false, message: `letter is longer than ${MAX_LETTER_CHARS} characters` };
  const parsed = parseXml(source);
  if (!parsed.ok) {
    const why = { NOT_XML: 'is not XML', MALFORMED: 'is not well-formed XML', DOCTYPE: 'has a DOCTYPE (refused)' }[parsed.problem];
    return { ok: false, message: `letter ${why}` };
  }
  const roots = Object.keys(parsed.doc);
  const letter = parsed.doc.Letter;
  if (roots.length !== 1 || roots[0] !== 'Letter' || Array.isArray(letter)) return { ok: false, message: 'root element is not a single Letter' };
  // `<Letter/>` or a letter of bare text: no elements (identity checks then name what is missing).
  return { ok: true, letter: isXmlObject(letter) ? letter : {} };
}

/** Best-effort identity for the transport (de-duplication, watermark, RawRecord): never trusted for mapping. */
export function letterIdentity(source: string): { xfjbh: string | null; bbh: number | null; gxsj: Date | null } {
  const parsed = parseLetter(source);
  if (!parsed.ok) return { xfjbh: null, bbh: null, gxsj: null };
  const xfjbh = leaf(parsed.letter, 'XFJBH');
  const bbh = leaf(parsed.letter, 'BBH');
  const gxsj = leaf(parsed.letter, 'GXSJ');
  return {
    xfjbh: xfjbh !== null && XFJBH.test(xfjbh) ? xfjbh : null,
    bbh: bbh !== null && BBH.test(bbh) ? Number(bbh) : null,
    gxsj: gxsj === null ? null : (parseCompactTime(gxsj)?.instant ?? null),
  };
}

/** Native 信访 letter (its exact XML text) → canonical record, or the reason it is quarantined. */
export function mapLetter(raw: RawRecord): MapResult {
  const parsed = parseLetter(raw !== null && typeof raw === 'object' ? raw.text : undefined);
  const hint = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null);
  if (!parsed.ok) return { ok: false, code: 'UNPARSEABLE', message: parsed.message, externalId: hint(raw?.externalId), version: hint(raw?.version) };
  return mapLetterElements(parsed.letter);
}

/** The same, for already parsed elements (the simulator and tests use it). */
export function mapLetterElements(letter: XmlObject): MapResult {
  // Identity (README "Defective records"): XFJBH, then BBH.
  const id = read(letter, 'XFJBH');
  if (id.kind === 'absent') return { ok: false, code: 'INVALID_EXTERNAL_ID', message: 'XFJBH is missing', externalId: null, version: null };
  if (id.kind === 'invalid') return { ok: false, code: 'INVALID_EXTERNAL_ID', message: id.problem, externalId: null, version: null };
  const xfjbh = trimXml(id.value);
  if (!XFJBH.test(xfjbh)) return { ok: false, code: 'INVALID_EXTERNAL_ID', message: `XFJBH does not match ${XFJBH.source}`, externalId: null, version: null };
  const version = read(letter, 'BBH');
  if (version.kind === 'absent') return { ok: false, code: 'INVALID_VERSION', message: 'BBH is missing', externalId: xfjbh, version: null };
  if (version.kind === 'invalid') return { ok: false, code: 'INVALID_VERSION', message: version.problem, externalId: xfjbh, version: null };
  const bbh = trimXml(version.value);
  if (!BBH.test(bbh))
    return { ok: false, code: 'INVALID_VERSION', message: 'BBH is not a whole number >= 1 (without leading zeros)', externalId: xfjbh, version: null };

  const w = new Warnings();
  checkStructure(letter, w);

  const content = freeText(letter, 'NRZY', w, true) ?? '';
  if (content) lengthWarning(content, 'NRZY', 1, 500, w);
  const restrictedContent = freeText(letter, 'XFNR', w);
  if (restrictedContent !== null) lengthWarning(restrictedContent, 'XFNR', 0, 20_000, w);

  const djsj = time(letter, 'DJSJ', w, true);
  const gxsj = time(letter, 'GXSJ', w, true);
  const slsj = time(letter, 'SLSJ', w);
  checkOtherElements(letter, w);

  const record: CanonicalRecord = {
    externalId: xfjbh,
    version: bbh,
    versionOrder: Number(bbh),
    requestType: mapPurpose(letter, w),
    title: buildTitle(content, TITLE_LENGTH),
    content,
    citizen: mapPetitioner(letter, w),
    address: mapIncidentAddress(letter, w),
    regionCode: mapRegion(letter, w),
    receivedAt: mapReceivedAt(djsj, gxsj, xfjbh, w),
    urgency: mapUrgency(letter, w),
    categoryHint: mapCategory(letter, w),
    channelStatus: mapStatus(letter, w),
    restrictedContent,
    deadlines: mapDeadlines(letter, djsj, slsj, w),
    warnings: w.list,
  };
  return { ok: true, record };
}

/** Unknown elements (one warning each, bounded) and stray text between elements. */
function checkStructure(letter: XmlObject, w: Warnings): void {
  const unknown = Object.keys(letter).filter((k) => k !== TEXT_KEY && !KNOWN_ELEMENTS.has(k));
  for (const key of unknown.slice(0, MAX_UNKNOWN_WARNINGS)) {
    const field = elementLabel(key);
    w.add(field, 'UNKNOWN_FIELD', `${field} is not in ${SPEC}; kept in the raw record only`);
  }
  if (unknown.length > MAX_UNKNOWN_WARNINGS) w.add('Letter', 'UNKNOWN_FIELD', `${unknown.length - MAX_UNKNOWN_WARNINGS} more unknown elements`);
  const stray = letter[TEXT_KEY];
  if (stray !== undefined && (typeof stray !== 'string' || stray.trim() !== '')) {
    w.add('Letter', 'UNEXPECTED_TEXT', 'Letter has text outside its elements; ignored');
  }
}

/** README: XFMD 01–05 → complaint/help/report/suggestion/consultation; anything else → OTHER + warning. */
function mapPurpose(letter: XmlObject, w: Warnings): RequestType {
  const value = code(letter, 'XFMD', w, true);
  if (value === null) return RequestType.OTHER;
  if (Object.hasOwn(REQUEST_TYPES, value)) return REQUEST_TYPES[value];
  w.add('XFMD', 'UNKNOWN_VALUE', `XFMD${quoteIfCode(value)} is not 01–05; mapped to OTHER`);
  return RequestType.OTHER;
}

/** §3 identity elements → citizen (restricted to the petition bureau, §8). ZJLX stays in the raw record. */
function mapPetitioner(letter: XmlObject, w: Warnings): CanonicalRecord['citizen'] {
  const name = freeText(letter, 'XFRXM', w, true);
  if (name !== null) lengthWarning(name, 'XFRXM', 1, 200, w);

  let phone = freeText(letter, 'LXDH', w);
  if (phone !== null) {
    const normalised = normalisePhone(phone);
    if (normalised === null) w.add('LXDH', 'INVALID_PHONE', 'LXDH does not normalise to a mobile or landline number; kept raw');
    else {
      if (!PHONE_FORMAT.test(phone)) w.add('LXDH', 'INVALID_FORMAT', 'LXDH is not in the §3 mobile or landline form; stored normalised');
      phone = normalised;
    }
  }

  const idType = code(letter, 'ZJLX', w);
  if (idType !== null && !ID_TYPES.includes(idType)) w.add('ZJLX', 'UNKNOWN_VALUE', `ZJLX${quoteIfCode(idType)} is not 01/02/03/99`);
  const idNumber = freeText(letter, 'ZJHM', w);
  if (idNumber !== null) {
    if (idType === null) w.add('ZJLX', 'MISSING', 'ZJLX is missing although ZJHM is given; ZJHM kept unchecked');
    else if (idType === '01') {
      if (!ID_CARD.test(idNumber))
        w.add('ZJHM', 'INVALID_FORMAT', 'ZJHM is not an 18-character resident ID (^\\d{17}[\\dX]$) although ZJLX is 01; kept as sent');
      else if (!isValidIdNumber(idNumber)) w.add('ZJHM', 'INVALID_CHECK_DIGIT', 'ZJHM fails the GB 11643 check digit; kept as sent');
    }
  }

  const address = freeText(letter, 'XFRDZ', w);
  if (address !== null) lengthWarning(address, 'XFRDZ', 1, 200, w);
  return { name, phone, idNumber, address, anonymous: name === null && phone === null };
}

/** README: incident address = WTSDMC (the problem location's name). */
function mapIncidentAddress(letter: XmlObject, w: Warnings): string | null {
  const address = freeText(letter, 'WTSDMC', w);
  if (address !== null && address.length > HUB_LIMITS.address) {
    w.add('WTSDMC', 'TOO_LONG', `WTSDMC is longer than the hub field (${HUB_LIMITS.address}); left empty`);
    return null;
  }
  return address;
}

/**
 * README "Township table": WTSD `360704` → county; `360704XXXYYY` → its township when in the table;
 * anything else → the county with a warning. A prefix other than 360704 is a format defect of a
 * non-identity element (README "Defective records": mapped anyway with a warning), not a quarantine:
 * the platform assigned the letter to the county, and OUT_OF_JURISDICTION is a push-intake code.
 */
function mapRegion(letter: XmlObject, w: Warnings): string {
  const value = code(letter, 'WTSD', w);
  const region = resolveRegionCode(value);
  if (region.problem) w.add('WTSD', region.problem.code, `WTSD: ${region.problem.message}`);
  return region.code;
}

/**
 * receivedAt = DJSJ (Asia/Shanghai → UTC). When DJSJ is missing or impossible: GXSJ stands in; then
 * the registration date inside XFJBH (yyMMdd, 00:00:00 Asia/Shanghai); then 1970-01-01T00:00:00Z.
 * Each fallback is a warning.
 */
function mapReceivedAt(djsj: { instant: Date } | null, gxsj: { instant: Date } | null, xfjbh: string, w: Warnings): Date {
  if (djsj) return djsj.instant;
  if (gxsj) {
    w.add('DJSJ', 'FALLBACK', 'DJSJ is unusable; GXSJ used as the received time');
    return gxsj.instant;
  }
  const fromId = parseCompactTime(`20${xfjbh.slice(6, 12)}000000`);
  if (fromId) {
    w.add('DJSJ', 'FALLBACK', 'DJSJ and GXSJ are unusable; the registration date in XFJBH used as the received time');
    return fromId.instant;
  }
  w.add('DJSJ', 'FALLBACK', 'DJSJ, GXSJ and the date in XFJBH are unusable; received time set to 1970-01-01T00:00:00Z');
  return new Date(0);
}

/** README: JJCD 1/2 → normal/urgent; absent → normal (§3 default). */
function mapUrgency(letter: XmlObject, w: Warnings): Urgency {
  const value = code(letter, 'JJCD', w);
  if (value === null || value === '1') return Urgency.NORMAL;
  if (value === '2') return Urgency.URGENT;
  w.add('JJCD', 'UNKNOWN_VALUE', `JJCD${quoteIfCode(value)} is not 1 or 2; normal urgency`);
  return Urgency.NORMAL;
}

/** README: category hint = WTLB verbatim. */
function mapCategory(letter: XmlObject, w: Warnings): string | null {
  const hint = freeText(letter, 'WTLB', w);
  if (hint !== null && hint.length > HUB_LIMITS.categoryHint) {
    w.add('WTLB', 'TOO_LONG', `WTLB is longer than the hub field (${HUB_LIMITS.categoryHint}); no category hint`);
    return null;
  }
  return hint;
}

/** README: channel status = ZT verbatim; unknown codes too, with a warning. */
function mapStatus(letter: XmlObject, w: Warnings): string | null {
  const status = code(letter, 'ZT', w, true);
  if (status === null) return null;
  const stored = storable(status, 'ZT', w)!;
  if (stored.length > HUB_LIMITS.channelStatus) {
    w.add('ZT', 'TOO_LONG', `ZT is longer than the hub field (${HUB_LIMITS.channelStatus}); left empty`);
    return null;
  }
  if (!(STATUSES as readonly string[]).includes(stored)) w.add('ZT', 'UNKNOWN_VALUE', `ZT${quoteIfCode(stored)} is not in petition.md §4; stored verbatim`);
  return stored;
}

/**
 * §5: SLQX and BLQX are taken verbatim (the platform is authoritative; they move with extensions), each
 * as 23:59:59 Asia/Shanghai of that date. Computed only when absent or not a valid date:
 * SLQX = date(DJSJ) + 15; BLQX = date(SLSJ) + 60 (+ YQTS when an extension is recorded), only once
 * SLSJ is present. YQTS is informational next to a BLQX.
 */
function mapDeadlines(
  letter: XmlObject,
  djsj: { date: LocalDate } | null,
  slsj: { date: LocalDate } | null,
  w: Warnings,
): NonNullable<CanonicalRecord['deadlines']> {
  const extension = mapExtension(letter, w);
  const acceptBy =
    deadline(letter, 'SLQX', w, true) ??
    computed('SLQX', djsj ? addDays(djsj.date, ACCEPT_DAYS) : null, `date(DJSJ) + ${ACCEPT_DAYS} days`, 'DJSJ is unusable', w);
  const handleByText = deadline(letter, 'BLQX', w, false);
  if (handleByText !== null) return { acceptBy, handleBy: handleByText };
  if (!slsj) return { acceptBy, handleBy: null }; // not accepted yet: no handling deadline
  const days = HANDLE_DAYS + (extension ?? 0);
  const formula = extension ? `date(SLSJ) + ${HANDLE_DAYS} + YQTS days` : `date(SLSJ) + ${HANDLE_DAYS} days`;
  return { acceptBy, handleBy: computed('BLQX', addDays(slsj.date, days), formula, '', w) };
}

/** A `yyyy-MM-dd` deadline element → its instant, or null (absent, or invalid with a warning). */
function deadline(letter: XmlObject, name: 'SLQX' | 'BLQX', w: Warnings, required: boolean): Date | null {
  const value = code(letter, name, w);
  if (value === null) {
    if (required) w.add(name, 'MISSING', `${name} is missing (${SPEC}: required)`);
    return null;
  }
  const date = parseDeadlineDate(value);
  const instant = date ? endOfDay(date) : null;
  if (!instant) w.add(name, 'INVALID_DATE', `${name} is not a valid yyyy-MM-dd date`);
  return instant;
}

/** The computed deadline (with a warning saying so), or null when it cannot be computed. */
function computed(name: string, date: LocalDate | null, formula: string, missing: string, w: Warnings): Date | null {
  const instant = date ? endOfDay(date) : null;
  if (instant) w.add(name, 'COMPUTED', `${name} computed as ${formula} (petition.md §5)`);
  else w.add(name, 'NOT_COMPUTED', `${name} cannot be computed${missing ? `: ${missing}` : ''}; no deadline`);
  return instant;
}

/** §3 YQTS: int 1–30 when an extension was approved. */
function mapExtension(letter: XmlObject, w: Warnings): number | null {
  const value = code(letter, 'YQTS', w);
  if (value === null) return null;
  if (/^[0-9]{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= 30) return Number(value);
  w.add('YQTS', 'INVALID_VALUE', 'YQTS is not a whole number 1–30; ignored');
  return null;
}

/** Elements that are not hub fields, checked so operators see broken values. */
function checkOtherElements(letter: XmlObject, w: Warnings): void {
  const count = code(letter, 'XFRS', w, true);
  if (count !== null && !/^[1-9][0-9]{0,5}$/.test(count)) w.add('XFRS', 'INVALID_VALUE', 'XFRS is not a whole number >= 1');
  const form = code(letter, 'XFXS', w, true);
  if (form !== null && !FORMS.includes(form)) w.add('XFXS', 'UNKNOWN_VALUE', `XFXS${quoteIfCode(form)} is not 01–04`);
  checkAttachments(letter, w);
}

/** §3 FJLB: 0..n FJ (WJM, WJLX, WJDX, XZDZ). Attachments stay in the raw record (restricted, §8). */
function checkAttachments(letter: XmlObject, w: Warnings): void {
  if (!Object.hasOwn(letter, 'FJLB')) return;
  const list = letter.FJLB;
  if (typeof list === 'string') {
    if (list.trim() !== '') w.add('FJLB', 'INVALID_TYPE', 'FJLB has text instead of FJ elements');
    return;
  }
  if (!isXmlObject(list)) {
    w.add('FJLB', 'INVALID_TYPE', 'FJLB occurs more than once');
    return;
  }
  const other = Object.keys(list).filter((k) => k !== 'FJ' && k !== TEXT_KEY);
  if (other.length) w.add('FJLB', 'UNKNOWN_FIELD', 'FJLB has elements other than FJ; kept in the raw record only');
  const items = list.FJ === undefined ? [] : Array.isArray(list.FJ) ? list.FJ : [list.FJ];
  items.slice(0, 20).forEach((item, i) => {
    const field = `FJLB.FJ[${i}]`;
    if (!isXmlObject(item)) {
      w.add(field, 'INVALID_TYPE', `${field} has no WJM/WJLX/WJDX/XZDZ elements`);
      return;
    }
    if (Object.keys(item).some((k) => k !== TEXT_KEY && !ATTACHMENT_ELEMENTS.has(k))) w.add(field, 'UNKNOWN_FIELD', `${field} has unknown elements`);
    const type = leaf(item, 'WJLX');
    if (type === null || !ATTACHMENT_TYPES.includes(type)) w.add(`${field}.WJLX`, 'UNKNOWN_VALUE', `${field}.WJLX is not pdf/jpg/png/doc/docx`);
    const size = leaf(item, 'WJDX');
    if (size === null || !/^[0-9]{1,12}$/.test(size)) w.add(`${field}.WJDX`, 'INVALID_VALUE', `${field}.WJDX is not a whole number of bytes`);
    const url = leaf(item, 'XZDZ');
    if (url === null || !isHttpsUrl(url)) w.add(`${field}.XZDZ`, 'INVALID_FORMAT', `${field}.XZDZ is not an HTTPS URL`);
    if (leaf(item, 'WJM') === null) w.add(`${field}.WJM`, 'MISSING', `${field}.WJM is missing`);
  });
}
