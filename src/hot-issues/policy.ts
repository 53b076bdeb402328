import { ConfigError } from '../config/env';
import { DEFAULT_HOT_THRESHOLDS, type HotThresholds } from './hot-score';

/**
 * The thresholds and windows of repeat / multi-source / hot-issue detection, from the
 * environment (README "Configuration"). Similarity scores are those of hot-issues/text/similarity.ts (0–1).
 */
export interface HotIssuePolicy {
  /** 热点 clustering looks this far around an order (and a hot issue's members stay in it). */
  hotWindowDays: number;
  hot: HotThresholds;
  /** 重复投诉: the same citizen with a similar complaint within this many days. */
  repeatWindowDays: number;
  /** 多头投诉: the same matter from another channel within this many hours. */
  duplicateWindowHours: number;
  /** A pair at or above this score is merged automatically (actor SYSTEM, reversible). */
  autoMergeScore: number;
  /** How often the analyser looks for new orders; 0 turns it off. */
  intervalMs: number;
}

export const DEFAULT_HOT_POLICY: HotIssuePolicy = {
  hotWindowDays: 7,
  hot: DEFAULT_HOT_THRESHOLDS,
  repeatWindowDays: 30,
  duplicateWindowHours: 72,
  autoMergeScore: 0.8,
  intervalMs: 1000,
};

export function loadHotPolicy(env: NodeJS.ProcessEnv = process.env): HotIssuePolicy {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max: number, integer: boolean): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(
        `${name}="${raw}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (${name} 须为 ${min}–${max} 的${integer ? '整数' : '数'})`,
      );
      return fallback;
    }
    return value;
  };
  const hoursList = (name: string, fallback: number[]): number[] => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const hours = raw.split(',').map((h) => Number(h.trim()));
    if (!hours.length || hours.some((h) => !Number.isInteger(h) || h < 1 || h > 24 * 14)) {
      problems.push(`${name}="${raw}" must be comma-separated whole hours from 1 to 336 (${name} 须为逗号分隔的 1–336 小时整数)`);
      return fallback;
    }
    return hours;
  };
  const policy: HotIssuePolicy = {
    hotWindowDays: number('MINYI_HOT_WINDOW_DAYS', DEFAULT_HOT_POLICY.hotWindowDays, 1, 90, true),
    hot: {
      minMembers: number('MINYI_HOT_MIN_MEMBERS', DEFAULT_HOT_POLICY.hot.minMembers, 2, 1000, true),
      score: number('MINYI_HOT_MIN_SCORE', DEFAULT_HOT_POLICY.hot.score, 0, 1000, false),
      windowsHours: hoursList('MINYI_HOT_WINDOWS_HOURS', DEFAULT_HOT_POLICY.hot.windowsHours),
    },
    repeatWindowDays: number('MINYI_REPEAT_WINDOW_DAYS', DEFAULT_HOT_POLICY.repeatWindowDays, 1, 365, true),
    duplicateWindowHours: number('MINYI_DUPLICATE_WINDOW_HOURS', DEFAULT_HOT_POLICY.duplicateWindowHours, 1, 24 * 90, true),
    autoMergeScore: number('MINYI_DUPLICATE_AUTO_MERGE_SCORE', DEFAULT_HOT_POLICY.autoMergeScore, 0, 1.01, false),
    intervalMs: number('MINYI_TEXT_ANALYZER_INTERVAL_MS', DEFAULT_HOT_POLICY.intervalMs, 0, 3_600_000, true),
  };
  if (problems.length) throw new ConfigError(problems);
  return policy;
}
