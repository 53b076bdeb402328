import { sqlStatementsTotal } from '../src/db/sql-logger';
import { generateDemoOrders } from '../src/demo/generator';
import { startTestHub, type TestHub } from './support/hub';

/** SQL statements one HTTP request causes, read from the hub's own counter (requests run one at a time here). */
async function statementsFor(t: TestHub, query: string): Promise<number> {
  const before = (await sqlStatementsTotal.get()).values[0]?.value ?? 0;
  const result = await t.gql(t.tokens.OPERATOR, query);
  expect(result.errors).toBeUndefined();
  return ((await sqlStatementsTotal.get()).values[0]?.value ?? 0) - before;
}

describe('no N+1: every list field is batched', () => {
  let t: TestHub;
  let firstLookup: number;
  /** Statements of the token check on a warm instance: none (auth/token-cache.ts). */
  let auth: number;

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 200, seed: 7 });
    firstLookup = await statementsFor(t, '{ viewer { role } }'); // the token's first use looks it up
    auth = await statementsFor(t, '{ viewer { role } }');
    // A cold instance reads its reference snapshot once (six small tables), then shares it.
    // (A closed order: it has a lead department, whatever the demo data drew for the newest order.)
    expect(await statementsFor(t, '{ workOrders(first: 1, filter: { status: [CLOSED] }) { nodes { leadDepartment { name } } } }')).toBe(auth + 1 + 6);
  });
  afterAll(() => t.close());

  it('costs one statement for the token on its first use, none while the instance has it cached', () => {
    expect(firstLookup).toBe(1);
    expect(auth).toBe(0);
  });

  it.each([
    ['a plain list', '{ workOrders(first: 50) { nodes { code title } } }', 0],
    ['one relation', '{ workOrders(first: 50) { nodes { code leadDepartment { name } } } }', 1],
    ['a relation of a relation', '{ workOrders(first: 50) { nodes { code leadDepartment { name parent { name } } } } }', 2],
    ['three levels', '{ workOrders(first: 50) { nodes { leadDepartment { parent { region { name } } } } } }', 3],
    ['a nested list and its relation', '{ workOrders(first: 50) { nodes { assignments { department { name } } } } }', 2],
  ])('%s: at most 1 + relation depth statements', async (_name, query, depth) => {
    const executed = (await statementsFor(t, query)) - auth;
    expect(executed).toBeLessThanOrEqual(1 + depth);
  });

  it('the frontend list query costs the same for 5 rows as for 50', async () => {
    const query = (n: number) =>
      `{ workOrders(first: ${n}) { edges { cursor node { code title status dueAt overdue channel { code name } leadDepartment { name } category { name } latestReply { content submittedAt } citizen { name phone } } } } }`;
    const five = await statementsFor(t, query(5));
    const fifty = await statementsFor(t, query(50));
    expect(fifty).toBe(five);
    // One statement: the list with each order's latest reply (LATERAL); channel, department and
    // category come from the reference snapshot.
    expect(fifty - auth).toBe(1);
  });

  it('the order page (an order with its timeline, assignments, replies, callbacks, sources) is one statement', async () => {
    const [{ code }] = await t
      .em()
      .execute(`select wo.code from work_order wo where exists (select 1 from reply r where r.work_order_id = wo.id) order by wo.id limit 1`);
    const page = `{ workOrder(code: "${code}") { code content citizen { name } channel { name } leadDepartment { name } category { name }
      timeline { type occurredAt actorLabel } assignments { role status department { name } } replies { content submittedAt department { name } }
      callbacks { calledAt resolved } sources { externalId firstSeenAt channel { name } } latestReply { content } } }`;
    expect((await statementsFor(t, page)) - auth).toBe(1);
  });

  it('createWorkOrder is two statements (codes, 职责清单 rule, id and number read in one; order, source, event and event-log row written in one)', async () => {
    const before = (await t.em().execute(`select count(*)::int as n from event_log`))[0].n;
    const mutation = `mutation { createWorkOrder(input: { requestType: COMPLAINT, categoryCode: "100101", title: "超市卖过期牛奶",
      content: "在城关镇某超市买到过期牛奶，要求处理。", regionCode: "360704100000", citizen: { name: "张三", phone: "13800138000" } }) { id code } }`;
    expect((await statementsFor(t, mutation)) - auth).toBe(2);
    const [{ code }] = await t.em().execute(`select code from work_order order by id desc limit 1`);
    const [row] = await t.em().execute(
      `select wo.status, (select count(*)::int from work_order_source s where s.work_order_id = wo.id and s.external_id = wo.code) as sources,
              (select count(*)::int from work_order_event e where e.work_order_id = wo.id and e.type = 'CREATED') as events
         from work_order wo where wo.code = ?`,
      [code],
    );
    expect(row).toEqual({ status: 'RECEIVED', sources: 1, events: 1 });
    const log = await t.em().execute(`select payload from event_log order by id desc limit 1`);
    expect((await t.em().execute(`select count(*)::int as n from event_log`))[0].n).toBe(before + 1);
    expect(log[0].payload).toMatchObject({ type: 'CREATED', departmentPaths: [], restrictedIdentity: false });
  });

  it('the one-statement reads answer exactly as the loaders do (node(id) reads each relation through its loader)', async () => {
    const fields = `id code title content status dueAt citizen { name phone masked } channel { code } leadDepartment { code } category { code }
      latestReply { content result submittedAt handlerName department { code } }
      timeline { type occurredAt fromStatus toStatus actorRole actorLabel reason } assignments { role status assignedAt signedAt dueAt department { code } }
      replies { content result reviewStatus handlerName submittedAt department { code } } callbacks { calledAt contacted resolved processSatisfaction resultSatisfaction comment }
      sources { externalId channelStatus firstSeenAt lastSeenAt channel { code } }`;
    const ids: Array<{ id: number; code: string }> = await t.em().execute(
      `select wo.id, wo.code from work_order wo where exists (select 1 from reply r where r.work_order_id = wo.id)
          and exists (select 1 from work_order_source s where s.work_order_id = wo.id) order by wo.id limit 5`,
    );
    expect(ids).toHaveLength(5);
    for (const token of [t.tokens.OPERATOR, t.tokens['HANDLER:SCJGJ'], t.tokens.ANALYST]) {
      const list = await t.gql(
        token,
        `{ workOrders(first: 100) { nodes { id code title status dueAt channel { code } latestReply { content submittedAt department { code } } } } }`,
      );
      expect(list.errors).toBeUndefined();
      for (const node of list.data.workOrders.nodes.slice(0, 20)) {
        const one = await t.gql(
          token,
          `query($id: ID!) { node(id: $id) { ... on WorkOrder { id code title status dueAt channel { code } latestReply { content submittedAt department { code } } } } }`,
          { id: node.id },
        );
        expect(one.data.node).toEqual(node);
      }
      for (const { code } of ids) {
        const page = await t.gql(token, `query($code: String!) { workOrder(code: $code) { ${fields} } }`, { code });
        expect(page.errors).toBeUndefined();
        if (!page.data.workOrder) continue; // outside the HANDLER's scope
        const byNode = await t.gql(token, `query($id: ID!) { node(id: $id) { ... on WorkOrder { ${fields} } } }`, { id: page.data.workOrder.id });
        expect(byNode.data.node).toEqual(page.data.workOrder);
      }
    }
  });
});
