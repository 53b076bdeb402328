import type { EntityManager } from '@mikro-orm/postgresql';
import { kpiRates, type KpiCounts } from '../src/analytics/kpi';
import { countsFromRawTables, type KpiFilter, type KpiGroupBy } from '../src/analytics/kpi-sql';
import { compactRollup, rebuildRollup } from '../src/analytics/rollup/compactor';
import { countsFromRollup } from '../src/analytics/rollup/rollup-read';
import { Random } from '../src/demo/random';
import { seedReferenceData } from '../src/demo/reference-seed';
import { createTestDatabase } from './support/database';

/**
 * The rollup (kpi_daily + kpi_delta, kept by triggers in the same transaction as each change) gives
 * every KPI exactly as plain SQL over the raw tables does (kpi-sql.ts), on random orders changed at
 * random: multi-row inserts, status changes, reassignment, merges, terminations, callbacks added,
 * changed and deleted, extensions approved, orders deleted — before and after compaction.
 */
describe('KPI rollup against the raw tables, on random data', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let em: () => EntityManager;
  const ids: Record<string, number[]> = {};
  const codes: Record<string, string[]> = {};
  let serial = 0;

  const GROUPINGS: KpiGroupBy[] = ['DEPARTMENT', 'CHANNEL', 'CATEGORY_L1', 'CATEGORY_L2', 'REGION', 'REQUEST_TYPE', 'TOTAL', 'DAY', 'WEEK', 'MONTH'];
  const PERIODS = [
    { from: '2026-10-01', to: '2026-11-01' },
    { from: '2026-09-13', to: '2026-11-07' },
    { from: '2026-08-01', to: '2027-01-01' },
  ];
  const STATUSES = ['RECEIVED', 'DISPATCHED', 'HANDLING', 'REPLY_REVIEW', 'REPLIED', 'CLOSED', 'RETURNED', 'ESCALATED', 'TERMINATED', 'MERGED'];
  const iso = (ms: number) => new Date(ms).toISOString();
  const START = Date.parse('2026-08-28T00:00:00Z');
  const SPAN = Date.parse('2026-12-03T00:00:00Z') - START;
  const HOUR = 3_600_000;

  /** A random order as column values (times coherent: received ≤ dispatched ≤ signed …). */
  function randomOrder(r: Random): unknown[] {
    const received = START + Math.floor(r.next() * SPAN);
    const status = r.weighted(STATUSES.map((s) => [s, s === 'CLOSED' ? 6 : 1] as const));
    const dispatched = status === 'RECEIVED' && r.chance(0.8) ? null : received + (r.int(1, 48) * HOUR) / 4;
    const at = (base: number | null, maxHours: number, p = 0.85) => (base !== null && r.chance(p) ? base + Math.floor(r.next() * maxHours * HOUR) : null);
    const signed = at(dispatched, 4);
    const contact = at(dispatched, 40);
    const due = dispatched !== null ? dispatched + r.int(1, 15) * 24 * HOUR : r.chance(0.1) ? received + 5 * 24 * HOUR : null;
    const replied = at(dispatched, 20 * 24, status === 'CLOSED' || status === 'REPLIED' ? 1 : 0.1);
    const closed = status === 'CLOSED' || status === 'TERMINATED' ? (replied ?? received) + r.int(0, 72) * HOUR : null;
    serial++;
    return [
      `RLP${serial}`,
      r.pick(['COMPLAINT', 'CONSULTATION', 'HELP', 'REPORT', 'SUGGESTION']),
      r.pick(ids.region),
      r.pick(ids.channel),
      r.chance(0.15) ? null : r.pick(ids.category),
      dispatched === null ? null : r.pick(ids.department),
      status,
      iso(received),
      dispatched && iso(dispatched),
      signed && iso(signed),
      dispatched && iso(dispatched + 2 * HOUR),
      contact && iso(contact),
      dispatched && iso(dispatched + 24 * HOUR),
      due && iso(due),
      replied && iso(replied),
      closed && iso(closed),
      r.chance(0.15) ? r.int(1, 2) : 0,
      r.chance(0.1) ? 1 : 0,
    ];
  }

  async function insertOrders(r: Random, n: number): Promise<number[]> {
    const rows = Array.from({ length: n }, () => randomOrder(r));
    const placeholders = rows.map(() => `(?, ?::request_type, 't', 'c', ?, ?, ?, ?, ?::work_order_status, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).join(', ');
    const inserted = await em().execute(
      `insert into work_order (code, request_type, title, content, region_id, channel_id, category_id, lead_department_id, status, received_at, dispatched_at, signed_at,
         sign_due_at, first_contact_at, first_contact_due_at, due_at, replied_at, closed_at, rework_count, return_count)
       values ${placeholders} returning id`,
      rows.flat(),
    );
    return inserted.map((row) => Number(row.id));
  }

  async function addCallbacks(r: Random, orders: number[]): Promise<void> {
    const values = orders
      .filter(() => r.chance(0.5))
      .map((id) => [id, r.pick(['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED']), r.chance(0.7), iso(START + Math.floor(r.next() * SPAN))]);
    if (!values.length) return;
    await em().execute(
      `insert into callback (work_order_id, contacted, process_satisfaction, result_satisfaction, resolved, called_at)
       values ${values.map(() => `(?, true, 'SATISFIED', ?::satisfaction, ?, ?)`).join(', ')}`,
      values.flat(),
    );
  }

  async function addExtensions(r: Random, orders: number[]): Promise<void> {
    const values = orders.filter(() => r.chance(0.15)).map((id) => [id, r.pick(ids.department), r.pick(['PENDING', 'APPROVED', 'REJECTED'])]);
    if (!values.length) return;
    await em().execute(
      `insert into extension_request (work_order_id, department_id, new_due_at, reason, status) values ${values.map(() => `(?, ?, now(), '核查', ?::request_status)`).join(', ')}`,
      values.flat(),
    );
  }

  /** Random changes, each its own statement (some over many rows at once). */
  async function mutate(r: Random, orders: number[]): Promise<void> {
    const some = (p: number) => orders.filter(() => r.chance(p));
    const run = (sql: string, params: unknown[] = []) => em().execute(sql, params);
    const any = (list: number[]) => `{${list.join(',')}}`;
    await run(
      `update work_order set status = 'CLOSED', replied_at = coalesce(replied_at, now() - interval '3 days'), closed_at = coalesce(closed_at, now() - interval '2 days') where id = any(?::int[]) and status not in ('MERGED', 'TERMINATED')`,
      [any(some(0.1))],
    );
    await run(
      `update work_order set lead_department_id = ?, dispatched_at = coalesce(dispatched_at, received_at + interval '1 hour') where id = any(?::int[])`,
      [r.pick(ids.department), any(some(0.1))],
    );
    for (const id of some(0.03)) await run(`update work_order set status = 'MERGED', merged_into_id = ? where id = ? and id <> ?`, [orders[0], id, orders[0]]);
    await run(`update work_order set status = 'HANDLING', closed_at = null where id = any(?::int[]) and status = 'MERGED'`, [any(some(0.3))]); // unmerge
    await run(`update work_order set status = 'TERMINATED', closed_at = now() where id = any(?::int[])`, [any(some(0.03))]);
    await run(`update work_order set rework_count = rework_count + 1, return_count = return_count + 1, signed_at = sign_due_at where id = any(?::int[])`, [
      any(some(0.1)),
    ]);
    await run(`update work_order set category_id = ?, region_id = ?, channel_id = ?, request_type = 'COMPLAINT' where id = any(?::int[])`, [
      r.pick(ids.category),
      r.pick(ids.region),
      r.pick(ids.channel),
      any(some(0.05)),
    ]);
    await run(`update work_order set due_at = due_at + interval '9 days' where id = any(?::int[])`, [any(some(0.05))]);
    await run(`update work_order set title = 'retitled', version = version + 1 where id = any(?::int[])`, [any(some(0.2))]); // no KPI change
    await run(`update extension_request set status = 'APPROVED', decided_at = now() where status = 'PENDING' and work_order_id = any(?::int[])`, [
      any(some(0.5)),
    ]);
    await run(`update extension_request set status = 'REJECTED' where status = 'APPROVED' and work_order_id = any(?::int[])`, [any(some(0.05))]);
    await run(
      `update callback set result_satisfaction = 'UNSATISFIED', resolved = false, called_at = called_at + interval '20 days' where work_order_id = any(?::int[])`,
      [any(some(0.1))],
    );
    await run(`delete from callback where work_order_id = any(?::int[])`, [any(some(0.05))]);
    const removed = some(0.02).filter((id) => id !== orders[0]);
    const gone = any(removed);
    await run(`delete from extension_request where work_order_id = any(?::int[])`, [gone]);
    await run(`delete from callback where work_order_id = any(?::int[])`, [gone]);
    await run(`update work_order set merged_into_id = null where merged_into_id = any(?::int[])`, [gone]);
    await run(`delete from work_order where id = any(?::int[])`, [gone]);
    for (const id of removed) orders.splice(orders.indexOf(id), 1);
  }

  /** Every grouping, period and department filter: the rollup's counts and KPIs equal the raw tables'. */
  async function expectRollupMatchesRaw(): Promise<number> {
    let compared = 0;
    const filters: KpiFilter[] = [{}, { departmentCode: codes.department[0] }, { departmentCodes: codes.department.slice(1, 3) }];
    for (const filter of filters) {
      for (const period of PERIODS) {
        for (const groupBy of GROUPINGS) {
          const [raw, rolled] = [await countsFromRawTables(em(), period, groupBy, filter), await countsFromRollup(em(), period, groupBy, filter)];
          const label = `${groupBy} ${period.from}..${period.to} ${JSON.stringify(filter)}`;
          expect([label, [...rolled.keys()].sort()]).toEqual([label, [...raw.keys()].sort()]);
          for (const [key, expected] of raw) {
            expectSame(`${label} ${key}`, rolled.get(key)!, expected);
            compared++;
          }
        }
      }
    }
    return compared;
  }

  /** Equal counts and KPIs; sums of hours only up to float rounding (they are added in another order). */
  function expectSame(label: string, actual: KpiCounts, expected: KpiCounts): void {
    const exact = (c: KpiCounts) => ({ ...c, handlingHours: 0 });
    expect([label, exact(actual)]).toEqual([label, exact(expected)]);
    expect(Math.abs(actual.handlingHours - expected.handlingHours)).toBeLessThan(1e-6 * Math.max(1, expected.handlingHours));
    const [a, e] = [kpiRates(actual), kpiRates(expected)];
    for (const [kpi, value] of Object.entries(e) as Array<[keyof typeof e, number | null]>) {
      if (value === null || a[kpi] === null) expect([label, kpi, a[kpi]]).toEqual([label, kpi, value]);
      else expect([label, kpi, a[kpi] === value || Math.abs(a[kpi]! - value) <= 1e-9 * Math.max(1, Math.abs(value))]).toEqual([label, kpi, true]);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    em = () => db.orm.em.fork() as EntityManager;
    await seedReferenceData(em());
    for (const table of ['region', 'channel', 'category', 'department']) {
      const rows = await em().execute(`select id, code from ${table} order by id limit 12`);
      ids[table] = rows.map((row) => Number(row.id));
      codes[table] = rows.map((row) => String(row.code));
    }
  });
  afterAll(() => db.close());

  it.each([1, 2])('agrees for every KPI, grouping, period and department filter (seed %i)', async (seed) => {
    const r = new Random(seed);
    const orders = [...(await insertOrders(r, 150)), ...(await insertOrders(r, 1)), ...(await insertOrders(r, 149))];
    await addCallbacks(r, orders);
    await addExtensions(r, orders);
    expect(await expectRollupMatchesRaw()).toBeGreaterThan(100);

    await mutate(r, orders);
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBeGreaterThan(0);
    await expectRollupMatchesRaw();

    // Folded into kpi_daily, then changed again: reads add both.
    expect(await compactRollup(em)).toBeGreaterThan(0);
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBe(0);
    await mutate(r, orders);
    await addCallbacks(r, orders);
    await expectRollupMatchesRaw();
  });

  it('rebuilds from the raw tables to the same figures', async () => {
    const before = await countsFromRollup(em(), PERIODS[2], 'DEPARTMENT');
    await rebuildRollup(em());
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBe(0);
    const after = await countsFromRollup(em(), PERIODS[2], 'DEPARTMENT');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, counts] of before) expectSame(key, after.get(key)!, counts);
    await expectRollupMatchesRaw();
  });

  it('only counts what changed: an update of other columns appends no delta', async () => {
    await compactRollup(em);
    await em().execute(`update work_order set title = 'again', version = version + 1`);
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBe(0);
  });
});
