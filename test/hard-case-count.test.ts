import type { EntityManager } from '@mikro-orm/postgresql';
import { buildMonthlyReport } from '../src/analytics/monthly-report.service';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle } from './support/lifecycle';

const HARD_CASES = `query($m: String!) { hardCases(month: $m) { reasons workOrder { code } } }`;
const REPORT = `query($m: String!) { monthlyReport(month: $m) { dutyDay { leader hardCases } } }`;
const MEILIN = '360704100000';

/**
 * 区长热线日: the monthly report's hard-case count (a count-only statement) and the dispatch desk's
 * `hardCases(month)` list share one definition of the rules (dispatch/hard-case.query.ts): the count
 * is the list's length, on a month with every one of the five reasons, orders with several reasons,
 * and orders that must be left out (first calls, old repeats, merged duplicates, other categories,
 * the next month's first instant).
 */
describe('hard cases: the monthly report counts exactly the hardCases list', () => {
  let t: TestHub;
  let life: Lifecycle;
  let op: string;
  let phoneSeq = 0;
  const phone = () => `1390798${String(1000 + ++phoneSeq).padStart(4, '0')}`;
  // 2024-03 has a schedule of every category (categoryCodes []), 2024-11 one of 08/09/10/11, 2025-01 none.
  const at = (month: string, day: number, hour = 2) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, day, hour)).toISOString();

  beforeAll(async () => {
    t = await startTestHub();
    life = new Lifecycle(t);
    op = t.tokens.OPERATOR;
    for (const month of ['2024-03', '2024-11', '2025-01']) await seedMonth(month);
  });
  afterAll(() => t.close());

  const create = (fields: Record<string, unknown>) => life.createFrom({ title: '疑难件计数测试', citizen: { name: '张三', phone: phone() }, ...fields });

  /** Every reason once, two with two reasons, and the orders that must not count, in `month`. */
  async function seedMonth(month: string) {
    const food = { categoryCode: '100101', regionCode: MEILIN }; // 10 市场监管: in the 2024-11 categories
    await create({ ...food, title: '普通工单', receivedAt: at(month, 3) });

    // REPEAT by caller: within 90 days counts, 130 days earlier does not.
    const caller = phone();
    await create({ ...food, citizen: { phone: caller }, receivedAt: at(month, 5) });
    await create({ ...food, citizen: { phone: caller }, receivedAt: at(month, 20) });
    const old = phone();
    await create({ ...food, citizen: { phone: old }, receivedAt: new Date(Date.parse(at(month, 10)) - 130 * 86_400_000).toISOString() });
    await create({ ...food, citizen: { phone: old }, receivedAt: at(month, 10) });

    // REPEAT by the text analyser (repeatCount).
    const analysed = await create({ ...food, title: '重复投诉', receivedAt: at(month, 11) });
    await t.em().execute('update work_order set repeat_count = 1 where code = ?', [analysed.code]);

    // MULTI_CHANNEL: a merged duplicate brings its channel record to the primary (the duplicate itself is left out).
    const primary = await create({ ...food, title: '多头投诉主工单', receivedAt: at(month, 6) });
    const duplicate = await create({ ...food, title: '多头投诉重复件', receivedAt: at(month, 7) });
    await life.ok(op, 'merge', { p: primary.id, v: primary.version, d: [duplicate.id] });

    // TWICE_UNSATISFIED.
    await life.unsatisfiedTwice(await create({ ...food, title: '二次不满意', receivedAt: at(month, 8) }));

    // RETURNED_TWICE.
    await life.returnedTwice(await create({ ...food, title: '两次退单', receivedAt: at(month, 9) }));

    // CROSS_DEPARTMENT, and a repeat caller that is also cross-department (two reasons).
    await life.dispatchTo(await create({ ...food, title: '跨部门', receivedAt: at(month, 12) }), 'SCJGJ', ['XZ_MEILIN']);
    await life.dispatchTo(await create({ ...food, citizen: { phone: caller }, title: '重复且跨部门', receivedAt: at(month, 25) }), 'SCJGJ', ['XZ_MEILIN']);

    // Outside the 2024-11 categories (03 矛盾纠纷), cross-department: counts in the months of every category only.
    await life.dispatchTo(await create({ categoryCode: '030101', regionCode: MEILIN, title: '邻里纠纷', receivedAt: at(month, 15) }), 'XZ_MEILIN', ['SFJ']);
  }

  async function listLength(month: string): Promise<number> {
    const result = await t.gql(op, HARD_CASES, { m: month });
    expect(result.errors).toBeUndefined();
    return result.data.hardCases.length;
  }

  it('has every one of the five reasons in the seeded months', async () => {
    for (const month of ['2024-03', '2024-11', '2025-01']) {
      const result = await t.gql(op, HARD_CASES, { m: month });
      const reasons = new Set(result.data.hardCases.flatMap((c: { reasons: string[] }) => c.reasons));
      expect([month, [...reasons].sort()]).toEqual([month, ['CROSS_DEPARTMENT', 'MULTI_CHANNEL', 'REPEAT', 'RETURNED_TWICE', 'TWICE_UNSATISFIED']]);
      expect(result.data.hardCases.filter((c: { reasons: string[] }) => c.reasons.length > 1).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('monthlyReport.dutyDay.hardCases equals the length of hardCases(month), with and without a category filter', async () => {
    const all = await listLength('2024-03');
    const some = await listLength('2024-11');
    expect(all).toBe(8); // 2 caller repeats (one also cross-department), analyser repeat, multi-channel, twice unsatisfied, returned twice, cross, other category
    expect(some).toBe(all - 1); // not the 矛盾纠纷 order
    for (const [month, length] of [
      ['2024-03', all],
      ['2024-11', some],
    ] as const) {
      const report = await t.gql(t.tokens.ANALYST, REPORT, { m: month });
      expect(report.errors).toBeUndefined();
      expect([month, report.data.monthlyReport.dutyDay.hardCases]).toEqual([month, length]);
    }
  });

  it('the count of a month without a schedule (no dutyDay in the report) is still the list length', async () => {
    const report = await buildMonthlyReport(t.em() as EntityManager, '2025-01');
    expect(report.dutyDay).toBeNull();
    expect(await t.hub.services.hardCases.countForMonth(t.em() as EntityManager, '2025-01')).toBe(await listLength('2025-01'));
    expect(await t.hub.services.hardCases.countForMonth(t.em() as EntityManager, '2024-11')).toBe(await listLength('2024-11'));
    expect(await t.hub.services.hardCases.countForMonth(t.em() as EntityManager, '2024-02')).toBe(0);
  });
});
