/**
 * Monthly department ranking: 002 三(三)「坚持月通报工作机制，每月对各镇（街道）、各部门（单位）承办的
 * 工单办理情况进行通报 … 并对办理“三率”进行排名」; 003 七「每月进行工单办理工作考核」 and
 * 003 八「每月考核排名后两位的工单承办部门、单位 …」 (the bottom two feed accountability.ts).
 *
 * Rules (our choices, none is fixed by the seeds):
 * - Score: departmentScore (score.ts). Departments are compared on the published score, rounded to
 *   2 decimals, so two departments that print the same score share a rank (no invisible float tie-break).
 * - Ties: standard competition ranking, the usual 并列 practice of Chinese government league tables
 *   (并列第二, the next rank is skipped): scores 95, 90, 90, 80 → ranks 1, 2, 2, 4. No secondary
 *   criterion: a secondary key would decide who is 约谈 on a metric that is already inside the score.
 *   Rows with the same rank are listed by departmentCode (deterministic output order only).
 * - Minimum volume: a department with 0 < dispatched < minDispatched (default 5) is listed with its
 *   score but not ranked (status BELOW_MIN_VOLUME, rank null): one unsatisfied callback out of two
 *   orders must not put a department in the bottom two and trigger a 约谈. dispatched = 0 → NO_VOLUME;
 *   too few measurable rates → INSUFFICIENT_DATA (score.ts). Unranked rows come after the ranked ones.
 * - Previous month: ranked with the same weights and options; previousRank null when the department
 *   was absent or unranked last month. change = previousRank − rank (positive = moved up, improved);
 *   null unless ranked in both months. isNew = absent from last month's input (only when it is given).
 * - Ranking is over the whole input. Where 乡镇 and 区直部门 are ranked separately (002 三(三) names
 *   镇（街道） and 部门（单位）), call rankDepartments once per group.
 */
import { departmentScore, resolveWeights, roundTo, type DeptRates, type ScoreComponent, type ScoreOptions, type ScoreStatus, type ScoreWeights } from './score';

export type RankStatus = 'RANKED' | 'BELOW_MIN_VOLUME' | Exclude<ScoreStatus, 'SCORED'>;

export interface RankingOptions extends ScoreOptions {
  /** Departments with fewer dispatched orders are listed but not ranked. Default 5; 1 disables the rule. */
  minDispatched?: number;
}

export const DEFAULT_MIN_DISPATCHED = 5;

export interface RankedDepartment {
  departmentCode: string;
  departmentName?: string;
  status: RankStatus;
  /** 0–100, 2 decimals; also given for BELOW_MIN_VOLUME (informational); null for NO_VOLUME / INSUFFICIENT_DATA. */
  score: number | null;
  /** Competition rank (1, 2, 2, 4); null unless RANKED. */
  rank: number | null;
  /** True when another ranked department has the same rank (并列). */
  tied: boolean;
  /** Number of ranked departments this month (the denominator of "rank / n"). */
  rankedCount: number;
  previousRank: number | null;
  previousScore: number | null;
  /** previousRank − rank: positive = improved (moved up). Null unless ranked in both months. */
  change: number | null;
  /** score − previousScore (2 decimals); null unless both exist. */
  scoreChange: number | null;
  /** Not in last month's input (false when no previous month is given). */
  isNew: boolean;
  dispatched: number;
  received: number;
  coverage: number;
  components: ScoreComponent[];
}

interface Scored {
  rates: DeptRates;
  status: RankStatus;
  score: number | null;
  coverage: number;
  components: ScoreComponent[];
}

function scoreAll(rows: DeptRates[], weights: ScoreWeights, options: RankingOptions): Scored[] {
  const minDispatched = options.minDispatched ?? DEFAULT_MIN_DISPATCHED;
  if (!Number.isInteger(minDispatched) || minDispatched < 1) throw new RangeError(`minDispatched must be an integer ≥ 1, got ${minDispatched}`);
  const seen = new Set<string>();
  return rows.map((rates) => {
    if (seen.has(rates.departmentCode)) throw new Error(`duplicate departmentCode ${rates.departmentCode}`);
    seen.add(rates.departmentCode);
    const r = departmentScore(rates, weights, options);
    let status: RankStatus = r.status === 'SCORED' ? 'RANKED' : r.status;
    if (status === 'RANKED' && rates.dispatched < minDispatched) status = 'BELOW_MIN_VOLUME';
    return { rates, status, score: r.score, coverage: r.coverage, components: r.components };
  });
}

/** Competition ranks of the RANKED rows, by rounded score descending. */
function competitionRanks(rows: Scored[]): Map<string, number> {
  const ranked = rows.filter((r) => r.status === 'RANKED').sort((a, b) => b.score! - a.score! || cmp(a.rates.departmentCode, b.rates.departmentCode));
  const ranks = new Map<string, number>();
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    ranks.set(r.rates.departmentCode, prev && prev.score === r.score ? ranks.get(prev.rates.departmentCode)! : i + 1);
  });
  return ranks;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ranks this month's departments and compares with last month.
 * @param current  this month's rates per department
 * @param previous last month's rates (null when unknown: previousRank/change null, isNew false)
 * @param weights  score weights over DEFAULT_SCORE_WEIGHTS
 * @param options  minDispatched (default 5), minCoverage (default 0.5)
 */
export function rankDepartments(
  current: DeptRates[],
  previous: DeptRates[] | null,
  weights?: Partial<ScoreWeights>,
  options: RankingOptions = {},
): RankedDepartment[] {
  const w = resolveWeights(weights);
  const now = scoreAll(current, w, options);
  const ranks = competitionRanks(now);
  const rankCounts = new Map<number, number>();
  for (const r of ranks.values()) rankCounts.set(r, (rankCounts.get(r) ?? 0) + 1);

  const before = previous ? scoreAll(previous, w, options) : [];
  const beforeRanks = competitionRanks(before);
  const beforeByCode = new Map(before.map((s) => [s.rates.departmentCode, s]));

  const rows: RankedDepartment[] = now.map((s) => {
    const code = s.rates.departmentCode;
    const rank = ranks.get(code) ?? null;
    const prev = beforeByCode.get(code);
    const previousRank = beforeRanks.get(code) ?? null;
    const previousScore = prev?.score ?? null;
    return {
      departmentCode: code,
      ...(s.rates.departmentName !== undefined ? { departmentName: s.rates.departmentName } : {}),
      status: s.status,
      score: s.score,
      rank,
      tied: rank !== null && rankCounts.get(rank)! > 1,
      rankedCount: ranks.size,
      previousRank,
      previousScore,
      change: rank !== null && previousRank !== null ? previousRank - rank : null,
      scoreChange: s.score !== null && previousScore !== null ? roundTo(s.score - previousScore, 2) : null,
      isNew: previous !== null && prev === undefined,
      dispatched: s.rates.dispatched,
      received: s.rates.received,
      coverage: s.coverage,
      components: s.components,
    };
  });

  return rows.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || cmp(a.departmentCode, b.departmentCode);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return cmp(a.departmentCode, b.departmentCode);
  });
}
