import { Arg, Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { badInput } from '../common/errors';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { requireViewer, type HubContext } from '../graphql/context';
import { kpiRates, type KpiRates } from './kpi';
import { countsFromRawTables, type KpiGroupBy as GroupBy } from './kpi-sql';
import { accountability as decideAccountability, pickBottom, rankDepartments } from './ranking';

enum KpiGroupBy {
  DEPARTMENT = 'DEPARTMENT',
  CHANNEL = 'CHANNEL',
  CATEGORY_L1 = 'CATEGORY_L1',
  CATEGORY_L2 = 'CATEGORY_L2',
  REGION = 'REGION',
  REQUEST_TYPE = 'REQUEST_TYPE',
  TOTAL = 'TOTAL',
}
registerEnumType(KpiGroupBy, {
  name: 'KpiGroupBy',
  description: '统计分组 What statistics are grouped by',
  valuesConfig: {
    DEPARTMENT: { description: '首办单位 lead department' },
    CHANNEL: { description: '来源渠道 channel' },
    CATEGORY_L1: { description: '一级分类 level-1 category' },
    CATEGORY_L2: { description: '二级分类 level-2 category' },
    REGION: { description: '镇（乡）township' },
    REQUEST_TYPE: { description: '诉求类型 request type' },
    TOTAL: { description: '合计 the whole period' },
  },
});

@ObjectType({ description: '统计行：一组工单在一个时段的指标（公式见 analytics/kpi.ts）KPIs of one group over a period' })
class KpiRow implements KpiRates {
  @Field({ description: '分组代码 Group key (department, channel, category, region code, request type, or TOTAL)' })
  key!: string;
  @Field(() => Int, { description: '受理量 Received' })
  received!: number;
  @Field(() => Int, { description: '派单量 Dispatched' })
  dispatched!: number;
  @Field(() => Int, { description: '办结量 Closed' })
  closed!: number;
  @Field(() => Int, { description: '在办量 Open at the period end' })
  open!: number;
  @Field(() => Int, { description: '超期量 Open and overdue at the period end' })
  overdue!: number;
  @Field(() => Float, { nullable: true, description: '按时签收率 Signed for on time / dispatched' })
  signOnTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: '响应率 First contact on time / dispatched' })
  responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: '回复率（按时办结率）Replied by the deadline / deadlines in the period' })
  replyOnTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: '办结率 Received and closed / received' })
  closeRate!: number | null;
  @Field(() => Float, { nullable: true, description: '解决率 Resolved / callbacks' })
  resolutionRate!: number | null;
  @Field(() => Float, { nullable: true, description: '满意率 (满意 + 基本满意 × 权重) / 回访数 Satisfied / callbacks' })
  satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: '退单率 Returned / dispatched' })
  returnRate!: number | null;
  @Field(() => Float, { nullable: true, description: '重办率 Closed after rework / closed' })
  reworkRate!: number | null;
  @Field(() => Float, { nullable: true, description: '延期率 Extended / dispatched' })
  extensionRate!: number | null;
  @Field(() => Float, { nullable: true, description: '平均办理时长（小时）Average handling hours' })
  avgHandlingHours!: number | null;
  @Field(() => Float, { nullable: true, description: '90 分位办理时长（小时）90th-percentile handling hours' })
  p90HandlingHours!: number | null;
}

enum KpiInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(KpiInterval, {
  name: 'KpiInterval',
  description: '趋势粒度 Trend interval',
  valuesConfig: { DAY: { description: '日 day' }, WEEK: { description: '周（周一起）week, from Monday' }, MONTH: { description: '月 month' } },
});

enum KpiMetric {
  RECEIVED = 'received',
  DISPATCHED = 'dispatched',
  CLOSED = 'closed',
  OVERDUE = 'overdue',
  SIGN_ON_TIME_RATE = 'signOnTimeRate',
  RESPONSE_RATE = 'responseRate',
  REPLY_ON_TIME_RATE = 'replyOnTimeRate',
  CLOSE_RATE = 'closeRate',
  RESOLUTION_RATE = 'resolutionRate',
  SATISFACTION_RATE = 'satisfactionRate',
  RETURN_RATE = 'returnRate',
  REWORK_RATE = 'reworkRate',
  EXTENSION_RATE = 'extensionRate',
  AVG_HANDLING_HOURS = 'avgHandlingHours',
}
registerEnumType(KpiMetric, {
  name: 'KpiMetric',
  description: '指标 A KPI of analytics/kpi.ts',
  valuesConfig: {
    RECEIVED: { description: '受理量 received' },
    DISPATCHED: { description: '派单量 dispatched' },
    CLOSED: { description: '办结量 closed' },
    OVERDUE: { description: '超期量 overdue' },
    SIGN_ON_TIME_RATE: { description: '按时签收率 signed on time' },
    RESPONSE_RATE: { description: '响应率 response rate' },
    REPLY_ON_TIME_RATE: { description: '回复率（按时办结率）replied on time' },
    CLOSE_RATE: { description: '办结率 close rate' },
    RESOLUTION_RATE: { description: '解决率 resolution rate' },
    SATISFACTION_RATE: { description: '满意率 satisfaction rate' },
    RETURN_RATE: { description: '退单率 return rate' },
    REWORK_RATE: { description: '重办率 rework rate' },
    EXTENSION_RATE: { description: '延期率 extension rate' },
    AVG_HANDLING_HOURS: { description: '平均办理时长（小时）average handling hours' },
  },
});

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

