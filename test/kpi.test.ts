import { addCounts, emptyCounts, handlingBucket, HANDLING_BUCKETS, kpiRates, type KpiCounts } from '../src/analytics/kpi';

/** Hand-computed fixtures for every formula of src/analytics/kpi.ts. */
describe('KPI formulas (三率 and the rest)', () => {
  const counts = (patch: Partial<KpiCounts>): KpiCounts => ({ ...emptyCounts(), ...patch });

  it('computes each rate from its own numerator and denominator', () => {
    const c = counts({
      received: 40,
      dispatched: 30,
      signedOnTime: 27,
      contactedOnTime: 24,
      returned: 3,
      extended: 2,
      due: 25,
      repliedOnTime: 20,
      closed: 22,
      receivedAndClosed: 18,
      reworked: 2,
      open: 12,
      overdue: 4,
      callbacks: 20,
      callbacksResolved: 16,
      satisfied: 15,
      basicallySatisfied: 3,
      unsatisfied: 2,
      handlingHours: 22 * 30,
    });
    const r = kpiRates(c);
    expect(r).toMatchObject({ received: 40, dispatched: 30, closed: 22, open: 12, overdue: 4 });
    expect(r.signOnTimeRate).toBeCloseTo(27 / 30); // 0.9
    expect(r.responseRate).toBeCloseTo(24 / 30); // 0.8
    expect(r.replyOnTimeRate).toBeCloseTo(20 / 25); // 0.8
    expect(r.closeRate).toBeCloseTo(18 / 40); // 0.45
    expect(r.resolutionRate).toBeCloseTo(16 / 20); // 0.8
    expect(r.satisfactionRate).toBeCloseTo((15 + 3) / 20); // 0.9, 基本满意 weighted 1
    expect(r.returnRate).toBeCloseTo(3 / 30);
    expect(r.reworkRate).toBeCloseTo(2 / 22);
    expect(r.extensionRate).toBeCloseTo(2 / 30);
    expect(r.avgHandlingHours).toBeCloseTo(30);
    // 基本满意 weighed 0.5: (15 + 1.5) / 20
    expect(kpiRates(c, { basicallySatisfied: 0.5 }).satisfactionRate).toBeCloseTo(0.825);
  });

  it('answers null, not 0 or 100 %, where a denominator is zero', () => {
    const r = kpiRates(counts({ received: 5, open: 5 }));
    expect(r).toMatchObject({
      signOnTimeRate: null,
      responseRate: null,
      replyOnTimeRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      returnRate: null,
      reworkRate: null,
      extensionRate: null,
      avgHandlingHours: null,
      p90HandlingHours: null,
    });
    expect(r.closeRate).toBe(0); // received 5, none closed: a real 0 %
    expect(kpiRates(emptyCounts()).closeRate).toBeNull();
  });

  it('takes the p90 handling time from the buckets: the bound of the bucket reaching 90 %', () => {
    expect(handlingBucket(0.5)).toBe(0);
    expect(handlingBucket(1)).toBe(0);
    expect(handlingBucket(1.01)).toBe(1);
    expect(handlingBucket(100_000)).toBe(HANDLING_BUCKETS.length);
    const buckets = emptyCounts().handlingBuckets;
    buckets[handlingBucket(2)] = 5; // ≤ 3 h
    buckets[handlingBucket(20)] = 4; // ≤ 24 h: 9 of 10 (90 %) reached here
    buckets[handlingBucket(500)] = 1; // ≤ 720 h
    expect(kpiRates(counts({ closed: 10, handlingBuckets: buckets, handlingHours: 10 + 80 + 500 })).p90HandlingHours).toBe(24);
  });

  it('adds counts field by field, so days sum to months and groups to totals', () => {
    const a = counts({ received: 3, callbacks: 2, satisfied: 1, basicallySatisfied: 1 });
    const b = counts({ received: 1, callbacks: 2, unsatisfied: 2 });
    a.handlingBuckets[2] = 1;
    b.handlingBuckets[2] = 2;
    const sum = addCounts(a, b);
    expect(sum).toMatchObject({ received: 4, callbacks: 4, satisfied: 1, basicallySatisfied: 1, unsatisfied: 2 });
    expect(sum.handlingBuckets[2]).toBe(3);
    expect(kpiRates(sum).satisfactionRate).toBeCloseTo(0.5);
  });
});
