/**
 * The hot-issue text layer (src/hot-issues/text): segmentation, keywords, MinHash/LSH signatures,
 * similarity and the labeled-stream evaluation. Pure functions, no database.
 */
import { CATEGORIES, type CategorySeed } from '../src/demo/data/categories';
import { CHANNELS } from '../src/reference/channels';
import { TOWNSHIPS } from '../src/reference/townships';
import {
  BandIndex,
  CLUSTER_SIMILARITY_PARAMS,
  Segmenter,
  STOP_WORDS,
  bandKeys,
  candidateProbability,
  clusterPairs,
  createJieba,
  createScheme,
  decodeSignature,
  defaultSegmenter,
  detectDuplicatePairs,
  encodeSignature,
  exactJaccard,
  extractKeywords,
  fingerprint,
  groundTruthPairs,
  jaccardEstimate,
  minhash,
  murmur3,
  normalizeText,
  pairKey,
  pairMetrics,
  shingles,
  similarity,
  textSignature,
  textSimilarity,
  tokenize,
  type DetectorRecord,
} from '../src/hot-issues/text';
import { generateLabeledComplaints, generateLabeledStream, type LabeledComplaint } from '../bench/hot-data/labeled-data';
import { demoGazetteer } from '../bench/hot-data/gazetteer';

/** The demo county's gazetteer (villages, roads, companies, departments), handed to the text layer as the hub does from its reference tables. */
const gazetteer = demoGazetteer();

const DAY = 86_400_000;
const WINDOW = 7 * DAY;

function categoryCodes(list: readonly CategorySeed[], out = new Set<string>()): Set<string> {
  for (const c of list) {
    out.add(c.code);
    if (c.children) categoryCodes(c.children, out);
  }
  return out;
}

/** What a detector may see: no matterId, no burstId. */
function observed(records: readonly LabeledComplaint[]): DetectorRecord[] {
  return records.map((r) => ({ id: r.id, text: r.text, receivedAt: r.receivedAt, regionCode: r.regionCode, categoryCode: r.categoryCode }));
}

describe('normalisation and segmentation', () => {
  it('normalises full-width characters, case, HTML entities and whitespace', () => {
    expect(normalizeText('电话１２３４５，ＡＢＣ车牌&nbsp;&amp;<br/>  赣Ｂ\u3000Ｔ１２３&#x4e2d;&#20013;&unknown;')).toBe('电话12345,abc车牌 & 赣b t123中中');
    expect(normalizeText('  多个\n\t空白  ')).toBe('多个 空白');
  });

  it('keeps local names whole: townships, villages, roads, landmarks, departments', () => {
    const tokens = tokenize(
      '王母渡镇浓口村村民反映，梅林镇贡江大道的路灯不亮，赣县汽车站门口出租车拒载，区市场监管局、区劳动保障监察大队和王母渡镇人民政府请核实。',
      gazetteer.segmenter,
    );
    for (const name of ['王母渡镇', '浓口村', '梅林镇', '贡江大道', '赣县汽车站', '区市场监管局', '区劳动保障监察大队', '王母渡镇人民政府']) {
      expect(tokens).toContain(name);
    }
    expect(tokens).not.toContain('王母');
    expect(tokens).not.toContain('汽车站');
  });

  it('removes stop words, hotline boilerplate, punctuation and meaningless single characters', () => {
    const tokens = tokenize('来电人反映：市民希望相关部门尽快处理，诉求：请回复。我们的问题是，这个路灯坏了！谢谢');
    for (const w of ['来电人', '反映', '市民', '希望', '相关部门', '尽快', '处理', '诉求', '请', '我们', '的', '问题', '这个', '谢谢', '，', '！']) {
      expect(tokens).not.toContain(w);
    }
    expect(tokens).toContain('路灯');
    for (const t of tokens) expect(STOP_WORDS.has(t)).toBe(false);
    // meaningful single characters survive (停水 split as 停/水 keeps 水)
    expect(tokenize('村里没有水喝')).toContain('水');
  });

  it('normalises full-width digits before segmenting; numbers are dropped unless asked for', () => {
    const seg = defaultSegmenter();
    expect(seg.words('拖欠工资３５００元')).toContain('3500');
    expect(seg.tokens('拖欠工资３５００元')).not.toContain('3500');
    expect(new Segmenter({ jieba: seg.jieba, numbers: true }).tokens('拖欠工资３５００元')).toContain('3500');
  });

  it('rewrites synonyms to their canonical form', () => {
    expect(tokenize('赣县汽车站的士拒绝打表')).toEqual(['赣县汽车站', '出租车', '不打表']);
    expect(tokenize('出租汽车不按表计价')).toEqual(['出租车', '不打表']);
  });
});

