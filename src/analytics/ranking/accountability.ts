/**
 * The 约谈问责 ladder of 003 八 (石城县12345政务服务便民热线工单办理制度, 石府办字〔2021〕55号):
 *
 *   「八、约谈问责。每月考核排名后两位的工单承办部门、单位，由县热线中心对其分管领导进行约谈；
 *     连续三个月（含三个月）或年度累计四次以上排名后两位的工单承办部门、单位，由县政府热线分管领导
 *     对其主要负责人进行约谈；连续四个月（含四个月）或年度累计五次以上排名后两位的工单承办部门、单位，
 *     由县政府督查室责令限期整改；……」
 *
 * Levels, for a department in the bottom two (后两位) of month M:
 *   SUPERVISOR_TALK 分管领导约谈  — in the bottom two in M                        (003 八, first clause)
 *   HEAD_TALK       主要负责人约谈 — consecutive ≥ 3 or yearly count ≥ 4             (003 八, second clause)
 *   RECTIFICATION   限期整改       — consecutive ≥ 4 or yearly count ≥ 5             (003 八, third clause)
 * The highest level reached applies (one decision per department per month).
 *
 * Readings of the text (documented choices):
 * - 「以上」 includes the number itself (民法典 第一千二百五十九条: 「民法所称的‘以上’……包括本数」, same in
 *   刑法 第九十九条), so 「四次以上」 = ≥ 4 and 「五次以上」 = ≥ 5; 「（含三个月）」/「（含四个月）」 say so
 *   explicitly for the consecutive rules.
 * - 「年度」 = the calendar year (1 January – 31 December), not a rolling 12 months: the seeds' 年度 is the
 *   assessment year that ends 年底 — 003 一「…整理存档，以备查阅，并作为年底考核依据」 and 002 三(四)
 *   「市对区年度目标责任考核」. The count for month M is over the months of M's year up to and including M;
 *   it starts again at 0 each January. (002 二(二)二's April–March cycle is only for the 主要领导接听日
 *   schedule, not for assessment.)
 * - 「连续」 is not limited to the year: November, December, January is three consecutive months
 *   (the text attaches 年度 only to 累计).
 * - Consecutive means consecutive calendar months each having a ranking in `history` with the department
 *   in its bottom list. A month missing from `history` (no ranking published) breaks the run.
 * - The ladder is evaluated only for a department in the bottom of month M itself: being in the bottom
 *   earlier in the year does not trigger anything in a month where the department is not in the bottom.
 * - 003 is a 石城县 document (a county of 赣州市 like 赣县区); the actors (县热线中心, 县政府热线分管领导,
 *   县政府督查室) are quoted as written there; for 赣县区 read 区.
 */

export type AccountabilityLevel = 'SUPERVISOR_TALK' | 'HEAD_TALK' | 'RECTIFICATION';

/** Severity order, lowest first. */
export const ACCOUNTABILITY_LEVELS: readonly AccountabilityLevel[] = ['SUPERVISOR_TALK', 'HEAD_TALK', 'RECTIFICATION'];

export const LEVEL_TEXT: Readonly<Record<AccountabilityLevel, { zh: string; en: string; actorZh: string; actorEn: string }>> = {
  SUPERVISOR_TALK: { zh: '分管领导约谈', en: 'talk with the supervising leader', actorZh: '县热线中心', actorEn: 'the hotline centre' },
  HEAD_TALK: {
    zh: '主要负责人约谈',
    en: 'talk with the head of the unit',
    actorZh: '县政府热线分管领导',
    actorEn: 'the government leader in charge of the hotline',
  },
  RECTIFICATION: { zh: '限期整改', en: 'rectification within a deadline', actorZh: '县政府督查室', actorEn: 'the government inspection office' },
};

export interface MonthlyBottom {
  /** 'YYYY-MM' */
  month: string;
  /** Department codes in the bottom two (后两位) of that month's ranking (see pickBottom). */
  bottom: string[];
}

export interface LadderThresholds {
  /** 连续三个月（含三个月） → HEAD_TALK. Default 3. */
  headConsecutive: number;
  /** 年度累计四次以上 → HEAD_TALK. Default 4. */
  headYearly: number;
  /** 连续四个月（含四个月） → RECTIFICATION. Default 4. */
  rectificationConsecutive: number;
  /** 年度累计五次以上 → RECTIFICATION. Default 5. */
  rectificationYearly: number;
}

