import { isInterfaceType } from 'graphql';
import { Role } from '../src/auth/roles';
import { parseGlobalId, toGlobalId } from '../src/common/relay';
import {
  Channel,
  ChannelEvaluation,
  DuplicateCandidate,
  HotIssue,
  HotIssueMember,
  OutboxMessage,
  Region,
  SlaPolicy,
  SyncRun,
  WorkOrder,
} from '../src/entities';
import { buildHubSchema } from '../src/graphql/schema';
import { MAX_NODES, NODE_TYPES } from '../src/graphql/node.resolver';
import { WorkOrderStatus as S } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';
import { future, Lifecycle } from './support/lifecycle';
import { LimitUnit } from '../src/sla/vocabulary';

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('the Node table covers the schema', () => {
  it('has an entry for every type that implements Node in the built schema, and none besides', async () => {
    const schema = await buildHubSchema();
    const node = schema.getType('Node');
    if (!isInterfaceType(node)) throw new Error('no Node interface');
    const implementors = schema
      .getImplementations(node)
      .objects.map((o) => o.name)
      .sort();
    expect(implementors.length).toBeGreaterThanOrEqual(22);
    expect([...NODE_TYPES.keys()].sort()).toEqual(implementors);
  });

  it('parseGlobalId accepts only what toGlobalId makes (Type:positive int4), never throwing', () => {
    expect(parseGlobalId(toGlobalId('WorkOrder', 42))).toEqual({ type: 'WorkOrder', id: 42 });
    expect(parseGlobalId(toGlobalId('WorkOrder', 2_147_483_647))).toEqual({ type: 'WorkOrder', id: 2_147_483_647 });
    for (const bad of [
      '',
      '!!!',
      '%%%%',
      b64('WorkOrder:abc'),
      b64('WorkOrder:1e400'),
      b64('WorkOrder:1e3'),
      b64('WorkOrder:0x10'),
      b64('WorkOrder: 7'),
      b64('WorkOrder:0'),
      b64('WorkOrder:-1'),
      b64('WorkOrder:1.5'),
      b64('WorkOrder:2147483648'),
      b64('WorkOrder:99999999999999999999'),
      b64('__proto__:1'),
      b64('constructor:1'),
      b64(':1'),
      b64('WorkOrder'),
      'x'.repeat(10_000),
    ]) {
      expect(parseGlobalId(bad)).toBeNull();
    }
    expect(parseGlobalId(undefined)).toBeNull();
  });
});

