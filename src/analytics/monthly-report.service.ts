import type { EntityManager } from '@mikro-orm/postgresql';
import { DutyScheduleService } from '../dispatch/duty-schedule.service';
import { HardCaseQueries } from '../dispatch/hard-case.query';
import { accountabilityFrom, counts, departmentMonths, monthPeriod, rankFrom, type CountSource } from './analytics.service';
import { KEY_CATEGORIES } from './key-categories';
import { addCounts, emptyCounts, kpiRates, type KpiCounts } from './kpi';
import { backlogCountsBy, inPeriod, mergeCounts, type KpiGroupBy } from './kpi-sql';
import type { MonthlyReport } from './report';

export interface BuildMonthlyReportOptions {
  /** Where the KPI counts come from: the rollup (default) or the raw tables (the bench's naive baseline). */
  source?: CountSource;
  /** Called as the sections are assembled (done, total), for the CLI's progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** How many hot issues and twice-unsatisfied orders to list (default 10 and 50). */
  hotIssues?: number;
  twiceUnsatisfied?: number;
}

/**
 * 热线月报 The whole monthly report of a month (yyyy-MM) as data (report/monthly-report.ts): the
 * headline against last month, the daily trend, channel, category and township mix, the department
 * ranking and the 003 八 ladder, the key-category watch table, the month's top hot issues, the
 * orders put on the consultation list after a second 不满意, and the 区长热线日 summary. Aggregates
 * and work-order codes and titles only: no personal field.
 */
export async function buildMonthlyReport(em: EntityManager, month: string, options: BuildMonthlyReportOptions = {}): Promise<MonthlyReport> {
  const source = options.source ?? 'rollup';
  const period = monthPeriod(month);
  // 在办 / 超期 only where the report shows them (the headline, key categories, the ranking's rates), read
  // live for those four groupings in one pass over the month's open orders; the other counts without.
  const volumes = { backlog: false };
  // The sections read independently: all at once (each statement on its own pooled connection).
  const sections = {
    total: counts(em, period, 'TOTAL', {}, source, volumes),
    previousTotal: counts(em, { from: period.previousFrom, to: period.from }, 'TOTAL', {}, source),
    names: referenceNames(em),
    days: counts(em, period, 'DAY', {}, source, volumes),
    channels: counts(em, period, 'CHANNEL', {}, source, volumes),
    level1: counts(em, period, 'CATEGORY_L1', {}, source, volumes),
    level2: counts(em, period, 'CATEGORY_L2', {}, source, volumes),
    regions: counts(em, period, 'REGION', {}, source, volumes),
    backlog: backlogCountsBy(em, period, ['TOTAL', 'CATEGORY_L1', 'CATEGORY_L2', 'DEPARTMENT']),
    // The department counts of the months the ranking and the 约谈 ladder need, in one read.
    departmentMonths: departmentMonths(em, month, source),
    hotIssues: topHotIssues(em, period, options.hotIssues ?? 10),
    twiceUnsatisfied: consultationListed(em, period, options.twiceUnsatisfied ?? 50),
    dutyDay: dutyDaySummary(em, month),
  };
  const read = await awaitSections(sections, options.onProgress);
  const withBacklog = (grouped: Map<string, KpiCounts>, groupBy: KpiGroupBy) => mergeCounts(grouped, read.backlog.get(groupBy)!);
  const r = {
    ...read,
    total: withBacklog(read.total, 'TOTAL'),
    level1: withBacklog(read.level1, 'CATEGORY_L1'),
    level2: withBacklog(read.level2, 'CATEGORY_L2'),
    ranked: rankFrom(month, read.departmentMonths, read.backlog.get('DEPARTMENT')!),
    decisions: accountabilityFrom(month, read.departmentMonths),
  };

  const total = r.total.get('TOTAL') ?? emptyCounts();
  const previousTotal = r.previousTotal.get('TOTAL');
  const share = (n: number) => (total.received > 0 ? n / total.received : 0);
  const mix = (grouped: Map<string, KpiCounts>, nameOf: Map<string, string>) =>
    [...grouped]
      .filter(([, c]) => c.received > 0)
      .map(([code, c]) => ({ code, name: nameOf.get(code) ?? (code || '未分类'), received: c.received, share: share(c.received) }))
      .sort((a, b) => b.received - a.received || a.code.localeCompare(b.code));
  const departmentName = (code: string) => r.names.departments.get(code) ?? code;
  return {
    month,
    generatedAt: new Date().toISOString(),
    headline: { ...kpiRates(total), previous: previousTotal ? kpiRates(previousTotal) : null },
    trend: dates(period.from, period.to).map((date) => ({ date, received: r.days.get(date)?.received ?? 0, closed: r.days.get(date)?.closed ?? 0 })),
    channels: mix(r.channels, r.names.channels),
    categories: mix(r.level1, r.names.categories),
    townships: mix(r.regions, r.names.regions).map(({ code, name, received }) => ({ code, name, received, perTenThousand: null })),
    ranking: r.ranked
      .filter((d) => d.rank !== null && d.score !== null && d.rates !== null)
      .sort((a, b) => a.rank! - b.rank! || a.departmentCode.localeCompare(b.departmentCode))
      .map((d) => ({
        rank: d.rank!,
        departmentCode: d.departmentCode,
        departmentName: departmentName(d.departmentCode),
        score: d.score!,
        change: d.scoreChange,
        rates: d.rates!,
      })),
    accountability: r.decisions.map((d) => ({
      departmentCode: d.departmentCode,
      departmentName: departmentName(d.departmentCode),
      level: d.level,
      reason: d.reason,
    })),
    keyCategories: KEY_CATEGORIES.map(({ key, name, codes }) => {
      const c = codes.map((code) => (code.length === 2 ? r.level1 : r.level2).get(code) ?? emptyCounts()).reduce(addCounts, emptyCounts());
      return { key, name, received: c.received, closed: c.closed, overdue: c.overdue, satisfactionRate: kpiRates(c).satisfactionRate };
    }),
    hotIssues: r.hotIssues,
    twiceUnsatisfied: r.twiceUnsatisfied,
    dutyDay: r.dutyDay,
  };
}