/** 003 八. */
export const DEFAULT_LADDER: Readonly<LadderThresholds> = Object.freeze({
  headConsecutive: 3,
  headYearly: 4,
  rectificationConsecutive: 4,
  rectificationYearly: 5,
});

export type AccountabilityRule = 'MONTHLY' | 'CONSECUTIVE' | 'YEARLY';

export interface AccountabilityReason {
  rule: AccountabilityRule;
  level: AccountabilityLevel;
  zh: string;
  en: string;
  /** `${zh} ${en}` */
  text: string;
}

export interface AccountabilityDecision {
  departmentCode: string;
  month: string;
  level: AccountabilityLevel;
  levelZh: string;
  /** Who acts, as in 003 八 (县热线中心 / 县政府热线分管领导 / 县政府督查室). */
  actorZh: string;
  actorEn: string;
  /** Length of the run of consecutive months in the bottom two ending with `month`. */
  consecutiveMonths: number;
  /** Times in the bottom two in `month`'s calendar year up to and including `month`. */
  timesThisYear: number;
  /** The rule(s) that reach `level` (both when a run and the yearly count reach it). */
  reasons: AccountabilityReason[];
  /** The reasons' texts joined by '；'. */
  reason: string;
  clause: '003 八';
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(month: string): { year: number; index: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`month must be 'YYYY-MM', got '${month}'`);
  const year = Number(m[1]);
  return { year, index: year * 12 + Number(m[2]) - 1 };
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function indexHistory(history: readonly MonthlyBottom[]): Map<number, Set<string>> {
  const byMonth = new Map<number, Set<string>>();
  for (const h of history) {
    const { index } = parseMonth(h.month);
    if (byMonth.has(index)) throw new Error(`history has month ${h.month} twice`);
    byMonth.set(index, new Set(h.bottom));
  }
  return byMonth;
}

function resolveLadder(t?: Partial<LadderThresholds>): LadderThresholds {
  const out = { ...DEFAULT_LADDER, ...(t ?? {}) };
  for (const [k, v] of Object.entries(out)) if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be an integer ≥ 1, got ${v}`);
  if (out.rectificationConsecutive < out.headConsecutive || out.rectificationYearly < out.headYearly) {
    throw new RangeError('the RECTIFICATION thresholds must not be below the HEAD_TALK ones');
  }
  return out;
}

function decide(code: string, monthIndex: number, year: number, byMonth: Map<number, Set<string>>, t: LadderThresholds): AccountabilityDecision {
  // 连续: walk back over calendar months while each has a ranking with the department in its bottom.
  let consecutive = 0;
  for (let i = monthIndex; byMonth.get(i)?.has(code); i--) consecutive++;
  // 年度累计: January of the same calendar year .. this month.
  let yearly = 0;
  for (let i = year * 12; i <= monthIndex; i++) if (byMonth.get(i)?.has(code)) yearly++;

  const month = monthOf(monthIndex);
  const candidates: AccountabilityReason[] = [];
  const add = (rule: AccountabilityRule, level: AccountabilityLevel, zh: string, en: string) => candidates.push({ rule, level, zh, en, text: `${zh} ${en}` });

  add('MONTHLY', 'SUPERVISOR_TALK', '本月考核排名后两位', "in the bottom two of this month's ranking");
  const consecutiveText = (): [string, string] => [`连续${consecutive}个月排名后两位`, `${consecutive} consecutive months in the bottom two`];
  const yearlyText = (): [string, string] => [`${year}年度累计${yearly}次排名后两位`, `${yearly} times in the bottom two in ${year}`];
  if (consecutive >= t.rectificationConsecutive) add('CONSECUTIVE', 'RECTIFICATION', ...consecutiveText());
  else if (consecutive >= t.headConsecutive) add('CONSECUTIVE', 'HEAD_TALK', ...consecutiveText());
  if (yearly >= t.rectificationYearly) add('YEARLY', 'RECTIFICATION', ...yearlyText());
  else if (yearly >= t.headYearly) add('YEARLY', 'HEAD_TALK', ...yearlyText());

  // The highest level applies; keep every rule that reaches it.
  const level = candidates.reduce<AccountabilityLevel>(
    (best, r) => (ACCOUNTABILITY_LEVELS.indexOf(r.level) > ACCOUNTABILITY_LEVELS.indexOf(best) ? r.level : best),
    'SUPERVISOR_TALK',
  );
  const reasons = candidates.filter((r) => r.level === level);
  const text = LEVEL_TEXT[level];
  return {
    departmentCode: code,
    month,
    level,
    levelZh: text.zh,
    actorZh: text.actorZh,
    actorEn: text.actorEn,
    consecutiveMonths: consecutive,
    timesThisYear: yearly,
    reasons,
    reason: reasons.map((r) => r.text).join('；'),
    clause: '003 八',
  };
}

/**
 * The 003 八 level of each department in the bottom two of `month`, from the monthly bottoms.
 * Months of `history` after `month` are ignored. Returns [] when `month` has no ranking in `history`.
 * Sorted by level (highest first), then departmentCode.
 */
export function accountability(history: readonly MonthlyBottom[], month: string, thresholds?: Partial<LadderThresholds>): AccountabilityDecision[] {
  const t = resolveLadder(thresholds);
  const { year, index } = parseMonth(month);
  const byMonth = indexHistory(history);
  const bottom = byMonth.get(index);
  if (!bottom) return [];
  return [...bottom]
    .map((code) => decide(code, index, year, byMonth, t))
    .sort(
      (a, b) =>
        ACCOUNTABILITY_LEVELS.indexOf(b.level) - ACCOUNTABILITY_LEVELS.indexOf(a.level) ||
        (a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0),
    );
}

/** accountability() for every month of `history`, keyed 'YYYY-MM', in month order. */
export function accountabilityByMonth(history: readonly MonthlyBottom[], thresholds?: Partial<LadderThresholds>): Map<string, AccountabilityDecision[]> {
  const months = [...indexHistory(history).keys()].sort((a, b) => a - b).map(monthOf);
  return new Map(months.map((m) => [m, accountability(history, m, thresholds)]));
}

export interface PickBottomOptions {
  /** How many last places (后两位 → 2). Default 2. */
  count?: number;
  /**
   * A group tied (same competition rank) across the cut-off:
   * - 'include' (default): the whole group is in the bottom (the bottom may exceed `count`);
   * - 'exclude': only groups lying entirely within the last `count` places (the bottom may be smaller).
   */
  ties?: 'include' | 'exclude';
}

/**
 * The bottom `count` (default 2: 003 八 「排名后两位」) of a ranking, by competition rank; unranked rows
 * (rank null: below the minimum volume, no volume, insufficient data) are never in the bottom.
 *
 * With w = number of ranked departments strictly worse, g = size of the department's tied group,
 * b = number strictly better:
 *   'include': in bottom ⇔ w < count          (ranks 1,2,2,4 → {4, both 2s}; a tie straddling the cut-off is kept whole)
 *   'exclude': in bottom ⇔ w + g ≤ count      (ranks 1,2,2,4 → {4})
 * and in both modes b ≥ 1: a department tied for first (nobody better) is never "in the last two"
 * (so when all are tied nobody is, and of two ranked departments only the worse one is).
 * Returned worst first, then by departmentCode.
 */
export function pickBottom(ranking: ReadonlyArray<{ departmentCode: string; rank: number | null }>, options: PickBottomOptions = {}): string[] {
  const count = options.count ?? 2;
  const ties = options.ties ?? 'include';
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be an integer ≥ 1, got ${count}`);
  const ranked = ranking.filter((r): r is { departmentCode: string; rank: number } => r.rank !== null);
  return ranked
    .filter((r) => {
      const worse = ranked.filter((o) => o.rank > r.rank).length;
      const better = ranked.filter((o) => o.rank < r.rank).length;
      const group = ranked.filter((o) => o.rank === r.rank).length;
      if (better < 1) return false;
      return ties === 'include' ? worse < count : worse + group <= count;
    })
    .sort((a, b) => b.rank - a.rank || (a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0))
    .map((r) => r.departmentCode);
}
