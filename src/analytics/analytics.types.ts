import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { KpiRates } from './kpi';
import type { MonthlyReport } from './report';

/*
 * GraphQL views of the analytics data: KPIs, and the monthly report (热线月报) exactly as the
 * renderers read it (report/monthly-report.ts). Aggregates, codes and titles only.
 */

@ObjectType({
  description: '指标：受理量、三率等（公式见 analytics/kpi.ts；分母为零时为空）KPIs (formulas in analytics/kpi.ts; null when the denominator is zero)',
})
export class KpiRatesView implements KpiRates {
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
  @Field(() => Float, {
    nullable: true,
    description: '90 分位办理时长（小时，超过最长分段时为空）90th-percentile handling hours (null beyond the last bucket)',
  })
  p90HandlingHours!: number | null;
}

/** KPIs as GraphQL may carry them (a p90 beyond the last bucket is Infinity in kpi.ts: null here). */
export function ratesView<T extends KpiRatesView>(target: T, rates: KpiRates): T {
  return Object.assign(target, rates, { p90HandlingHours: Number.isFinite(rates.p90HandlingHours ?? 0) ? rates.p90HandlingHours : null });
}

@ObjectType({ description: '统计行：一组工单在一个时段的指标 KPIs of one group over a period' })
export class KpiRow extends KpiRatesView {
  @Field({ description: '分组代码 Group key (department, channel, category, region code, request type, or TOTAL)' })
  key!: string;
}

@ObjectType({ description: '月报总览：本月指标及上月对比 Headline KPIs of the month, with last month' })
export class ReportHeadline extends KpiRatesView {
  @Field(() => KpiRatesView, { nullable: true, description: '上月指标 Last month' })
  previous!: KpiRatesView | null;
}

@ObjectType({ description: '每日受理与办结 Received and closed on one day' })
export class ReportDay {
  @Field({ description: '日期（北京时间）Date, Asia/Shanghai' })
  date!: string;
  @Field(() => Int, { description: '受理量 Received' })
  received!: number;
  @Field(() => Int, { description: '办结量 Closed' })
  closed!: number;
}

@ObjectType({ description: '构成：渠道或分类的受理量与占比 Share of the month by channel or category' })
export class ReportShare {
  @Field({ description: '代码 Code' })
  code!: string;
  @Field({ description: '名称 Name' })
  name!: string;
  @Field(() => Int, { description: '受理量 Received' })
  received!: number;
  @Field(() => Float, { description: '占比（0–1）Share of the month' })
  share!: number;
}

@ObjectType({ description: '镇（乡）分布（地图数据）Received by township (map data)' })
export class ReportTownship {
  @Field({ description: '区划代码 Region code' })
  code!: string;
  @Field({ description: '名称 Name' })
  name!: string;
  @Field(() => Int, { description: '受理量 Received' })
  received!: number;
  @Field(() => Float, { nullable: true, description: '每万人受理量（人口未知时为空）Received per 10,000 residents (null when unknown)' })
  perTenThousand!: number | null;
}

@ObjectType({ description: '部门排名行 A department in the ranking' })
export class ReportRanking {
  @Field(() => Int, { description: '名次 Rank (1 = best)' })
  rank!: number;
  @Field({ description: '单位代码 Department code' })
  departmentCode!: string;
  @Field({ description: '单位名称 Department name' })
  departmentName!: string;
  @Field(() => Float, { description: '综合得分 Composite score (0–100)' })
  score!: number;
  @Field(() => Float, { nullable: true, description: '得分较上月变化 Score change against last month (points)' })
  change!: number | null;
  @Field(() => KpiRatesView, { description: '指标 KPIs' })
  rates!: KpiRatesView;
}

@ObjectType({ description: '约谈问责（003 八）Accountability of a department' })
export class ReportAccountability {
  @Field({ description: '单位代码 Department code' })
  departmentCode!: string;
  @Field({ description: '单位名称 Department name' })
  departmentName!: string;
  @Field({ description: '层级 SUPERVISOR_TALK 分管领导约谈, HEAD_TALK 主要负责人约谈, RECTIFICATION 限期整改' })
  level!: string;
  @Field({ description: '理由 Reason (Chinese and English)' })
  reason!: string;
}

