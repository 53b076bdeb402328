import { badInput } from './errors';

/**
 * Opaque global IDs (Relay): base64url("Type:localId"). Clients must not parse them.
 */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Every global-id type is a table with a `serial` (int4) key: larger ids are refused before any SQL. */
const MAX_LOCAL_ID = 2_147_483_647;
/** Longer strings are no ID we ever issued (the longest type name plus 10 digits is well below). */
const MAX_GLOBAL_ID_LENGTH = 128;
const DECODED = /^([A-Z][A-Za-z0-9]{0,63}):([1-9][0-9]{0,9})$/;

/**
 * Decodes a global ID, or null when it is not one we could have issued: not base64url of
 * "Type:n" with Type an identifier starting with a capital and n a positive int4 in plain digits
 * ("WorkOrder:abc", "WorkOrder:1e400", "WorkOrder:0x1", "__proto__:1" are all null). Never throws,
 * so nothing malformed can reach a lookup or SQL.
 */
export function parseGlobalId(globalId: unknown): { type: string; id: number } | null {
  if (typeof globalId !== 'string' || !globalId.length || globalId.length > MAX_GLOBAL_ID_LENGTH) return null;
  const match = DECODED.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[2]);
  return id <= MAX_LOCAL_ID ? { type: match[1], id } : null;
}

export function fromGlobalId(globalId: string): { type: string; id: number } {
  const parsed = parseGlobalId(globalId);
  if (!parsed) {
    const shown = globalId.length > 40 ? `${globalId.slice(0, 40)}…` : globalId;
    throw badInput(`无效的 ID：${shown}`, `Invalid global ID: ${shown}`, 'id');
  }
  return parsed;
}

/** Decodes a global ID that must name the given type. */
export function localId(globalId: string, type: string): number {
  const parsed = fromGlobalId(globalId);
  if (parsed.type !== type) throw badInput(`ID 不是 ${type}`, `ID does not identify a ${type}`, 'id');
  return parsed.id;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The SQL type a cursor value is compared as (`?::timestamptz`, …): checked before it reaches SQL. */
export type CursorKind = 'int' | 'text' | 'timestamptz' | 'double precision';

const CURSOR_VALUE: Record<CursorKind, (v: unknown) => boolean> = {
  int: (v) =>
    (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2_147_483_647) ||
    (typeof v === 'string' && /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2_147_483_647),
  text: (v) => typeof v === 'string' && v.length <= 200,
  // As PostgreSQL prints a timestamptz (`::text`), or ISO 8601; 'infinity' sorts the undated last.
  timestamptz: (v) =>
    typeof v === 'string' &&
    (/^-?infinity$/.test(v) ||
      (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(v) &&
        !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))))),
  'double precision': (v) =>
    (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})(e[+-]?\d{1,3})?$/i.test(v)),
};

/**
 * Decodes a cursor this API issued: a JSON array of exactly the given kinds of value. Anything
 * else — another length, a value of the wrong type, a cursor over 512 characters — is
 * BAD_USER_INPUT, so a crafted cursor never reaches SQL.
 */
export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): string[] {
  if (cursor.length <= 512) {
    try {
      const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(values) && values.length === kinds.length && values.every((v, i) => CURSOR_VALUE[kinds[i]](v))) return values.map(String);
    } catch {
      /* fall through */
    }
  }
  throw badInput('无效的分页游标', 'Invalid pagination cursor', 'cursor');
}
