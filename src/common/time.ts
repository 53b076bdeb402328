/**
 * The one date module: Asia/Shanghai calendar dates and wall-clock times ↔ UTC instants, for the
 * hub and its connectors (channels README "Time-zone rule"). Asia/Shanghai is fixed UTC+08:00 (no DST
 * since 1991), so this is plain arithmetic, no Intl. Invalid calendar dates (2024-02-30, 25:00) give
 * null, never a rolled-over date.
 */

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
export const SHANGHAI_OFFSET_MS = SHANGHAI_OFFSET_MINUTES * MINUTE_MS;

// ── Instant → Asia/Shanghai date and time ─────────────────────────────────────────────────────

export interface LocalDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

/** The instant's wall-clock time in Asia/Shanghai (month 1–12). */
export function shanghaiWallClock(at: Date): Required<LocalDateTimeParts> {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

/** Local date yyyy-MM-dd of an instant in Asia/Shanghai. RangeError for an Invalid Date. */
export function shanghaiDate(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('无效时间 | Invalid Date');
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** yyyyMMdd of the instant's local date in Asia/Shanghai (codes, ids and daily counters). */
export function shanghaiDateStamp(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** 'yyyy-MM-dd HH:mm' in Asia/Shanghai; an ISO text that is no valid instant comes back unchanged. */
export function shanghaiDateTime(at: Date | string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Instant → `YYYY-MM-DDTHH:mm:ss.SSS+08:00` (without `.SSS` when `millis: false`). */
export function formatShanghaiIso(instant: Date, options: { millis?: boolean } = {}): string {
  const l = shanghaiWallClock(instant);
  const date = `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`;
  const time = `${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;
  const millis = options.millis === false ? '' : `.${pad(l.millisecond, 3)}`;
  return `${date}T${time}${millis}+08:00`;
}

/** Milliseconds since the last Asia/Shanghai midnight (0 ≤ result < DAY_MS). */
export function shanghaiMsOfDay(at: Date): number {
  return (((at.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant the instant's Asia/Shanghai day began (its local 00:00). */
export function shanghaiDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS);
}

// ── Asia/Shanghai date and time → instant ─────────────────────────────────────────────────────

/** 00:00 Asia/Shanghai of a local date yyyy-MM-dd. */
export function shanghaiMidnight(localDate: string): Date {
  return new Date(`${localDate}T00:00:00+08:00`);
}

/** 00:00 Asia/Shanghai on the 1st of a month (`monthIndex` 0–11; beyond rolls into the next year). */
export function shanghaiMonthStart(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1) - SHANGHAI_OFFSET_MS);
}

/** A local date yyyy-MM-dd moved by whole days (across month and year ends). */
export function shiftDate(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
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

// ── Channel texts → instants ──────────────────────────────────────────────────────────────────

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

const ISO_DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))?$/;

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
