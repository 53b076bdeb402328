import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../src/auth/roles';
import { AlertScheduler } from '../src/sla/alert-scheduler';
import { WorkOrderStatus as S } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle, future } from './support/lifecycle';

const DAY = 86400_000;

describe('SLA alerts: the scheduler, the alerts query and the slaAlerts subscription', () => {
  let t: TestHub;
  let lc: Lifecycle;
  let scheduler: AlertScheduler;
  beforeAll(async () => {
    t = await startTestHub();
    lc = new Lifecycle(t);
    scheduler = t.hub.scheduler;
  });
  afterAll(() => t.close());

  const ALERTS = `query($f: AlertFilter) { alerts(filter: $f, first: 100) { totalCount nodes { type deductionPoints dueAt message department { code } workOrder { id } } } }`;

  it('raises each kind of alert once, when its time comes, and publishes it', async () => {
    const op = await lc.token(Role.OPERATOR);
    const unsigned = await lc.orderIn(S.DISPATCHED);
    const handling = await lc.orderIn(S.HANDLING);
    const supervised = await lc.ok(op, 'supervise', { id: handling.id, v: handling.version, d: future(1) });
    expect(supervised.version).toBe(handling.version + 1);

    // A subscriber for SCJGJ's alerts, over a real socket.
    const received: any[] = [];
    const client = createClient({
      url: t.hub.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.tokens['DEPT_LEADER:SCJGJ']}` },
      retryAttempts: 0,
    });
    const unsubscribe = client.subscribe(
      { query: 'subscription { slaAlerts(departmentCode: "SCJGJ") { type workOrder { id } } }' },
      { next: (v) => received.push(v.data?.slaAlerts), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));

    expect(await scheduler.acquire()).toBe(true);
    const now = Date.now();
    expect(await scheduler.scan(new Date(now))).toEqual([]); // nothing is due yet

    // Two days on: the unsigned order is past its sign limit; supervision is due; the 5-day clock is in its last 2 days? not yet.
    const later = await scheduler.scan(new Date(now + 2 * DAY));
    const kinds = (orderId: string, list: Array<{ work_order_id: number; type: string }>) =>
      list
        .filter((a) => a.work_order_id === Number(Buffer.from(orderId, 'base64url').toString().split(':')[1]))
        .map((a) => a.type)
        .sort();
    expect(kinds(unsigned.id, later)).toEqual(['UNSIGNED_OVERDUE']);
    expect(kinds(handling.id, later)).toEqual(['SUPERVISION_DUE']);
    expect(await scheduler.scan(new Date(now + 2 * DAY))).toEqual([]); // idempotent: once per deadline

    const dueSoon = await scheduler.scan(new Date(now + 4 * DAY));
    expect(kinds(handling.id, dueSoon)).toEqual(['DUE_SOON']); // under two days left of five (003 三)
    const overdue = await scheduler.scan(new Date(now + 6 * DAY));
    expect(kinds(handling.id, overdue)).toContain('OVERDUE');
    // 003 四: unresolved after five working days → escalation suggested (between day 5 and day 12, by the calendar).
    const escalation = await scheduler.scan(new Date(now + 12 * DAY));
    expect([...kinds(handling.id, overdue), ...kinds(handling.id, escalation)].sort()).toEqual(['ESCALATION_SUGGESTED', 'OVERDUE']);

    // The alerts query: the department sees its alerts with the deduction; another department sees none.
    const mine = await t.gql(t.tokens['HANDLER:SCJGJ'], ALERTS, { f: { types: ['UNSIGNED_OVERDUE'] } });
    const unsignedAlert = mine.data.alerts.nodes.find((a: { workOrder: { id: string } }) => a.workOrder.id === unsigned.id);
    expect(unsignedAlert).toMatchObject({ type: 'UNSIGNED_OVERDUE', deductionPoints: 1, department: { code: 'SCJGJ' } });
    expect(unsignedAlert.message).toMatch(/超期未签收.*\| Not signed for in time/);
    expect((await t.gql(t.tokens['HANDLER:RSJ'], ALERTS, {})).data.alerts.totalCount).toBe(0);
    const all = await t.gql(op, ALERTS, { f: { departmentCodes: ['SCJGJ'] } });
    expect(all.data.alerts.totalCount).toBeGreaterThanOrEqual(6);
    expect((await t.gql(t.tokens['CHANNEL:wzgz'], ALERTS, {})).errors![0].extensions!.code).toBe('FORBIDDEN');

    // Published after commit to the department's subscriber.
    const until = Date.now() + 5000;
    while (received.length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(received.map((a) => a.type)).toEqual(expect.arrayContaining(['UNSIGNED_OVERDUE', 'SUPERVISION_DUE', 'DUE_SOON', 'OVERDUE', 'ESCALATION_SUGGESTED']));
    // 督办 itself showed in the alerts at once (003 五).
    const supervisedAlerts = await t.gql(op, ALERTS, { f: { types: ['SUPERVISED'] } });
    expect(supervisedAlerts.data.alerts.nodes).toEqual([
      expect.objectContaining({
        type: 'SUPERVISED',
        workOrder: { id: handling.id },
        department: { code: 'SCJGJ' },
        message: expect.stringMatching(/热线中心督办：请加快办理/),
      }),
    ]);
    unsubscribe();
    await client.dispose();
  });

  it('only one hub instance scans: the advisory lock passes on when its holder stops', async () => {
    const fork = () => t.hub.database.orm.em.fork() as EntityManager;
    const a = new AlertScheduler(t.hub.database.url, fork, t.hub.services.bus, t.hub.services.referenceCache);
    const b = new AlertScheduler(t.hub.database.url, fork, t.hub.services.bus, t.hub.services.referenceCache);
    await scheduler.stop(); // the hub's own scheduler steps aside
    try {
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      await a.stop();
      expect(await b.acquire()).toBe(true);
      expect(b.leader).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
