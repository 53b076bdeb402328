import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestType, TimeLimitClass, Urgency } from '../src/work-orders/enums';
import { slaStanding, SlaState } from '../src/sla/sla-state';
import { WorkOrderStatus } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';

/** Asia/Shanghai local time → instant. */
const local = (text: string) => new Date(`${text}+08:00`);
/** The end of a local day, the shape of every working-day deadline. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('time limits as policy data on a 调休-aware calendar', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const Q = 'query($id: ID) { workOrder(id: $id) { receivedAt signDueAt firstContactDueAt dueAt slaWarning slaState remainingSeconds } }';

  async function intake(receivedAt: Date, channel = '12345', extra: Record<string, unknown> = {}) {
    const order = await t.hub.services.workOrders.create(
      t.em(),
      { role: null, label: channel },
      {
        requestType: RequestType.COMPLAINT,
        categoryCode: '100101',
        title: '时限测试',
        content: '时限测试工单',
        regionCode: '360704100000',
        receivedAt,
        ...extra,
      },
      channel,
    );
    return (await t.gql(t.tokens.OPERATOR, Q, { id: order.globalId })).data.workOrder;
  }

  it('12315: 7 working days across the 2026 Spring Festival, counting the make-up Saturdays (2026-02-14, 2026-02-28)', async () => {
    const order = await intake(local('2026-02-12T10:00:00'), '12315');
    // 02-13 (1), Sat 02-14 make-up (2), 02-15..23 off, 02-24..27 (3–6), Sat 02-28 make-up (7)
    expect(order.dueAt).toBe(endOf('2026-02-28'));
    expect(order.slaWarning).toBeNull();
  });

  it('the general 5-natural-day clock ignores holidays; an order on a day off starts when business opens (002)', async () => {
    const order = await intake(local('2026-02-15T10:00:00')); // 春节 day off, not urgent
    expect(order.dueAt).toBe(local('2026-02-20T10:00:00').toISOString());
    expect(order.signDueAt).toBe(local('2026-02-24T09:30:00').toISOString()); // opens 08:30 on the first working day + 1 h
    const urgent = await intake(local('2026-02-15T10:00:00'), '12345', { urgency: Urgency.URGENT });
    expect(urgent.signDueAt).toBe(local('2026-02-15T11:00:00').toISOString()); // urgent orders start within the hour
    expect(urgent.dueAt).toBe(local('2026-02-15T13:00:00').toISOString());
    const workday = await intake(local('2026-02-14T10:00:00')); // the make-up Saturday is a working day
    expect(workday.signDueAt).toBe(local('2026-02-14T11:00:00').toISOString());
  });

  it('ADMIN can switch on the 7-working-day policy (004): National Day 2026 and its make-up Saturday 10-10 count', async () => {
    const UPSERT = `mutation($i: SlaPolicyInputType!) { upsertSlaPolicy(input: $i) { code enabled } }`;
    const input = {
      code: 'general-7wd',
      name: '一般事项：7 个工作日内办结',
      priority: 1,
      timeLimitClass: 'GENERAL',
      signLimit: 1,
      signUnit: 'HOURS',
      contactLimit: 1,
      contactUnit: 'HOURS',
      replyLimit: 7,
      replyUnit: 'WORKING_DAYS',
      enabled: true,
      basis: '004 四(一) 一般不超过 7 个工作日',
    };
    const denied = await t.gql(t.tokens.OPERATOR, UPSERT, { i: input });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const saved = await t.gql(t.tokens.ADMIN, UPSERT, { i: input });
    expect(saved.data.upsertSlaPolicy).toEqual({ code: 'general-7wd', enabled: true });
    const policies = await waitFor(
      () => t.gql(t.tokens.OPERATOR, '{ slaPolicies { code enabled overridden reply { amount unit } } }'),
      (r) => r.data.slaPolicies.find((p: { code: string }) => p.code === 'general-7wd').enabled,
    );
    expect(policies.data.slaPolicies.find((p: { code: string }) => p.code === 'general-7wd')).toEqual({
      code: 'general-7wd',
      enabled: true,
      overridden: true,
      reply: { amount: 7, unit: 'WORKING_DAYS' },
    });
    // Wed 09-30; 10-01..07 off; 10-08 (1), 10-09 (2), Sat 10-10 make-up (3), 10-12..15 (4–7)
    const order = await intake(local('2026-09-30T16:00:00'));
    expect(order.dueAt).toBe(endOf('2026-10-15'));
    // Across the year end into 2027, for which no official notice exists: a visible warning, not a silent guess.
    // (Orders cannot be received in the future, so the year end is computed by the service directly.)
    const facts = {
      channelCode: '12345',
      requestType: RequestType.COMPLAINT,
      urgency: Urgency.NORMAL,
      categoryCode: '100101',
      timeLimitClass: TimeLimitClass.GENERAL,
    };
    const yearEnd = await t.hub.services.sla.deadlines(facts, local('2026-12-30T10:00:00'));
    expect(yearEnd.dueAt.toISOString()).toBe(endOf('2027-01-08'));
    expect(yearEnd.warnings.join()).toMatch(/2027 年无官方节假日安排.*\| No official holiday notice for 2027/);
    // The same warning is stored on an order whose deadline crosses into 2027 (a 90-working-day policy).
    await t.gql(t.tokens.ADMIN, UPSERT, { i: { ...input, code: 'long-case', name: '长周期', priority: 9, categoryPrefix: '1001', replyLimit: 90 } });
    const long = await waitFor(
      () => intake(local('2026-11-20T10:00:00')),
      (o) => o.slaWarning !== null,
    );
    expect(long.slaWarning).toMatch(/No official holiday notice for 2027/);
    await t.gql(t.tokens.ADMIN, UPSERT, {
      i: { ...input, code: 'long-case', name: '长周期', priority: 9, categoryPrefix: '1001', replyLimit: 90, enabled: false },
    });

    // Importing the 2027 notice (CLI, as an operator would) removes the guess: 2027-01-01 is off.
    const dir = mkdtempSync(join(tmpdir(), 'minyi-cal-'));
    const file = join(dir, '2027.json');
    writeFileSync(file, JSON.stringify({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }));
    const cli = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js'), 'calendar', 'import', file], {
      env: { PATH: process.env.PATH!, DATABASE_URL: t.hub.database.url, MINYI_DATA_KEY: 'ab'.repeat(32) },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/imported 1 days of the 2027 notice/);
    const after = await waitFor(
      () => t.hub.services.sla.deadlines(facts, local('2026-12-30T10:00:00')),
      (d) => d.warnings.length === 0,
    );
    expect(after.dueAt.toISOString()).toBe(endOf('2027-01-11')); // 12-31 (1), 01-04..08 (2–6), 01-11 (7)
    const days = await t.gql(t.tokens.OPERATOR, '{ calendarDays(year: 2027) { date isOffDay source noticeYear } }');
    expect(days.data.calendarDays).toEqual([{ date: '2027-01-01', isOffDay: true, source: 'OFFICIAL_NOTICE', noticeYear: 2027 }]);

    await t.gql(t.tokens.ADMIN, UPSERT, { i: { ...input, enabled: false } });
  });

  it('信访: a deadline the channel record carries (SLQX/BLQX) wins over policy', async () => {
    const handleBy = new Date('2026-04-30T15:59:59.000Z');
    const order = await intake(local('2026-03-01T09:00:00'), 'xf', { channelDeadlines: { acceptBy: new Date('2026-03-16T15:59:59.000Z'), handleBy } });
    expect(order.dueAt).toBe(handleBy.toISOString());
    expect(order.firstContactDueAt).toBe('2026-03-16T15:59:59.000Z');
    const policy = await intake(local('2026-03-01T09:00:00'), 'xf');
    expect(Date.parse(policy.dueAt) - Date.parse(policy.receivedAt)).toBe(60 * 86400_000); // 《信访工作条例》 60 days
  });

  it('every order exposes slaState and the time left', async () => {
    const now = new Date();
    const fresh = await intake(new Date(now.getTime() - 60_000), '12345', { urgency: Urgency.URGENT });
    expect(fresh.slaState).toBe('ON_TRACK');
    expect(fresh.remainingSeconds).toBeGreaterThan(2.9 * 3600 - 120);
    const late = await intake(new Date(now.getTime() - 6 * 86400_000));
    expect(late.slaState).toBe('OVERDUE');
    expect(late.remainingSeconds).toBeLessThan(0);
  });
});

describe('slaStanding (003 三: due soon = under two days left, or the last 20% of a short clock)', () => {
  const at = (iso: string) => new Date(iso);
  const order = (dueAt: string, receivedAt = '2026-03-01T00:00:00Z', status = WorkOrderStatus.HANDLING) => ({
    status,
    receivedAt: at(receivedAt),
    dueAt: at(dueAt),
  });

  it.each([
    ['a 20-day clock with 3 days left', order('2026-03-21T00:00:00Z'), '2026-03-18T00:00:00Z', SlaState.ON_TRACK],
    ['a 20-day clock with 1 day left', order('2026-03-21T00:00:00Z'), '2026-03-20T00:00:00Z', SlaState.DUE_SOON],
    ['a 3-hour clock with 1 hour left', order('2026-03-01T03:00:00Z'), '2026-03-01T02:00:00Z', SlaState.ON_TRACK],
    ['a 3-hour clock with 30 minutes left', order('2026-03-01T03:00:00Z'), '2026-03-01T02:30:00Z', SlaState.DUE_SOON],
    ['past the deadline', order('2026-03-01T03:00:00Z'), '2026-03-01T03:00:01Z', SlaState.OVERDUE],
  ])('%s', (_name, o, now, state) => {
    expect(slaStanding(o, at(now))?.state).toBe(state);
  });

  it('has no clock once finished', () => {
    expect(slaStanding(order('2026-03-01T03:00:00Z', undefined, WorkOrderStatus.CLOSED), at('2026-04-01T00:00:00Z'))).toBeNull();
  });
});
