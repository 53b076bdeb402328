import type { MappingWarning } from '../../src/ingest/canonical';
import { codePointLength, storableText } from './text';

/**
 * Small pieces every connector mapping uses the same way (channels README "Defective records":
 * a defect becomes a warning naming the field, never the value).
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Absent and null both mean "no value". */
export const isAbsent = (v: unknown): v is null | undefined => v === undefined || v === null;
export const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Field names come from the record too: keep them short and printable in messages. */
export const fieldLabel = (name: string): string => storableText(name.length > 64 ? `${name.slice(0, 64)}…` : name).text;

export class Warnings {
  readonly list: MappingWarning[] = [];
  add(field: string, code: string, message: string): void {
    this.list.push({ field, code, message });
  }
}

/** A string field: wrong type → null + INVALID_TYPE; text made storable (INVALID_UNICODE). */
export function text(value: unknown, field: string, w: Warnings): string | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'string') {
    w.add(field, 'INVALID_TYPE', `${field} is ${typeName(value)}, expected a string; left empty`);
    return null;
  }
  const { text: fixed, changed } = storableText(value);
  if (changed) w.add(field, 'INVALID_UNICODE', `${field} has unpaired surrogates or NUL characters; replaced with U+FFFD`);
  return fixed;
}

/** TOO_SHORT / TOO_LONG by code points; returns the length. */
export function lengthWarning(value: string, field: string, min: number, max: number, w: Warnings): number {
  const n = codePointLength(value);
  if (n < min) w.add(field, 'TOO_SHORT', `${field} is shorter than ${min} characters`);
  else if (n > max) w.add(field, 'TOO_LONG', `${field} is longer than ${max} characters (${n})`);
  return n;
}

/** Fields a record carries beyond its spec: one warning each (at most 20, then a count); the values stay in the raw record. */
export const MAX_UNKNOWN_FIELD_WARNINGS = 20;

export function unknownFields(
  record: Json,
  known: ReadonlySet<string>,
  prefix: string,
  spec: string,
  w: Warnings,
  label: (name: string) => string = fieldLabel,
): void {
  const unknown = Object.keys(record).filter((k) => !known.has(k));
  for (const key of unknown.slice(0, MAX_UNKNOWN_FIELD_WARNINGS)) {
    const field = `${prefix}${label(key)}`;
    w.add(field, 'UNKNOWN_FIELD', `${field} is not in ${spec}; kept in the raw record only`);
  }
  if (unknown.length > MAX_UNKNOWN_FIELD_WARNINGS) {
    w.add(prefix ? prefix.slice(0, -1) : '(record)', 'UNKNOWN_FIELD', `${unknown.length - MAX_UNKNOWN_FIELD_WARNINGS} more unknown fields`);
  }
}

/** JSON.parse that answers instead of throwing (a record that does not parse is quarantined, not a crash). */
export function parseJson(source: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    return { ok: false };
  }
}

/** An absolute https URL (attachment and callback links a channel sends). */
export function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
