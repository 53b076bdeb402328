import WebSocket from 'ws';
import { localId } from '../src/common/relay';
import { WorkOrder } from '../src/entities';
import { fanoutStats } from '../src/graphql/shared-execution';
import { WorkOrderEventType } from '../src/work-orders/enums';
import { addEvent, publishEvents } from '../src/work-orders/timeline';
import { subscribeWs, waitFor } from './support/graphql-ws-client';
import { startTestHub, type TestHub } from './support/hub';

const EVENTS = `subscription { workOrderEvents { type reason workOrder { code citizen { name phone restricted masked } } } }`;
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id code } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw graphql-transport-ws socket: what the server sends, and how it closes. */
function rawSocket(url: string, protocol = 'graphql-transport-ws') {
  const ws = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
  const messages: any[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return { ws, messages, opened, closed, send: (message: object | string) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)) };
}

describe('subscriptions: shared fan-out per operation and scope', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const note = (orderId: number, reason: string) =>
    t.em().transactional(async (tx) => {
      const event = addEvent(tx, tx.getReference(WorkOrder, orderId), WorkOrderEventType.NOTE, { role: null, label: 'test' }, { reason });
      await tx.flush();
      await publishEvents(tx, t.hub.services.bus, [event]);
    });

  it('one event, shared per scope: two operators share a group, the petition officer gets its own masking; a member leaving leaves the others subscribed', async () => {
    const before = fanoutStats();
    const created = await t.gql(t.tokens.OPERATOR, CREATE, {
      input: {
        requestType: 'COMPLAINT',
        categoryCode: '100101',
        title: '共享推送：信访件',
        content: '共享推送测试工单内容',
        regionCode: '360704100000',
        citizen: { name: '张三', phone: '13907971234' },
      },
    });
    const id = localId(created.data.createWorkOrder.id, 'WorkOrder');
    // A 信访 identity: only the petition bureau sees it (masked); everyone else sees it hidden.
    await t.em().execute('update work_order set restricted_identity = true where id = ?', [id]);

    const operatorA = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    const operatorB = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    const petition = subscribeWs(t.hub.wsUrl, t.tokens['PETITION_OFFICER:XFJ'], EVENTS);
    const handler = subscribeWs(t.hub.wsUrl, t.tokens['HANDLER:SCJGJ'], EVENTS);
    await Promise.all([operatorA.started, operatorB.started, petition.started, handler.started]);
    await waitFor(() => fanoutStats().subscribers === before.subscribers + 4, 5000, 'four fan-out members');
    // Three scopes (operator, petition bureau, SCJGJ handler): three groups, the operators in one.
    expect(fanoutStats().groups).toBe(before.groups + 3);

    await note(id, '共享推送：第一条');
    await waitFor(() => operatorA.events.length === 1 && operatorB.events.length === 1 && petition.events.length === 1, 5000, 'deliveries');
    const hidden = { name: null, phone: null, restricted: true, masked: true };
    expect(operatorA.events[0]).toMatchObject({
      type: 'NOTE',
      reason: '共享推送：第一条',
      workOrder: { code: created.data.createWorkOrder.code, citizen: hidden },
    });
    expect(operatorB.events[0]).toEqual(operatorA.events[0]);
    expect(petition.events[0]).toMatchObject({
      type: 'NOTE',
      workOrder: { code: created.data.createWorkOrder.code, citizen: { name: '张*', phone: '139****1234', restricted: true, masked: true } },
    });
    await sleep(200);
    expect(handler.events).toEqual([]); // not assigned to SCJGJ: not theirs
    for (const s of [operatorA, operatorB, petition, handler]) expect(s.errors).toEqual([]);

    // One operator leaves; the other stays in the group and keeps receiving.
    await operatorA.stop();
    await waitFor(() => fanoutStats().subscribers === before.subscribers + 3, 5000, 'member gone');
    expect(fanoutStats().groups).toBe(before.groups + 3);
    await note(id, '共享推送：第二条');
    await waitFor(() => operatorB.events.length === 2 && petition.events.length === 2, 5000, 'second deliveries');
    expect(operatorB.events[1]).toMatchObject({ reason: '共享推送：第二条', workOrder: { citizen: hidden } });
    expect(petition.events[1]).toMatchObject({ reason: '共享推送：第二条', workOrder: { citizen: { name: '张*' } } });
    expect(operatorA.events).toHaveLength(1);

    await Promise.all([operatorB.stop(), petition.stop(), handler.stop()]);
    await waitFor(() => fanoutStats().groups === before.groups && fanoutStats().subscribers === before.subscribers, 5000, 'groups gone');
  });

  it('a subscriber joining a group gets only events committed after it subscribed', async () => {
    const created = await t.gql(t.tokens.OPERATOR, CREATE, {
      input: { requestType: 'HELP', categoryCode: '100101', title: '共享推送：加入', content: '共享推送测试工单内容', regionCode: '360704100000' },
    });
    const id = localId(created.data.createWorkOrder.id, 'WorkOrder');
    const before = fanoutStats().subscribers;
    const first = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    await first.started;
    await waitFor(() => fanoutStats().subscribers === before + 1, 5000, 'first member');
    await note(id, '加入之前');
    await waitFor(() => first.events.length === 1);
    const second = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    await second.started;
    // Subscribed (in the group) before the event: `started` alone is a fixed delay after the ack.
    await waitFor(() => fanoutStats().subscribers === before + 2, 5000, 'second member');
    await note(id, '加入之后');
    await waitFor(() => first.events.length === 2 && second.events.length === 1);
    await sleep(200);
    expect(first.events.map((e) => e.reason)).toEqual(['加入之前', '加入之后']);
    expect(second.events.map((e) => e.reason)).toEqual(['加入之后']);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('speaks graphql-transport-ws as graphql-ws does: ack, ping/pong, complete, and its close codes', async () => {
    // No subprotocol: 4406.
    const wrong = rawSocket(t.hub.wsUrl, '');
    expect((await wrong.closed).code).toBe(4406);

    // Subscribe before connection_init: 4401.
    const early = rawSocket(t.hub.wsUrl);
    await early.opened;
    early.send({ id: '1', type: 'subscribe', payload: { query: EVENTS } });
    expect((await early.closed).code).toBe(4401);

    // Not JSON: 4400.
    const garbage = rawSocket(t.hub.wsUrl);
    await garbage.opened;
    garbage.send('{not json');
    expect((await garbage.closed).code).toBe(4400);

    // Ack, pong with the ping's payload, a subscription completed by the client, then 4409 and 4429.
    const conn = rawSocket(t.hub.wsUrl);
    await conn.opened;
    conn.send({ type: 'connection_init', payload: { authorization: `Bearer ${t.tokens.OPERATOR}` } });
    await waitFor(() => conn.messages.length === 1);
    expect(conn.messages[0]).toEqual({ type: 'connection_ack' });
    conn.send({ type: 'ping', payload: { n: 1 } });
    await waitFor(() => conn.messages.length === 2);
    expect(conn.messages[1]).toEqual({ type: 'pong', payload: { n: 1 } });
    conn.send({ id: 'a', type: 'subscribe', payload: { query: EVENTS } });
    conn.send({ id: 'bad', type: 'subscribe', payload: { query: 'subscription { nope }' } });
    await waitFor(() => conn.messages.length === 3);
    expect(conn.messages[2]).toMatchObject({ id: 'bad', type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    await sleep(100);
    conn.send({ id: 'a', type: 'complete' });
    await sleep(100);
    conn.send({ id: 'a', type: 'subscribe', payload: { query: EVENTS } }); // the id is free again
    await sleep(200);
    expect(conn.messages).toHaveLength(3);
    conn.send({ id: 'a', type: 'subscribe', payload: { query: EVENTS } });
    expect((await conn.closed).code).toBe(4409);

    const twice = rawSocket(t.hub.wsUrl);
    await twice.opened;
    twice.send({ type: 'connection_init', payload: { authorization: `Bearer ${t.tokens.OPERATOR}` } });
    await waitFor(() => twice.messages.length === 1);
    twice.send({ type: 'connection_init', payload: { authorization: `Bearer ${t.tokens.OPERATOR}` } });
    expect((await twice.closed).code).toBe(4429);
  });
});
