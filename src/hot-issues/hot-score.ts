/**
 * 热度分 Hot score: a burst against the baseline, the one place the formula is written.
 *
 * For each window w in `windowsHours` (default 6 h, 24 h and 72 h, counted back from the cluster's
 * latest member):
 *   recent_w   = distinct reporters among the hot issue's members received in w (a caller counts
 *                once: one person calling three times is 重复投诉, not a hot issue)
 *   expected_w = orders of the same township × category in the 28 days before the longest
 *                window, scaled to w: baseline28d / 28 × w / 24; or, if higher, the cluster's own
 *                earlier rate (chronic damping): distinct reporters among its members before the
 *                longest window ÷ max(their span in hours, the longest window) × w
 *   z_w        = (recent_w − expected_w) / √(expected_w + 1)     (a Poisson-style z-score)
 * score = the largest z_w among the windows where recent_w ≥ minMembers (else the largest z_w).
 *
 * Several windows because bursts come at several speeds: six reports in four hours in a busy
 * township stand out against six hours of its usual traffic, three reports over two days in a quiet
 * one against three days of it. A cluster is a hot issue (热点) once some window has
 * recent_w ≥ minMembers and z_w ≥ threshold (defaults 3 and 1.5, which met the precision and
 * recall targets of `npm run eval:hot` on the seeds tried).
 *
 *   growth = recent in the longest window ÷ max(1, distinct reporters in the window before it)
 *
 * Counting back from the latest member, not the wall clock, makes a replayed history score as it
 * did live.
 */
export interface WindowCount {
  hours: number;
  recent: number;
}

export interface HotScoreInput {
  windows: WindowCount[];
  /** Distinct reporters in the longest window before the longest window (for growth). */
  previous: number;
  /** Orders of the township × category in the 28 days before the longest window. */
  baseline28d: number;
  /**
   * The cluster's own history (chronic damping): distinct reporters among its members received
   * before the longest window, and the hours from its first member to the longest window's start.
   */
  prior?: { reporters: number; hours: number };
}

export interface HotThresholds {
  minMembers: number;
  score: number;
  windowsHours: number[];
}

export const DEFAULT_HOT_THRESHOLDS: HotThresholds = { minMembers: 3, score: 1.5, windowsHours: [6, 24, 72] };

/**
 * Expected reporters in `hours`: the township × category baseline, or the cluster's own earlier rate
 * if higher — a matter reported every few days for a week (a chronic topic: 砖厂冒黑烟 again) is not a
 * burst when three of its reports happen to fall within three days. The own rate is counted over at
 * least the longest window, so a burst's first hours before the window do not damp it.
 */
function expectedIn(hours: number, input: Pick<HotScoreInput, 'baseline28d' | 'prior' | 'windows'>): number {
  const baseline = (input.baseline28d / 28) * (hours / 24);
  if (!input.prior?.reporters) return baseline;
  const longest = Math.max(...input.windows.map((w) => w.hours));
  return Math.max(baseline, (input.prior.reporters / Math.max(input.prior.hours, longest)) * hours);
}

function z(recent: number, hours: number, input: Pick<HotScoreInput, 'baseline28d' | 'prior' | 'windows'>): number {
  const expected = expectedIn(hours, input);
  return (recent - expected) / Math.sqrt(expected + 1);
}

export function hotScore(input: HotScoreInput, minMembers = DEFAULT_HOT_THRESHOLDS.minMembers): { score: number; growth: number } {
  const { windows, previous } = input;
  const scored = windows.map((w) => ({ ...w, z: z(w.recent, w.hours, input) }));
  const eligible = scored.filter((w) => w.recent >= minMembers);
  const score = Math.max(...(eligible.length ? eligible : scored).map((w) => w.z));
  const longest = windows.reduce((a, b) => (b.hours > a.hours ? b : a));
  return { score, growth: longest.recent / Math.max(1, previous) };
}

export function isHot(input: HotScoreInput, thresholds: HotThresholds = DEFAULT_HOT_THRESHOLDS): boolean {
  return input.windows.some((w) => w.recent >= thresholds.minMembers && z(w.recent, w.hours, input) >= thresholds.score);
}
