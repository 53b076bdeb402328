import { parse, type GraphQLSchema } from 'graphql';
import { assertComplexity } from '../src/graphql/limits';
import { buildHubSchema } from '../src/graphql/schema';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The complexity of an operation is computed once per document and variables shape
 * (graphql/preflight.ts DocumentGate.cost): every answer, cost and refusal stays what computing it
 * each time gives.
 */
describe('complexity, once per document and variables shape', () => {
  let t: TestHub;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await startTestHub();
    schema = await buildHubSchema();
  });
  afterAll(() => t.close());

  const LIST = `query L($n: Int, $after: String) { workOrders(first: $n, after: $after) { nodes { code channel { code } } } }`;
  const ORDER = `query O($code: String!) { workOrder(code: $code) { code timeline { type } replies { content } } }`;

  async function post(body: object): Promise<{ status: number; body: any }> {
    const response = await fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokens.OPERATOR}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  /** What computing the cost afresh gives. */
  const direct = (query: string, variables: Record<string, unknown>) =>
    assertComplexity(schema, parse(query), variables, undefined, t.hub.services.config.maxQueryComplexity);

  it('a page size given as a variable is part of the key: each size costs what it costs', async () => {
    for (const n of [5, 50, 5, 100, 50]) {
      const { status, body } = await post({ query: LIST, variables: { n } });
      expect(status).toBe(200);
      expect(body.extensions.cost.requested).toBe(direct(LIST, { n }));
    }
    // Cursors (String) do not change the cost: the same figure with and without one.
    const a = await post({ query: LIST, variables: { n: 20 } });
    const b = await post({ query: LIST, variables: { n: 20, after: null } });
    expect(b.body.extensions.cost).toEqual(a.body.extensions.cost);
  });

  it('different codes share one cost; a refused shape is refused the same way every time', async () => {
    const costs = new Set<number>();
    for (const code of ['GX1', 'GX2', 'GX3']) costs.add((await post({ query: ORDER, variables: { code } })).body.extensions.cost.requested);
    expect([...costs]).toEqual([direct(ORDER, { code: 'GX1' })]);
    // A number where a String is declared: BAD_USER_INPUT each time, the same answer.
    const first = await post({ query: ORDER, variables: { code: 12 } });
    const second = await post({ query: ORDER, variables: { code: 12 } });
    expect(first.status).toBe(400);
    expect(first.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(second).toEqual(first);
    // Over the budget: QUERY_TOO_COMPLEX each time, with the same figures.
    const costly = `query C($n: Int) { hotIssues(first: $n) { edges { node { title members(first: 100) { edges { node { code title } } } } } } }`;
    const over1 = await post({ query: costly, variables: { n: 100 } });
    const over2 = await post({ query: costly, variables: { n: 100 } });
    expect(over1.status).toBe(400);
    expect(over1.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(over2).toEqual(over1);
    // The same document with a small page passes: the variables' values are part of the shape.
    const under = await post({ query: costly, variables: { n: 1 } });
    expect(under.status).toBe(200);
    expect(under.body.extensions.cost.requested).toBe(direct(costly, { n: 1 }));
  });
});
