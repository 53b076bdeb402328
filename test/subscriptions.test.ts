import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Assignment, Department, WorkOrder } from '../src/entities';
import { addEvent, publishEvents } from '../src/work-orders/timeline';
import { AssignmentRole, WorkOrderEventType } from '../src/work-orders/enums';
import { localId } from '../src/common/relay';
import { startTestHub, type TestHub } from './support/hub';

const EVENTS = `subscription($dept: String) { workOrderEvents(departmentCode: $dept) { id type toStatus actorLabel workOrder { code title } } }`;

/** A real graphql-ws client over a real socket; collects events until told to stop. */
function subscribe(t: TestHub, token: string | null, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const errors: unknown[] = [];
  let closedWith: number | undefined;
  const client: Client = createClient({
    url: t.hub.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // refused connections are asserted through the close code
    on: { closed: (event) => (closedWith = (event as { code: number }).code) },
  });
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const unsubscribe = client.subscribe(
    { query: EVENTS, variables },
    { next: (value) => events.push(value.data?.workOrderEvents ?? value), error: (e) => errors.push(e), complete: () => undefined },
  );
  client.on('connected', () => setTimeout(ready, 150)); // the subscription is registered right after connect
  return {
    events,
    errors,
    started,
    closedCode: () => closedWith,
    async stop() {
      unsubscribe();
      await client.dispose();
    },
  };
}

async function waitFor(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id code } }`;
const input = (title: string) => ({
  requestType: 'HELP',
  categoryCode: '100101',
  title,
  content: '订阅测试工单内容',
  regionCode: '360704100000',
});

describe('workOrderEvents over graphql-ws', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('delivers the CREATED event of createWorkOrder to a subscribed operator, after commit', async () => {
    const sub = subscribe(t, t.tokens.OPERATOR);
    await sub.started;
    const created = await t.gql(t.tokens.OPERATOR, CREATE, { input: input('订阅：新工单') });
    await waitFor(() => sub.events.length > 0);
    expect(sub.events[0]).toMatchObject({
      type: 'CREATED',
      toStatus: 'RECEIVED',
      actorLabel: 'OPERATOR',
      workOrder: { code: created.data.createWorkOrder.code, title: '订阅：新工单' },
    });
    expect(sub.errors).toEqual([]);
    await sub.stop();
  });

  it('does not deliver events of orders a department cannot see, and filters by department', async () => {
    const scjg = subscribe(t, t.tokens['HANDLER:SCJGJ']);
    const rsj = subscribe(t, t.tokens['HANDLER:RSJ']);
    const centreForRsj = subscribe(t, t.tokens.OPERATOR, { dept: 'RSJ' });
    await Promise.all([scjg.started, rsj.started, centreForRsj.started]);

    // An order is created (unassigned: no department hears it), then assigned to SCJGJ and noted.
    const em = t.em();
    const created = await t.gql(t.tokens.OPERATOR, CREATE, { input: input('订阅：未分派') });
    const id = localId(created.data.createWorkOrder.id, 'WorkOrder');
    em.create(Assignment, {
      workOrder: em.getReference(WorkOrder, id),
      department: await em.findOneOrFail(Department, { code: 'SCJGJ' }),
      role: AssignmentRole.LEAD,
      assignedAt: new Date(),
    });
    await em.flush();
    // Publish an event for the assigned order the way every transition does.
    await t.em().transactional(async (tx) => {
      const event = addEvent(tx, tx.getReference(WorkOrder, id), WorkOrderEventType.NOTE, { role: null, label: 'test' }, { reason: '已分派给市场监管局' });
      await tx.flush();
      await publishEvents(tx, t.hub.services.bus, [event]);
    });

    await waitFor(() => scjg.events.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(scjg.events.map((e) => e.type)).toEqual(['NOTE']); // unassigned CREATED events are not theirs
    expect(scjg.events[0].workOrder.code).toBe(created.data.createWorkOrder.code);
    expect(rsj.events).toEqual([]);
    expect(centreForRsj.events).toEqual([]);
    await Promise.all([scjg.stop(), rsj.stop(), centreForRsj.stop()]);
  });

  it('refuses a connection without a valid token (4403)', async () => {
    const sub = subscribe(t, null);
    await waitFor(() => sub.closedCode() !== undefined);
    expect(sub.closedCode()).toBe(4403);
    await sub.stop();
    const bad = subscribe(t, 'mh_wrong');
    await waitFor(() => bad.closedCode() !== undefined);
    expect(bad.closedCode()).toBe(4403);
    await bad.stop();
  });

  it('applies the same depth limit to subscriptions', async () => {
    const client = createClient({ url: t.hub.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: t.tokens.OPERATOR }, retryAttempts: 0 });
    const errors: any[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe(
        {
          query:
            'subscription { workOrderEvents { workOrder { region { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } } }',
        },
        {
          next: () => undefined,
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    expect(errors[0][0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    await client.dispose();
  });
});
