import { CentroidMemory, centroidMatch, centroidOf, KeywordSumMemory, keywordSums, reportVector, storedReportVector } from '../src/hot-issues/centroids';

/** Issue 15: consolidation's centroids, remembered by their members between groups. */
describe('CentroidMemory', () => {
  const member = (id: number, words: Array<[string, number]>) => ({
    id,
    fp: { keywords: words.map(([word, weight]) => ({ word, weight })), places: { townships: ['韩坊镇'], spots: [], places: [] } },
  });
  const a = member(1, [
    ['停电', 2],
    ['供电所', 1],
    ['韩坊镇', 3],
  ]);
  const b = member(2, [
    ['停电', 1],
    ['电压', 1],
  ]);
  const c = member(3, [['冰箱', 1]]);

  it('gives what centroidOf gives, the same members from memory, other members or another order afresh', () => {
    const memory = new CentroidMemory();
    const first = memory.of([a, b], new Map());
    expect(first).toEqual(centroidOf([a.fp, b.fp]));
    expect(memory.of([a, b], new Map())).toBe(first);
    const grown = memory.of([a, b, c], new Map());
    expect(grown).not.toBe(first);
    expect(grown).toEqual(centroidOf([a.fp, b.fp, c.fp]));
    expect(memory.of([b, a], new Map())).not.toBe(first);
  });

  it('never remembers a centroid with a member of the group under way (its row may roll back and be fingerprinted again)', () => {
    const memory = new CentroidMemory();
    const unsettled = new Map([[2, true]]);
    const once = memory.of([a, b], unsettled);
    expect(once).toEqual(centroidOf([a.fp, b.fp]));
    expect(memory.of([a, b], unsettled)).not.toBe(once);
    const changed = member(2, [['漏水', 1]]);
    expect(memory.of([a, changed], new Map())).toEqual(centroidOf([a.fp, changed.fp]));
  });

  it('keeps two generations of at most `capacity` centroids', () => {
    const memory = new CentroidMemory(2);
    const first = memory.of([a], new Map());
    memory.of([b], new Map());
    memory.of([c], new Map()); // the first generation (a, b) becomes the older one
    expect(memory.of([a], new Map())).toBe(first); // found in the older, moved into the newer
    memory.of([a, b], new Map());
    memory.of([a, c], new Map());
    memory.of([b, c], new Map()); // the generation holding [a] is dropped
    const again = memory.of([a], new Map());
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('KeywordSumMemory', () => {
  const member = (id: number, words: Array<[string, number]>) => ({ id, fp: { keywords: words.map(([word, weight]) => ({ word, weight })) } });
  const a = member(1, [
    ['停电', 2],
    ['供电所', 1],
  ]);
  const b = member(2, [
    ['停电', 1.5],
    ['电压', 1],
  ]);

  it("sums the members' raw weights word by word, remembered by the settled members", () => {
    const memory = new KeywordSumMemory();
    const sums = memory.of([a, b], new Map());
    expect(sums).toEqual([
      { word: '停电', weight: 3.5 },
      { word: '供电所', weight: 1 },
      { word: '电压', weight: 1 },
    ]);
    expect(sums).toEqual(keywordSums([a.fp, b.fp]));
    expect(memory.of([a, b], new Map())).toBe(sums);
    expect(memory.of([b, a], new Map())).not.toBe(sums);
    const unsettled = new Map([[2, true]]);
    expect(memory.of([a, b], unsettled)).not.toBe(sums);
    expect(memory.of([a, b], unsettled)).toEqual(sums);
  });
});

describe('centroid measures remembered', () => {
  const fp = (words: Array<[string, number]>) => ({
    keywords: words.map(([word, weight]) => ({ word, weight })),
    places: { townships: [], spots: [], places: [] },
  });
  it('matches as afresh, the stored report vector remembered by its fingerprint', () => {
    const x = fp([
      ['停电', 2],
      ['电压', 1],
    ]);
    const c = centroidOf([x, fp([['停电', 1]])]);
    const first = centroidMatch(storedReportVector(x), c);
    expect(storedReportVector(x)).toBe(storedReportVector(x));
    expect(storedReportVector(x)).toEqual(reportVector(x));
    expect(centroidMatch(storedReportVector(x), c)).toEqual(first);
    expect(first).toEqual(centroidMatch(reportVector(x), centroidOf([x, fp([['停电', 1]])])));
  });
});
