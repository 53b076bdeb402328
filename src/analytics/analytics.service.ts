import type { EntityManager } from '@mikro-orm/postgresql';
import { likeEscape } from '../db/sql';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { kpiRates, type KpiCounts, type KpiRates } from './kpi';
import { countsFromRawTables, mergeCounts, type CountOptions, type KpiFilter, type KpiGroupBy } from './kpi-sql';
import { accountability, pickBottom, rankDepartments, type AccountabilityDecision, type RankedDepartment } from './ranking';
import { countsFromRollup } from './rollup/rollup-read';

/** Where KPI counts come from: the rollup (default), or the raw tables (the bench's naive baseline). */
export type CountSource = 'rollup' | 'raw';
export type Period = { from: string; to: string };

export function counts(
  em: EntityManager,
  period: Period,
  groupBy: KpiGroupBy,
  filter: KpiFilter = {},
  source: CountSource = 'rollup',
  options: CountOptions = {},
): Promise<Map<string, KpiCounts>> {
  return source === 'raw' ? countsFromRawTables(em, period, groupBy, filter, options) : countsFromRollup(em, period, groupBy, filter, options);
}

/** Codes of the department at `path` and its sub-units (a department role's statistics scope). */
export async function departmentCodesUnder(em: EntityManager, path: string): Promise<string[]> {
  const rows = await em.execute('select code from department where path like ?', [`${likeEscape(path)}%`]);
  return rows.map((r) => String(r.code));
}

/** yyyy-MM → its first day, the next month's first day, and the previous month's first day (Asia/Shanghai dates). */
export function monthPeriod(month: string): Period & { previousFrom: string } {
  const { year, index } = monthIndex(month);
  const first = (i: number) => new Date(Date.UTC(year, i - 1, 1)).toISOString().slice(0, 10);
  return { from: first(index), to: first(index + 1), previousFrom: first(index - 1) };
}

/** A yyyy-MM month (validated as everywhere else: dispatch/duty-schedule.service.ts) as year and 1-based index. */
export function monthIndex(month: string): { year: number; index: number } {
  const { month: m } = parseMonth(month);
  return { year: Number(m.slice(0, 4)), index: Number(m.slice(5, 7)) };
}

type DepartmentRates = Array<KpiRates & { departmentCode: string }>;

/** KPIs of each department (by lead department code) over a period. */
export async function departmentRates(em: EntityManager, period: Period, source: CountSource = 'rollup', options: CountOptions = {}): Promise<DepartmentRates> {
  return ratesOf(await counts(em, period, 'DEPARTMENT', {}, source, options));
}

/** Department counts (by lead department code) as rates, without the orders of no department. */
function ratesOf(byDepartment: Map<string, KpiCounts>): DepartmentRates {
  return [...byDepartment].filter(([code]) => code !== '').map(([departmentCode, c]) => ({ departmentCode, ...kpiRates(c) }));
}

/**
 * 部门月度排名 The month's department ranking against the month before (analytics/ranking). The
 * month's rates are given in full (with 在办 / 超期); the ranking itself does not use those, so
 * `monthRates` (a cache over several months) may skip them for the months before.
 */
export async function rankMonth(
  em: EntityManager,
  month: string,
  source: CountSource = 'rollup',
  monthRates: (month: string) => Promise<DepartmentRates> = (m) => departmentRates(em, monthPeriod(m), source, { backlog: false }),
): Promise<Array<RankedDepartment & { rates: KpiRates | null }>> {
  const [current, previous] = await Promise.all([departmentRates(em, monthPeriod(month), source), monthRates(previousMonth(month))]);
  return ranked(current, previous);
}

function ranked(current: DepartmentRates, previous: DepartmentRates): Array<RankedDepartment & { rates: KpiRates | null }> {
  const rates = new Map(current.map(({ departmentCode, ...r }) => [departmentCode, r]));
  return rankDepartments(current, previous).map((r) => ({ ...r, rates: rates.get(r.departmentCode) ?? null }));
}

function previousMonth(month: string): string {
  return monthPeriod(month).previousFrom.slice(0, 7);
}

/**
 * The department counts (no 在办 / 超期) of every month the 约谈 ladder of `month` needs, in one read:
 * months -4 … `month` of its calendar year (a run of consecutive months may reach three months before
 * January; each ranking compares with the month before it). yyyy-MM → lead department code → counts.
 */
export async function departmentMonths(em: EntityManager, month: string, source: CountSource = 'rollup'): Promise<Map<string, Map<string, KpiCounts>>> {
  const { year, index } = monthIndex(month);
  const first = (i: number) => new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 10);
  const perMonth = await counts(em, { from: first(-4), to: first(index) }, 'DEPARTMENT', {}, source, { backlog: false, per: 'MONTH' });
  const out = new Map<string, Map<string, KpiCounts>>();
  for (const [key, c] of perMonth) {
    const m = key.slice(0, 7);
    (out.get(m) ?? out.set(m, new Map()).get(m)!).set(key.slice(11), c);
  }
  return out;
}

/** 约谈 The 003 八 ladder for a month: the rankings of its calendar year up to the month (the yearly counts). */
export async function accountabilityFor(em: EntityManager, month: string, source: CountSource = 'rollup'): Promise<AccountabilityDecision[]> {
  return accountabilityFrom(month, await departmentMonths(em, month, source));
}

/** The ladder from departmentMonths(month). */
export function accountabilityFrom(month: string, months: Map<string, Map<string, KpiCounts>>): AccountabilityDecision[] {
  const { year, index } = monthIndex(month);
  const rates = (m: string) => ratesOf(months.get(m) ?? new Map());
  const history = [];
  for (let i = -3; i < index; i++) {
    const m = new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 7);
    history.push({ month: m, bottom: pickBottom(rankDepartments(rates(m), rates(previousMonth(m)))) });
  }
  return accountability(history, month);
}

/**
 * The month's ranking (as rankMonth) from departmentMonths(month) and the month's 在办 / 超期 by
 * department (backlogCounts), without reading the rollup again.
 */
export function rankFrom(
  month: string,
  months: Map<string, Map<string, KpiCounts>>,
  backlog: Map<string, KpiCounts>,
): Array<RankedDepartment & { rates: KpiRates | null }> {
  const current = mergeCounts(new Map(months.get(month) ?? []), backlog);
  return ranked(ratesOf(current), ratesOf(months.get(previousMonth(month)) ?? new Map()));
}
