import type { Keyword } from './text/keywords';
import { LOCAL_NAME_CLASSES, LOCATION_WORDS } from './text/lexicon';
import { placeWords, type PlaceNames } from './text/similarity';

/**
 * 簇中心 Cluster centroids: what a cluster of reports is about as one keyword vector, to compare a
 * report or another cluster with a cluster as a whole (issue 13: a burst's reports together use more
 * of the ways people name the matter than any one of them).
 *
 * centroid = Σ over members of the member's keyword vector scaled to unit length, place names left
 * out (every report of a township names it; the place gates, it is not what went wrong) — each
 * report votes once, however long it is. Pure functions; the analyser loads the members.
 */
export type Centroid = Map<string, number>;

/** A report's place words (townships, spots, place types, written spots) and the lexicon's. */
function isPlaceWord(word: string, places: ReadonlySet<string>): boolean {
  return LOCAL_NAME_CLASSES.has(word) || LOCATION_WORDS.has(word) || places.has(word);
}

/** The centroid of members' keyword vectors (place names out, each member scaled to unit length). */
export function centroidOf(members: ReadonlyArray<{ keywords: readonly Keyword[]; places: PlaceNames }>, minMembers = 1): Centroid {
  const c: Centroid = new Map();
  const df = new Map<string, number>();
  for (const m of members) {
    const own = new Set(placeWords(m.places));
    const content = m.keywords.filter((k) => !isPlaceWord(k.word, own));
    const norm = Math.sqrt(content.reduce((s, k) => s + k.weight * k.weight, 0));
    if (!norm) continue;
    for (const k of content) {
      c.set(k.word, (c.get(k.word) ?? 0) + k.weight / norm);
      df.set(k.word, (df.get(k.word) ?? 0) + 1);
    }
  }
  if (minMembers > 1) for (const [w, n] of df) if (n < minMembers) c.delete(w);
  return c;
}

/** One report as a centroid (its content keywords at unit length). */
export function reportVector(report: { keywords: readonly Keyword[]; places: PlaceNames }): Centroid {
  return centroidOf([report]);
}

export interface CentroidMatch {
  cosine: number;
  /** Words in both with weight, strongest contribution first. */
  shared: string[];
  /** Shared words holding at least `coreShare` of the heaviest word's weight on both sides: core words in common. */
  core: number;
}

/** Cosine of two centroids (or a report and a centroid) and the content words they share. */
export function centroidMatch(a: Centroid, b: Centroid, coreShare = 0.15): CentroidMatch {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v * v;
  for (const v of b.values()) nb += v * v;
  const ma = maxWeight(a);
  const mb = maxWeight(b);
  const shared: Array<[string, number]> = [];
  let core = 0;
  for (const [w, x] of a) {
    const y = b.get(w);
    if (y === undefined) continue;
    dot += x * y;
    shared.push([w, x * y]);
    if (x >= coreShare * ma && y >= coreShare * mb) core++;
  }
  shared.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
  return { cosine: na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0, shared: shared.map(([w]) => w), core };
}

function maxWeight(c: Centroid): number {
  let m = 0;
  for (const v of c.values()) if (v > m) m = v;
  return m;
}

/**
 * Centroids remembered by their members (the order ids, in order): consolidation compares every
 * touched cluster with the other clusters of its township after each group, and most of those did
 * not change since the last group; a stored fingerprint never changes, so the same members give the
 * same centroid (issue 15: rebuilding them was about a fifth of consolidation's time on a
 * 4,500-order bench:hot database). Members of the group under way (`unsettled`: their rows roll back
 * with it and are fingerprinted again) are never remembered. Two generations of at most `capacity`
 * centroids: the older is dropped when the newer fills (what is still used moves into the newer).
 */
export class CentroidMemory {
  private current = new Map<string, Centroid>();
  private previous = new Map<string, Centroid>();

  constructor(private readonly capacity = 2_000) {}

  /** centroidOf(members' fingerprints), from memory when the same settled members were seen before. */
  of(members: ReadonlyArray<{ id: number; fp: { keywords: readonly Keyword[]; places: PlaceNames } }>, unsettled: ReadonlyMap<number, unknown>): Centroid {
    if (members.some((m) => unsettled.has(m.id))) return centroidOf(members.map((m) => m.fp));
    const key = members.map((m) => m.id).join(',');
    let centroid = this.current.get(key) ?? this.previous.get(key);
    if (!centroid) centroid = centroidOf(members.map((m) => m.fp));
    if (!this.current.has(key)) {
      if (this.current.size >= this.capacity) {
        this.previous = this.current;
        this.current = new Map();
      }
      this.current.set(key, centroid);
    }
    return centroid;
  }
}
