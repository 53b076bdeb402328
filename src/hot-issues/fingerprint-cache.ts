import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import { decodeSignature } from './text/signature';
import type { Keyword } from './text/keywords';
import type { PlaceNames } from './text/similarity';

/** An order's stored fingerprint (its work_order_text row), decoded: what the similarity reads. */
export interface StoredFingerprint {
  minhash: Uint32Array;
  keywords: Keyword[];
  places: PlaceNames;
  /** As stored: an order analysed without grams has none ([]), one from before the column null → undefined. */
  grams?: string[];
}

/**
 * The decoded fingerprints of recent orders, in the analyser's memory, keyed by order id (least
 * recently used dropped beyond `capacity`). A work_order_text row is written once and never changed
 * (insert … on conflict do nothing), so an entry never goes stale; the candidate queries return ids
 * and the facts that do change (status, repeat link, cluster), and the same candidate is not sent,
 * parsed and decoded again for every order that meets it. A miss (another instance analysed the
 * order, a restart) costs one batched primary-key query.
 */
export class FingerprintCache {
  private readonly entries = new Map<number, StoredFingerprint>();

  constructor(private readonly capacity = 20_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** Remembers an order's fingerprint once its row is committed. */
  set(id: number, fp: StoredFingerprint): void {
    this.entries.delete(id);
    this.entries.set(id, fp);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * The fingerprints of `ids` (work_order_text rows of `scheme`): from `pending` (rows written by the
   * caller's transaction, not committed yet), from memory, the rest in one query.
   */
  async load(
    tx: EntityManager,
    ids: readonly number[],
    scheme: string,
    pending?: ReadonlyMap<number, StoredFingerprint>,
  ): Promise<Map<number, StoredFingerprint>> {
    const found = new Map<number, StoredFingerprint>();
    const missing: number[] = [];
    for (const id of ids) {
      const fp = pending?.get(id) ?? this.entries.get(id);
      if (fp) {
        found.set(id, fp);
        if (!pending?.has(id)) this.set(id, fp); // most recently used
      } else missing.push(id);
    }
    if (missing.length) {
      const rows: Array<{ work_order_id: number; signature: string; keywords: Keyword[]; places: PlaceNames; grams: string[] | null }> = await tx.execute(
        `select work_order_id, signature, keywords, places, grams from work_order_text where work_order_id = any(?::int[]) and scheme = ?`,
        [pgArray(missing), scheme],
      );
      for (const r of rows) {
        const fp = { minhash: decodeSignature(r.signature), keywords: r.keywords, places: r.places, grams: r.grams ?? undefined };
        found.set(r.work_order_id, fp);
        this.set(r.work_order_id, fp);
      }
    }
    return found;
  }
}

/** What reading the stored row back would give (JSON round trip of keywords and places, grams as stored). */
export function asStored(fp: { minhash: Uint32Array; keywords: Keyword[]; places: PlaceNames; grams?: string[] }): StoredFingerprint {
  return { minhash: fp.minhash, keywords: JSON.parse(JSON.stringify(fp.keywords)), places: JSON.parse(JSON.stringify(fp.places)), grams: fp.grams ?? [] };
}
