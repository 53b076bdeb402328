import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The hand-written evaluation sets (eval/hot/*.jsonl, issue 13): loading, their declared
 * properties, and the frozen set's hash. Used by bench/eval-hot-sets.ts and test/eval-set.test.ts;
 * production code never reads them.
 */
export interface EvalSetRecord {
  id: string;
  channel: string;
  /** ISO 8601 with the Asia/Shanghai offset. */
  receivedAt: string;
  title: string;
  content: string;
  /** Pseudonymous caller key and a fake mobile number (1390000xxxx / 1380000xxxx); null = anonymous. */
  caller: { key: string; phone: string } | null;
  /** Township code, or the county code 360704 (push records that named no township). */
  regionCode: string;
  /** The channel owner's own category text, verbatim (advisory), or null. */
  categoryHint: string | null;
  /** The hub category the 12345 operator (or the channel's category mapping) would choose, as name keywords `a/b/c`; null for push channels. */
  hubCategory: string | null;
  labels: { matter: string; burst: string | null; chronic: string | null; hardNegativeOf: string | null };
}

export const EVAL_SET_NAMES = ['frozen', 'dev'] as const;
export type EvalSetName = (typeof EVAL_SET_NAMES)[number];

/** eval/hot, found from here (bench/ under ts-jest, dist/bench/ when built). */
export function evalDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'eval', 'hot'))) return join(dir, 'eval', 'hot');
    dir = dirname(dir);
  }
  throw new Error('eval/hot not found');
}

export function evalSetText(name: EvalSetName): string {
  return readFileSync(join(evalDir(), `${name}.jsonl`), 'utf8');
}

export function loadEvalSet(name: EvalSetName): EvalSetRecord[] {
  return evalSetText(name)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalSetRecord);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash recorded when the frozen set was frozen (eval/hot/FROZEN.sha256: `<hex>  frozen.jsonl`). */
export function frozenHash(): string {
  return readFileSync(join(evalDir(), 'FROZEN.sha256'), 'utf8').trim().split(/\s+/)[0];
}

const DAY_MS = 86_400_000;

export interface EvalSetProperties {
  records: number;
  matters: number;
  bursts: number;
  /** (matter, caller) with two or more records. */
  repeatGroups: number;
  /** Same matter, different channels, at most 72 h apart. */
  crossChannelPairs: number;
  chronicTopics: number;
  hardNegatives: number;
  /** Records whose region is only the county code. */
  countyOnly: number;
  minLength: number;
  maxLength: number;
  spanDays: number;
  firstAt: string;
  lastAt: string;
  channels: Record<string, number>;
}

export function evalSetProperties(records: EvalSetRecord[]): EvalSetProperties {
  const group = new Map<string, number>();
  const byMatter = new Map<string, EvalSetRecord[]>();
  for (const r of records) {
    if (r.caller) group.set(`${r.labels.matter}\u0000${r.caller.key}`, (group.get(`${r.labels.matter}\u0000${r.caller.key}`) ?? 0) + 1);
    byMatter.set(r.labels.matter, [...(byMatter.get(r.labels.matter) ?? []), r]);
  }
  let crossChannelPairs = 0;
  for (const list of byMatter.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const gap = Math.abs(Date.parse(list[i].receivedAt) - Date.parse(list[j].receivedAt));
        if (list[i].channel !== list[j].channel && gap <= 3 * DAY_MS) crossChannelPairs++;
      }
    }
  }
  const lengths = records.map((r) => [...r.content].length);
  const times = records.map((r) => Date.parse(r.receivedAt));
  const channels: Record<string, number> = {};
  for (const r of records) channels[r.channel] = (channels[r.channel] ?? 0) + 1;
  return {
    records: records.length,
    matters: byMatter.size,
    bursts: new Set(records.map((r) => r.labels.burst).filter(Boolean)).size,
    repeatGroups: [...group.values()].filter((n) => n >= 2).length,
    crossChannelPairs,
    chronicTopics: new Set(records.map((r) => r.labels.chronic).filter(Boolean)).size,
    hardNegatives: records.filter((r) => r.labels.hardNegativeOf).length,
    countyOnly: records.filter((r) => r.regionCode === '360704').length,
    minLength: Math.min(...lengths),
    maxLength: Math.max(...lengths),
    spanDays: (Math.max(...times) - Math.min(...times)) / DAY_MS,
    firstAt: records.map((r) => r.receivedAt).sort()[0],
    lastAt: records
      .map((r) => r.receivedAt)
      .sort()
      .at(-1)!,
    channels,
  };
}

/** What issue 13 asks of the frozen set. */
export const FROZEN_TARGETS = { records: 600, bursts: 8, repeatGroups: 30, crossChannelPairs: 40, chronicTopics: 3, hardNegatives: 100 } as const;
