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
  const { norm: na, max: ma } = measure(a);
  const { norm: nb, max: mb } = measure(b);
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

/**
 * A centroid's squared norm and heaviest weight, remembered by the centroid (a centroid is not changed
 * once made: consolidation matches the same cluster centroid with every straggler and fragment).
 * The size is checked too, so a map changed after all is measured again.
 */
const measures = new WeakMap<Centroid, { size: number; norm: number; max: number }>();
function measure(c: Centroid): { norm: number; max: number } {
  let m = measures.get(c);
  if (m?.size !== c.size) {
    let norm = 0;
    for (const v of c.values()) norm += v * v;
    measures.set(c, (m = { size: c.size, norm, max: maxWeight(c) }));
  }
  return m;
}

function maxWeight(c: Centroid): number {
  let m = 0;
  for (const v of c.values()) if (v > m) m = v;
  return m;
}

/**
 * `compute(members' fingerprints)` remembered by the members (order ids, in order): a stored
 * fingerprint never changes, so the same members give the same value. Members of the group under way
 * (`unsettled`: their rows roll back with it and are fingerprinted again) are never remembered. Two
 * generations of at most `capacity` values: the older is dropped when the newer fills (what is still
 * used moves into the newer). Values are shared: read only.
 */
class MembersMemory<F, T> {
  private current = new Map<string, T>();
  private previous = new Map<string, T>();

  constructor(
    private readonly compute: (fps: F[]) => T,
    private readonly capacity = 2_000,
  ) {}

  of(members: ReadonlyArray<{ id: number; fp: F }>, unsettled: ReadonlyMap<number, unknown>): T {
    if (members.some((m) => unsettled.has(m.id))) return this.compute(members.map((m) => m.fp));
    const key = members.map((m) => m.id).join(',');
    let value = this.current.get(key) ?? this.previous.get(key);
    if (value === undefined) value = this.compute(members.map((m) => m.fp));
    if (!this.current.has(key)) {
      if (this.current.size >= this.capacity) {
        this.previous = this.current;
        this.current = new Map();
      }
      this.current.set(key, value);
    }
    return value;
  }
}

/**
 * Centroids remembered by their members (MembersMemory): consolidation compares every touched
 * cluster with the other clusters of its township after each group, and most of those did not
 * change since the last group (issue 15: rebuilding them was about a fifth of consolidation's time
 * on a 4,500-order bench:hot database).
 */
export class CentroidMemory extends MembersMemory<{ keywords: readonly Keyword[]; places: PlaceNames }, Centroid> {
  constructor(capacity?: number) {
    super(centroidOf, capacity);
  }
}

/**
 * reportVector of a stored fingerprint, remembered by the fingerprint (a stored fingerprint is never
 * changed, and the FingerprintCache hands out the same object for an order): consolidation offers
 * the same stragglers to every touched cluster of their township, group after group. Read only.
 */
const storedVectors = new WeakMap<object, Centroid>();
export function storedReportVector(fp: { keywords: readonly Keyword[]; places: PlaceNames }): Centroid {
  let vector = storedVectors.get(fp);
  if (!vector) storedVectors.set(fp, (vector = reportVector(fp)));
  return vector;
}

/** The members' raw keyword weights summed word by word (members in the order given, words in their order), as a keyword vector. */
export function keywordSums(members: ReadonlyArray<{ keywords: readonly Keyword[] }>): Keyword[] {
  const c = new Map<string, number>();
  for (const m of members) for (const k of m.keywords) c.set(k.word, (c.get(k.word) ?? 0) + k.weight);
  return [...c].map(([word, weight]) => ({ word, weight }));
}

/**
 * keywordSums remembered by the members (MembersMemory): the analyser's centroid join compares every
 * new report with the clusters of its nearby orders, and the same clusters come back order after
 * order mostly unchanged (the same array back also keeps the similarity layer's word map of it).
 */
export class KeywordSumMemory extends MembersMemory<{ keywords: readonly Keyword[] }, Keyword[]> {
  constructor(capacity?: number) {
    super(keywordSums, capacity);
  }
}
