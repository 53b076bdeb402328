import type { StoredFingerprint } from './fingerprint-cache';
import { THRESHOLDS } from './thresholds';
import { similarity } from './text/similarity';

/** A stored report: its order id and fingerprint. */
export interface Report {
  id: number;
  fp: StoredFingerprint;
}

const SIMILAR = 1;
const CONFLICT = 2;

/** One pair's verdict flags (x of the first group, y of the second: the similarity is not exactly symmetric in floating point). */
function computeFlags(x: Report, y: Report): number {
  const e = similarity(x.fp, y.fp, { gramWeight: THRESHOLDS.gramWeight });
  return (e.similar ? SIMILAR : 0) | (e.placeConflict || e.partyConflict ? CONFLICT : 0);
}

/**
 * 簇间成对比较 The pairs across two groups of reports (average link between two clusters, or a report
 * and a cluster): the share similar by the pairwise preset and the share naming different places
 * (名称冲突: different townships, spots or place types on both sides).
 *
 * Consolidation compares the same clusters with each other after every group (up to 40 × 40 pairs a
 * cluster pair), and their latest members change only by the few that joined: the shares are
 * remembered by the two lists of order ids, each pair's verdict by its two order ids. Stored
 * fingerprints never change, so a remembered answer is the one a new computation would give; only
 * committed ones are remembered for good (`unsettled`: the orders of the group under way, whose rows
 * roll back with it and are fingerprinted again, perhaps with another gazetteer); pairs with those
 * are remembered for the group and kept when it commits (settle). Each memory keeps two
 * generations of a bounded number of entries: the older is dropped when the newer fills (what is
 * still used moves into the newer).
 */
export class ClusterPairs {
  private readonly shares: Generations<string, Shares>;
  private readonly verdicts: Generations<number, Map<number, number>>;

  /** `lists`: pairs of id lists remembered; `rows`: reports whose verdicts (against any others) are remembered. */
  constructor(lists = 5_000, rows = 4_000) {
    this.shares = new Generations(lists);
    this.verdicts = new Generations(rows);
  }

  across(a: readonly Report[], b: readonly Report[], unsettled: ReadonlyMap<number, unknown> = NONE): Shares {
    const settled = !a.some((r) => unsettled.has(r.id)) && !b.some((r) => unsettled.has(r.id));
    const key = settled ? `${a.map((r) => r.id).join(',')}|${b.map((r) => r.id).join(',')}` : undefined;
    let shares = key === undefined ? undefined : this.shares.get(key);
    if (shares) return shares;
    shares = this.count(a, b, unsettled);
    if (key !== undefined) this.shares.set(key, shares);
    return shares;
  }

  /**
   * The group under way is committed: the verdicts of pairs with its reports (kept aside while it
   * could roll back) are remembered like the others. `unsettled` is the group's map given to across().
   */
  settle(unsettled: ReadonlyMap<number, unknown>): void {
    const scratch = this.scratch;
    this.scratch = undefined;
    if (scratch?.unsettled !== unsettled) return;
    for (const [x, flagsBy] of scratch.verdicts) {
      let row = this.verdicts.get(x);
      if (!row) this.verdicts.set(x, (row = new Map()));
      for (const [y, flags] of flagsBy) row.set(y, flags);
    }
  }

  /**
   * Verdicts involving a report of the group under way: remembered for that group only (consolidation
   * compares its clusters in several rounds), kept for good by settle() once it commits.
   */
  private scratch?: { unsettled: ReadonlyMap<number, unknown>; verdicts: Map<number, Map<number, number>> };

  private scratchRow(id: number, unsettled: ReadonlyMap<number, unknown>): Map<number, number> {
    if (this.scratch?.unsettled !== unsettled) this.scratch = { unsettled, verdicts: new Map() };
    let row = this.scratch.verdicts.get(id);
    if (!row) this.scratch.verdicts.set(id, (row = new Map()));
    return row;
  }

  /**
   * Whether `across(a, b, unsettled).similar >= share`, computing only the pairs needed to tell: the
   * remembered verdicts are counted first, and when they settle the answer (an unrelated cluster
   * that gained a member: its 39 × 40 known pairs dissimilar leave the 40 new ones unable to reach
   * the share) the new pairs are not computed at all. Same answer as the shares would give.
   */
  similarAtLeast(a: readonly Report[], b: readonly Report[], share: number, unsettled: ReadonlyMap<number, unknown> = NONE): boolean {
    return this.decide(a, b, unsettled, SIMILAR, (x) => x >= share, 0);
  }