/** yyyy-MM → its first day, the next month's first day, and the previous month's first day. */
function monthPeriod(month: string): { from: string; to: string; previousFrom: string } {
  const { year, index } = monthIndex(month);
  const first = (i: number) => new Date(Date.UTC(year, i - 1, 1)).toISOString().slice(0, 10);
  return { from: first(index), to: first(index + 1), previousFrom: first(index - 1) };
}

/**
 * 统计分析 Statistics for analysts and leaders: aggregates only, never personal data. Computed from
 * the raw tables for now (analytics/kpi-sql.ts); rollups come next (the analytics issue).
 */
@Resolver()
export class AnalyticsResolver {
  @Authorized(Permissions.readAnalytics)
  @Query(() => [KpiRow], { description: '指标统计（三率等，按分组）KPIs of a period (Asia/Shanghai dates, `to` exclusive), grouped' })
  async stats(
    @Ctx() ctx: HubContext,
    @Arg('from', { description: '起始日期（含）yyyy-MM-dd From (inclusive)' }) from: string,
    @Arg('to', { description: '截止日期（不含）yyyy-MM-dd To (exclusive)' }) to: string,
    @Arg('groupBy', () => KpiGroupBy, { defaultValue: KpiGroupBy.TOTAL, description: '分组 Grouping' }) groupBy: KpiGroupBy,
  ): Promise<KpiRow[]> {
    requireViewer(ctx);
    checkPeriod(from, to);
    const counts = await countsFromRawTables(ctx.em, { from, to }, groupBy as GroupBy);
    return [...counts].map(([key, c]) => Object.assign(new KpiRow(), { key, ...kpiRates(c) })).sort((a, b) => a.key.localeCompare(b.key));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => [DepartmentRank], { description: '部门月度排名（综合得分、名次及较上月变化）Department ranking of a month: score, rank, change against last month' })
  async departmentRanking(@Ctx() ctx: HubContext, @Arg('month', { description: '月份 yyyy-MM Month' }) month: string): Promise<DepartmentRank[]> {
    requireViewer(ctx);
    const ranked = await rankMonth(ctx, month);
    return ranked.map((r) => Object.assign(new DepartmentRank(), { departmentCode: r.departmentCode, rank: r.rank, score: r.score, change: r.change, status: r.status }));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => [TrendValue], { description: '指标趋势 A KPI by day, week or month over a period (Asia/Shanghai dates, `to` exclusive)' })
  async trend(
    @Ctx() ctx: HubContext,
    @Arg('metric', () => KpiMetric, { description: '指标 Metric' }) metric: KpiMetric,
    @Arg('interval', () => KpiInterval, { description: '粒度 Interval' }) interval: KpiInterval,
    @Arg('from', { description: '起始日期（含）yyyy-MM-dd From (inclusive)' }) from: string,
    @Arg('to', { description: '截止日期（不含）yyyy-MM-dd To (exclusive)' }) to: string,
  ): Promise<TrendValue[]> {
    requireViewer(ctx);
    checkPeriod(from, to);
    const counts = await countsFromRawTables(ctx.em, { from, to }, interval as GroupBy);
    return [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, c]) => Object.assign(new TrendValue(), { period, value: kpiRates(c)[metric as keyof KpiRates] }));
  }

  @Authorized(Permissions.readAnalytics)
  @Query(() => [AccountabilityEntry], { description: '约谈名单（003 八：月度后两位 → 分管领导约谈；连续3月或年内4次 → 主要负责人约谈；连续4月或年内5次 → 限期整改）The 003 八 ladder for a month' })
  async accountability(@Ctx() ctx: HubContext, @Arg('month', { description: '月份 yyyy-MM Month' }) month: string): Promise<AccountabilityEntry[]> {
    requireViewer(ctx);
    const { year, index } = monthIndex(month);
    // The calendar year up to `month` (the yearly counts), and the three months before January that a
    // run of consecutive months may still reach (runs count up to four).
    const history = [];
    for (let i = -3; i < index; i++) {
      const m = new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 7);
      history.push({ month: m, bottom: pickBottom(await rankMonth(ctx, m)) });
    }
    return decideAccountability(history, month).map((d) =>
      Object.assign(new AccountabilityEntry(), { departmentCode: d.departmentCode, level: d.level, levelZh: d.levelZh, consecutiveMonths: d.consecutiveMonths, timesThisYear: d.timesThisYear, reason: d.reason }),
    );
  }
}

function checkPeriod(from: string, to: string): void {
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from >= to) {
    throw badInput('时段须为 yyyy-MM-dd 且起始早于截止', 'from and to must be yyyy-MM-dd dates with from before to', 'from');
  }
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw badInput('时段不能超过一年', 'the period may not exceed a year', 'to');
}

/** A yyyy-MM month (validated as everywhere else: dispatch/duty-schedule.service.ts) as year and 1-based index. */
function monthIndex(month: string): { year: number; index: number } {
  const { month: m } = parseMonth(month);
  return { year: Number(m.slice(0, 4)), index: Number(m.slice(5, 7)) };
}

/** The month's department ranking against the month before. */
async function rankMonth(ctx: HubContext, month: string) {
  const p = monthPeriod(month);
  const rates = async (from: string, to: string) =>
    [...(await countsFromRawTables(ctx.em, { from, to }, 'DEPARTMENT'))].filter(([code]) => code !== '').map(([departmentCode, c]) => ({ departmentCode, ...kpiRates(c) }));
  return rankDepartments(await rates(p.from, p.to), await rates(p.previousFrom, p.from));
}
