import { RequestType, TimeLimitClass, Urgency } from '../work-orders/enums';
import { DAY_MS, MINUTE_MS } from '../common/time';
import { LimitUnit } from './vocabulary';

/** A time limit: an amount and its unit. */
export interface Limit {
  amount: number;
  unit: LimitUnit;
}

/**
 * 时限政策 A time-limit policy: conditions (all given ones must hold) and the three clocks.
 * Matching picks the most specific enabled policy (most conditions, then highest priority).
 */
export interface SlaPolicyData {
  code: string;
  name: string;
  priority: number;
  channelCode?: string | null;
  requestType?: RequestType | null;
  urgency?: Urgency | null;
  categoryPrefix?: string | null;
  timeLimitClass?: TimeLimitClass | null;
  sign: Limit;
  contact: Limit;
  reply: Limit;
  enabled: boolean;
  basis: string;
}

const h = (amount: number): Limit => ({ amount, unit: LimitUnit.HOURS });
const days = (amount: number): Limit => ({ amount, unit: LimitUnit.NATURAL_DAYS });
const workingDays = (amount: number): Limit => ({ amount, unit: LimitUnit.WORKING_DAYS });

/** Version of the defaults below; ADMIN overrides in the sla_policy table win by code. */
export const DEFAULT_POLICIES_VERSION = '2026-11-22';

/**
 * The defaults, from the seeds. Every order is started (签收, first contact) within 1 hour
 * (002 二(一): 工作日内所有工单、工作日外紧急工单在1小时内启动 — a non-urgent order that arrives on a day
 * off starts its clock when the next working day opens).
 */
export const DEFAULT_POLICIES: readonly SlaPolicyData[] = [
  {
    code: 'urgent-3h',
    name: '突发事件、不稳定因素类：3 小时内反馈',
    priority: 10, // an urgent matter keeps its 3-hour clock whatever channel brought it
    timeLimitClass: TimeLimitClass.URGENT,
    sign: h(1),
    contact: h(1),
    reply: h(3),
    enabled: true,
    basis: '002 二(一)：110 报警电话受理范围之外的突发事件、不稳定因素类诉求，承办单位须在 3 小时内反馈情况',
  },
  {
    code: 'basic-living-24h',
    name: '水电气热等基本生活保障类：24 小时内反馈',
    priority: 0,
    timeLimitClass: TimeLimitClass.BASIC_LIVING,
    sign: h(1),
    contact: h(1),
    reply: h(24),
    enabled: true,
    basis: '002 二(一)：水电气热等群众基本生活保障类诉求，承办单位须在 24 小时内反馈情况',
  },
  {
    code: 'general-5d',
    name: '其他类：5 个自然日内反馈',
    priority: 0,
    timeLimitClass: TimeLimitClass.GENERAL,
    sign: h(1),
    contact: h(1),
    reply: days(5),
    enabled: true,
    basis: '002 二(一)：其他类事项，承办单位须在 5 个自然日内反馈情况',
  },
  {
    code: 'general-7wd',
    name: '一般事项：7 个工作日内办结（备选）',
    priority: 1,
    timeLimitClass: TimeLimitClass.GENERAL,
    sign: h(1),
    contact: h(1),
    reply: workingDays(7),
    enabled: false,
    basis: '004 四(一)：承办单位要根据有关规定和要求限期办结，一般不超过 7 个工作日（启用即替代 general-5d）',
  },
  {
    code: '12315-accept-7wd',
    name: '12315：7 个工作日内作出受理决定',
    priority: 5, // a channel's statutory clock beats the generic class clocks (not urgency)
    channelCode: '12315',
    sign: h(1),
    contact: h(1),
    reply: workingDays(7),
    enabled: true,
    basis: '12315 channel statutory clock: 市场监管部门自收到投诉之日起 7 个工作日内作出受理或者不予受理的决定',
  },
  {
    code: 'xf-petition',
    name: '信访：15 日内受理，60 日内办结',
    priority: 5,
    channelCode: 'xf',
    sign: h(1),
    contact: days(15),
    reply: days(60),
    enabled: true,
    basis: '《信访工作条例》：15 日内告知是否受理，自受理之日起 60 日内办结（可延长 30 日）；渠道记录自带 SLQX/BLQX 时以其为准',
  },
];

