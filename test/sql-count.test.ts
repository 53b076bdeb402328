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
  let auth: number;

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 200, seed: 7 });
    auth = await statementsFor(t, '{ viewer { role } }'); // the token lookup every request makes
    // A cold instance reads its reference snapshot once (six small tables), then shares it.
    // (A closed order: it has a lead department, whatever the demo data drew for the newest order.)
    expect(await statementsFor(t, '{ workOrders(first: 1, filter: { status: [CLOSED] }) { nodes { leadDepartment { name } } } }')).toBe(auth + 1 + 6);
  });
  afterAll(() => t.close());

  it('costs one statement for the token, whatever the query', () => {
    expect(auth).toBe(1);
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
    // The list and the latest replies; channel, department and category come from the reference snapshot.
    expect(fifty - auth).toBe(2);
  });
});