describe('keywords', () => {
  const complaint = '来电人反映，今天晚上在赣县汽车站乘坐出租车，司机不打表，一口价收费50元，乘客要求打表被拒绝。诉求：请区交通运输局查处。';

  it('extracts the expected terms by TF-IDF, heaviest first', () => {
    const keywords = extractKeywords(complaint, 8, gazetteer.segmenter);
    const words = keywords.map((k) => k.word);
    for (const w of ['赣县汽车站', '出租车', '不打表', '一口价', '区交通运输局']) expect(words).toContain(w);
    for (let i = 1; i < keywords.length; i++) expect(keywords[i].weight).toBeLessThanOrEqual(keywords[i - 1].weight);
    for (const k of keywords) {
      expect(STOP_WORDS.has(k.word)).toBe(false);
      expect(k.word.length).toBeGreaterThan(1);
      expect(k.weight).toBeGreaterThan(0);
    }
  });

  it('returns at most k keywords and nothing for boilerplate-only text', () => {
    expect(extractKeywords(complaint, 3)).toHaveLength(3);
    expect(extractKeywords('来电人反映，希望相关部门尽快处理。谢谢！')).toEqual([]);
  });
});

describe('signatures', () => {
  const text = '来电人反映，王母渡镇汽车站的出租车不打表，乘客要求打表被拒绝，司机态度恶劣。诉求：请相关部门查处。';

  it('is deterministic: golden values, and the same text gives the same signature on two jieba instances', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('赣县')).toBe(845892177);
    const golden = minhash(['出租车', '不打表', '赣县汽车站']);
    expect([...golden.slice(0, 4)]).toEqual([726494447, 75095129, 2813450166, 1289045590]);
    expect(bandKeys(golden).slice(0, 2)).toEqual(['006b8c6448c6ce73', '0149ce946a4c5684']);

    const a = textSignature(text);
    const b = textSignature(text, { segmenter: new Segmenter({ jieba: createJieba() }) });
    expect(b.tokens).toEqual(a.tokens);
    expect([...b.minhash]).toEqual([...a.minhash]);
    expect(b.bandKeys).toEqual(a.bandKeys);
    expect(a.bandKeys).toHaveLength(64);
    expect(new Set(a.bandKeys).size).toBe(64);
    expect(a.scheme).toBe('mh128-b64r2-s20250101-u');
  });

  it('round-trips through base64 and gives no band keys for empty text', () => {
    const sig = textSignature(text).minhash;
    expect([...decodeSignature(encodeSignature(sig))]).toEqual([...sig]);
    expect(textSignature('来电人反映，请相关部门尽快处理。').bandKeys).toEqual([]);
    expect(jaccardEstimate(textSignature('').minhash, sig)).toBe(0);
  });

  it('different schemes give different keys; invalid schemes are refused', () => {
    const scheme = createScheme({ bands: 32, rows: 4 });
    const s = textSignature(text, { scheme });
    expect(s.bandKeys).toHaveLength(32);
    expect(s.bandKeys.some((k) => textSignature(text).bandKeys.includes(k))).toBe(false);
    expect(() => createScheme({ numHashes: 64, bands: 64, rows: 2 })).toThrow();
  });

  describe('on a labeled stream', () => {
    const records = generateLabeledComplaints({ seed: 7, size: 1500 });
    const sets = new Map(records.map((r) => [r.id, new Set(shingles(tokenize(r.text), false))]));
    const sigs = new Map(records.map((r) => [r.id, textSignature(r.text)]));
    const keySets = new Map([...sigs].map(([id, s]) => [id, new Set(s.bandKeys)]));
    const shareKey = (a: string, b: string) => sigs.get(a)!.bandKeys.some((k) => keySets.get(b)!.has(k));

    it('jaccardEstimate is within ±0.1 of the exact Jaccard', () => {
      const errors: number[] = [];
      for (let i = 0; i + 1 < records.length && errors.length < 1000; i += 3) {
        for (const j of [i + 1, (i * 7919) % records.length]) {
          const a = records[i].id;
          const b = records[j].id;
          if (a === b) continue;
          errors.push(Math.abs(jaccardEstimate(sigs.get(a)!.minhash, sigs.get(b)!.minhash) - exactJaccard(sets.get(a)!, sets.get(b)!)));
        }
      }
      const within = errors.filter((e) => e <= 0.1).length / errors.length;
      const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
      expect(within).toBeGreaterThanOrEqual(0.99);
      expect(mean).toBeLessThan(0.03);
    });

    it('similar texts share a band key with high probability, unrelated texts rarely', () => {
      let similarPairs = 0;
      let similarShared = 0;
      let unrelatedPairs = 0;
      let unrelatedShared = 0;
      for (let i = 0; i < records.length; i++) {
        for (let j = i + 1; j < Math.min(records.length, i + 40); j++) {
          const a = records[i];
          const b = records[j];
          const jac = exactJaccard(sets.get(a.id)!, sets.get(b.id)!);
          if (a.matterId === b.matterId && jac >= 0.3) {
            similarPairs++;
            if (shareKey(a.id, b.id)) similarShared++;
          } else if (a.categoryCode.slice(0, 2) !== b.categoryCode.slice(0, 2) && jac <= 0.05) {
            unrelatedPairs++;
            if (shareKey(a.id, b.id)) unrelatedShared++;
          }
        }
      }
      expect(similarPairs).toBeGreaterThan(100);
      expect(unrelatedPairs).toBeGreaterThan(10000);
      expect(similarShared / similarPairs).toBeGreaterThanOrEqual(0.97); // theory at J = 0.3: 0.998
      expect(unrelatedShared / unrelatedPairs).toBeLessThan(0.1); // theory at J = 0.05: ≤ 0.15
      expect(candidateProbability(0.3, 64, 2)).toBeGreaterThan(0.99);
    });
  });
});