  /** Whether `across(a, b, unsettled).conflict > share`, computing only the pairs needed to tell (as similarAtLeast). */
  conflictAbove(a: readonly Report[], b: readonly Report[], share: number, unsettled: ReadonlyMap<number, unknown> = NONE): boolean {
    return this.decide(a, b, unsettled, CONFLICT, (x) => x > share, 1);
  }

  /**
   * `holds(count of pairs with `flag` / pairs)` for a test that holds from some share up (monotone):
   * with `known` pairs counted and `open` unknown, the final share lies between known / pairs and
   * (known + open) / pairs (floating-point division is monotone in the dividend), so the answer is
   * certain once `holds` is true of the lower bound or false of the upper; unknown pairs are
   * computed (and remembered, as count() does) one at a time until then. `empty`: the share of
   * no pairs (across() gives similar 0, conflict 1).
   */
  private decide(
    a: readonly Report[],
    b: readonly Report[],
    unsettled: ReadonlyMap<number, unknown>,
    flag: number,
    holds: (share: number) => boolean,
    empty: number,
  ): boolean {
    const pairs = a.length * b.length;
    if (!pairs) return holds(empty);
    let known = 0;
    const open: number[] = [];
    const scratch = this.scratch?.unsettled === unsettled ? this.scratch.verdicts : undefined;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      // Where count() keeps the pairs of x: its row of settled verdicts, or the group's (scratch).
      const settledX = !unsettled.has(x.id);
      const row = settledX ? this.verdicts.get(x.id) : undefined;
      const pending = scratch?.get(x.id);
      for (let j = 0; j < b.length; j++) {
        const y = b[j];
        const flags = settledX && !unsettled.has(y.id) ? row?.get(y.id) : pending?.get(y.id);
        if (flags === undefined) open.push(i, j);
        else if (flags & flag) known++;
      }
    }
    let left = open.length / 2;
    for (let k = 0; ; k += 2) {
      if (holds(known / pairs)) return true;
      if (!holds((known + left) / pairs)) return false;
      // Not yet certain: left > 0 here (with nothing left the two bounds are one share).
      if (this.verdict(a[open[k]], b[open[k + 1]], unsettled) & flag) known++;
      left--;
    }
  }

  /** The flags of one pair (x of the first group, y of the second), from memory or computed and remembered. */
  private verdict(x: Report, y: Report, unsettled: ReadonlyMap<number, unknown>): number {
    const settledPair = !unsettled.has(x.id) && !unsettled.has(y.id);
    let row: Map<number, number> | undefined;
    if (settledPair) {
      row = this.verdicts.get(x.id);
      if (!row) this.verdicts.set(x.id, (row = new Map()));
    } else row = this.scratchRow(x.id, unsettled);
    let flags = row.get(y.id);
    if (flags === undefined) row.set(y.id, (flags = computeFlags(x, y)));
    return flags;
  }

  private count(a: readonly Report[], b: readonly Report[], unsettled: ReadonlyMap<number, unknown>): Shares {
    let pairs = 0;
    let similar = 0;
    let conflict = 0;
    for (const x of a) {
      // One row of verdicts per report of `a` (the pairs in the order given: the similarity is not
      // exactly symmetric in floating point).
      const settledX = !unsettled.has(x.id);
      let row = settledX ? this.verdicts.get(x.id) : undefined;
      if (!row && settledX) this.verdicts.set(x.id, (row = new Map()));
      let pending: Map<number, number> | undefined;
      for (const y of b) {
        const settledPair = settledX && !unsettled.has(y.id);
        let flags = settledPair ? row!.get(y.id) : (pending ??= this.scratchRow(x.id, unsettled)).get(y.id);
        if (flags === undefined) {
          flags = computeFlags(x, y);
          if (settledPair) row!.set(y.id, flags);
          else pending!.set(y.id, flags);
        }
        pairs++;
        if (flags & SIMILAR) similar++;
        if (flags & CONFLICT) conflict++;
      }
    }
    return pairs ? { similar: similar / pairs, conflict: conflict / pairs } : { similar: 0, conflict: 1 };
  }
}

const NONE: ReadonlyMap<number, unknown> = new Map();

export interface Shares {
  similar: number;
  conflict: number;
}

/** A bounded memory: two generations of at most `capacity` keys; a hit in the older moves into the newer. */
class Generations<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
