import type { CanonicalRecord, MapResult, MappingWarning } from '../../src/ingest/canonical';
import { isValidIdNumber, normalisePhone } from '../../src/pii/phone';
import { COUNTY } from '../../src/reference/townships';
import { fieldLabel } from '../shared/mapping';
import { jsonDepth } from '../shared/json-text';
import { resolveRegionCode } from '../shared/region';
import { hasUnstorableText } from '../shared/text';
import { RequestType, Urgency } from '../../src/work-orders/enums';

/**
 * push-api.md §4: the canonical record a channel owner pushes, validated (JSON Schema 2020-12 with
 * format assertions, plus the rules the schema cannot express) and mapped to the hub's canonical
 * record. A violation rejects the record with its reason code and a JSON pointer (§6).
 */
// Maps, not plain objects: "constructor", "toString" or "__proto__" must not find Object.prototype's members.
const TYPES = new Map<string, RequestType>([
  ['consultation', RequestType.CONSULTATION],
  ['help', RequestType.HELP],
  ['complaint', RequestType.COMPLAINT],
  ['report', RequestType.REPORT],
  ['suggestion', RequestType.SUGGESTION],
  ['praise', RequestType.PRAISE],
  ['other', RequestType.OTHER],
]);
const URGENCIES = new Map<string, Urgency>([
  ['normal', Urgency.NORMAL],
  ['urgent', Urgency.URGENT],
  ['critical', Urgency.CRITICAL],
]);
const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** `extra` is stored verbatim, but only up to this nesting (issue 11: deeper input overflows a recursive serialiser). */
export const MAX_EXTRA_DEPTH = 64;
const MAX_EXTRA_BYTES = 16 * 1024;
/**
 * Every time must lie in [2000-01-01T00:00:00Z, 2101-01-01T00:00:00Z) (INVALID_TIME): a 12345 record
 * older than the hub's era or a century ahead is a sender's defect, and years like 0001 break date
 * arithmetic downstream (SLA calendars, daily counters).
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2101, 0, 1);
const TOP_LEVEL = new Set([
  'externalId',
  'version',
  'requestType',
  'title',
  'content',
  'citizen',
  'address',
  'regionCode',
  'occurredAt',
  'receivedAt',
  'urgency',
  'categoryHint',
  'attachments',
  'channelStatus',
  'updatedAt',
  'extra',
]);
const CITIZEN_KEYS = new Set(['name', 'phone', 'idNumber', 'anonymous']);
const ATTACHMENT_KEYS = new Set(['name', 'url', 'mimeType', 'size', 'sha256']);
/** RFC 3339 date-time with a mandatory offset (§4 "all times"). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

class Rejection extends Error {
  constructor(
    readonly code: 'SCHEMA_VIOLATION' | 'INVALID_ID_NUMBER' | 'INVALID_REGION_CODE' | 'OUT_OF_JURISDICTION' | 'INVALID_TIME',
    readonly pointer: string,
    message: string,
  ) {
    super(`${pointer}: ${message}`);
  }
}

const codePoints = (s: string) => [...s].length;

function str(record: Record<string, unknown>, key: string, at: string, opts: { min?: number; max: number; nullable?: boolean; pattern?: RegExp }) {
  const value = record[key];
  if (value === undefined || value === null) {
    if (opts.nullable || value === undefined) return null;
    throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, 'must not be null');
  }
  if (typeof value !== 'string') throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, 'must be a string');
  if (hasUnstorableText(value)) throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, 'contains a NUL character or an unpaired UTF-16 surrogate');
  const length = codePoints(value);
  if (length < (opts.min ?? 0) || length > opts.max) {
    throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, `length must be ${opts.min ?? 0}–${opts.max}`);
  }
  if (opts.pattern && !opts.pattern.test(value)) throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, `does not match ${opts.pattern.source}`);
  return value;
}

/** A real calendar date-time with an offset → instant; else SCHEMA_VIOLATION (format assertion). */
function dateTime(value: unknown, pointer: string): Date {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const at = m ? new Date(value as string) : null;
  const [y, mo, d, h, mi, s] = m ? m.slice(1, 7).map(Number) : [];
  const realDate = m && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d && mo >= 1 && mo <= 12 && h < 24 && mi < 60 && s < 61;
  if (!m || !at || Number.isNaN(at.getTime()) || !realDate) {
    throw new Rejection('SCHEMA_VIOLATION', pointer, 'must be an RFC 3339 date-time with an offset');
  }
  const time = at.getTime();
  if (time < EARLIEST || time >= LATEST) throw new Rejection('INVALID_TIME', pointer, 'must be from the year 2000 to 2100');
  return at;
}