describe('similarity', () => {
  it('pairs paraphrases of one matter and returns the evidence', () => {
    const ev = textSimilarity(
      '来电人反映，赣县汽车站的的士不打表，一口价要50元，乘客要求打表被拒绝。',
      '市民来电：在赣县汽车站坐出租车，司机拒绝打表，随口开价，请查处。',
    );
    expect(ev.similar).toBe(true);
    expect(ev.placeMatch).toBe('spot');
    expect(ev.sharedKeywords.map((k) => k.word)).toEqual(expect.arrayContaining(['赣县汽车站', '不打表', '出租车']));
    expect(ev.sharedContent).toBeGreaterThanOrEqual(2);
    expect(ev.score).toBeCloseTo(0.3 * ev.jaccard + 0.7 * ev.cosine, 10);
    expect(ev.jaccard).toBeGreaterThan(0);
  });

  it('does not pair different problems at one place, nor one problem at different places', () => {
    const lampVsManhole = textSimilarity('梅林镇城南路的路灯不亮，晚上一片漆黑。', '梅林镇城南路人行道井盖缺失，行人容易掉下去。', {}, { gazetteer });
    expect(lampVsManhole.sharedContent).toBe(0);
    expect(lampVsManhole.similar).toBe(false);
    const twoRoads = textSimilarity('梅林镇城南路的路灯不亮，晚上一片漆黑。', '梅林镇建设路的路灯不亮，晚上一片漆黑。', {}, { gazetteer });
    expect(twoRoads.placeConflict).toBe('spot');
    expect(twoRoads.similar).toBe(false);
    expect(
      textSimilarity(
        '梅林镇城南路的路灯不亮，晚上一片漆黑。',
        '梅林镇建设路的路灯不亮，晚上一片漆黑。',
        { nameConflictVeto: false, unplacedThreshold: 0.5 },
        { gazetteer },
      ).similar,
    ).toBe(true);
    const twoTownships = textSimilarity('王母渡镇汽车站出租车不打表。', '江口镇汽车站出租车不打表。');
    expect(twoTownships.placeConflict).toBe('township');
    expect(twoTownships.similar).toBe(false);
  });

  it('needs a shared place name unless told otherwise', () => {
    const a = fingerprint('出租车司机不打表，乘客要求打表被拒绝。');
    const b = fingerprint('的士不按表计价，乘客要求打表被拒绝。');
    expect(similarity(a, b).placeMatch).toBe('none');
    expect(similarity(a, b).similar).toBe(false);
    expect(similarity(a, b, { unplacedThreshold: 0.5 }).similar).toBe(true);
  });
});