@ObjectType({ description: '重点领域（002：欠薪、安全生产、矛盾纠纷、农村饮水住房安全、生态环保、营商环境）Key category watch' })
export class ReportKeyCategory {
  @Field({ description: '领域代码 Key (analytics/key-categories.ts)' })
  key!: string;
  @Field({ description: '领域 Name' })
  name!: string;
  @Field(() => Int, { description: '受理量 Received' })
  received!: number;
  @Field(() => Int, { description: '办结量 Closed' })
  closed!: number;
  @Field(() => Int, { description: '超期量 Open and overdue' })
  overdue!: number;
  @Field(() => Float, { nullable: true, description: '满意率 Satisfaction rate' })
  satisfactionRate!: number | null;
}

@ObjectType({ description: '热点问题 A hot issue of the month' })
export class ReportHotIssue {
  @Field({ description: '标题 Title' })
  title!: string;
  @Field({ description: '镇（乡）Township' })
  region!: string;
  @Field(() => Int, { description: '工单数 Orders' })
  members!: number;
  @Field(() => Float, { description: '热度 Hot score' })
  score!: number;
  @Field({ description: '状态 Status' })
  status!: string;
}

@ObjectType({ description: '二次不满意工单（列入会商）An order put on the consultation list after a second 不满意' })
export class ReportTwiceUnsatisfied {
  @Field({ description: '工单编号 Work-order code' })
  code!: string;
  @Field({ description: '标题 Title' })
  title!: string;
  @Field(() => String, { nullable: true, description: '首办单位 Lead department' })
  department!: string | null;
}

@ObjectType({ description: "区长热线日 The month's leader hotline day" })
export class ReportDutyDay {
  @Field(() => String, { nullable: true, description: '值班区领导 Leader on duty' })
  leader!: string | null;
  @Field(() => String, { nullable: true, description: '日期（安排表只到月份时为空）Date (null: the schedule names the month only)' })
  date!: string | null;
  @Field(() => [String], { description: '疑难诉求类别 Hard-case categories' })
  categories!: string[];
  @Field(() => Int, { description: '待调度疑难工单数 Hard cases to take up' })
  hardCases!: number;
}

@ObjectType({ description: '热线月报（003 七）The monthly report as data' })
export class MonthlyReportView {
  @Field({ description: '月份 yyyy-MM Month' })
  month!: string;
  @Field({ description: '生成时间 Generated at (ISO)' })
  generatedAt!: string;
  @Field(() => ReportHeadline, { description: '全区总览 Headline' })
  headline!: ReportHeadline;
  @Field(() => [ReportDay], { description: '每日趋势 Daily trend' })
  trend!: ReportDay[];
  @Field(() => [ReportShare], { description: '渠道构成 Channel mix' })
  channels!: ReportShare[];
  @Field(() => [ReportShare], { description: '一级分类构成 Category mix (level 1)' })
  categories!: ReportShare[];
  @Field(() => [ReportTownship], { description: '镇（乡）分布 Townships (map data)' })
  townships!: ReportTownship[];
  @Field(() => [ReportRanking], { description: '部门排名 Department ranking' })
  ranking!: ReportRanking[];
  @Field(() => [ReportAccountability], { description: '约谈问责 Accountability' })
  accountability!: ReportAccountability[];
  @Field(() => [ReportKeyCategory], { description: '重点领域 Key categories' })
  keyCategories!: ReportKeyCategory[];
  @Field(() => [ReportHotIssue], { description: '热点问题 Top hot issues' })
  hotIssues!: ReportHotIssue[];
  @Field(() => [ReportTwiceUnsatisfied], { description: '二次不满意工单 Twice-unsatisfied orders' })
  twiceUnsatisfied!: ReportTwiceUnsatisfied[];
  @Field(() => ReportDutyDay, { nullable: true, description: '区长热线日（无安排时为空）Leader hotline day (null when none)' })
  dutyDay!: ReportDutyDay | null;
}

/** The report data as its GraphQL view (rates made GraphQL-safe). */
export function monthlyReportView(report: MonthlyReport): MonthlyReportView {
  return Object.assign(new MonthlyReportView(), report, {
    headline: Object.assign(ratesView(new ReportHeadline(), report.headline), {
      previous: report.headline.previous && ratesView(new KpiRatesView(), report.headline.previous),
    }),
    ranking: report.ranking.map((r) => Object.assign(new ReportRanking(), r, { rates: ratesView(new KpiRatesView(), r.rates) })),
  });
}
