import type { KpiRates } from '../kpi';
/**
 * Composite monthly department score (月度考核得分) for the department ranking:
 * 002 三(三)「强化评价排名 … 每月 … 对办理“三率”进行排名」 and 003 八「每月考核排名后两位 …」.
 *
 * Pure and self-contained: the input is one department's monthly rates, the shape of `KpiRates`
 * in src/analytics/kpi.ts plus a department code (structurally compatible, not imported, so this
 * module has no dependency).
 *
 * ## What the seeds say (and do not say)
 * No seed gives numeric weights. They name the core indicators:
 * - 002 (南郑区) title and 二: 热线“三率” = 回复率、解决率、满意率; 002 二(三)三 the centre
 *   「测算热线办理“三率”」; 002 三(三) ranks departments monthly on the 三率.
 * - 001 二(二)6 (赣县区): 专项绩效考评机制「以响应率、办结率、满意率为核心」.
 * - 001 二(一): 「把人民群众满意作为第一标准」 → 满意率 weighs most.
 * - 000 二(四) (赣县区): 「把各地各部门群众诉求办结率和群众满意度纳入综合考核评价体系」.
 * - 003 三: 超期未签收工单 「依然超期的给予扣分处理」 → 按时签收率.
 * - 002 二(一)二/三: 1小时内启动接诉; 3小时 / 24小时 / 5个自然日内反馈 → 响应率, 回复率.
 * - 002 二(三)二: 延期 only with the 领导小组办公室's approval → 延期率 (lower is better).
 * - 002 二(三)三: 「对问题未解决或群众不满意的工单，要及时退回重办」, 003 六 「工单第一次重办」
 *   → 重办率 (lower is better).
 * - 001 二(二)4 「着力化解相互推诿现象」, 003 八 「推诿扯皮」 → 退单率 (lower is better).
 *
 * ## Default weights (our choice, documented; they need not sum to 100, the formula normalises)
 *   三率 of 002 (65):       满意率 satisfactionRate 25 · 回复率 replyOnTimeRate 20 · 解决率 resolutionRate 20
 *   other 001 二(二)6 core (20): 响应率 responseRate 10 · 办结率 closeRate 10
 *   process (15):            按时签收率 signOnTimeRate 5 · 退单率 returnRate 4 · 重办率 reworkRate 3 · 延期率 extensionRate 3
 * 满意率 is above the other two 三率 because of 001 二(一) 「把人民群众满意作为第一标准」.
 * `SANLV_WEIGHTS` is the strict reading of 002 三(三) (the 三率 only, equal thirds).
 * Naming follows kpi.ts: 回复率 = replyOnTimeRate (replied by the deadline), 响应率 = responseRate
 * (first contact within the limit).
 *
 * ## Formula
 *   g_k(r) = r        for the higher-is-better rates
 *   g_k(r) = 1 − r    for returnRate, reworkRate, extensionRate (lower is better)
 *   P      = { k : rate_k ≠ null and w_k > 0 }                       (rates that exist this month)
 *   coverage = Σ_{k∈P} w_k / Σ_k w_k
 *   score  = 100 × Σ_{k∈P} w_k · g_k(rate_k) / Σ_{k∈P} w_k           (0–100, rounded to 2 decimals)
 *
 * ## Null rates and volume
 * - A null rate (zero denominator, e.g. no callbacks → no 满意率/解决率) is left out and the weights are
 *   re-normalised over the rates that exist: the department is neither rewarded (as 100 %) nor
 *   punished (as 0 %) for a rate that could not be measured.
 * - dispatched = 0 → status NO_VOLUME, score null: a department with no order dispatched to it in the
 *   month is not ranked (it has nothing to be assessed on).
 * - coverage < minCoverage (default 0.5) → status INSUFFICIENT_DATA, score null: re-normalisation over
 *   a small remainder (say only 延期率) would give a meaningless score.
 * - Rates must be finite and within [0, 1]; anything else throws a RangeError (bad upstream data must
 *   not silently move a department in a published ranking).
 */

export const SCORE_METRICS = [
  'satisfactionRate',
  'replyOnTimeRate',
  'resolutionRate',
  'responseRate',
  'closeRate',
  'signOnTimeRate',
  'returnRate',
  'reworkRate',
  'extensionRate',
] as const;

export type ScoreMetric = (typeof SCORE_METRICS)[number];

/** Rates where a lower value is better: scored as 1 − rate. */
export const LOWER_IS_BETTER: ReadonlySet<ScoreMetric> = new Set<ScoreMetric>(['returnRate', 'reworkRate', 'extensionRate']);

/** Chinese names, for reports and the reason texts. */
export const METRIC_NAMES_ZH: Readonly<Record<ScoreMetric, string>> = {
  satisfactionRate: '满意率',
  replyOnTimeRate: '回复率',
  resolutionRate: '解决率',
  responseRate: '响应率',
  closeRate: '办结率',
  signOnTimeRate: '按时签收率',
  returnRate: '退单率',
  reworkRate: '重办率',
  extensionRate: '延期率',
};

/** One department's monthly rates: fractions 0–1, null when the denominator was 0 (analytics/kpi.ts). */
export type DeptRates = Pick<
  KpiRates,
  | 'received'
  /** Orders dispatched (分拨) to the department in the month: the volume for the ranking rules. */
  | 'dispatched'
  | 'signOnTimeRate'
  | 'responseRate'
  | 'replyOnTimeRate'
  | 'closeRate'
  | 'resolutionRate'
  | 'satisfactionRate'
  /** Lower is better: 退单率, 重办率, 延期率. */
  | 'returnRate'
  | 'reworkRate'
  | 'extensionRate'
> & { departmentCode: string; departmentName?: string };

