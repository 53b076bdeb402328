import type { EntityManager } from '@mikro-orm/postgresql';
import { likeEscape } from '../db/sql';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { kpiRates, type KpiCounts, type KpiRates } from './kpi';
import { countsFromRawTables, type CountOptions, type KpiFilter, type KpiGroupBy } from './kpi-sql';
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
  return [...(await counts(em, period, 'DEPARTMENT', {}, source, options))]
    .filter(([code]) => code !== '')
    .map(([departmentCode, c]) => ({ departmentCode, ...kpiRates(c) }));
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
  const current = await departmentRates(em, monthPeriod(month), source);
  const rates = new Map(current.map(({ departmentCode, ...r }) => [departmentCode, r]));
  const ranked = rankDepartments(current, await monthRates(previousMonth(month)));
  return ranked.map((r) => ({ ...r, rates: rates.get(r.departmentCode) ?? null }));
}

function previousMonth(month: string): string {
  return monthPeriod(month).previousFrom.slice(0, 7);
}

/**
 * 约谈 The 003 八 ladder for a month: the rankings of its calendar year up to the month (the yearly
 * counts) and of the three months before January that a run of consecutive months may still reach.
 */
export async function accountabilityFor(em: EntityManager, month: string, source: CountSource = 'rollup'): Promise<AccountabilityDecision[]> {
  const { year, index } = monthIndex(month);
  const first = (i: number) => new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 10);
  // The department rates of every month needed, in one read: months -4 … `month` (a run of consecutive
  // months may reach three months before January; each ranking compares with the month before it).
  const perMonth = await counts(em, { from: first(-4), to: first(index) }, 'DEPARTMENT', {}, source, { backlog: false, per: 'MONTH' });
  const rates = new Map<string, DepartmentRates>();
  for (const [key, c] of perMonth) {
    const [day, departmentCode] = [key.slice(0, 10), key.slice(11)];
    if (departmentCode === '') continue;
    const list = rates.get(day.slice(0, 7)) ?? rates.set(day.slice(0, 7), []).get(day.slice(0, 7))!;
    list.push({ departmentCode, ...kpiRates(c) });
  }
  const history = [];
  for (let i = -3; i < index; i++) {
    const m = first(i).slice(0, 7);
    history.push({ month: m, bottom: pickBottom(rankDepartments(rates.get(m) ?? [], rates.get(previousMonth(m)) ?? [])) });
  }
  return accountability(history, month);
}