describe('labeled complaint streams', () => {
  const { records, matters } = generateLabeledStream({ seed: 11, size: 2000 });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateLabeledComplaints({ seed: 11, size: 2000 }))).toBe(JSON.stringify(records));
    expect(generateLabeledComplaints({ seed: 12, size: 2000 })[0].text).not.toBe(records[0].text);
  });

  it('uses the reference data: townships, categories, channels', () => {
    const townships = new Set(TOWNSHIPS.map((t) => t.code));
    const categories = categoryCodes(CATEGORIES);
    const channels = new Set(CHANNELS.map((c) => c.code));
    expect(records.length).toBeGreaterThanOrEqual(2000);
    for (const r of records) {
      expect(townships.has(r.regionCode)).toBe(true);
      expect(categories.has(r.categoryCode)).toBe(true);
      expect(channels.has(r.channel)).toBe(true);
      expect(r.text.length).toBeGreaterThan(5);
    }
    for (let i = 1; i < records.length; i++) expect(records[i].receivedAt.getTime()).toBeGreaterThanOrEqual(records[i - 1].receivedAt.getTime());
  });

  it('has multi-channel bursts, repeat callers and background in the bursts’ townships and categories', () => {
    const bursts = new Map<string, LabeledComplaint[]>();
    for (const r of records) if (r.burstId) bursts.set(r.burstId, [...(bursts.get(r.burstId) ?? []), r]);
    expect(bursts.size).toBeGreaterThan(20);
    const multiChannel = [...bursts.values()].filter((b) => new Set(b.map((r) => r.channel)).size >= 2);
    expect(multiChannel.length / bursts.size).toBeGreaterThan(0.7);
    for (const b of bursts.values()) {
      expect(new Set(b.map((r) => r.matterId)).size).toBe(1);
      expect(new Set(b.map((r) => r.text)).size).toBeGreaterThan(b.length * 0.8); // paraphrased, not copied
    }

    const byCitizen = new Map<string, LabeledComplaint[]>();
    for (const r of records) if (r.citizenKey && !r.burstId) byCitizen.set(r.citizenKey, [...(byCitizen.get(r.citizenKey) ?? []), r]);
    const repeaters = [...byCitizen.values()].filter((list) => list.length >= 2);
    expect(repeaters.length).toBeGreaterThan(30);
    for (const list of repeaters) expect(new Set(list.map((r) => r.matterId)).size).toBe(1);

    const burstCells = new Set([...bursts.values()].map((b) => `${b[0].regionCode}|${b[0].categoryCode}`));
    const background = records.filter((r) => !r.burstId && !(r.citizenKey && byCitizen.get(r.citizenKey)!.length >= 2));
    const inBurstCells = background.filter((r) => burstCells.has(`${r.regionCode}|${r.categoryCode}`));
    expect(inBurstCells.length / background.length).toBeGreaterThan(0.2);
    expect(new Set(background.map((r) => r.matterId)).size).toBeGreaterThan(background.length * 0.9);
    expect(matters.size).toBe(new Set(records.map((r) => r.matterId)).size);
  });
});