/** How many conditions a policy sets: the more, the more specific. */
export function specificity(p: SlaPolicyData): number {
  return [p.channelCode, p.requestType, p.urgency, p.categoryPrefix, p.timeLimitClass].filter((c) => c != null).length;
}

export interface PolicyFacts {
  channelCode: string;
  requestType: RequestType;
  urgency: Urgency;
  categoryCode?: string | null;
  timeLimitClass: TimeLimitClass;
}

export function matches(p: SlaPolicyData, f: PolicyFacts): boolean {
  return (
    p.enabled &&
    (p.channelCode == null || p.channelCode === f.channelCode) &&
    (p.requestType == null || p.requestType === f.requestType) &&
    (p.urgency == null || p.urgency === f.urgency) &&
    (p.categoryPrefix == null || (!!f.categoryCode && f.categoryCode.startsWith(p.categoryPrefix))) &&
    (p.timeLimitClass == null || p.timeLimitClass === f.timeLimitClass)
  );
}

/** The most specific enabled policy that matches (more conditions first, then priority, then code). */
export function choosePolicy(policies: readonly SlaPolicyData[], facts: PolicyFacts): SlaPolicyData | undefined {
  return policies
    .filter((p) => matches(p, facts))
    .sort((a, b) => specificity(b) - specificity(a) || b.priority - a.priority || a.code.localeCompare(b.code))[0];
}

/** Defaults with the database overrides applied (an override replaces the default of its code). */
export function effectivePolicies(overrides: readonly SlaPolicyData[]): SlaPolicyData[] {
  const byCode = new Map(DEFAULT_POLICIES.map((p) => [p.code, p]));
  for (const o of overrides) byCode.set(o.code, o);
  return [...byCode.values()];
}

// ── Time-limit rules beside the three clocks ────────────────────────────────────────────────────
// The other numbers of the time-limit regime, as named data with their source. The code that
// applies them (lifecycle service, preconditions, intake, alert scan, write-back) reads them here.

/**
 * 退单 A lead department may return an order before signing it, and for this many hours after
 * signing (then: an extension or escalation instead). No seed fixes the hours — the centre's working
 * rule; `MINYI_RETURN_WINDOW_HOURS` sets it within [min, max].
 */
export const RETURN_WINDOW_HOURS = { default: 2, min: 0, max: 720 } as const;

/** 003 二 (二次不满意): the second unsatisfied callback lists the order for 会商. */
export const CONSULTATION_AFTER_UNSATISFIED_CALLBACKS = 2;

/**
 * 《信访工作条例》 (可延长 30 日) and petition.md §6 (YQTS 1–30): an extension of a 信访 order asks the
 * platform for at most this many days; a longer approved extension asks for the most it takes.
 */
export const PETITION_EXTENSION_MAX_DAYS = 30;

/**
 * 003 四 提级转办: an open order is suggested for escalation once it is still unresolved after
 * `afterWorkingDays` working days (五个工作日内无法完成处理), or after `afterReturns` returns (多次退单,
 * 承办单位不明).
 */
export const ESCALATION_RULE = { afterWorkingDays: 5, afterReturns: 2 } as const;

/**
 * 003 三: 距离办结期小于两天的工单 are "due soon" — for a clock of at least `shortClockMs`; a shorter
 * clock (hours, a few days) is due soon in its last `shortClockFraction`. The field resolver
 * (sla/sla-state.ts) and the alert scan (sla/alert-scheduler.ts) both read it.
 */
export const DUE_SOON_RULE = { shortClockMs: 10 * DAY_MS, leadMs: 2 * DAY_MS, shortClockFraction: 0.2 } as const;

/**
 * 003 三: 超期未签收 … 依然超期的给予扣分处理 — points deducted per order not signed for in time. The
 * document fixes no amount; one point per order is the default until the centre's scoring rules say otherwise.
 */
export const UNSIGNED_OVERDUE_DEDUCTION = 1;

/**
 * A time given by a person or a machine (受理时间 at intake, 联系时间 of a first contact) may lie this far
 * in the future of the hub's clock (clock skew between their machine and the hub), not more. No seed
 * fixes it: the hub's own tolerance.
 */
export const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;
