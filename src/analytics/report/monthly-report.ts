import type { KpiRates } from '../kpi';
/**
 * 月报数据 The monthly report as a plain data object.
 *
 * The data side (KPIs, rollups, the `monthlyReport(month)` query) produces exactly this shape;
 * the renderers in this folder (xlsx.ts, html.ts, charts.ts) only read it.
 *
 * Conventions:
 * - Rates are fractions 0–1, or null when the denominator is 0; null renders as "—".
 * - Counts are plain integers; hours are decimal hours.
 * - Dates are Asia/Shanghai calendar dates 'yyyy-MM-dd'; `month` is 'yyyy-MM'.
 */

/** 指标 The KPIs of one scope (the county, or one department) over one month: the formulas of analytics/kpi.ts. */
export type Rates = KpiRates;

/** 问责层级 Accountability ladder: 分管领导约谈 → 主要负责人约谈 → 限期整改. */
export type AccountabilityLevel = 'SUPERVISOR_TALK' | 'HEAD_TALK' | 'RECTIFICATION';

export interface MonthlyReport {
  /** 'yyyy-MM', e.g. '2026-10' */
  month: string;
  /** ISO timestamp of generation */
  generatedAt: string;
  /** 全区总览: this month, and last month for the changes (null when there is no previous month). */
  headline: Rates & { previous: Rates | null };
  /** 每日趋势 daily, Asia/Shanghai dates, ascending */
  trend: Array<{ date: string; received: number; closed: number }>;
  /** 渠道构成; share is a fraction of the month's received */
  channels: Array<{ code: string; name: string; received: number; share: number }>;
  /** 一级分类构成; share is a fraction of the month's received */
  categories: Array<{ code: string; name: string; received: number; share: number }>;
  /** 镇街分布; perTenThousand = 每万人受理量 when the population is known */
  townships: Array<{ code: string; name: string; received: number; perTenThousand?: number | null }>;
  /**
   * 部门排名, rank 1 = best. `change` is the score change versus last month in points
   * (positive = improved), null when the department was not ranked last month.
   */
  ranking: Array<{ rank: number; departmentCode: string; departmentName: string; score: number; change: number | null; rates: Rates }>;
  /** 约谈问责 */
  accountability: Array<{ departmentCode: string; departmentName: string; level: AccountabilityLevel; reason: string }>;
  /** 重点领域: 欠薪, 安全生产, 矛盾纠纷, 农村饮水住房安全, 生态环保, 营商环境 */
  keyCategories: Array<{ key: string; name: string; received: number; closed: number; overdue: number; satisfactionRate: number | null }>;
  /** 热点问题, hottest first */
  hotIssues: Array<{ title: string; region: string; members: number; score: number; status: string }>;
  /** 二次不满意工单 */
  twiceUnsatisfied: Array<{ code: string; title: string; department: string | null }>;
  /** 区长热线日; null when there was none this month */
  dutyDay: { leader: string | null; date: string | null; categories: string[]; hardCases: number } | null;
}