/** A property name as it may appear in a JSON pointer (RFC 6901 escapes), short and storable. */
const pointerKey = (key: string) => fieldLabel(key.replace(/~/g, '~0').replace(/\//g, '~1'));

/** The README township rule (shared with the pull connectors); push rejects what pull would only warn about (§4). */
function region(code: string, pointer: string): string {
  const resolved = resolveRegionCode(code);
  if (resolved.problem?.code === 'OUTSIDE_COUNTY') throw new Rejection('OUT_OF_JURISDICTION', pointer, `${code} is outside ${COUNTY.code}`);
  if (resolved.problem) throw new Rejection('INVALID_REGION_CODE', pointer, `${code} is not a township of ${COUNTY.code}`);
  return resolved.code;
}

/** The idempotency key's version part (§5): the sender's version, or the updatedAt instant. */
export function versionKey(record: { version?: number; updatedAt: Date }): { key: string; order: number } {
  return record.version !== undefined
    ? { key: `v:${record.version}`, order: record.version }
    : { key: `t:${record.updatedAt.toISOString()}`, order: record.updatedAt.getTime() };
}

export function mapPushRecord(value: unknown, index: number, now: Date = new Date()): MapResult {
  const at = `/records/${index}`;
  // §6: answered with the externalId only when it is valid (never an over-long or unstorable key).
  const candidate =
    value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'externalId') ? (value as { externalId?: unknown }).externalId : null;
  const externalId = typeof candidate === 'string' && EXTERNAL_ID.test(candidate) ? candidate : null;
  try {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Rejection('SCHEMA_VIOLATION', at, 'must be an object');
    const r = value as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!TOP_LEVEL.has(key)) throw new Rejection('SCHEMA_VIOLATION', `${at}/${pointerKey(key)}`, 'is not allowed');
    for (const key of ['externalId', 'requestType', 'title', 'content', 'regionCode', 'receivedAt', 'updatedAt']) {
      if (!Object.hasOwn(r, key) || r[key] === undefined) throw new Rejection('SCHEMA_VIOLATION', `${at}/${key}`, 'is required');
    }
    const id = str(r, 'externalId', at, { min: 1, max: 64, pattern: EXTERNAL_ID })!;
    let version: number | undefined;
    if (r.version !== undefined) {
      if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 1) {
        throw new Rejection('SCHEMA_VIOLATION', `${at}/version`, 'must be an integer from 1 to 9007199254740991');
      }
      version = r.version;
    }
    if (typeof r.requestType !== 'string' || !TYPES.has(r.requestType))
      throw new Rejection('SCHEMA_VIOLATION', `${at}/requestType`, 'is not one of the allowed values');
    const title = str(r, 'title', at, { min: 1, max: 200 })!;
    const content = str(r, 'content', at, { min: 1, max: 20000 })!;
    const address = str(r, 'address', at, { max: 500, nullable: true });
    const regionCode = str(r, 'regionCode', at, { min: 6, max: 12, pattern: /^\d{6}(\d{6})?$/ })!;
    const categoryHint = str(r, 'categoryHint', at, { max: 100, nullable: true });
    const channelStatus = str(r, 'channelStatus', at, { max: 32, nullable: true });
    const urgencyText = r.urgency === undefined ? 'normal' : r.urgency;
    if (typeof urgencyText !== 'string' || !URGENCIES.has(urgencyText))
      throw new Rejection('SCHEMA_VIOLATION', `${at}/urgency`, 'is not one of the allowed values');
    const receivedAt = dateTime(r.receivedAt, `${at}/receivedAt`);
    const updatedAt = dateTime(r.updatedAt, `${at}/updatedAt`);
    const occurredAt = r.occurredAt === undefined || r.occurredAt === null ? null : dateTime(r.occurredAt, `${at}/occurredAt`);

    let citizen: CanonicalRecord['citizen'] = null;
    if (r.citizen !== undefined) {
      if (!r.citizen || typeof r.citizen !== 'object' || Array.isArray(r.citizen))
        throw new Rejection('SCHEMA_VIOLATION', `${at}/citizen`, 'must be an object');
      const c = r.citizen as Record<string, unknown>;
      for (const key of Object.keys(c))
        if (!CITIZEN_KEYS.has(key)) throw new Rejection('SCHEMA_VIOLATION', `${at}/citizen/${pointerKey(key)}`, 'is not allowed');
      const name = str(c, 'name', `${at}/citizen`, { min: 1, max: 50, nullable: true });
      const phone = str(c, 'phone', `${at}/citizen`, { max: 20, nullable: true, pattern: /^(\+86)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/ });
      const idNumber = str(c, 'idNumber', `${at}/citizen`, { max: 18, nullable: true, pattern: /^\d{17}[\dX]$/ });
      const anonymous = c.anonymous === undefined ? false : c.anonymous;
      if (typeof anonymous !== 'boolean') throw new Rejection('SCHEMA_VIOLATION', `${at}/citizen/anonymous`, 'must be a boolean');
      if (anonymous && (name || phone || idNumber))
        throw new Rejection('SCHEMA_VIOLATION', `${at}/citizen`, 'an anonymous citizen has no name, phone or idNumber');
      if (idNumber && !isValidIdNumber(idNumber)) throw new Rejection('INVALID_ID_NUMBER', `${at}/citizen/idNumber`, 'check digit (GB 11643) is wrong');
      citizen = { name, phone: phone ? (normalisePhone(phone) ?? phone) : null, idNumber, anonymous };
    }
    if (r.attachments !== undefined) {
      if (!Array.isArray(r.attachments) || r.attachments.length > 20)
        throw new Rejection('SCHEMA_VIOLATION', `${at}/attachments`, 'must be an array of at most 20');
      r.attachments.forEach((a, i) => {
        const p = `${at}/attachments/${i}`;
        if (!a || typeof a !== 'object' || Array.isArray(a)) throw new Rejection('SCHEMA_VIOLATION', p, 'must be an object');
        const o = a as Record<string, unknown>;
        for (const key of Object.keys(o)) if (!ATTACHMENT_KEYS.has(key)) throw new Rejection('SCHEMA_VIOLATION', `${p}/${pointerKey(key)}`, 'is not allowed');
        for (const key of ['name', 'url', 'mimeType', 'size']) if (o[key] === undefined) throw new Rejection('SCHEMA_VIOLATION', `${p}/${key}`, 'is required');
        str(o, 'name', p, { min: 1, max: 200 });
        const url = str(o, 'url', p, { max: 2048, pattern: /^https:\/\// })!;
        try {
          new URL(url);
        } catch {
          throw new Rejection('SCHEMA_VIOLATION', `${p}/url`, 'must be a URI');
        }
        str(o, 'mimeType', p, { max: 255, pattern: /^[a-z]+\/[A-Za-z0-9.+-]+$/ });
        if (typeof o.size !== 'number' || !Number.isInteger(o.size) || o.size < 1 || o.size > 52_428_800) {
          throw new Rejection('SCHEMA_VIOLATION', `${p}/size`, 'must be an integer from 1 to 52428800');
        }
        str(o, 'sha256', p, { max: 64, nullable: true, pattern: /^[0-9a-f]{64}$/ });
      });
    }
    if (r.extra !== undefined) {
      if (!r.extra || typeof r.extra !== 'object' || Array.isArray(r.extra)) throw new Rejection('SCHEMA_VIOLATION', `${at}/extra`, 'must be an object');
      // Depth first, without recursion: only then is JSON.stringify safe to measure the size.
      if (jsonDepth(r.extra, MAX_EXTRA_DEPTH) > MAX_EXTRA_DEPTH)
        throw new Rejection('SCHEMA_VIOLATION', `${at}/extra`, `nests deeper than ${MAX_EXTRA_DEPTH} levels`);
      if (Buffer.byteLength(JSON.stringify(r.extra)) > MAX_EXTRA_BYTES) throw new Rejection('SCHEMA_VIOLATION', `${at}/extra`, 'is larger than 16 KiB');
    }
    const township = region(regionCode, `${at}/regionCode`);
    // §4: occurredAt ≤ receivedAt ≤ updatedAt, none more than 5 min in the future.
    if ((occurredAt && occurredAt > receivedAt) || receivedAt > updatedAt) {
      throw new Rejection('INVALID_TIME', `${at}/receivedAt`, 'occurredAt ≤ receivedAt ≤ updatedAt does not hold');
    }
    for (const [key, t] of [
      ['occurredAt', occurredAt],
      ['receivedAt', receivedAt],
      ['updatedAt', updatedAt],
    ] as const) {
      if (t && t.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new Rejection('INVALID_TIME', `${at}/${key}`, 'is more than 5 minutes in the future');
    }
    const warnings: MappingWarning[] = [];
    const { key, order } = versionKey({ version, updatedAt });
    return {
      ok: true,
      record: {
        externalId: id,
        version: key,
        versionOrder: order,
        requestType: TYPES.get(r.requestType)!,
        title,
        content,
        citizen,
        address,
        regionCode: township,
        receivedAt,
        urgency: URGENCIES.get(urgencyText)!,
        categoryHint,
        channelStatus,
        warnings,
      },
    };
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    return { ok: false, code: error.code, message: error.message, externalId };
  }
}
