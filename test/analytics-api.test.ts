import { generateDemoOrders } from '../src/demo/generator';
import { countsFromRawTables } from '../src/analytics/kpi-sql';
import { kpiRates } from '../src/analytics/kpi';
import { startTestHub, type TestHub } from './support/hub';

/** stats and departmentRanking over GraphQL: the formulas of kpi.ts on the raw tables, aggregates only, by role. */
describe('analytics queries', () => {
  let t: TestHub;
  // A fixed clock: late in a month, so every department has its volume (never the calendar date).
  const now = new Date('2026-10-28T04:00:00Z');
  const month = now.toISOString().slice(0, 7);
  const from = `${month}-01`;
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 400, seed: 11, now });
  });
  afterAll(() => t.close());

  it('stats answers the same rates as the formulas on the raw counts, per group', async () => {
    const q = await t.gql(
      t.tokens.ANALYST,
      `query($f: String!, $t: String!) { stats(from: $f, to: $t, groupBy: CHANNEL) { key received dispatched closed satisfactionRate replyOnTimeRate closeRate } }`,
      { f: from, t: to },
    );
    expect(q.errors).toBeUndefined();
    const expected = await countsFromRawTables(t.em(), { from, to }, 'CHANNEL');
    expect(q.data.stats.map((r: { key: string }) => r.key)).toEqual([...expected.keys()].sort());
    for (const row of q.data.stats) {
      const rates = kpiRates(expected.get(row.key)!);
      expect(row).toEqual({
        key: row.key,
        received: rates.received,
        dispatched: rates.dispatched,
        closed: rates.closed,
        satisfactionRate: rates.satisfactionRate,
        replyOnTimeRate: rates.replyOnTimeRate,
        closeRate: rates.closeRate,
      });
    }
    const total = (await t.gql(t.tokens.LEADER, `query($f: String!, $t: String!) { stats(from: $f, to: $t) { key received } }`, { f: from, t: to })).data.stats;
    expect(total).toEqual([{ key: 'TOTAL', received: q.data.stats.reduce((n: number, r: { received: number }) => n + r.received, 0) }]);
  });

  it('ranks the departments of the month', async () => {
    const q = await t.gql(t.tokens.ANALYST, `query($m: String!) { departmentRanking(month: $m) { departmentCode rank score status } }`, { m: month });
    expect(q.errors).toBeUndefined();
    const ranked = q.data.departmentRanking.filter((r: { status: string }) => r.status === 'RANKED');
    expect(ranked.length).toBeGreaterThan(1);
    const ranks = ranked.map((r: { rank: number }) => r.rank);
    expect(ranks[0]).toBe(1);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].score).toBeLessThanOrEqual(ranked[i - 1].score);
  });

  it('trend: a KPI per day, each the formula on that day’s counts; accountability names the bottom of the month', async () => {
    const q = await t.gql(t.tokens.ANALYST, `query($f: String!, $t: String!) { trend(metric: RECEIVED, interval: DAY, from: $f, to: $t) { period value } }`, {
      f: from,
      t: to,
    });
    expect(q.errors).toBeUndefined();
    const total = (await countsFromRawTables(t.em(), { from, to }, 'TOTAL')).get('TOTAL')!;
    expect(q.data.trend.reduce((n: number, p: { value: number }) => n + p.value, 0)).toBe(total.received);
    for (const p of q.data.trend) expect(p.period >= from && p.period < to).toBe(true);
    const rate = await t.gql(
      t.tokens.ANALYST,
      `query($f: String!, $t: String!) { trend(metric: SATISFACTION_RATE, interval: MONTH, from: $f, to: $t) { period value } }`,
      { f: from, t: to },
    );
    expect(rate.data.trend).toEqual([{ period: from, value: kpiRates(total).satisfactionRate }]);

    const acc = await t.gql(
      t.tokens.LEADER,
      `query($m: String!) { accountability(month: $m) { departmentCode level levelZh consecutiveMonths timesThisYear reason } }`,
      { m: month },
    );
    expect(acc.errors).toBeUndefined();
    const ranking = (await t.gql(t.tokens.ANALYST, `query($m: String!) { departmentRanking(month: $m) { departmentCode rank } }`, { m: month })).data
      .departmentRanking;
    const worst = Math.max(...ranking.filter((r: { rank: number | null }) => r.rank !== null).map((r: { rank: number }) => r.rank));
    const last = ranking.filter((r: { rank: number }) => r.rank === worst).map((r: { departmentCode: string }) => r.departmentCode);
    expect(acc.data.accountability.map((a: { departmentCode: string }) => a.departmentCode)).toEqual(expect.arrayContaining(last));
    // Earlier months of the demo data may have put a department at the bottom before: the ladder then climbs (the ladder's
    // own rules are tested month by month in test/ranking.test.ts).
    for (const a of acc.data.accountability) {
      expect(['SUPERVISOR_TALK', 'HEAD_TALK', 'RECTIFICATION']).toContain(a.level);
      expect(a.consecutiveMonths).toBeGreaterThanOrEqual(1);
      expect(a.timesThisYear).toBeGreaterThanOrEqual(1);
      expect(a.reason).toMatch(/后两位/);
    }
  });

  it('refuses bad periods and roles that may not read statistics', async () => {
    const bad = await t.gql(t.tokens.ANALYST, `{ stats(from: "2026-10-31", to: "2026-10-01") { key } }`);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(t.tokens['CHANNEL:wzgz'], `{ stats(from: "2026-10-01", to: "2026-11-01") { key } }`)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(t.tokens['CHANNEL:wzgz'], `{ departmentRanking(month: "2026-10") { rank } }`)).errors![0].extensions!.code).toBe('FORBIDDEN');
    for (const query of [
      `{ departmentRanking(month: "2026-10") { rank } }`,
      `{ monthlyReport(month: "2026-10") { month } }`,
      `{ accountability(month: "2026-10") { level } }`,
    ]) {
      expect((await t.gql(t.tokens['HANDLER:SCJGJ'], query)).errors![0].extensions!.code).toBe('FORBIDDEN');
    }
  });

  it("a department handler's stats and trend are its own department subtree's, whatever it asks", async () => {
    const subtree = (await t.em().execute(`select code from department where path like (select path from department where code = 'SCJGJ') || '%'`)).map((r) =>
      String(r.code),
    );
    const expected = await countsFromRawTables(t.em(), { from, to }, 'DEPARTMENT', { departmentCodes: subtree });
    expect(expected.size).toBeGreaterThan(0);
    const q = await t.gql(
      t.tokens['HANDLER:SCJGJ'],
      `query($f: String!, $t: String!) { stats(from: $f, to: $t, groupBy: DEPARTMENT) { key received dispatched } }`,
      { f: from, t: to },
    );
    expect(q.errors).toBeUndefined();
    expect(q.data.stats).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([key, c]) => ({ key, received: c.received, dispatched: c.dispatched })),
    );
    for (const row of q.data.stats) expect(subtree).toContain(row.key);
    // Asking for another department gives nothing of it.
    const other = await t.gql(
      t.tokens['HANDLER:SCJGJ'],
      `query($f: String!, $t: String!) { stats(from: $f, to: $t, filter: { departmentCode: "RSJ" }) { key received } }`,
      { f: from, t: to },
    );
    expect(other.data.stats).toEqual([]);
    const trend = await t.gql(
      t.tokens['HANDLER:SCJGJ'],
      `query($f: String!, $t: String!) { trend(metric: DISPATCHED, interval: MONTH, from: $f, to: $t) { value } }`,
      { f: from, t: to },
    );
    expect(trend.data.trend).toEqual([{ value: [...expected.values()].reduce((n, c) => n + c.dispatched, 0) }]);
    // A filter the rollup does not carry is answered from the raw tables, within the same scope.
    const byChannel = await t.gql(
      t.tokens.ANALYST,
      `query($f: String!, $t: String!) { stats(from: $f, to: $t, groupBy: DEPARTMENT, filter: { channelCode: "12345" }) { key received } }`,
      { f: from, t: to },
    );
    const raw = await countsFromRawTables(t.em(), { from, to }, 'DEPARTMENT', { channelCode: '12345' });
    expect(byChannel.data.stats).toEqual([...raw].sort(([a], [b]) => a.localeCompare(b)).map(([key, c]) => ({ key, received: c.received })));
  });

  it('monthlyReport: the whole report as data, for analysts, with no personal field anywhere in it', async () => {
    const fields = `month generatedAt headline { received closeRate satisfactionRate p90HandlingHours previous { received } } trend { date received closed }
      channels { code name received share } categories { code name received share } townships { code name received perTenThousand }
      ranking { rank departmentCode departmentName score change rates { received satisfactionRate } } accountability { departmentCode departmentName level reason }
      keyCategories { key name received closed overdue satisfactionRate } hotIssues { title region members score status }
      twiceUnsatisfied { code title department } dutyDay { leader date categories hardCases }`;
    const q = await t.gql(t.tokens.ANALYST, `query($m: String!) { monthlyReport(month: $m) { ${fields} } }`, { m: month });
    expect(q.errors).toBeUndefined();
    const report = q.data.monthlyReport;
    const total = (await countsFromRawTables(t.em(), { from, to }, 'TOTAL')).get('TOTAL')!;
    expect(report.headline.received).toBe(total.received);
    expect(report.trend.reduce((n: number, d: { received: number }) => n + d.received, 0)).toBe(total.received);
    expect(report.channels.reduce((n: number, c: { received: number }) => n + c.received, 0)).toBe(total.received);
    expect(report.keyCategories.map((k: { name: string }) => k.name)).toEqual(['欠薪', '安全生产', '矛盾纠纷', '农村饮水住房安全', '生态环保', '营商环境']);
    expect(report.ranking.length).toBeGreaterThan(1);
    // No personal value of any order (decrypted here) appears anywhere in the analyst's answer.
    const text = JSON.stringify(q.data);
    const rows = await t.em().execute('select citizen_name_enc, citizen_phone_enc, citizen_id_number_enc, citizen_address_enc from work_order');
    const personal = rows
      .flatMap((r) => Object.values(r).map((v) => t.hub.services.cipher.decrypt(v as string | null)))
      .filter((v): v is string => !!v && v.length >= 2);
    expect(personal.length).toBeGreaterThan(100);
    for (const value of personal) expect(text.includes(value) ? value : null).toBeNull();
  });
});
