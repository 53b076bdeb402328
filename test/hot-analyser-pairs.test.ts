/**
 * The analyser's memory of report pairs across clusters (src/hot-issues/cluster-pairs.ts): what it
 * remembers is what computing the pairs again gives, whichever way it is asked. Pure, no database.
 */
import { ClusterPairs, type Report } from '../src/hot-issues/cluster-pairs';
import { asStored } from '../src/hot-issues/fingerprint-cache';
import { THRESHOLDS } from '../src/hot-issues/thresholds';
import { fingerprint, similarity } from '../src/hot-issues/text/similarity';

const TEXTS = [
  '城南路路灯不亮，晚上行人看不清路',
  '城南路的路灯坏了好几天，晚上一片漆黑',
  '建设路路灯不亮，存在安全隐患',
  '龙湾村工地夜间施工噪音扰民',
  '龙湾村有工地晚上施工，噪音很大影响休息',
  '某厂拖欠工资三个月未发',
];

const reports: Report[] = TEXTS.map((text, i) => ({ id: 100 + i, fp: asStored(fingerprint(text)) }));

/** The shares computed directly, pair by pair. */
function direct(a: readonly Report[], b: readonly Report[]): { similar: number; conflict: number } {
  let similar = 0;
  let conflict = 0;
  for (const x of a)
    for (const y of b) {
      const e = similarity(x.fp, y.fp, { gramWeight: THRESHOLDS.gramWeight });
      if (e.similar) similar++;
      if (e.placeConflict || e.partyConflict) conflict++;
    }
  const pairs = a.length * b.length;
  return pairs ? { similar: similar / pairs, conflict: conflict / pairs } : { similar: 0, conflict: 1 };
}

describe('ClusterPairs', () => {
  it('gives the shares a direct computation gives, the first time and when remembered', () => {
    const pairs = new ClusterPairs();
    const splits: Array<[Report[], Report[]]> = [
      [reports.slice(0, 2), reports.slice(2)],
      [reports.slice(3), reports.slice(0, 3)],
      [[reports[0]], reports.slice(1, 3)],
      // A sample that gained one member: some verdicts remembered, one row new.
      [reports.slice(0, 3), reports.slice(3)],
      [[], reports],
    ];
    for (const [a, b] of splits) {
      expect(pairs.across(a, b)).toEqual(direct(a, b));
      expect(pairs.across(a, b)).toEqual(direct(a, b));
    }
  });

  it('keeps within its bounds and still answers right once older entries are dropped', () => {
    const pairs = new ClusterPairs(2, 2);
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < reports.length; i++) {
        const a = [reports[i]];
        const b = reports.filter((_, j) => j !== i);
        expect(pairs.across(a, b)).toEqual(direct(a, b));
      }
  });

  it('remembers nothing about orders of the group under way (their rows may roll back and be fingerprinted again)', () => {
    const pairs = new ClusterPairs();
    const a = [reports[0]];
    const b = [reports[1], reports[2]];
    const unsettled = new Map([[reports[1].id, reports[1].fp]]);
    expect(pairs.across(a, b, unsettled)).toEqual(direct(a, b));
    // Redone with another fingerprint under the same id: computed again, not remembered.
    const redone: Report[] = [{ id: reports[1].id, fp: reports[5].fp }, reports[2]];
    expect(pairs.across(a, redone)).toEqual(direct(a, redone));
  });

  it('keeps the verdicts of the group under way once it commits (settle), not when another group follows a rollback', () => {
    const a = [reports[0]];
    const b = [reports[1], reports[3]];
    // A different fingerprint under the same id: what a fresh computation would give differs.
    const swapped: Report[] = [{ id: reports[1].id, fp: reports[4].fp }, reports[3]];
    expect(direct(a, swapped)).not.toEqual(direct(a, b));

    const committed = new ClusterPairs();
    const group = new Map([[reports[1].id, reports[1].fp]]);
    expect(committed.across(a, b, group)).toEqual(direct(a, b));
    committed.settle(group);
    // Remembered: the swapped fingerprint is not looked at (stored fingerprints never change).
    expect(committed.across(a, swapped)).toEqual(direct(a, b));

    const rolledBack = new ClusterPairs();
    expect(rolledBack.across(a, b, group)).toEqual(direct(a, b));
    // The next group (another map) computes afresh, and settling it keeps nothing of the first.
    const next = new Map([[reports[1].id, reports[4].fp]]);
    expect(rolledBack.across(a, swapped, next)).toEqual(direct(a, swapped));
    rolledBack.settle(group);
    expect(rolledBack.across(a, swapped)).toEqual(direct(a, swapped));
  });

  it('answers the fold and conflict tests as the shares do, computing only the pairs needed to tell', () => {
    const splits: Array<[Report[], Report[]]> = [
      [reports.slice(0, 2), reports.slice(2)],
      [reports.slice(3), reports.slice(0, 3)],
      [[reports[0]], reports.slice(1, 3)],
      [reports.slice(0, 3), reports.slice(3)],
      [reports.slice(0, 2), reports.slice(0, 2)],
      [[], reports],
      [reports, []],
    ];
    const shares = [0, 0.1, 0.25, 0.3, 1 / 3, 0.5, 2 / 3, 0.9, 1];
    const pairs = new ClusterPairs();
    for (const [a, b] of splits) {
      const expected = direct(a, b);
      for (const share of shares) {
        // Asked cold (nothing remembered), then again with some verdicts remembered.
        expect(new ClusterPairs().similarAtLeast(a, b, share)).toBe(expected.similar >= share);
        expect(new ClusterPairs().conflictAbove(a, b, share)).toBe(expected.conflict > share);
        expect(pairs.similarAtLeast(a, b, share)).toBe(expected.similar >= share);
        expect(pairs.conflictAbove(a, b, share)).toBe(expected.conflict > share);
      }
    }
    // With reports of the group under way (kept for the group only).
    const group = new Map([[reports[2].id, reports[2].fp]]);
    for (const [a, b] of splits)
      for (const share of shares) {
        expect(pairs.similarAtLeast(a, b, share, group)).toBe(direct(a, b).similar >= share);
        expect(pairs.conflictAbove(a, b, share, group)).toBe(direct(a, b).conflict > share);
      }
  });
});
