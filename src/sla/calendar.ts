import chineseDays from 'chinese-days/dist/chinese-days.json';
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDate } from '../common/time';

/**
 * 工作日日历 Working-day calendar with 调休 (holiday shifts and make-up working days).
 *
 * Rules, in order of precedence for one local date (Asia/Shanghai):
 *  1. `days` given to the constructor: official notices imported in holiday-cn shape and admin
 *     overrides; the later entry for a date wins.
 *  2. chinese-days (the yearly 国务院办公厅关于××年部分节假日安排的通知, 2004–2026 in 1.5.7):
 *     its `workdays` are the 调休 make-up working days, its `holidays` the days off (including the
 *     weekends inside a holiday period).
 *  3. Otherwise 国务院关于职工工作时间的规定 第七条: Saturday and Sunday off, Monday–Friday working.
 * A year with neither 1 nor 2 has no official data: rule 3 is a guess, and every deadline that
 * crosses such a year carries a warning saying so (chinese-days itself falls back silently).
 *
 * Deadlines in working days come from the handling rules (004: 办理时限"一般不超过7个工作日").
 *
 * The package's JSON is read directly (not its API): it works from CommonJS in jest and in
 * `node dist/…`, and it tells which years the package covers.
 */

/** One official day entry (holiday-cn JSON shape: {year, days:[{name, date, isOffDay}]}) or an admin override. */
export interface CalendarDay {
  /** yyyy-MM-dd, local date in Asia/Shanghai. */
  date: string;
  isOffDay: boolean;
  name?: string;
}

export interface DeadlineResult {
  at: Date;
  /** One bilingual warning per year crossed that has no official holiday data. */
  warnings: string[];
}

/** Start of business on a working day: 08:30 local (the centre's 办公时间). */
const BUSINESS_START_MS = (8 * 60 + 30) * 60 * 1000;
/** A deadline runs to the last millisecond of its local day. */
const END_OF_DAY_MS = DAY_MS - 1;
/** Guard against a calendar whose overrides turn every day off. */
const MAX_DAYS_SCANNED = 3 * 366;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const PACKAGE_OFF = new Set(Object.keys(chineseDays.holidays));
const PACKAGE_WORK = new Set(Object.keys(chineseDays.workdays));
const PACKAGE_YEARS = new Set([...PACKAGE_OFF, ...PACKAGE_WORK].map((d) => Number(d.slice(0, 4))));

/** Validated dates seen so far (deadline arithmetic asks for the same few hundred days again and again). */
const DAY_INDEX = new Map<string, number>();

/** Milliseconds of local midnight, counted as if the local date were UTC (for date arithmetic only). */
function dayIndexMs(localDate: string): number {
  const known = DAY_INDEX.get(localDate);
  if (known !== undefined) return known;
  const m = DATE_RE.exec(localDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== localDate) {
    throw new RangeError(`日期格式应为 yyyy-MM-dd 的有效日期：${JSON.stringify(localDate)} | Expected a valid yyyy-MM-dd date: ${JSON.stringify(localDate)}`);
  }
  if (DAY_INDEX.size > 100_000) DAY_INDEX.clear();
  DAY_INDEX.set(localDate, ms);
  return ms;
}

function nextDate(localDate: string): string {
  return new Date(dayIndexMs(localDate) + DAY_MS).toISOString().slice(0, 10);
}

/** The instant at `offsetMs` into the local day `localDate` in Asia/Shanghai. */
function localInstant(localDate: string, offsetMs: number): Date {
  return new Date(dayIndexMs(localDate) - SHANGHAI_OFFSET_MS + offsetMs);
}

function noOfficialDataWarning(year: number): string {
  return (
    `${year} 年无官方节假日安排（国务院办公厅通知），按周一至周五上班、周末休息推算，未计节假日和调休，结果可能不准 | ` +
    `No official holiday notice for ${year}: weekends treated as off and weekdays as working, holidays and make-up days ignored; the result may be wrong`
  );
}

export class WorkCalendar {
  private readonly overrides = new Map<string, boolean>();
  private readonly overrideYears = new Set<number>();

  /**
   * `days`: official notices imported and admin overrides (they win over chinese-days); later
   * entries win. `officialYears`: the years whose official notice has been imported; by default
   * every year present in `days` (pass it explicitly when `days` also holds one-off overrides, so a
   * single override does not pass for a whole year's notice).
   */
  constructor(days: CalendarDay[] = [], officialYears?: Iterable<number>) {
    for (const day of days) {
      dayIndexMs(day.date);
      this.overrides.set(day.date, day.isOffDay);
      if (!officialYears) this.overrideYears.add(Number(day.date.slice(0, 4)));
    }
    for (const year of officialYears ?? []) this.overrideYears.add(year);
  }

  /** Years covered by official data: chinese-days' own years plus years present in `days`. */
  hasOfficialData(year: number): boolean {
    return PACKAGE_YEARS.has(year) || this.overrideYears.has(year);
  }

