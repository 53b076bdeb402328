import {
  accountability,
  accountabilityByMonth,
  DEFAULT_SCORE_WEIGHTS,
  departmentScore,
  pickBottom,
  rankDepartments,
  SANLV_WEIGHTS,
  type AccountabilityLevel,
  type DeptRates,
  type MonthlyBottom,
} from '../src/analytics/ranking';

/** All rates null: overlay what a fixture needs. */
const base = (departmentCode: string, dispatched = 20): DeptRates => ({
  departmentCode,
  received: dispatched,
  dispatched,
  signOnTimeRate: null,
  responseRate: null,
  replyOnTimeRate: null,
  closeRate: null,
  resolutionRate: null,
  satisfactionRate: null,
  returnRate: null,
  reworkRate: null,
  extensionRate: null,
});

/** Every higher-is-better rate = x and every lower-is-better rate = 1 − x: the score is exactly 100·x under any weights. */
const uniform = (departmentCode: string, x: number, dispatched = 20): DeptRates => ({
  ...base(departmentCode, dispatched),
  signOnTimeRate: x,
  responseRate: x,
  replyOnTimeRate: x,
  closeRate: x,
  resolutionRate: x,
  satisfactionRate: x,
  returnRate: 1 - x,
  reworkRate: 1 - x,
  extensionRate: 1 - x,
});

/** Every rate given, distinct values. */
const FULL: DeptRates = {
  ...base('FULL', 40),
  received: 50,
  signOnTimeRate: 0.9,
  responseRate: 0.8,
  replyOnTimeRate: 0.95,
  closeRate: 0.85,
  resolutionRate: 0.7,
  satisfactionRate: 0.9,
  returnRate: 0.1,
  reworkRate: 0.05,
  extensionRate: 0.2,
};

