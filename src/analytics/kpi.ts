/**
 * 三率 and the other KPIs of the monthly report (热线月报, 003 七) and the department ranking
 * (002 三(三), 003 八): the one module where each formula is written, next to its code. Every KPI
 * is a ratio of additive counts, so the same formulas serve the daily rollups and the plain SQL
 * over the raw tables (they must agree: a test compares them). A ratio with a zero denominator is
 * null ("—"), never 0 or 100 %.
 *
 * Counting rules (explicit exclusions):
 * - merged duplicates (status MERGED) are counted once, through their primary order: they are left
 *   out of every count;
 * - orders terminated as invalid (无效来电, 终结归档) are left out of the satisfaction base: they have
 *   no callback, and a callback recorded on them does not count;
 * - each count is taken on its own date: received on `receivedAt`, dispatched on `dispatchedAt`, due
 *   on `dueAt`, closed on `closedAt`, callbacks on `calledAt` (all Asia/Shanghai dates), so a period
 *   is a set of days and months add up.
 */

/** The additive counts of a group of orders in a period. */
export interface KpiCounts {
  /** Orders received in the period. */
  received: number;
  /** Orders dispatched (分拨) in the period. */
  dispatched: number;
  /** …of which signed for (签收) within the sign limit. */
  signedOnTime: number;
  /** …of which first contact with the citizen within the contact limit (响应). */
  contactedOnTime: number;
  /** …of which returned (退单) at least once. */
  returned: number;
  /** …of which an extension (延期) was approved. */
  extended: number;
  /** Orders whose reply deadline (dueAt) fell in the period. */
  due: number;
  /** …of which replied (答复审核通过) by the deadline. */
  repliedOnTime: number;
  /** Orders closed (办结) in the period. */
  closed: number;
  /** Received in the period and closed since (for 办结率). */
  receivedAndClosed: number;
  /** Closed in the period after at least one 重办 (rework). */
  reworked: number;
  /** Received in the period and neither closed, terminated nor merged at the period's end. */
  open: number;
  /** Open at the period's end and past their reply deadline. */
  overdue: number;
  /** Callbacks (回访) in the period, excluding orders terminated as invalid. */
  callbacks: number;
  callbacksResolved: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** Sum of handling hours (received → closed) of the orders closed in the period. */
  handlingHours: number;
  /** Orders closed in the period by handling-time bucket (HANDLING_BUCKETS), for the p90. */
  handlingBuckets: number[];
}

/** Upper bounds (hours) of the handling-time buckets; the last bucket is open-ended. */
export const HANDLING_BUCKETS = [1, 3, 6, 12, 24, 48, 72, 120, 168, 240, 360, 720, 1440] as const;

export interface KpiWeights {
  /**
   * 满意率 weight of 基本满意. Default 1: the seeds count 满意 and 基本满意 together as satisfied
   * (满意率 = (满意 + 基本满意) / 回访数); set e.g. 0.8 to weigh 基本满意 less.
   */
  basicallySatisfied: number;
}

export const DEFAULT_KPI_WEIGHTS: KpiWeights = { basicallySatisfied: 1 };

export interface KpiRates {
  received: number;
  dispatched: number;
  closed: number;
  open: number;
  overdue: number;
  /** 按时签收率 = signed within the limit / dispatched. */
  signOnTimeRate: number | null;
  /** 响应率 = first contact within the limit / dispatched. */
  responseRate: number | null;
  /** 回复率（按时办结率）= replied by the deadline / orders whose deadline fell in the period. */
  replyOnTimeRate: number | null;
  /** 办结率 = received in the period and closed / received in the period. */
  closeRate: number | null;
  /** 解决率 = callbacks saying resolved / callbacks. */
  resolutionRate: number | null;
  /** 满意率 = (满意 + 基本满意 × w) / callbacks. */
  satisfactionRate: number | null;
  /** 退单率 = returned / dispatched. */
  returnRate: number | null;
  /** 重办率 = closed after rework / closed. */
  reworkRate: number | null;
  /** 延期率 = extended / dispatched. */
  extensionRate: number | null;
  /** Average handling time (hours) of the orders closed in the period. */
  avgHandlingHours: number | null;
  /** 90th percentile of handling time (hours), the upper bound of the bucket holding it. */
  p90HandlingHours: number | null;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export function emptyCounts(): KpiCounts {
  return {
    received: 0,
    dispatched: 0,
    signedOnTime: 0,
    contactedOnTime: 0,
    returned: 0,
    extended: 0,
    due: 0,
    repliedOnTime: 0,
    closed: 0,
    receivedAndClosed: 0,
    reworked: 0,
    open: 0,
    overdue: 0,
    callbacks: 0,
    callbacksResolved: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    handlingHours: 0,
    handlingBuckets: HANDLING_BUCKETS.map(() => 0).concat(0),
  };
}

/** Adds counts (groups, days, months): every field is additive. */
export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  const out = emptyCounts();
  for (const key of Object.keys(out) as Array<keyof KpiCounts>) {
    if (key === 'handlingBuckets') out.handlingBuckets = a.handlingBuckets.map((n, i) => n + (b.handlingBuckets[i] ?? 0));
    else out[key] = a[key] + b[key];
  }
  return out;
}

/** The bucket (index into HANDLING_BUCKETS, or its length for the open-ended one) of a handling time. */
export function handlingBucket(hours: number): number {
  const i = HANDLING_BUCKETS.findIndex((bound) => hours <= bound);
  return i === -1 ? HANDLING_BUCKETS.length : i;
}

/** p90 from the buckets: the upper bound of the bucket where the cumulative count reaches 90 %. */
function p90(buckets: number[], total: number): number | null {
  if (total <= 0) return null;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= 0.9 * total) return i < HANDLING_BUCKETS.length ? HANDLING_BUCKETS[i] : Infinity;
  }
  return null;
}

export function kpiRates(c: KpiCounts, weights: KpiWeights = DEFAULT_KPI_WEIGHTS): KpiRates {
  return {
    received: c.received,
    dispatched: c.dispatched,
    closed: c.closed,
    open: c.open,
    overdue: c.overdue,
    signOnTimeRate: ratio(c.signedOnTime, c.dispatched),
    responseRate: ratio(c.contactedOnTime, c.dispatched),
    replyOnTimeRate: ratio(c.repliedOnTime, c.due),
    closeRate: ratio(c.receivedAndClosed, c.received),
    resolutionRate: ratio(c.callbacksResolved, c.callbacks),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied * weights.basicallySatisfied, c.callbacks),
    returnRate: ratio(c.returned, c.dispatched),
    reworkRate: ratio(c.reworked, c.closed),
    extensionRate: ratio(c.extended, c.dispatched),
    avgHandlingHours: ratio(c.handlingHours, c.closed),
    p90HandlingHours: p90(c.handlingBuckets, c.closed),
  };
}
