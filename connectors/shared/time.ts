/**
 * Channel times → UTC instants (channels README "Time-zone rule"): a local time without an offset is
 * Asia/Shanghai, fixed UTC+08:00 (no DST since 1991), converted at the connector boundary.
 * Pure functions, no Intl: invalid calendar dates (2024-02-30, 25:00) give null, never a rolled-over date.
 */

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const MINUTE_MS = 60_000;

export interface LocalDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A wall-clock time at the given UTC offset → instant; null for a date or time that does not exist. */
export function wallClockToInstant(parts: LocalDateTimeParts, offsetMinutes: number): Date | null {
  const { year, month, day, hour, minute, second } = parts;
  const millisecond = parts.millisecond ?? 0;
  const ints = [year, month, day, hour, minute, second, millisecond];
  if (!ints.every(Number.isInteger)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || millisecond < 0 || millisecond > 999) return null;
  if (hour < 0 || minute < 0 || second < 0 || !Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 18 * 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * MINUTE_MS;
  return new Date(utc);
}

/** Asia/Shanghai wall-clock time → instant. */
export function shanghaiToInstant(parts: LocalDateTimeParts): Date | null {
  return wallClockToInstant(parts, SHANGHAI_OFFSET_MINUTES);
}

/** Fraction digits → milliseconds, truncated (the hub keeps millisecond precision). */
function fractionToMs(fraction: string | undefined): number {
  return fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
}

const LOCAL_DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

/** `YYYY-MM-DD HH:mm:ss` (Asia/Shanghai, no offset; 12315 acceptTime) → instant, or null. */
export function parseShanghaiDateTime(text: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  return shanghaiToInstant({ year, month, day, hour, minute, second });
}

const ISO_DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))?$/;

export interface ParsedIsoInstant {
  instant: Date;
  /** The offset the text stated, in minutes; null when it had none (then read as Asia/Shanghai). */
  offsetMinutes: number | null;
}

/**
 * ISO 8601 / RFC 3339 date-time → instant. With `requireOffset` a text without `Z`/`±HH:MM` is null;
 * without it, such a text is read as Asia/Shanghai local time and `offsetMinutes` is null.
 */
export function parseIsoDateTime(text: string, options: { requireOffset?: boolean } = {}): ParsedIsoInstant | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millisecond = fractionToMs(m[7]);
  let offsetMinutes: number | null;
  if (m[8]) offsetMinutes = 0;
  else if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  } else if (options.requireOffset) return null;
  else offsetMinutes = null;
  const instant = wallClockToInstant({ year, month, day, hour, minute, second, millisecond }, offsetMinutes ?? SHANGHAI_OFFSET_MINUTES);
  return instant ? { instant, offsetMinutes } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Instant → `YYYY-MM-DDTHH:mm:ss.SSS+08:00` (the form 12315 uses for updatedAt and accepts in queries). */
export function formatShanghaiIso(instant: Date, options: { millis?: boolean } = {}): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MINUTES * MINUTE_MS);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const millis = options.millis === false ? '' : `.${pad(local.getUTCMilliseconds(), 3)}`;
  return `${date}T${time}${millis}+08:00`;
}

/** Instant → Asia/Shanghai calendar date `YYYYMMDD` (ids and daily counters). */
export function shanghaiDateKey(instant: Date): string {
  return formatShanghaiIso(instant).slice(0, 10).replace(/-/g, '');
}
