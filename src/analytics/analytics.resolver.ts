import { heavyComplexity } from '../graphql/connection';
import { Arg, Authorized, Ctx, Field, Float, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { badInput } from '../common/errors';
import { requireViewer, type HubContext } from '../graphql/context';
import { DEPARTMENT_ROLES } from '../auth/roles';
import { accountabilityFor, counts, departmentCodesUnder, rankMonth } from './analytics.service';
import { KpiRow, MonthlyReportView, monthlyReportView, ratesView } from './analytics.types';
import { kpiRates, type KpiRates } from './kpi';
import type { KpiFilter, KpiGroupBy as GroupBy } from './kpi-sql';
import { buildMonthlyReport } from './monthly-report.service';
import { readEm } from '../db/read-routing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KpiGroupBy, KpiInterval, KpiMetric } from './vocabulary';

@ObjectType({ description: '趋势点 A trend point' })
class TrendValue {
  @Field({ description: '时段起始日期（北京时间）First day of the interval, Asia/Shanghai' })
  period!: string;
  @Field(() => Float, { nullable: true, description: '指标值（分母为零时为空）Value (null when its denominator is zero)' })
  value!: number | null;
}

@ObjectType({ description: '约谈（003 八）Accountability ladder decision' })
class AccountabilityEntry {
  @Field({ description: '单位代码 Department code' })
  departmentCode!: string;
  @Field({ description: '层级 SUPERVISOR_TALK 分管领导约谈, HEAD_TALK 主要负责人约谈, RECTIFICATION 限期整改' })
  level!: string;
  @Field({ description: '层级名称 Level in Chinese' })
  levelZh!: string;
  @Field(() => Int, { description: '连续排名后两位月数 Consecutive months in the bottom two' })
  consecutiveMonths!: number;
  @Field(() => Int, { description: '本年度排名后两位次数 Times in the bottom two this calendar year' })
  timesThisYear!: number;
  @Field({ description: '理由 Reason (Chinese and English)' })
  reason!: string;
}

@ObjectType({ description: '部门月度排名 Department ranking of a month' })
class DepartmentRank {
  @Field({ description: '单位代码 Department code' })
  departmentCode!: string;
  @Field(() => Int, { nullable: true, description: '名次（并列同名次；未参与排名为空）Rank (ties share it; null when not ranked)' })
  rank!: number | null;
  @Field(() => Float, { nullable: true, description: '综合得分（0–100）Composite score' })
  score!: number | null;
  @Field(() => Int, { nullable: true, description: '名次变化（正数为上升）Rank change against last month (positive: improved)' })
  change!: number | null;
  @Field({ description: '排名状态 RANKED, BELOW_MIN_VOLUME, NO_VOLUME or INSUFFICIENT_DATA' })
  status!: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({
  description: '统计筛选（代码与分组代码一致；分类代码含其下级）Statistics filter (codes as in the group keys; a category includes its sub-categories)',
})
class StatsFilter implements KpiFilter {
  @Field(() => String, { nullable: true, description: '首办单位代码 Lead department code' })
  departmentCode?: string | null;
  @Field(() => String, { nullable: true, description: '渠道代码 Channel code' })
  channelCode?: string | null;
  @Field(() => String, { nullable: true, description: '镇（乡）代码 Region code' })
  regionCode?: string | null;
  @Field(() => String, { nullable: true, description: '分类代码 Category code' })
  categoryCode?: string | null;
  @Field(() => String, { nullable: true, description: '诉求类型 Request type' })
  requestType?: string | null;
}

/**
 * 统计分析 Statistics: aggregates only, never personal data. Analysts, leaders and the centre see the
 * county; department roles see their own department subtree (stats, trend). Counts come from the
 * KPI rollup (analytics/rollup), exact at the moment of reading.
 */
@Resolver()
export class AnalyticsResolver {
  @Authorized(Permissions.readStatistics)
  @Query(() => [KpiRow], {
    complexity: heavyComplexity('stats'),
    description:
      '指标统计（三率等，按分组；承办单位只见本单位）KPIs of a period (Asia/Shanghai dates, `to` exclusive), grouped; department roles see their own department',
  })
  async stats(
    @Ctx() ctx: HubContext,
    @Arg('from', { description: '起始日期（含）yyyy-MM-dd From (inclusive)' }) from: string,
    @Arg('to', { description: '截止日期（不含）yyyy-MM-dd To (exclusive)' }) to: string,
    @Arg('groupBy', () => KpiGroupBy, { defaultValue: KpiGroupBy.TOTAL, description: '分组 Grouping' }) groupBy: KpiGroupBy,
    @Arg('filter', () => StatsFilter, { nullable: true, description: '筛选 Filter' }) filter?: StatsFilter | null,
  ): Promise<KpiRow[]> {
    checkPeriod(from, to);
    const em = readEm(ctx); // statistics tolerate replica lag (db/read-routing.ts)
    const grouped = await counts(em, { from, to }, groupBy as GroupBy, await scopedFilter(ctx, filter, em));
    return [...grouped].map(([key, c]) => Object.assign(ratesView(new KpiRow(), kpiRates(c)), { key })).sort((a, b) => a.key.localeCompare(b.key));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => MonthlyReportView, {
    complexity: heavyComplexity('monthlyReport'),
    description: '热线月报数据（003 七：总览、趋势、构成、镇街分布、排名、约谈、重点领域、热点、二次不满意、区长热线日）The monthly report as data',
  })
  async monthlyReport(@Ctx() ctx: HubContext, @Arg('month', { description: '月份 yyyy-MM Month' }) month: string): Promise<MonthlyReportView> {
    return monthlyReportView(await ctx.services.monthlyReports.get(month, () => buildMonthlyReport(readEm(ctx), month)));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => [DepartmentRank], {
    complexity: heavyComplexity('departmentRanking'),
    description: '部门月度排名（综合得分、名次及较上月变化）Department ranking of a month: score, rank, change against last month',
  })
  async departmentRanking(@Ctx() ctx: HubContext, @Arg('month', { description: '月份 yyyy-MM Month' }) month: string): Promise<DepartmentRank[]> {
    requireViewer(ctx);
    const ranked = await rankMonth(readEm(ctx), month);
    return ranked.map((r) =>
      Object.assign(new DepartmentRank(), { departmentCode: r.departmentCode, rank: r.rank, score: r.score, change: r.change, status: r.status }),
    );
  }

  @Authorized(Permissions.readStatistics)
  @Query(() => [TrendValue], {
    complexity: heavyComplexity('trend'),
    description:
      '指标趋势（承办单位只见本单位）A KPI by day, week or month over a period (Asia/Shanghai dates, `to` exclusive); department roles see their own department',
  })
  async trend(
    @Ctx() ctx: HubContext,
    @Arg('metric', () => KpiMetric, { description: '指标 Metric' }) metric: KpiMetric,
    @Arg('interval', () => KpiInterval, { description: '粒度 Interval' }) interval: KpiInterval,
    @Arg('from', { description: '起始日期（含）yyyy-MM-dd From (inclusive)' }) from: string,
    @Arg('to', { description: '截止日期（不含）yyyy-MM-dd To (exclusive)' }) to: string,
    @Arg('filter', () => StatsFilter, { nullable: true, description: '筛选 Filter' }) filter?: StatsFilter | null,
  ): Promise<TrendValue[]> {
    checkPeriod(from, to);
    const em = readEm(ctx);
    const grouped = await counts(em, { from, to }, interval as GroupBy, await scopedFilter(ctx, filter, em));
    return [...grouped]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, c]) => Object.assign(new TrendValue(), { period, value: finiteOrNull(kpiRates(c)[metric as keyof KpiRates]) }));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => [AccountabilityEntry], {
    complexity: heavyComplexity('accountability'),
    description: '约谈名单（003 八：月度后两位 → 分管领导约谈；连续3月或年内4次 → 主要负责人约谈；连续4月或年内5次 → 限期整改）The 003 八 ladder for a month',
  })
  async accountability(@Ctx() ctx: HubContext, @Arg('month', { description: '月份 yyyy-MM Month' }) month: string): Promise<AccountabilityEntry[]> {
    requireViewer(ctx);
    return (await accountabilityFor(readEm(ctx), month)).map((d) =>
      Object.assign(new AccountabilityEntry(), {
        departmentCode: d.departmentCode,
        level: d.level,
        levelZh: d.levelZh,
        consecutiveMonths: d.consecutiveMonths,
        timesThisYear: d.timesThisYear,
        reason: d.reason,
      }),
    );
  }
}

/** The filter within the viewer's scope: a department role's statistics are its own department subtree's. */
async function scopedFilter(ctx: HubContext, filter: StatsFilter | null | undefined, em: EntityManager): Promise<KpiFilter> {
  const viewer = requireViewer(ctx);
  if (!DEPARTMENT_ROLES.includes(viewer.role)) return { ...filter };
  return { ...filter, departmentCodes: await departmentCodesUnder(em, viewer.departmentPath ?? '') };
}

const finiteOrNull = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

function checkPeriod(from: string, to: string): void {
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from >= to) {
    throw badInput('时段须为 yyyy-MM-dd 且起始早于截止', 'from and to must be yyyy-MM-dd dates with from before to', 'from');
  }
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw badInput('时段不能超过一年', 'the period may not exceed a year', 'to');
}