export type ScoreWeights = Record<ScoreMetric, number>;

/** Default weights, justified in the header (seeds 000 二(四), 001 二(一)/二(二)6, 002 二/三(三), 003 三). */
export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  satisfactionRate: 25, // 002 三率; 001 二(一) 群众满意 = 第一标准; 001 二(二)6; 000 二(四)
  replyOnTimeRate: 20, // 002 三率 回复率; 002 二(一)三 分类限时反馈
  resolutionRate: 20, // 002 三率 解决率
  responseRate: 10, // 001 二(二)6 响应率; 002 二(一)二 1小时内启动接诉
  closeRate: 10, // 001 二(二)6 办结率; 000 二(四) 办结率
  signOnTimeRate: 5, // 003 三 超期未签收 扣分
  returnRate: 4, // 001 二(二)4 推诿; 003 八 推诿扯皮 (lower is better)
  reworkRate: 3, // 002 二(三)三 退回重办; 003 六 重办 (lower is better)
  extensionRate: 3, // 002 二(三)二 延期须经同意 (lower is better)
});

/** Strict 002 三(三) reading: the 三率 only (回复率、解决率、满意率), equal weights. */
export const SANLV_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  satisfactionRate: 1,
  replyOnTimeRate: 1,
  resolutionRate: 1,
  responseRate: 0,
  closeRate: 0,
  signOnTimeRate: 0,
  returnRate: 0,
  reworkRate: 0,
  extensionRate: 0,
});

export interface ScoreOptions {
  /** Minimum share (0–1) of the total weight that must be backed by non-null rates. Default 0.5. */
  minCoverage?: number;
}

export const DEFAULT_MIN_COVERAGE = 0.5;

export type ScoreStatus = 'SCORED' | 'NO_VOLUME' | 'INSUFFICIENT_DATA';

export interface ScoreComponent {
  metric: ScoreMetric;
  /** The configured weight. */
  weight: number;
  /** The rate as given (null = not measurable this month). */
  rate: number | null;
  /** g(rate): the rate, or 1 − rate for the lower-is-better ones; null when the rate is null. */
  value: number | null;
  /** Weight after re-normalisation over the existing rates (0 when the rate is null); sums to 1. */
  effectiveWeight: number;
  /** Points contributed to the 0–100 score = 100 × effectiveWeight × value (unrounded). */
  points: number;
}

export interface ScoreResult {
  status: ScoreStatus;
  /** 0–100, rounded to 2 decimals; null unless SCORED. */
  score: number | null;
  /** Unrounded score; null unless SCORED. */
  rawScore: number | null;
  /** Σ weights of existing rates / Σ all weights. */
  coverage: number;
  components: ScoreComponent[];
}

/** Round half away from zero to `decimals`, robust to binary noise (85.35 stays 85.35). */
export function roundTo(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f * (1 + Number.EPSILON))) / f;
}

/** Defaults overlaid with the given weights; validates (finite, ≥ 0, total > 0). */
export function resolveWeights(weights?: Partial<ScoreWeights>): ScoreWeights {
  const out = { ...DEFAULT_SCORE_WEIGHTS, ...(weights ?? {}) } as ScoreWeights;
  let total = 0;
  for (const k of SCORE_METRICS) {
    const w = out[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`weight ${k} must be a finite number ≥ 0, got ${w}`);
    total += w;
  }
  if (total <= 0) throw new RangeError('at least one weight must be > 0');
  return out;
}

function checkRate(code: string, metric: ScoreMetric, rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined) return null;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`${code}: ${metric} must be a fraction in [0, 1] or null, got ${rate}`);
  }
  return rate;
}

/**
 * The composite score of one department (formula in the header):
 *   score = 100 × Σ_{k∈P} w_k·g_k(r_k) / Σ_{k∈P} w_k
 */
export function departmentScore(rates: DeptRates, weights?: Partial<ScoreWeights>, options: ScoreOptions = {}): ScoreResult {
  const w = resolveWeights(weights);
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 1) throw new RangeError(`minCoverage must be in [0, 1], got ${minCoverage}`);
  if (!Number.isFinite(rates.dispatched) || rates.dispatched < 0) throw new RangeError(`${rates.departmentCode}: dispatched must be ≥ 0`);

  const totalWeight = SCORE_METRICS.reduce((s, k) => s + w[k], 0);
  let presentWeight = 0;
  let weighted = 0; // Σ_{k∈P} w_k · g_k(r_k)
  const partial = SCORE_METRICS.map((metric) => {
    const rate = checkRate(rates.departmentCode, metric, rates[metric]);
    const value = rate === null ? null : LOWER_IS_BETTER.has(metric) ? 1 - rate : rate;
    if (value !== null && w[metric] > 0) {
      presentWeight += w[metric];
      weighted += w[metric] * value;
    }
    return { metric, weight: w[metric], rate, value };
  });
  const coverage = presentWeight / totalWeight;

  const unscored = (status: ScoreStatus): ScoreResult => ({
    status,
    score: null,
    rawScore: null,
    coverage,
    components: partial.map((c) => ({ ...c, effectiveWeight: 0, points: 0 })),
  });
  if (rates.dispatched === 0) return unscored('NO_VOLUME');
  if (presentWeight === 0 || coverage < minCoverage) return unscored('INSUFFICIENT_DATA');

  const rawScore = (100 * weighted) / presentWeight;
  const components = partial.map((c) => {
    const effectiveWeight = c.value === null || c.weight === 0 ? 0 : c.weight / presentWeight;
    return { ...c, effectiveWeight, points: c.value === null ? 0 : 100 * effectiveWeight * c.value };
  });
  return { status: 'SCORED', score: roundTo(rawScore, 2), rawScore, coverage, components };
}
