import type { EntityManager } from '@mikro-orm/postgresql';
import { countsFromRawTables } from '../src/analytics/kpi-sql';
import { countsFromRollup } from '../src/analytics/rollup/rollup-read';
import { kpiRates } from '../src/analytics/kpi';
import { createTestDatabase } from './support/database';

/**
 * The KPI counts from the raw tables, and from the rollup, on a hand-made month: every measure on its own date, the
 * Asia/Shanghai month boundary, merged duplicates counted once, terminated orders out of the
 * satisfaction and deadline bases.
 */
describe('KPI counts from the raw tables (src/analytics/kpi-sql.ts)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let em: () => EntityManager;
  let n = 0;
  const id = async (table: string, code: string) => (await em().execute(`select id from ${table} where code = ?`, [code]))[0].id as number;

  async function order(o: {
    received: string;
    status: string;
    dept?: string;
    dispatched?: string;
    signed?: string;
    signDue?: string;
    contact?: string;
    contactDue?: string;
    due?: string;
    replied?: string;
    closed?: string;
    rework?: number;
    returns?: number;
    channel?: string;
  }): Promise<number> {
    n++;
    const [row] = await em().execute(
      `insert into work_order (code, request_type, title, content, region_id, channel_id, lead_department_id, status, received_at, dispatched_at, signed_at, sign_due_at,
         first_contact_at, first_contact_due_at, due_at, replied_at, closed_at, rework_count, return_count)
       values (?, 'COMPLAINT', 't', 'c', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        `KPI${n}`,
        await id('region', '360704100000'),
        await id('channel', o.channel ?? '12345'),
        o.dept ? await id('department', o.dept) : null,
        o.status,
        o.received,
        o.dispatched ?? null,
        o.signed ?? null,
        o.signDue ?? null,
        o.contact ?? null,
        o.contactDue ?? null,
        o.due ?? null,
        o.replied ?? null,
        o.closed ?? null,
        o.rework ?? 0,
        o.returns ?? 0,
      ],
    );
    return row.id;
  }
  const callback = (orderId: number, at: string, satisfaction: string, resolved: boolean) =>
    em().execute(
      `insert into callback (work_order_id, contacted, process_satisfaction, result_satisfaction, resolved, called_at) values (?, true, ?, ?, ?, ?)`,
      [orderId, satisfaction, satisfaction, resolved, at],
    );

  beforeAll(async () => {
    db = await createTestDatabase({ referenceData: true });
    em = () => db.orm.em.fork() as EntityManager;
    // October 2026 (Asia/Shanghai), department SCJGJ unless said otherwise.
    const a = await order({
      received: '2026-10-02T01:00:00Z',
      status: 'CLOSED',
      dept: 'SCJGJ',
      dispatched: '2026-10-02T02:00:00Z',
      signed: '2026-10-02T02:30:00Z',
      signDue: '2026-10-02T03:00:00Z',
      contact: '2026-10-02T05:00:00Z',
      contactDue: '2026-10-03T02:00:00Z',
      due: '2026-10-09T09:59:59Z',
      replied: '2026-10-05T02:00:00Z',
      closed: '2026-10-06T02:00:00Z',
    });
    const b = await order({
      received: '2026-10-03T01:00:00Z',
      status: 'CLOSED',
      dept: 'SCJGJ',
      dispatched: '2026-10-03T02:00:00Z',
      signed: '2026-10-03T06:00:00Z',
      signDue: '2026-10-03T03:00:00Z',
      contact: '2026-10-04T05:00:00Z',
      contactDue: '2026-10-04T02:00:00Z',
      due: '2026-10-10T09:59:59Z',
      replied: '2026-10-12T02:00:00Z',
      closed: '2026-10-13T01:00:00Z',
      rework: 1,
      returns: 1,
    });
    // Received 2026-10-31 23:30 Shanghai (15:30Z): October; an open order past its deadline at the month's end.
    await order({ received: '2026-10-31T15:30:00Z', status: 'HANDLING', dept: 'SCJGJ', dispatched: '2026-10-31T15:40:00Z', due: '2026-10-31T15:50:00Z' });
    // Received 2026-11-01 00:30 Shanghai (2026-10-31T16:30Z): November, not October.
    await order({ received: '2026-10-31T16:30:00Z', status: 'RECEIVED' });
    // A merged duplicate: counted through its primary, never itself.
    await order({ received: '2026-10-04T01:00:00Z', status: 'MERGED', dept: 'SCJGJ', dispatched: '2026-10-04T02:00:00Z' });
    // Terminated (终结): out of the deadline and satisfaction bases; its callback does not count.
    const t = await order({
      received: '2026-10-05T01:00:00Z',
      status: 'TERMINATED',
      dept: 'RSJ',
      dispatched: '2026-10-05T02:00:00Z',
      due: '2026-10-08T00:00:00Z',
      closed: '2026-10-07T00:00:00Z',
    });
    await callback(a, '2026-10-07T02:00:00Z', 'SATISFIED', true);
    await callback(b, '2026-10-14T02:00:00Z', 'BASICALLY_SATISFIED', false);
    await callback(t, '2026-10-08T02:00:00Z', 'UNSATISFIED', false);
    await em().execute(
      `insert into extension_request (work_order_id, department_id, new_due_at, reason, status) values (?, ?, '2026-10-20T00:00:00Z', '需现场核查', 'APPROVED')`,
      [b, await id('department', 'SCJGJ')],
    );
  });
  afterAll(() => db.close());

  it.each([
    ['the raw tables', countsFromRawTables],
    ['the rollup', countsFromRollup],
  ] as const)('counts October by department, each measure on its own date (%s)', async (_source, countsOf) => {
    const october = await countsOf(em(), { from: '2026-10-01', to: '2026-11-01' }, 'DEPARTMENT');
    const scjgj = october.get('SCJGJ')!;
    expect(scjgj).toMatchObject({
      received: 3,
      receivedAndClosed: 2,
      open: 1,
      overdue: 1,
      dispatched: 3,
      signedOnTime: 1,
      contactedOnTime: 1,
      returned: 1,
      extended: 1,
      due: 3,
      repliedOnTime: 1,
      closed: 2,
      reworked: 1,
      callbacks: 2,
      callbacksResolved: 1,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 0,
    });
    expect(scjgj.handlingHours).toBeCloseTo(97 + 240); // 4 days 1 hour, and 10 days
    const rates = kpiRates(scjgj);
    expect(rates.signOnTimeRate).toBeCloseTo(1 / 3);
    expect(rates.replyOnTimeRate).toBeCloseTo(1 / 3);
    expect(rates.closeRate).toBeCloseTo(2 / 3);
    expect(rates.satisfactionRate).toBe(1);
    expect(rates.resolutionRate).toBe(0.5);
    expect(rates.p90HandlingHours).toBe(240);
    // The terminated order: dispatched in October, no deadline, no callback, not closed as 办结.
    expect(october.get('RSJ')).toMatchObject({ received: 1, dispatched: 1, due: 0, callbacks: 0, closed: 0, open: 0 });
  });

  it.each([
    ['the raw tables', countsFromRawTables],
    ['the rollup', countsFromRollup],
  ] as const)('puts an order received at 00:30 on 1 November (Shanghai) in November (%s)', async (_source, countsOf) => {
    const total = async (from: string, to: string) => (await countsOf(em(), { from, to }, 'TOTAL')).get('TOTAL')!;
    expect((await total('2026-10-01', '2026-11-01')).received).toBe(4);
    expect((await total('2026-11-01', '2026-12-01')).received).toBe(1);
    expect((await total('2026-10-31', '2026-11-01')).received).toBe(1);
  });
});
