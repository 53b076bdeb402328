import { EVAL_SET_NAMES, FROZEN_TARGETS, evalSetProperties, evalSetText, frozenHash, loadEvalSet, sha256 } from '../bench/eval-sets';
import { COUNTY, TOWNSHIPS } from '../src/reference/townships';
import { CHANNELS } from '../src/reference/channels';

/** The hand-written hot-issue evaluation sets (issue 13): the frozen set must not change, and both keep their declared shape. */
describe('hot-issue evaluation sets (eval/hot)', () => {
  test('the frozen set is the one whose hash was recorded before any tuning', () => {
    expect(sha256(evalSetText('frozen'))).toBe(frozenHash());
  });

  test('the frozen set has what issue 13 asks for', () => {
    const p = evalSetProperties(loadEvalSet('frozen'));
    expect(p.records).toBeGreaterThanOrEqual(FROZEN_TARGETS.records);
    expect(p.bursts).toBeGreaterThanOrEqual(FROZEN_TARGETS.bursts);
    expect(p.repeatGroups).toBeGreaterThanOrEqual(FROZEN_TARGETS.repeatGroups);
    expect(p.crossChannelPairs).toBeGreaterThanOrEqual(FROZEN_TARGETS.crossChannelPairs);
    expect(p.chronicTopics).toBeGreaterThanOrEqual(FROZEN_TARGETS.chronicTopics);
    expect(p.hardNegatives).toBeGreaterThanOrEqual(FROZEN_TARGETS.hardNegatives);
  });

  test.each(EVAL_SET_NAMES)('%s: lengths 30–220, two weeks of November 2026, known channels and regions, fake phones', (name) => {
    const records = loadEvalSet(name);
    const p = evalSetProperties(records);
    expect(p.minLength).toBeGreaterThanOrEqual(30);
    expect(p.maxLength).toBeLessThanOrEqual(220);
    expect(p.spanDays).toBeGreaterThanOrEqual(12);
    expect(p.spanDays).toBeLessThanOrEqual(14);
    expect(p.firstAt >= '2026-11-02' && p.lastAt < '2026-11-16').toBe(true);
    const channels = new Set(CHANNELS.map((c) => c.code));
    const regions = new Set([COUNTY.code, ...TOWNSHIPS.map((t) => t.code)]);
    const ids = new Set<string>();
    for (const r of records) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(channels.has(r.channel)).toBe(true);
      expect(regions.has(r.regionCode)).toBe(true);
      expect(r.receivedAt).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      if (r.caller) expect(r.caller.phone).toMatch(/^13[89]0000\d{4}$/);
      expect(r.labels.matter).toBeTruthy();
    }
    // Records are in receivedAt order.
    expect(records.map((r) => r.receivedAt)).toEqual([...records.map((r) => r.receivedAt)].sort());
  });

  test('the development set shares no matter, caller or phone with the frozen set', () => {
    const frozen = loadEvalSet('frozen');
    const dev = loadEvalSet('dev');
    const matters = new Set(frozen.map((r) => r.labels.matter));
    const phones = new Set(frozen.flatMap((r) => (r.caller ? [r.caller.phone] : [])));
    expect(dev.filter((r) => matters.has(r.labels.matter) || (r.caller && phones.has(r.caller.phone)))).toEqual([]);
    expect(dev.length).toBeGreaterThanOrEqual(300);
  });
});