  /** Is this local date (yyyy-MM-dd, Asia/Shanghai) a working day? */
  isWorkingDay(localDate: string): boolean {
    const weekday = new Date(dayIndexMs(localDate)).getUTCDay();
    const override = this.overrides.get(localDate);
    if (override !== undefined) return !override;
    if (PACKAGE_WORK.has(localDate)) return true; // 调休上班
    if (PACKAGE_OFF.has(localDate)) return false; // 放假
    return weekday !== 0 && weekday !== 6;
  }

  /** Same question for an instant (its Asia/Shanghai local date). */
  isWorkingInstant(at: Date): boolean {
    return this.isWorkingDay(shanghaiDate(at));
  }

  /**
   * End (23:59:59.999 Asia/Shanghai) of the Nth working day after the local date of `from` (n ≥ 1):
   * the day an order arrives is not counted.
   */
  addWorkingDays(from: Date, n: number): DeadlineResult {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`工作日数应为正整数：${n} | Working-day count must be a positive integer: ${n}`);
    }
    const scan = this.scanner();
    let date = shanghaiDate(from);
    for (let counted = 0; counted < n; ) {
      date = scan.step(date);
      if (scan.isWorking(date)) counted++;
    }
    return { at: localInstant(date, END_OF_DAY_MS), warnings: scan.warnings() };
  }

  /**
   * `from` itself when its local date is a working day; otherwise 08:30 local of the next working
   * day (a clock that starts on a day off starts when business opens).
   */
  nextWorkingStart(from: Date): DeadlineResult {
    const scan = this.scanner();
    let date = shanghaiDate(from);
    if (scan.isWorking(date)) return { at: new Date(from.getTime()), warnings: scan.warnings() };
    do date = scan.step(date);
    while (!scan.isWorking(date));
    return { at: localInstant(date, BUSINESS_START_MS), warnings: scan.warnings() };
  }

  /** Walks dates, remembering the years looked at that have no official data. */
  private scanner() {
    const unofficial = new Set<number>();
    let steps = 0;
    return {
      isWorking: (date: string): boolean => {
        const year = Number(date.slice(0, 4));
        if (!this.hasOfficialData(year)) unofficial.add(year);
        return this.isWorkingDay(date);
      },
      step: (date: string): string => {
        if (++steps > MAX_DAYS_SCANNED) {
          throw new Error(
            `${MAX_DAYS_SCANNED} 天内没有工作日，请检查节假日设置 | No working day within ${MAX_DAYS_SCANNED} days; check the calendar overrides`,
          );
        }
        return nextDate(date);
      },
      warnings: (): string[] => [...unofficial].sort((a, b) => a - b).map(noOfficialDataWarning),
    };
  }
}

/** Parses and validates the holiday-cn JSON shape; throws Error with a bilingual message naming the bad entry. */
export function parseHolidayCnJson(text: string): { year: number; days: CalendarDay[] } {
  const fail = (zh: string, en: string): never => {
    throw new Error(`节假日数据无效：${zh} | Invalid holiday data: ${en}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`不是合法的 JSON（${(e as Error).message}）`, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('应为对象 {year, days}', 'expected an object {year, days}');
  }
  const { year, days } = data as { year?: unknown; days?: unknown };
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1949 || year > 2200) {
    return fail(`year 应为年份整数，实为 ${JSON.stringify(year)}`, `year must be an integer year, got ${JSON.stringify(year)}`);
  }
  if (!Array.isArray(days)) return fail('days 应为数组', 'days must be an array');

  const seen = new Map<string, boolean>();
  const parsed = days.map((entry: unknown, i): CalendarDay => {
    const where = `days[${i}] ${JSON.stringify(entry)}`;
    if (typeof entry !== 'object' || entry === null) return fail(`${where} 应为对象`, `${where} must be an object`);
    const { name, date, isOffDay } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') return fail(`${where} 缺少 name`, `${where} has no name`);
    if (typeof isOffDay !== 'boolean') return fail(`${where} 的 isOffDay 应为 true/false`, `${where}: isOffDay must be true or false`);
    if (typeof date !== 'string' || !isValidDate(date)) {
      return fail(`${where} 的 date 应为有效的 yyyy-MM-dd 日期`, `${where}: date must be a valid yyyy-MM-dd date`);
    }
    // A notice can reach into the neighbouring year (元旦 spanning 12-31), never further.
    if (Math.abs(Number(date.slice(0, 4)) - year) > 1) {
      return fail(`${where} 不属于 ${year} 年`, `${where} is not in or next to ${year}`);
    }
    if (seen.has(date) && seen.get(date) !== isOffDay) {
      return fail(`${where} 与前面同一日期的条目矛盾`, `${where} contradicts an earlier entry for the same date`);
    }
    seen.set(date, isOffDay);
    return { date, isOffDay, name };
  });
  return { year, days: parsed };
}

function isValidDate(date: string): boolean {
  try {
    dayIndexMs(date);
    return true;
  } catch {
    return false;
  }
}
