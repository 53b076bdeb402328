import { DAY_MS, MINUTE_MS, SHANGHAI_OFFSET_MINUTES, shanghaiToInstant } from '../../src/common/time';

/**
 * The 12328 time formats (12328.md §4 and §5, channels README "Time-zone rule"): `受理时间` as text
 * `yyyy/M/d H:mm` and as an Excel serial date, both Asia/Shanghai local time → UTC instants.
 * Business dates `YYYYMMDD` (§1) are checked here too. Pure functions.
 */

/** §4 `受理时间`, exactly the spec's regex (ASCII digits only). */
export const ACCEPT_TIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/;
const BUSINESS_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** §5: serial 0 is 1899-12-30 in the 1900 date system; 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
/** §5: a workbook in the 1904 date system counts its serials 1462 days later. */
export const DATE1904_OFFSET_DAYS = 1462;

export type AcceptTime = { ok: true; instant: Date } | { ok: false; reason: 'INVALID_FORMAT' | 'INVALID_DATE' };

/** `2024/3/1 8:05` → 2024-03-01T00:05:00Z; a text off the regex or an impossible date (2024/2/30, 24:00) → the reason. */
export function parseAcceptTime(text: string): AcceptTime {
  const m = ACCEPT_TIME.exec(text);
  if (!m) return { ok: false, reason: 'INVALID_FORMAT' };
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const instant = shanghaiToInstant({ year, month, day, hour, minute, second: 0 });
  return instant ? { ok: true, instant } : { ok: false, reason: 'INVALID_DATE' };
}

/**
 * §5: an Excel serial (days since 1899-12-30, fraction = time of day, local time) → the instant,
 * rounded to the nearest minute; `date1904` adds 1462 days. Null outside the years 1000–9999.
 * `45352.336805555555` → 2024-03-01T00:05:00Z.
 */
export function serialToInstant(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial)) return null;
  const days = serial + (date1904 ? DATE1904_OFFSET_DAYS : 0);
  const localMinutes = Math.round((days - UNIX_EPOCH_SERIAL) * 1440);
  const instant = new Date(localMinutes * MINUTE_MS - SHANGHAI_OFFSET_MINUTES * MINUTE_MS);
  const year = new Date(localMinutes * MINUTE_MS).getUTCFullYear();
  return Number.isNaN(instant.getTime()) || year < 1000 || year > 9999 ? null : instant;
}

/** The inverse, for the simulator: an instant → the serial of its Asia/Shanghai wall-clock time. */
export function instantToSerial(instant: Date, date1904: boolean): number {
  const localMs = instant.getTime() + SHANGHAI_OFFSET_MINUTES * MINUTE_MS;
  return localMs / DAY_MS + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET_DAYS : 0);
}

/** `YYYYMMDD` that is a calendar date → its 00:00 Asia/Shanghai; else null. */
export function businessDateStart(date: string): Date | null {
  const m = BUSINESS_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = m.slice(1, 4).map(Number);
  return shanghaiToInstant({ year, month, day, hour: 0, minute: 0, second: 0 });
}