describe('departmentScore', () => {
  it('default weights sum to 100', () => {
    expect(Object.values(DEFAULT_SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('all rates present, by hand', () => {
    // 25·0.9 + 20·0.95 + 20·0.7 + 10·0.8 + 10·0.85 + 5·0.9 + 4·(1−0.1) + 3·(1−0.05) + 3·(1−0.2)
    // = 22.5 + 19 + 14 + 8 + 8.5 + 4.5 + 3.6 + 2.85 + 2.4 = 85.35 (Σw = 100)
    const r = departmentScore(FULL);
    expect(r.status).toBe('SCORED');
    expect(r.score).toBe(85.35);
    expect(r.rawScore).toBeCloseTo(85.35, 10);
    expect(r.coverage).toBe(1);
    const points = Object.fromEntries(r.components.map((c) => [c.metric, c.points]));
    expect(points.satisfactionRate).toBeCloseTo(22.5, 10);
    expect(points.returnRate).toBeCloseTo(3.6, 10);
    expect(points.extensionRate).toBeCloseTo(2.4, 10);
    expect(r.components.reduce((s, c) => s + c.points, 0)).toBeCloseTo(85.35, 10);
  });

  it('null rates are left out and the weights re-normalised', () => {
    // No callbacks: 满意率 and 解决率 null. Present Σw = 100 − 25 − 20 = 55;
    // Σ w·g = 19 + 8 + 8.5 + 4.5 + 3.6 + 2.85 + 2.4 = 48.85 → 100·48.85/55 = 88.8181… → 88.82
    const r = departmentScore({ ...FULL, satisfactionRate: null, resolutionRate: null });
    expect(r.status).toBe('SCORED');
    expect(r.score).toBe(88.82);
    expect(r.coverage).toBeCloseTo(0.55, 12);
    const reply = r.components.find((c) => c.metric === 'replyOnTimeRate')!;
    expect(reply.effectiveWeight).toBeCloseTo(20 / 55, 12);
    const sat = r.components.find((c) => c.metric === 'satisfactionRate')!;
    expect(sat).toMatchObject({ rate: null, value: null, effectiveWeight: 0, points: 0 });
    expect(r.components.reduce((s, c) => s + c.effectiveWeight, 0)).toBeCloseTo(1, 12);
  });

  it('lower-is-better rates count as 1 − rate', () => {
    const allBad = { ...uniform('X', 1), returnRate: 1, reworkRate: 1, extensionRate: 1 };
    // 100·(25+20+20+10+10+5)·1 / 100 = 90: the three lower-is-better rates give 0
    expect(departmentScore(allBad).score).toBe(90);
    // returnRate 0.5, rework 0, extension 0: 90 + 4·0.5 + 3 + 3 = 98
    expect(departmentScore({ ...allBad, returnRate: 0.5, reworkRate: 0, extensionRate: 0 }).score).toBe(98);
    // a higher 退单率 never raises the score
    expect(departmentScore({ ...FULL, returnRate: 0.3 }).score!).toBeLessThan(departmentScore(FULL).score!);
  });

  it('zero volume: not scored', () => {
    const r = departmentScore({ ...FULL, dispatched: 0 });
    expect(r).toMatchObject({ status: 'NO_VOLUME', score: null, rawScore: null });
    expect(departmentScore(base('EMPTY', 0))).toMatchObject({ status: 'NO_VOLUME', score: null, coverage: 0 });
  });

  it('too few measurable rates: INSUFFICIENT_DATA unless minCoverage is lowered', () => {
    const thin = { ...base('THIN'), returnRate: 0.3, extensionRate: 0.1 };
    // coverage (4 + 3) / 100 = 0.07 < 0.5
    expect(departmentScore(thin)).toMatchObject({ status: 'INSUFFICIENT_DATA', score: null });
    expect(departmentScore(thin).coverage).toBeCloseTo(0.07, 12);
    // 100·(4·0.7 + 3·0.9)/7 = 100·5.5/7 = 78.5714… → 78.57
    expect(departmentScore(thin, undefined, { minCoverage: 0 }).score).toBe(78.57);
  });

  it('configurable weights', () => {
    // 三率 only, equal: (0.9 + 0.95 + 0.7)/3 = 0.85
    expect(departmentScore(FULL, SANLV_WEIGHTS).score).toBe(85);
    // partial override over the defaults: 满意率 weight 0 → (85.35 − 22.5)/75 = 83.8
    expect(departmentScore(FULL, { satisfactionRate: 0 }).score).toBe(83.8);
    // weights need not sum to 100: doubling all leaves the score unchanged
    const doubled = Object.fromEntries(Object.entries(DEFAULT_SCORE_WEIGHTS).map(([k, v]) => [k, 2 * v]));
    expect(departmentScore(FULL, doubled).score).toBe(85.35);
  });

  it('rejects bad input', () => {
    expect(() => departmentScore({ ...FULL, satisfactionRate: 1.2 })).toThrow(RangeError);
    expect(() => departmentScore({ ...FULL, returnRate: Number.NaN })).toThrow(RangeError);
    expect(() => departmentScore(FULL, { closeRate: -1 })).toThrow(RangeError);
    expect(() => departmentScore(FULL, { ...SANLV_WEIGHTS, satisfactionRate: 0, replyOnTimeRate: 0, resolutionRate: 0 })).toThrow(RangeError);
  });
});

describe('rankDepartments', () => {
  const current: DeptRates[] = [
    uniform('D', 0.7),
    uniform('C', 0.8),
    uniform('A', 0.9),
    uniform('B', 0.8),
    uniform('N', 0.6), // new this month
    uniform('E', 0.5, 3), // below the minimum volume (3 < 5)
    base('F', 0), // no order dispatched
  ];
  const previous: DeptRates[] = [
    uniform('Z', 0.99), // not in this month's input
    uniform('B', 0.95),
    uniform('F', 0.85),
    uniform('C', 0.8),
    uniform('E', 0.75),
    uniform('A', 0.7),
    uniform('D', 0.6),
  ];
  // previous ranks: Z 1, B 2, F 3, C 4, E 5, A 6, D 7

  it('ranks, ties (1, 2, 2, 4), minimum volume, zero volume, change vs last month, a new department', () => {
    const rows = rankDepartments(current, previous);
    expect(rows.map((r) => [r.departmentCode, r.status, r.score, r.rank, r.tied, r.previousRank, r.change, r.scoreChange, r.isNew])).toEqual([
      ['A', 'RANKED', 90, 1, false, 6, 5, 20, false],
      ['B', 'RANKED', 80, 2, true, 2, 0, -15, false],
      ['C', 'RANKED', 80, 2, true, 4, 2, 0, false],
      ['D', 'RANKED', 70, 4, false, 7, 3, 10, false],
      ['N', 'RANKED', 60, 5, false, null, null, null, true],
      ['E', 'BELOW_MIN_VOLUME', 50, null, false, 5, null, -25, false],
      ['F', 'NO_VOLUME', null, null, false, 3, null, null, false],
    ]);
    expect(rows.every((r) => r.rankedCount === 5)).toBe(true);
    expect(rows.some((r) => r.departmentCode === 'Z')).toBe(false);
    expect(pickBottom(rows)).toEqual(['N', 'D']);
  });

  it('minimum volume is configurable', () => {
    const rows = rankDepartments(current, previous, undefined, { minDispatched: 1 });
    const e = rows.find((r) => r.departmentCode === 'E')!;
    expect(e).toMatchObject({ status: 'RANKED', rank: 6, previousRank: 5, change: -1 });
    expect(pickBottom(rows)).toEqual(['E', 'N']);
    // a volume of exactly minDispatched is ranked
    expect(rankDepartments([uniform('E', 0.5, 5)], null)[0].status).toBe('RANKED');
  });

  it('no previous month: previousRank, change null; nobody is new', () => {
    const rows = rankDepartments(current, null);
    expect(rows.every((r) => r.previousRank === null && r.change === null && r.scoreChange === null && r.isNew === false)).toBe(true);
  });

  it('equal published scores tie even when the unrounded scores differ by float noise', () => {
    const rows = rankDepartments([uniform('P', 0.8), { ...uniform('Q', 0.8), satisfactionRate: 0.8 + 1e-12 }, uniform('R', 0.9)], null);
    expect(rows.map((r) => [r.departmentCode, r.rank])).toEqual([
      ['R', 1],
      ['P', 2],
      ['Q', 2],
    ]);
  });

  it('uses the given weights for both months', () => {
    // S is better on the 三率 only, T on everything else
    const s = { ...uniform('S', 0.5), satisfactionRate: 1, replyOnTimeRate: 1, resolutionRate: 1 };
    const t = { ...uniform('T', 1), satisfactionRate: 0.6, replyOnTimeRate: 0.6, resolutionRate: 0.6 };
    // defaults: S = 65·1 + 35·0.5 = 82.5, T = 65·0.6 + 35·1 = 74 → S first
    expect(rankDepartments([s, t], null).map((r) => [r.departmentCode, r.score])).toEqual([
      ['S', 82.5],
      ['T', 74],
    ]);
    // 三率 weights: S 100, T 60; previous month ranked the same way
    const rows = rankDepartments([t, s], [{ ...t, satisfactionRate: 1, replyOnTimeRate: 1, resolutionRate: 1 }, s], SANLV_WEIGHTS);
    expect(rows.map((r) => [r.departmentCode, r.score, r.rank, r.previousRank, r.change])).toEqual([
      ['S', 100, 1, 1, 0],
      ['T', 60, 2, 1, -1],
    ]);
  });

  it('rejects a department listed twice', () => {
    expect(() => rankDepartments([uniform('A', 0.9), uniform('A', 0.8)], null)).toThrow(/duplicate/);
  });
});

describe('pickBottom', () => {
  const r = (...ranks: Array<number | null>) => ranks.map((rank, i) => ({ departmentCode: `d${i + 1}`, rank }));

  it('the last two places', () => {
    expect(pickBottom(r(1, 2, 3, 4, 5))).toEqual(['d5', 'd4']);
    expect(pickBottom(r(1, 2, 3, 4, 4))).toEqual(['d4', 'd5']);
    expect(pickBottom(r(1, 2, 3, 4, 4), { ties: 'exclude' })).toEqual(['d4', 'd5']);
    expect(pickBottom(r(1, 2, 3, 4, 5), { count: 3 })).toEqual(['d5', 'd4', 'd3']);
  });

  it('a tie across the cut-off: whole group by default, none with ties: exclude', () => {
    expect(pickBottom(r(1, 2, 3, 3, 5))).toEqual(['d5', 'd3', 'd4']);
    expect(pickBottom(r(1, 2, 3, 3, 5), { ties: 'exclude' })).toEqual(['d5']);
  });

  it('unranked rows never count; a department tied for first is never in the bottom', () => {
    expect(pickBottom(r(1, null, 2, 3, null))).toEqual(['d4', 'd3']);
    expect(pickBottom(r(1, 1, 1))).toEqual([]);
    expect(pickBottom(r(1, 2))).toEqual(['d2']);
    expect(pickBottom(r(1, 1, 3))).toEqual(['d3']);
    expect(pickBottom([])).toEqual([]);
  });
});

describe('accountability (003 八 ladder)', () => {
  const S: AccountabilityLevel = 'SUPERVISOR_TALK';
  const H: AccountabilityLevel = 'HEAD_TALK';
  const R: AccountabilityLevel = 'RECTIFICATION';

  /**
   * Patterns (2025 unless stated):
   *  A once (08)
   *  B 3 consecutive (04, 05, 06) → HEAD in 06
   *  C 4 non-consecutive (01, 03, 07, 10) → HEAD in 10 by the yearly count
   *  D 4 consecutive (09–12) → HEAD in 11, RECTIFICATION in 12
   *  E 6 times, runs broken by gaps (02, 03, _, 05, 06, _, 08, …, 11) → HEAD in 06 by the count (run only 2),
   *    RECTIFICATION in 08 (5th) and 11 (6th)
   *  F 2024-11, 2024-12, 2025-01 → HEAD in 2025-01: the run crosses the year boundary; 2025-07 only the 2nd time in 2025
   *  G 4 times in 2024 (HEAD in 2024-09), then 2025-02: the count starts again in January (a rolling 12 months would give 5)
   *  H 04, 09, 10, 11 → HEAD in 11 by both the run (3) and the count (4)
   * Some months list three departments (a tie at the cut-off), one lists one.
   */
  const history: MonthlyBottom[] = [
    { month: '2024-03', bottom: ['G', 'X'] },
    { month: '2024-05', bottom: ['G', 'Y'] },
    { month: '2024-07', bottom: ['G', 'X'] },
    { month: '2024-09', bottom: ['G', 'Y'] },
    { month: '2024-11', bottom: ['F', 'X'] },
    { month: '2024-12', bottom: ['F', 'Y'] },
    { month: '2025-01', bottom: ['C', 'F'] },
    { month: '2025-02', bottom: ['E', 'G'] },
    { month: '2025-03', bottom: ['C', 'E'] },
    { month: '2025-04', bottom: ['B', 'H'] },
    { month: '2025-05', bottom: ['B', 'E'] },
    { month: '2025-06', bottom: ['B', 'E'] },
    { month: '2025-07', bottom: ['C', 'F'] },
    { month: '2025-08', bottom: ['A', 'E'] },
    { month: '2025-09', bottom: ['D', 'H'] },
    { month: '2025-10', bottom: ['C', 'D', 'H'] },
    { month: '2025-11', bottom: ['D', 'E', 'H'] },
    { month: '2025-12', bottom: ['D'] },
  ];

  const expected: Record<string, Record<string, AccountabilityLevel>> = {
    '2024-03': { G: S, X: S },
    '2024-05': { G: S, Y: S },
    '2024-07': { G: S, X: S },
    '2024-09': { G: H, Y: S },
    '2024-11': { F: S, X: S },
    '2024-12': { F: S, Y: S },
    '2025-01': { C: S, F: H },
    '2025-02': { E: S, G: S },
    '2025-03': { C: S, E: S },
    '2025-04': { B: S, H: S },
    '2025-05': { B: S, E: S },
    '2025-06': { B: H, E: H },
    '2025-07': { C: S, F: S },
    '2025-08': { A: S, E: R },
    '2025-09': { D: S, H: S },
    '2025-10': { C: H, D: S, H: S },
    '2025-11': { D: H, E: R, H: H },
    '2025-12': { D: R },
  };

  it('the exact level of every department in every month', () => {
    const byMonth = accountabilityByMonth(history);
    expect([...byMonth.keys()]).toEqual(Object.keys(expected));
    for (const [month, levels] of Object.entries(expected)) {
      const got = Object.fromEntries(accountability(history, month).map((d) => [d.departmentCode, d.level]));
      expect({ month, levels: got }).toEqual({ month, levels });
      expect(Object.fromEntries(byMonth.get(month)!.map((d) => [d.departmentCode, d.level]))).toEqual(levels);
    }
  });

  const one = (month: string, code: string) => accountability(history, month).find((d) => d.departmentCode === code)!;

  it('once: 分管领导约谈 by the hotline centre', () => {
    expect(one('2025-08', 'A')).toMatchObject({
      level: S,
      levelZh: '分管领导约谈',
      actorZh: '县热线中心',
      consecutiveMonths: 1,
      timesThisYear: 1,
      reason: "本月考核排名后两位 in the bottom two of this month's ranking",
      clause: '003 八',
    });
  });

  it('3 consecutive months: 主要负责人约谈', () => {
    expect(one('2025-05', 'B')).toMatchObject({ level: S, consecutiveMonths: 2, timesThisYear: 2 });
    expect(one('2025-06', 'B')).toMatchObject({
      level: H,
      levelZh: '主要负责人约谈',
      actorZh: '县政府热线分管领导',
      consecutiveMonths: 3,
      timesThisYear: 3,
      reason: '连续3个月排名后两位 3 consecutive months in the bottom two',
    });
  });

  it('4 non-consecutive times in the year: 主要负责人约谈', () => {
    expect(one('2025-10', 'C')).toMatchObject({
      level: H,
      consecutiveMonths: 1,
      timesThisYear: 4,
      reason: '2025年度累计4次排名后两位 4 times in the bottom two in 2025',
    });
  });

  it('4 consecutive months: 限期整改 (the yearly count 4 only reaches HEAD_TALK and is not listed)', () => {
    expect(one('2025-11', 'D')).toMatchObject({ level: H, consecutiveMonths: 3, timesThisYear: 3 });
    const d = one('2025-12', 'D');
    expect(d).toMatchObject({ level: R, levelZh: '限期整改', actorZh: '县政府督查室', consecutiveMonths: 4, timesThisYear: 4 });
    expect(d.reasons.map((r) => [r.rule, r.level])).toEqual([['CONSECUTIVE', R]]);
    expect(d.reason).toBe('连续4个月排名后两位 4 consecutive months in the bottom two');
  });

  it('a gap resets the run; 5 times in the year: 限期整改, and the 6th time stays there', () => {
    expect(one('2025-03', 'E')).toMatchObject({ level: S, consecutiveMonths: 2, timesThisYear: 2 });
    // April missing for E: May is a run of 1, not 3
    expect(one('2025-05', 'E')).toMatchObject({ level: S, consecutiveMonths: 1, timesThisYear: 3 });
    expect(one('2025-06', 'E')).toMatchObject({ level: H, consecutiveMonths: 2, timesThisYear: 4 });
    expect(one('2025-08', 'E')).toMatchObject({
      level: R,
      consecutiveMonths: 1,
      timesThisYear: 5,
      reason: '2025年度累计5次排名后两位 5 times in the bottom two in 2025',
    });
    expect(one('2025-11', 'E')).toMatchObject({ level: R, timesThisYear: 6 });
  });

  it('year boundary: a run continues across it, the yearly count does not (calendar year)', () => {
    expect(one('2025-01', 'F')).toMatchObject({ level: H, consecutiveMonths: 3, timesThisYear: 1 });
    expect(one('2025-01', 'F').reasons.map((r) => r.rule)).toEqual(['CONSECUTIVE']);
    expect(one('2025-07', 'F')).toMatchObject({ level: S, consecutiveMonths: 1, timesThisYear: 2 });
    expect(one('2024-09', 'G')).toMatchObject({ level: H, timesThisYear: 4, reason: '2024年度累计4次排名后两位 4 times in the bottom two in 2024' });
    // rolling 12 months (2024-03..2025-02) would count 5 → RECTIFICATION; 003 八 年度 = calendar year → 1
    expect(one('2025-02', 'G')).toMatchObject({ level: S, consecutiveMonths: 1, timesThisYear: 1 });
  });

  it('run and yearly count reaching the same level: both reasons', () => {
    const h = one('2025-11', 'H');
    expect(h).toMatchObject({ level: H, consecutiveMonths: 3, timesThisYear: 4 });
    expect(h.reason).toBe('连续3个月排名后两位 3 consecutive months in the bottom two；2025年度累计4次排名后两位 4 times in the bottom two in 2025');
  });

  it('output order: highest level first, then code', () => {
    expect(accountability(history, '2025-11').map((d) => d.departmentCode)).toEqual(['E', 'D', 'H']);
  });

  it('later months are ignored; a month without a ranking gives nothing; a missing month breaks the run', () => {
    expect(accountability(history.slice(0, 12), '2025-06')).toEqual(accountability(history, '2025-06'));
    expect(accountability(history, '2026-01')).toEqual([]);
    expect(accountability(history, '2024-04')).toEqual([]);
    const gap: MonthlyBottom[] = [
      { month: '2025-01', bottom: ['K'] },
      { month: '2025-03', bottom: ['K'] },
      { month: '2025-04', bottom: ['K'] },
    ];
    expect(accountability(gap, '2025-04')[0]).toMatchObject({ level: S, consecutiveMonths: 2, timesThisYear: 3 });
    // unordered history is fine
    expect(accountability([...gap].reverse(), '2025-04')).toEqual(accountability(gap, '2025-04'));
  });

  it('configurable thresholds', () => {
    expect(accountability(history, '2025-05', { headConsecutive: 2 }).find((d) => d.departmentCode === 'B')!.level).toBe(H);
    expect(() => accountability(history, '2025-05', { rectificationYearly: 3 })).toThrow(RangeError);
  });

  it('rejects malformed months and duplicates', () => {
    expect(() => accountability(history, '2025-13')).toThrow(RangeError);
    expect(() => accountability(history, '2025-1')).toThrow(RangeError);
    expect(() => accountability([...history, { month: '2025-12', bottom: ['A'] }], '2025-12')).toThrow(/twice/);
  });

  it('end to end: rankings → bottoms → ladder', () => {
    const months = ['2025-01', '2025-02', '2025-03'];
    const scores: Record<string, number>[] = [
      { P: 0.9, Q: 0.8, R: 0.7, S: 0.6 },
      { P: 0.9, Q: 0.6, R: 0.7, S: 0.5 },
      { P: 0.9, Q: 0.8, R: 0.6, S: 0.4 },
    ];
    const hist: MonthlyBottom[] = months.map((month, i) => ({
      month,
      bottom: pickBottom(
        rankDepartments(
          Object.entries(scores[i]).map(([code, x]) => uniform(code, x)),
          null,
        ),
      ),
    }));
    expect(hist.map((h) => h.bottom)).toEqual([
      ['S', 'R'],
      ['S', 'Q'],
      ['S', 'R'],
    ]);
    expect(accountability(hist, '2025-03').map((d) => [d.departmentCode, d.level])).toEqual([
      ['S', H],
      ['R', S],
    ]);
  });
});
