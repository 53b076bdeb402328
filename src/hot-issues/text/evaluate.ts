/**
 * Evaluation helpers: pairwise precision / recall / F1, an in-memory duplicate detector whose
 * candidates come only from LSH band-key lookups (a Map band key → ids, the in-memory twin of the
 * database's GIN index on band_keys), never from scanning the stream, and single-link clustering
 * of its pairs (hot-issue style).
 */
import type { Gazetteer } from './gazetteer';
import { defaultSegmenter, type Segmenter } from './segment';
import { getDefaultScheme, type SignatureScheme } from './signature';
import { fingerprint, similarity, type SimilarityEvidence, type SimilarityParams, type TextFingerprint } from './similarity';

/** Canonical key of an unordered pair of ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface GroundTruthRecord {
  id: string;
  matterId: string;
  receivedAt: Date;
}

/** Positive pairs: same matter and received at most `windowMs` apart. */
export function groundTruthPairs(records: readonly GroundTruthRecord[], windowMs: number): Set<string> {
  const byMatter = new Map<string, GroundTruthRecord[]>();
  for (const r of records) {
    const list = byMatter.get(r.matterId);
    if (list) list.push(r);
    else byMatter.set(r.matterId, [r]);
  }
  const out = new Set<string>();
  for (const list of byMatter.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (Math.abs(list[i].receivedAt.getTime() - list[j].receivedAt.getTime()) <= windowMs) out.add(pairKey(list[i].id, list[j].id));
      }
    }
  }
  return out;
}

export interface PairMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise precision, recall and F1 of predicted pair keys against the true ones. */
export function pairMetrics(predicted: Iterable<string>, truth: ReadonlySet<string>): PairMetrics {
  let tp = 0;
  let fp = 0;
  const seen = new Set<string>();
  for (const p of predicted) {
    if (seen.has(p)) continue;
    seen.add(p);
    if (truth.has(p)) tp++;
    else fp++;
  }
  const fn = truth.size - tp;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = truth.size > 0 ? tp / truth.size : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Band key → ids. `query` is the only way to find candidates (counted in `lookups`). */
export class BandIndex {
  private readonly buckets = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, readonly string[]>();
  lookups = 0;

  add(id: string, keys: readonly string[]): void {
    this.keysOf.set(id, keys);
    for (const k of keys) {
      const b = this.buckets.get(k);
      if (b) b.add(id);
      else this.buckets.set(k, new Set([id]));
    }
  }

  remove(id: string): void {
    const keys = this.keysOf.get(id);
    if (!keys) return;
    this.keysOf.delete(id);
    for (const k of keys) {
      const b = this.buckets.get(k);
      if (!b) continue;
      b.delete(id);
      if (b.size === 0) this.buckets.delete(k);
    }
  }

  /** Ids sharing at least one key (`band_keys && $1`). */
  query(keys: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const k of keys) {
      this.lookups++;
      const b = this.buckets.get(k);
      if (b) for (const id of b) out.add(id);
    }
    return out;
  }

  get size(): number {
    return this.keysOf.size;
  }
}

export interface DetectorRecord {
  id: string;
  text: string;
  receivedAt: Date;
  regionCode?: string;
  categoryCode?: string;
}

export interface DetectorOptions {
  /** Pairs further apart than this are never reported (and leave the index). */
  windowMs: number;
  similarity?: Partial<SimilarityParams>;
  /** Only pair records of the same regionCode (the 多头 / hot-issue setting). Default false. */
  sameRegion?: boolean;
  /** Only pair records whose categoryCode agrees on this many leading digits (0 = off). */
  sameCategoryPrefix?: number;
  segmenter?: Segmenter;
  /** The county gazetteer (villages, roads, departments…) the texts are read with (gazetteer.ts). */
  gazetteer?: Gazetteer;
  scheme?: SignatureScheme;
  /** Keep every candidate pair's evidence (for tuning; memory grows with candidates). */
  keepEvidence?: boolean;
}

export interface DetectorResult {
  /** Pair keys judged similar. */
  pairs: Set<string>;
  /** Distinct candidate pairs returned by band lookups within the window. */
  candidatePairs: number;
  /** Band-key lookups made. */
  bandLookups: number;
  /** Similarity computations (candidates left after the window / region / category filters). */
  comparisons: number;
  evidence?: Map<string, SimilarityEvidence>;
  fingerprints: Map<string, TextFingerprint>;
}

/**
 * Streams records in time order: fingerprint, look up candidates by band keys among the records
 * of the last `windowMs`, score them, then index the record. No record is compared with a record
 * it does not share a band key with.
 */
export function detectDuplicatePairs(records: readonly DetectorRecord[], options: DetectorOptions): DetectorResult {
  const segmenter = options.segmenter ?? options.gazetteer?.segmenter ?? defaultSegmenter();
  const scheme = options.scheme ?? getDefaultScheme();
  const sorted = [...records].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const index = new BandIndex();
  const fingerprints = new Map<string, TextFingerprint>();
  const byId = new Map<string, DetectorRecord>();
  const pairs = new Set<string>();
  const evidence = options.keepEvidence ? new Map<string, SimilarityEvidence>() : undefined;
  let candidatePairs = 0;
  let comparisons = 0;
  let head = 0;
  for (const rec of sorted) {
    const t = rec.receivedAt.getTime();
    while (head < sorted.length && sorted[head].receivedAt.getTime() < t - options.windowMs) index.remove(sorted[head++].id);
    const fp = fingerprint(rec.text, { segmenter, scheme, gazetteer: options.gazetteer });
    fingerprints.set(rec.id, fp);
    byId.set(rec.id, rec);
    const candidates = index.query(fp.bandKeys);
    candidatePairs += candidates.size;
    for (const other of candidates) {
      const o = byId.get(other)!;
      if (options.sameRegion && o.regionCode !== rec.regionCode) continue;
      const cp = options.sameCategoryPrefix ?? 0;
      if (cp > 0 && (o.categoryCode ?? '').slice(0, cp) !== (rec.categoryCode ?? '').slice(0, cp)) continue;
      comparisons++;
      const ev = similarity(fp, fingerprints.get(other)!, options.similarity);
      const key = pairKey(rec.id, other);
      if (evidence) evidence.set(key, ev);
      if (ev.similar) pairs.add(key);
    }
    index.add(rec.id, fp.bandKeys);
  }
  return { pairs, candidatePairs, bandLookups: index.lookups, comparisons, evidence, fingerprints };
}

/**
 * Single-link clusters of the detected pairs (union-find), and the pairs they imply: every two
 * records of one cluster received at most `windowMs` apart. Reports of a burst that are worded
 * too differently to pair directly are linked through the ones in between.
 */
export function clusterPairs(
  records: readonly { id: string; receivedAt: Date }[],
  pairs: Iterable<string>,
  windowMs: number,
): { pairs: Set<string>; clusters: string[][] } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root)) root = parent.get(root)!;
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const key of pairs) {
    const bar = key.indexOf('|');
    const ra = find(key.slice(0, bar));
    const rb = find(key.slice(bar + 1));
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, { id: string; t: number }[]>();
  for (const r of records) {
    const root = find(r.id);
    const list = groups.get(root);
    const item = { id: r.id, t: r.receivedAt.getTime() };
    if (list) list.push(item);
    else groups.set(root, [item]);
  }
  const out = new Set<string>();
  const clusters: string[][] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.t - y.t);
    clusters.push(list.map((x) => x.id));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].t - list[i].t <= windowMs; j++) out.add(pairKey(list[i].id, list[j].id));
    }
  }
  return { pairs: out, clusters };
}