/** Awaits every promise of `tasks` (reporting progress as each settles) and gives their values by name; the first failure is thrown once all have settled. */
async function awaitSections<T extends Record<string, Promise<unknown>>>(
  tasks: T,
  onProgress?: (done: number, total: number) => void,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = Object.entries(tasks);
  let done = 0;
  onProgress?.(0, entries.length);
  const settled = await Promise.allSettled(entries.map(([, task]) => task.finally(() => onProgress?.(++done, entries.length))));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(entries.map(([name], i) => [name, (settled[i] as PromiseFulfilledResult<unknown>).value])) as { [K in keyof T]: Awaited<T[K]> };
}

async function referenceNames(em: EntityManager) {
  const byCode = async (sql: string) => new Map((await em.execute(sql)).map((r) => [String(r.code), String(r.name)]));
  return {
    channels: await byCode('select code, name from channel'),
    categories: await byCode('select code, name from category where level = 1'),
    regions: await byCode('select code, name from region'),
    departments: await byCode('select code, name from department'),
  };
}

/** Every date in [from, to). */
function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d < Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/** 热点问题 detected in the month, hottest first. */
async function topHotIssues(em: EntityManager, period: { from: string; to: string }, limit: number) {
  const rows = await em.execute(
    `select h.title, r.name as region, h.member_count, h.score, h.status from hot_issue h join region r on r.id = h.region_id
      where h.detected_at is not null and ${inPeriod('h.detected_at')} order by h.score desc, h.id limit ?`,
    [period.from, period.to, limit],
  );
  return rows.map((r) => ({
    title: String(r.title),
    region: String(r.region),
    members: Number(r.member_count),
    score: Number(r.score),
    status: String(r.status),
  }));
}

/** 二次不满意 Orders put on the consultation list (会商, 003 二) in the month. */
async function consultationListed(em: EntityManager, period: { from: string; to: string }, limit: number) {
  const rows = await em.execute(
    `select wo.code, wo.title, d.name as department from work_order wo left join department d on d.id = wo.lead_department_id
      where wo.consultation_listed_at is not null and wo.status <> 'MERGED' and ${inPeriod('wo.consultation_listed_at')}
      order by wo.consultation_listed_at, wo.id limit ?`,
    [period.from, period.to, limit],
  );
  return rows.map((r) => ({ code: String(r.code), title: String(r.title), department: r.department == null ? null : String(r.department) }));
}

/** 区长热线日 The month's schedule and how many hard cases it has to take up (000; dispatch/hard-case.query.ts). */
async function dutyDaySummary(em: EntityManager, month: string): Promise<MonthlyReport['dutyDay']> {
  const schedules = new DutyScheduleService();
  const schedule = await schedules.byMonth(em, month);
  if (!schedule) return null;
  // Counted in the database by the same rules as the dispatch desk's list (hardCases(month)), no row fetched.
  const hardCases = await new HardCaseQueries(schedules).countForMonth(em, month, schedule);
  // The schedule names a month, not a day (000 附件): the date is not known to the hub.
  return { leader: schedule.leaderName, date: null, categories: schedule.categoriesText.split(/[、，,；;\s]+/).filter(Boolean), hardCases };
}