describe('evaluation', () => {
  it('computes pairwise precision, recall and F1', () => {
    const truth = new Set([pairKey('a', 'b'), pairKey('a', 'c'), pairKey('b', 'c')]);
    const m = pairMetrics([pairKey('b', 'a'), pairKey('a', 'c'), pairKey('c', 'd'), pairKey('a', 'b')], truth);
    expect(m).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });

  it('finds candidates by band-key lookup only, and clusters pairs within the window', () => {
    const index = new BandIndex();
    index.add('x', ['k1', 'k2']);
    index.add('y', ['k2', 'k3']);
    expect([...index.query(['k2'])].sort()).toEqual(['x', 'y']);
    expect([...index.query(['k9'])]).toEqual([]);
    index.remove('x');
    expect([...index.query(['k1', 'k2'])]).toEqual(['y']);
    expect(index.lookups).toBe(4);

    const t = (d: number) => new Date(Date.UTC(2025, 2, 1) + d * DAY);
    const recs = [
      { id: 'a', receivedAt: t(0) },
      { id: 'b', receivedAt: t(5) },
      { id: 'c', receivedAt: t(10) },
      { id: 'd', receivedAt: t(1) },
    ];
    const { pairs, clusters } = clusterPairs(recs, [pairKey('a', 'b'), pairKey('b', 'c')], WINDOW);
    expect([...pairs].sort()).toEqual([pairKey('a', 'b'), pairKey('b', 'c')]); // a–c is 10 days apart
    expect(clusters).toEqual([['a', 'b', 'c']]);
  });

  it('detects duplicates on a 3000-record stream with F1 ≥ 0.95 (band-key candidates, similarity threshold, clusters)', () => {
    const records = generateLabeledComplaints({ seed: 42, size: 3000 });
    const truth = groundTruthPairs(records, WINDOW);
    const seen = observed(records);

    // Pairwise links (重复投诉 / 多头投诉): candidates from band keys, same region, within the window.
    const direct = detectDuplicatePairs(seen, { windowMs: WINDOW, sameRegion: true, gazetteer });
    const directMetrics = pairMetrics(direct.pairs, truth);
    // Hot-issue style: stricter edges, single-link clusters, pairs within the window.
    const edges = detectDuplicatePairs(seen, { windowMs: WINDOW, sameRegion: true, similarity: CLUSTER_SIMILARITY_PARAMS, gazetteer });
    const clustered = pairMetrics(clusterPairs(seen, edges.pairs, WINDOW).pairs, truth);

    expect(truth.size).toBeGreaterThan(3000);
    expect(clustered.f1).toBeGreaterThanOrEqual(0.95);
    expect(clustered.precision).toBeGreaterThanOrEqual(0.95);
    expect(directMetrics.precision).toBeGreaterThanOrEqual(0.94);
    expect(directMetrics.f1).toBeGreaterThanOrEqual(0.85);

    // Candidates came from band lookups: a small fraction of the pairs inside the window.
    let inWindow = 0;
    for (let i = 0, head = 0; i < records.length; i++) {
      while (records[i].receivedAt.getTime() - records[head].receivedAt.getTime() > WINDOW) head++;
      inWindow += i - head;
    }
    expect(direct.bandLookups).toBeLessThanOrEqual(64 * records.length);
    expect(direct.candidatePairs).toBeLessThan(inWindow * 0.1);
    expect(direct.comparisons).toBeLessThanOrEqual(direct.candidatePairs);
  });
});
