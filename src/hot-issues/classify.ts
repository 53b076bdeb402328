import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from '../db/prepared';
import { decodeSignature } from './text/signature';
import { similarity, type PlaceNames, type TextFingerprint } from './text/similarity';
import type { Keyword } from './text/keywords';
import { THRESHOLDS } from './thresholds';

export const CATEGORY_MISMATCH_CLUSTER_SCORE = THRESHOLDS.categoryMismatchClusterScore;

export interface CategorySuggestion {
  categoryId: number;
  /** 0–1: the winning category's share of the neighbours' similarity, damped when the best neighbour is weak. */
  confidence: number;
  /** How many categorised neighbours voted. */
  neighbours: number;
}

/**
 * 文本分类 A category for an order that has none (push channels, web channels without a mapping),
 * from its text: the orders with a category (operator-chosen or mapped) that share LSH band keys
 * with it — any township, the latest `limit` — vote with their similarity score (k-nearest
 * neighbours over the same fingerprints the detectors use; no separate model to train: every
 * operator's choice teaches it). Null when no neighbour reaches `minScore`.
 */
export async function suggestCategory(
  tx: EntityManager,
  orderId: number,
  fp: Pick<TextFingerprint, 'minhash' | 'keywords' | 'places'>,
  bandKeys: string,
  scheme: string,
  options: { limit?: number; minScore?: number } = {},
): Promise<CategorySuggestion | null> {
  const minScore = options.minScore ?? THRESHOLDS.classifyMinScore;
  const rows: Array<{ category_id: number; signature: string; keywords: Keyword[]; places: PlaceNames }> = await tx.execute(
    // The band-key lookup first (GIN, materialised): else the planner may walk work_order backwards
    // by id testing every row, when few orders have a category.
    prepared(`with band as materialized (select b.work_order_id from work_order_text b where b.band_keys && ?::bigint[] and b.scheme = ?)
     select wo.category_id, t.signature, t.keywords, t.places
       from band join work_order wo on wo.id = band.work_order_id join work_order_text t on t.work_order_id = band.work_order_id
      where wo.id <> ? and wo.category_id is not null
      order by wo.id desc limit ?`),
    [bandKeys, scheme, orderId, options.limit ?? 100],
  );
  return vote(
    rows.map((r) => ({
      categoryId: r.category_id,
      score: similarity(fp, { minhash: decodeSignature(r.signature), keywords: r.keywords, places: { townships: [], spots: [], places: [] } }).score,
    })),
    minScore,
  );
}

/** The neighbours' vote: the k best (by score) above `minScore`, weighted by score. */
export function vote(neighbours: Array<{ categoryId: number; score: number }>, minScore: number, k = 7): CategorySuggestion | null {
  const best = neighbours
    .filter((n) => n.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
  if (!best.length) return null;
  const totals = new Map<number, number>();
  for (const n of best) totals.set(n.categoryId, (totals.get(n.categoryId) ?? 0) + n.score);
  const [categoryId, weight] = [...totals].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  const confidence = (weight / sum) * Math.min(1, best[0].score / 0.5);
  return { categoryId, confidence: Math.round(confidence * 1000) / 1000, neighbours: best.length };
}
