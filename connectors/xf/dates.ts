import { formatShanghaiIso, shanghaiToInstant } from '../../src/common/time';

/**
 * 信访 time formats (petition.md §1, §3, §5; channels README "Time-zone rule"): times are
 * `yyyyMMddHHmmss` Asia/Shanghai, deadlines `yyyy-MM-dd` meaning 23:59:59 Asia/Shanghai of that date.
 * Impossible dates (20240230…, 2024-02-30) give null, never a rolled-over date.
 */

/** A calendar date in Asia/Shanghai. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** ASCII digits only: full-width digits are not digits here. */
const COMPACT_TIME = /^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/;
const DEADLINE_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** `yyyyMMddHHmmss` (Asia/Shanghai) → the instant and its local date, or null. */
export function parseCompactTime(text: string): { instant: Date; date: LocalDate } | null {
  const m = COMPACT_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const instant = shanghaiToInstant({ year, month, day, hour, minute, second });
  return instant ? { instant, date: { year, month, day } } : null;
}

/** Instant → `yyyyMMddHHmmss` in Asia/Shanghai (ReqTime, Since, GXSJ). */
export function formatCompactTime(instant: Date): string {
  return formatShanghaiIso(instant, { millis: false }).slice(0, 19).replace(/[-T:]/g, '');
}

/** `yyyy-MM-dd` → the date, or null for a text of another form or a date that does not exist. */
export function parseDeadlineDate(text: string): LocalDate | null {
  const m = DEADLINE_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1, 4).map(Number);
  return shanghaiToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }) ? { year, month, day } : null;
}

/** Calendar days (§5: "calendar days"), across month and year ends. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** §5 (2): a deadline date is 23:59:59 Asia/Shanghai of that date; null outside years 1000–9999. */
export function endOfDay(date: LocalDate): Date | null {
  return shanghaiToInstant({ ...date, hour: 23, minute: 59, second: 59 });
}

/** Date → `yyyy-MM-dd`. */
export function formatDate(date: LocalDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}