describe('node(id) and nodes(ids) over real HTTP', () => {
  let t: TestHub;
  let lc: Lifecycle;
  /** One object of each Node type: [type, global id, a viewer the exposing field admits and scopes in, viewers who must get null]. */
  const fixtures: Array<[string, string, string, string[]]> = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestHub();
    lc = new Lifecycle(t);
    const op = t.tokens.OPERATOR;
    // An order handled by SCJGJ with a township co-handler, a pending extension and termination request, supervised.
    let order = await lc.orderIn(S.HANDLING, { withExtensionRequest: true, withTerminationRequest: true });
    order = await lc.ok(op, 'supervise', { id: order.id, v: order.version, d: future(2) });
    const closed = await lc.orderIn(S.CLOSED);
    const other = await lc.orderIn(S.DISPATCHED);
    const view = await t.gql(
      op,
      `query($a: ID, $b: ID) {
        a: workOrder(id: $a) { assignments { id } timeline { id } sources { id } extensionRequests { id } terminationRequests { id } supervisions { id } }
        b: workOrder(id: $b) { replies { id } callbacks { id } }
        alerts(first: 10) { nodes { id workOrder { id } } }
        departments { id } channels { id } categories { id } regions { id }
      }`,
      { a: order.id, b: closed.id },
    );
    expect(view.errors).toBeUndefined();
    const a = view.data.a;
    const orderId = parseGlobalId(order.id)!.id;

    // Rows no mutation here makes: written as the pipelines would (write-back, channel evaluation, analyser, sync).
    const em = t.em();
    const wo = em.getReference(WorkOrder, orderId);
    const wzgz = await em.findOneOrFail(Channel, { code: 'wzgz' });
    const outbox = em.create(OutboxMessage, { workOrder: wo, channel: wzgz, externalId: 'WZ-1', kind: 'RESULT', idempotencyKey: 'node-test-1', payload: {} });
    const evaluation = em.create(ChannelEvaluation, { workOrder: wo, channel: wzgz, externalId: 'WZ-1', round: 1 });
    const region = await em.findOneOrFail(Region, { code: '360704100000' });
    const hot = em.create(HotIssue, {
      title: '超市销售过期食品',
      keywords: ['过期', '食品'],
      region,
      firstSeenAt: new Date('2026-10-01T02:00:00Z'),
      lastSeenAt: new Date('2026-10-02T02:00:00Z'),
      detectedAt: new Date('2026-10-02T02:00:00Z'),
      bandKeys: [],
    });
    em.create(HotIssueMember, { hotIssue: hot, workOrder: wo, similarity: 0.9 });
    const duplicate = em.create(DuplicateCandidate, {
      primary: wo,
      duplicate: em.getReference(WorkOrder, parseGlobalId(other.id)!.id),
      score: 0.7,
      evidence: {},
    });
    const run = em.create(SyncRun, { channel: await em.findOneOrFail(Channel, { code: '12315' }), trigger: 'MANUAL' });
    const policy = em.create(SlaPolicy, {
      code: 'NODE_TEST',
      name: '测试时限',
      signLimit: 2,
      signUnit: LimitUnit.HOURS,
      contactLimit: 1,
      contactUnit: LimitUnit.WORKING_DAYS,
      replyLimit: 5,
      replyUnit: LimitUnit.WORKING_DAYS,
      enabled: false,
      basis: 'test',
    });
    await em.flush();
    const [rule] = await em.execute('select id from responsibility_rule order by id limit 1');
    const schedule = await t.gql(
      op,
      'mutation { setLeaderDutySchedule(month: "2026-10", leaderName: "区领导", categoriesText: "各类疑难诉求", categoryCodes: []) { id } }',
    );
    expect(schedule.errors).toBeUndefined();

    const lead = t.tokens['HANDLER:SCJGJ'];
    const stranger = t.tokens['HANDLER:RSJ'];
    const channel = t.tokens['CHANNEL:wzgz'];
    const alert = view.data.alerts.nodes.find((n: { workOrder: { id: string } }) => n.workOrder.id === order.id);
    expect(alert).toBeDefined();
    const orderScoped = (type: string, id: string) => fixtures.push([type, id, lead, [stranger, channel]]);
    orderScoped('WorkOrder', order.id);
    orderScoped('Assignment', a.assignments[0].id);
    orderScoped('WorkOrderEvent', a.timeline[0].id);
    orderScoped('WorkOrderSource', a.sources[0].id);
    orderScoped('Reply', view.data.b.replies[0].id);
    orderScoped('Callback', view.data.b.callbacks[0].id);
    orderScoped('ExtensionRequest', a.extensionRequests[0].id);
    orderScoped('TerminationRequest', a.terminationRequests[0].id);
    orderScoped('Supervision', a.supervisions[0].id);
    orderScoped('OutboxMessage', toGlobalId('OutboxMessage', outbox.id));
    orderScoped('ChannelEvaluation', toGlobalId('ChannelEvaluation', evaluation.id));
    orderScoped('Alert', alert.id); // readAlerts: staff only, so the channel owner is refused by role too
    orderScoped('HotIssue', toGlobalId('HotIssue', hot.id)); // a department sees hot issues touching its orders
    fixtures.push(['DuplicateCandidate', toGlobalId('DuplicateCandidate', duplicate.id), op, [lead, t.tokens.LEADER, t.tokens.ANALYST]]);
    fixtures.push(['SyncRun', toGlobalId('SyncRun', run.id), op, [lead, t.tokens.ANALYST, t.tokens.LEADER]]);
    fixtures.push(['LeaderDutySchedule', schedule.data.setLeaderDutySchedule.id, lead, [channel]]);
    fixtures.push(['SlaPolicy', toGlobalId('SlaPolicy', policy.id), t.tokens.ADMIN, [op, lead]]);
    fixtures.push(['ResponsibilityRule', toGlobalId('ResponsibilityRule', rule.id), op, [lead, t.tokens.ANALYST]]);
    fixtures.push(['Department', view.data.departments[0].id, channel, []]);
    fixtures.push(['Channel', view.data.channels[0].id, channel, []]);
    fixtures.push(['Category', view.data.categories[0].id, channel, []]);
    fixtures.push(['Region', view.data.regions[0].id, channel, []]);
    for (const [type, id] of fixtures) ids[type] = id;
  });
  afterAll(() => t.close());

  const NEW_TYPES = [
    'Alert',
    'HotIssue',
    'DuplicateCandidate',
    'ExtensionRequest',
    'TerminationRequest',
    'Supervision',
    'SyncRun',
    'OutboxMessage',
    'LeaderDutySchedule',
    'SlaPolicy',
    'ResponsibilityRule',
    'ChannelEvaluation',
  ];

  it.each(NEW_TYPES)('node() resolves a %s for a viewer its field admits, and answers null (no error) to the others', async (type) => {
    const [, id, allowed, denied] = fixtures.find(([name]) => name === type)!;
    const found = await t.gql(allowed, NODE, { id });
    expect(found.errors).toBeUndefined();
    expect(found.data.node).toEqual({ __typename: type, id });
    for (const token of denied) {
      const refused = await t.gql(token, NODE, { id });
      expect(refused.errors).toBeUndefined();
      expect(refused.data.node).toBeNull();
    }
  });

  it('the fixtures hold one object of every Node type', () => {
    expect(Object.keys(ids).sort()).toEqual([...NODE_TYPES.keys()].sort());
  });

  it('nodes() answers every type in one call, in the order given, null for what the viewer may not see or what does not exist', async () => {
    const all = fixtures.map(([, id]) => id);
    const missing = toGlobalId('WorkOrder', 2_000_000_000);
    const unknownType = toGlobalId('Nonsense', 1);
    const asked = [...all.slice().reverse(), missing, unknownType];
    const admin = await t.gql(t.tokens.ADMIN, NODES, { ids: asked });
    expect(admin.errors).toBeUndefined();
    // Each as the table says for ADMIN (today every exposing field admits it, with scope ALL).
    const expected = asked.map((id) => {
      const fixture = fixtures.find(([, fid]) => fid === id);
      if (!fixture) return null;
      const entry = NODE_TYPES.get(fixture[0])!;
      return entry.roles.includes(Role.ADMIN) ? { __typename: fixture[0], id } : null;
    });
    expect(admin.data.nodes).toEqual(expected);
    expect(admin.data.nodes.filter(Boolean).length).toBeGreaterThanOrEqual(20);

    // A handler of another department: reference data only, the order's objects null, order kept.
    const stranger = await t.gql(t.tokens['HANDLER:RSJ'], NODES, { ids: [ids.Region, ids.WorkOrder, ids.Alert, ids.Department, ids.HotIssue] });
    expect(stranger.errors).toBeUndefined();
    expect(stranger.data.nodes).toEqual([{ __typename: 'Region', id: ids.Region }, null, null, { __typename: 'Department', id: ids.Department }, null]);
  });

  it('nodes() takes at most 100 ids: 100 answer, 101 is BAD_USER_INPUT', async () => {
    const hundred = Array.from({ length: MAX_NODES }, (_, i) => (i % 2 ? ids.WorkOrder : ids.Region));
    const ok = await t.gql(t.tokens.OPERATOR, NODES, { ids: hundred });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.nodes).toHaveLength(100);
    expect(ok.data.nodes[1]).toEqual({ __typename: 'WorkOrder', id: ids.WorkOrder });
    const tooMany = await t.gql(t.tokens.OPERATOR, NODES, { ids: [...hundred, ids.Region] });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0].message).toMatch(/100.*\|.*100/);
  });

  const GARBAGE = [
    ['not base64', '!!!'],
    ['not a number', b64('WorkOrder:abc')],
    ['an overflowing number', b64('WorkOrder:1e400')],
    ['a number beyond int4', b64('WorkOrder:99999999999')],
    ['zero', b64('WorkOrder:0')],
    ['__proto__', b64('__proto__:1')],
    ['constructor', b64('constructor:1')],
    ['hasOwnProperty', b64('hasOwnProperty:1')],
  ];

  it.each(GARBAGE)('node() with %s answers null, never an error; nodes() the same in place', async (_what, id) => {
    const one = await t.gql(t.tokens.OPERATOR, NODE, { id });
    expect(one.errors).toBeUndefined();
    expect(one.data.node).toBeNull();
    const many = await t.gql(t.tokens.OPERATOR, NODES, { ids: [ids.Region, id, ids.WorkOrder] });
    expect(many.errors).toBeUndefined();
    expect(many.data.nodes).toEqual([{ __typename: 'Region', id: ids.Region }, null, { __typename: 'WorkOrder', id: ids.WorkOrder }]);
  });

  it.each([
    ['workOrder(id)', 'query($id: ID) { workOrder(id: $id) { id } }', 'WorkOrder'],
    ['hotIssue(id)', 'query($id: ID!) { hotIssue(id: $id) { id } }', 'HotIssue'],
    ['dispatchSuggestions(workOrderId)', 'query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank } }', 'WorkOrder'],
  ])('a typed id argument, %s, refuses an id beyond int4 as BAD_USER_INPUT before any SQL (not INTERNAL)', async (_field, query, type) => {
    const result = await t.gql(t.tokens.OPERATOR, query, { id: b64(`${type}:99999999999`) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
