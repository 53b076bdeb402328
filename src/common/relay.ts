import { badInput } from './errors';

/**
 * Opaque global IDs (Relay): base64url("Type:localId"). Clients must not parse them.
 */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: number } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  const id = Number(decoded.slice(sep + 1));
  if (sep <= 0 || !Number.isSafeInteger(id) || id <= 0) {
    throw badInput(`无效的 ID：${globalId}`, `Invalid global ID: ${globalId}`, 'id');
  }
  return { type: decoded.slice(0, sep), id };
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

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    /* fall through */
  }
  throw badInput('无效的分页游标', 'Invalid pagination cursor', 'cursor');
}
