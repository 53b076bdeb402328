import type { EntityManager } from '@mikro-orm/postgresql';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { kpiRates, type KpiCounts, type KpiRates } from './kpi';
import { countsFromRawTables, type KpiFilter, type KpiGroupBy } from './kpi-sql';
import { accountability, pickBottom, rankDepartments, type AccountabilityDecision, type RankedDepartment } from './ranking';
import { countsFromRollup } from './rollup/rollup-read';

/** Where KPI counts come from: the rollup (default), or the raw tables (the bench's naive baseline). */
export type CountSource = 'rollup' | 'raw';
export type Period = { from: string; to: string };

export function counts(em: EntityManager, period: Period, groupBy: KpiGroupBy, filter: KpiFilter = {}, source: CountSource = 'rollup'): Promise<Map<string, KpiCounts>> {
  return source === 'raw' ? countsFromRawTables(em, period, groupBy, filter) : countsFromRollup(em, period, groupBy, filter);
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

/** KPIs of each department (by lead department code) over a period. */
export async function departmentRates(em: EntityManager, period: Period, source: CountSource = 'rollup'): Promise<Array<KpiRates & { departmentCode: string }>> {
  return [...(await counts(em, period, 'DEPARTMENT', {}, source))].filter(([code]) => code !== '').map(([departmentCode, c]) => ({ departmentCode, ...kpiRates(c) }));
}

/** 部门月度排名 The month's department ranking against the month before (analytics/ranking). */
export async function rankMonth(em: EntityManager, month: string, source: CountSource = 'rollup'): Promise<Array<RankedDepartment & { rates: KpiRates | null }>> {
  const p = monthPeriod(month);
  const current = await departmentRates(em, p, source);
  const rates = new Map(current.map(({ departmentCode, ...r }) => [departmentCode, r]));
  const ranked = rankDepartments(current, await departmentRates(em, { from: p.previousFrom, to: p.from }, source));
  return ranked.map((r) => ({ ...r, rates: rates.get(r.departmentCode) ?? null }));
}

/**
 * 约谈 The 003 八 ladder for a month: the rankings of its calendar year up to the month (the yearly
 * counts) and of the three months before January that a run of consecutive months may still reach.
 */
export async function accountabilityFor(em: EntityManager, month: string, source: CountSource = 'rollup'): Promise<AccountabilityDecision[]> {
  const { year, index } = monthIndex(month);
  const history = [];
  for (let i = -3; i < index; i++) {
    const m = new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 7);
    history.push({ month: m, bottom: pickBottom(await rankMonth(em, m, source)) });
  }
  return accountability(history, month);
}
