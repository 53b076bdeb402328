import type { EntityManager } from '@mikro-orm/postgresql';
import { kpiRates, type KpiCounts } from '../src/analytics/kpi';
import { buildMonthlyReport } from '../src/analytics/monthly-report.service';
import { countsFromRawTables, type KpiFilter, type KpiGroupBy } from '../src/analytics/kpi-sql';
import { compactRollup, rebuildRollup } from '../src/analytics/rollup/compactor';
import { countsFromRollup } from '../src/analytics/rollup/rollup-read';
import { Random } from '../src/demo/random';
import { createTestDatabase } from './support/database';

/**
 * The rollup (kpi_daily + kpi_delta, kept by triggers in the same transaction as each change) gives
 * every KPI exactly as plain SQL over the raw tables does (kpi-sql.ts), on random orders changed at
 * random: multi-row inserts, status changes, reassignment, merges, terminations, callbacks added,
 * changed and deleted, extensions approved, orders deleted — before and after compaction, with no
 * filter, department filters (kpi_daily, kpi_monthly) and filters on channel, township, category
 * and request type (kpi_filter_monthly, kpi_grain_daily, kpi_grain_monthly), 超期 against a fixed now.
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

  /** The clock 超期 is counted against (periods ending later than it): fixed, the same for both reads. */
  const NOW = new Date('2026-11-20T04:00:00Z');

  /**
   * The filters compared: none, department ones (kpi_daily / kpi_monthly), and those the keyed rollup
   * does not carry — channel, township, category (2, 4 and 6 digits: with sub-categories; an odd
   * length), request type, alone (kpi_filter_monthly for whole months) or combined and with
   * departments (kpi_grain_*).
   */
  function filters(): Array<[KpiFilter, KpiGroupBy[]]> {
    const category = codes.category.find((c) => c.length === 6)!;
    // Every grouping for one filter of each kind; fewer for the other variants (the test's time).
    const some: KpiGroupBy[] = ['DEPARTMENT', 'CATEGORY_L2', 'TOTAL', 'WEEK', 'MONTH'];
    return [
      [{}, GROUPINGS],
      [{ departmentCode: codes.department[0] }, GROUPINGS],
      [{ departmentCodes: codes.department.slice(1, 3) }, GROUPINGS],
      [{ channelCode: codes.channel[0] }, GROUPINGS],
      [{ regionCode: codes.region[1] }, some],
      [{ categoryCode: category.slice(0, 2) }, GROUPINGS],
      [{ categoryCode: category.slice(0, 4) }, some],
      [{ categoryCode: category }, some],
      [{ categoryCode: category.slice(0, 3) }, some],
      [{ requestType: 'COMPLAINT' }, some],
      [{ channelCode: codes.channel[1], categoryCode: category.slice(0, 2) }, some],
      [{ departmentCodes: codes.department.slice(0, 4), requestType: 'HELP' }, some],
    ];
  }

  /**
   * Every grouping, period and filter: the rollup's counts and KPIs equal the raw tables'. The reads
   * of one filter and period run side by side; differences are collected in plain code and asserted
   * once (an `expect` per figure cost more than the queries).
   */
  async function expectRollupMatchesRaw(): Promise<number> {
    let compared = 0;
    const options = { now: NOW };
    const differences: string[] = [];
    for (const [filter, groupings] of filters()) {
      const before = compared;
      for (const period of PERIODS) {
        const reads = await Promise.all(
          groupings.map((groupBy) =>
            Promise.all([countsFromRawTables(em(), period, groupBy, filter, options), countsFromRollup(em(), period, groupBy, filter, options)]),
          ),
        );
        reads.forEach(([raw, rolled], i) => {
          const label = `${groupings[i]} ${period.from}..${period.to} ${JSON.stringify(filter)}`;
          const [rawKeys, rolledKeys] = [[...raw.keys()].sort().join(','), [...rolled.keys()].sort().join(',')];
          if (rawKeys !== rolledKeys) differences.push(`${label}: keys ${rolledKeys} ≠ ${rawKeys}`);
          for (const [key, expected] of raw) {
            const actual = rolled.get(key);
            if (actual) differences.push(...countDifferences(`${label} ${key}`, actual, expected));
            compared++;
          }
        });
      }
      if (compared === before) differences.push(`${JSON.stringify(filter)}: no orders found`); // every filter finds orders
    }
    expect(differences).toEqual([]);
    return compared;
  }

  /** Equal counts and KPIs; sums of hours only up to float rounding (they are added in another order). */
  function countDifferences(label: string, actual: KpiCounts, expected: KpiCounts): string[] {
    const out: string[] = [];
    const close = (a: number, e: number, tolerance: number) => a === e || Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e));
    for (const field of Object.keys(expected) as Array<keyof KpiCounts>) {
      const [a, e] = [actual[field], expected[field]];
      const same = field === 'handlingHours' ? close(a as number, e as number, 1e-6) : String(a) === String(e); // handlingBuckets: an array
      if (!same) out.push(`${label} ${field}: ${a} ≠ ${e}`);
    }
    if (Object.keys(actual).length !== Object.keys(expected).length) out.push(`${label}: fields ${Object.keys(actual)} ≠ ${Object.keys(expected)}`);
    const [ra, re] = [kpiRates(actual), kpiRates(expected)];
    for (const [kpi, value] of Object.entries(re) as Array<[keyof typeof re, number | null]>) {
      const got = ra[kpi];
      if (value === null || got === null ? got !== value : !close(got, value, 1e-9)) out.push(`${label} ${kpi}: ${got} ≠ ${value}`);
    }
    return out;
  }

  function expectSame(label: string, actual: KpiCounts, expected: KpiCounts): void {
    expect(countDifferences(label, actual, expected)).toEqual([]);
  }

  beforeAll(async () => {
    db = await createTestDatabase({ referenceData: true });
    em = () => db.orm.em.fork() as EntityManager;
    for (const table of ['region', 'channel', 'category', 'department']) {
      // Categories: some of each level (2, 4 and 6 digits), so category filters take sub-categories.
      const order = table === 'category' ? 'order by row_number() over (partition by length(code) order by id), id' : 'order by id';
      const rows = await em().execute(`select id, code from ${table} ${order} limit 12`);
      ids[table] = rows.map((row) => Number(row.id));
      codes[table] = rows.map((row) => String(row.code));
    }
  });
  afterAll(() => db.close());

  it.each([1, 2])(
    'agrees for every KPI, grouping, period and filter (seed %i)',
    async (seed) => {
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
    },
    300_000,
  );

  it('rebuilds from the raw tables to the same figures', async () => {
    const before = await countsFromRollup(em(), PERIODS[2], 'DEPARTMENT');
    await rebuildRollup(em());
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBe(0);
    const after = await countsFromRollup(em(), PERIODS[2], 'DEPARTMENT');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, counts] of before) expectSame(key, after.get(key)!, counts);
    await expectRollupMatchesRaw();
  }, 120_000);

  it('answers filtered statistics without reading the orders (while work_order is locked), as the raw tables do', async () => {
    const category = codes.category.find((c) => c.length === 4)!;
    const reads: Array<[KpiGroupBy, KpiFilter, { from: string; to: string }]> = [
      ['DEPARTMENT', { channelCode: codes.channel[0] }, PERIODS[0]],
      ['CHANNEL', { regionCode: codes.region[1] }, PERIODS[1]],
      ['REGION', { categoryCode: category }, PERIODS[2]],
      ['WEEK', { requestType: 'COMPLAINT', departmentCodes: codes.department.slice(0, 4) }, PERIODS[1]],
    ];
    const expected = await Promise.all(reads.map(([groupBy, filter, period]) => countsFromRawTables(em(), period, groupBy, filter, { backlog: false })));
    expect(expected.every((counts) => counts.size > 0)).toBe(true);
    const timeout = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), ms))]);
    let raw: Promise<unknown> | undefined;
    await db.orm.em.fork().transactional(async (tx) => {
      await tx.execute('lock table work_order in access exclusive mode');
      const rolled = await timeout(
        Promise.all(reads.map(([groupBy, filter, period]) => countsFromRollup(em(), period, groupBy, filter, { backlog: false }))),
        4000,
      );
      expect(rolled).not.toBe('blocked');
      (rolled as Array<Map<string, KpiCounts>>).forEach((counts, i) => {
        expect([...counts.keys()].sort()).toEqual([...expected[i].keys()].sort());
        for (const [key, c] of expected[i]) expectSame(key, counts.get(key)!, c);
      });
      // The control: the raw tables' read waits for the lock.
      raw = countsFromRawTables(em(), PERIODS[0], 'DEPARTMENT', { channelCode: codes.channel[0] }, { backlog: false });
      expect(await timeout(raw, 300)).toBe('blocked');
    });
    await raw;
  });

  it('builds the same monthly report from the rollup as from the raw tables', async () => {
    // Floats (hours, the rates made of them) up to rounding: sums are added in another order.
    const comparable = (report: object) =>
      JSON.parse(JSON.stringify({ ...report, generatedAt: null }, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v)));
    const [rolled, raw] = [await buildMonthlyReport(em(), '2026-10'), await buildMonthlyReport(em(), '2026-10', { source: 'raw' })];
    expect(rolled.headline.received).toBeGreaterThan(0);
    expect(rolled.ranking.length).toBeGreaterThan(1);
    expect(comparable(rolled)).toEqual(comparable(raw));
  });

  it('only counts what changed: an update of other columns appends no delta', async () => {
    await compactRollup(em);
    await em().execute(`update work_order set title = 'again', version = version + 1`);
    expect(Number((await em().execute('select count(*) as n from kpi_delta'))[0].n)).toBe(0);
  });
});
