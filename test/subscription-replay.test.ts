import { Assignment, Department, WorkOrder } from '../src/entities';
import { localId } from '../src/common/relay';
import { publishAlerts } from '../src/sla/alert-publication';
import { AssignmentRole, WorkOrderEventType } from '../src/work-orders/enums';
import { addEvent, publishEvents } from '../src/work-orders/timeline';
import { subscribeWs, waitFor } from './support/graphql-ws-client';
import { startTestHub, type TestHub } from './support/hub';

const EVENTS = `subscription($since: String) { workOrderEvents(since: $since) { id type reason cursor workOrder { code } } }`;
const ALERTS = `subscription($since: String) { slaAlerts(since: $since) { id type message cursor } }`;
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id code } }`;
const input = (title: string) => ({ requestType: 'HELP', categoryCode: '100101', title, content: '续传测试工单内容', regionCode: '360704100000' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('subscriptions resume with since: <cursor>', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const create = async (title: string) =>
    (await t.gql(t.tokens.OPERATOR, CREATE, { input: input(title) })).data.createWorkOrder as { id: string; code: string };
  const note = (orderId: number, reason: string) =>
    t.em().transactional(async (tx) => {
      const event = addEvent(tx, tx.getReference(WorkOrder, orderId), WorkOrderEventType.NOTE, { role: null, label: 'test' }, { reason });
      await tx.flush();
      await publishEvents(tx, t.hub.services.bus, [event]);
    });

  it('replays the events committed while the client was away, exactly once and in order, then goes on live; the viewer filter applies to both', async () => {
    const first = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    await first.started;
    const a = await create('续传：断线前');
    await waitFor(() => first.events.length === 1);
    const cursor = first.events[0].cursor as string;
    expect(first.events[0]).toMatchObject({ type: 'CREATED', workOrder: { code: a.code }, cursor: expect.stringMatching(/^\d+$/) });
    await first.stop();

    // While away: a new order, an order assigned to SCJGJ and noted, and a rolled-back note.
    const b = await create('续传：断线期间');
    const c = await create('续传：分派给市场监管局');
    const cId = localId(c.id, 'WorkOrder');
    const em = t.em();
    em.create(Assignment, {
      workOrder: em.getReference(WorkOrder, cId),
      department: await em.findOneOrFail(Department, { code: 'SCJGJ' }),
      role: AssignmentRole.LEAD,
      assignedAt: new Date(),
    });
    await em.flush();
    await note(cId, '断线期间的备注');
    await expect(
      t.em().transactional(async (tx) => {
        const event = addEvent(tx, tx.getReference(WorkOrder, cId), WorkOrderEventType.NOTE, { role: null, label: 'test' }, { reason: '回滚' });
        await tx.flush();
        await publishEvents(tx, t.hub.services.bus, [event]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

    const again = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS, { since: cursor });
    const handler = subscribeWs(t.hub.wsUrl, t.tokens['HANDLER:SCJGJ'], EVENTS, { since: cursor });
    await waitFor(() => again.events.length === 3 && handler.events.length === 1);
    await Promise.all([again.started, handler.started]);
    const d = await create('续传：重连之后');
    await waitFor(() => again.events.length === 4);
    await sleep(300);

    expect(again.events.map((e) => [e.type, e.workOrder.code, e.reason])).toEqual([
      ['CREATED', b.code, null],
      ['CREATED', c.code, null],
      ['NOTE', c.code, '断线期间的备注'],
      ['CREATED', d.code, null],
    ]);
    const cursors = again.events.map((e) => Number(e.cursor));
    expect(cursors[0]).toBeGreaterThan(Number(cursor));
    expect([...cursors].sort((x, y) => x - y)).toEqual(cursors);
    expect(new Set(cursors).size).toBe(4);
    expect(handler.events.map((e) => e.reason)).toEqual(['断线期间的备注']); // unassigned orders are not theirs
    expect([...again.errors, ...handler.errors]).toEqual([]);
    await Promise.all([again.stop(), handler.stop()]);
  });

  it('slaAlerts resumes the same way', async () => {
    const order = await create('续传：预警');
    const orderId = localId(order.id, 'WorkOrder');
    const raise = (message: string) =>
      t.em().transactional(async (tx) => {
        const [row] = await tx.execute(
          `insert into alert (work_order_id, type, due_at, message) values (?, 'OVERDUE', now() + random() * interval '1 day', ?) returning id`,
          [orderId, message],
        );
        await publishAlerts(tx, t.hub.services.bus, [row.id]);
      });
    const live = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, ALERTS);
    await live.started;
    await raise('第一条');
    await waitFor(() => live.events.length === 1);
    await live.stop();
    await raise('第二条');
    await raise('第三条');
    const again = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, ALERTS, { since: live.events[0].cursor });
    await waitFor(() => again.events.length === 2);
    await sleep(200);
    expect(again.events.map((e) => e.message)).toEqual(['第二条', '第三条']);
    await again.stop();
  });

  it('executes an event once for all subscribers of the same operation and scope, separately for another scope', async () => {
    const load = jest.spyOn(t.hub.services.sharedDocuments, 'load');
    const operators = [1, 2, 3].map(() => subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS));
    const leader = subscribeWs(t.hub.wsUrl, t.tokens.LEADER, EVENTS);
    await Promise.all([...operators, leader].map((s) => s.started));
    load.mockClear();
    const order = await create('共享执行');
    await waitFor(() => operators.every((s) => s.events.length === 1) && leader.events.length === 1);
    expect(new Set(operators.map((s) => JSON.stringify(s.events[0]))).size).toBe(1);
    expect(leader.events[0]).toEqual(operators[0].events[0]);
    expect(operators[0].events[0].workOrder.code).toBe(order.code);
    expect(load).toHaveBeenCalledTimes(2); // one execution for the three operators, one for the leader
    load.mockRestore();
    await Promise.all([...operators, leader].map((s) => s.stop()));
  });

  it('refuses a cursor it did not issue (BAD_USER_INPUT)', async () => {
    const bad = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS, { since: 'yesterday' });
    await waitFor(() => bad.errors.length > 0);
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
    await bad.stop();
  });
});
