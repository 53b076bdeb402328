import { execute, parse, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { viewerFromToken } from '../src/auth/tokens';
import { generateDemoOrders } from '../src/demo/generator';
import { createContext } from '../src/graphql/context';
import { compiledQueryGateway } from '../src/graphql/jit-executor';
import { buildHubSchema } from '../src/graphql/schema';
import { startTestHub, type TestHub } from './support/hub';

/** Queries executed compiled (graphql/jit-executor.ts) answer exactly what graphql-js answers, errors included. */
describe('compiled query execution', () => {
  let t: TestHub;
  let schema: GraphQLSchema;
  let code: string;

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 60, seed: 11 });
    schema = await buildHubSchema();
    [{ code }] = await t
      .em()
      .execute(`select wo.code from work_order wo where exists (select 1 from reply r where r.work_order_id = wo.id) order by wo.id limit 1`);
  });
  afterAll(() => t.close());

  const plain = (result: ExecutionResult) =>
    JSON.parse(
      JSON.stringify({
        data: result.data,
        errors: result.errors?.map((e) => ({ message: e.message, path: e.path, locations: e.locations, code: e.extensions?.code })),
      }),
    );

  async function both(tokenName: string, query: string, variables: Record<string, unknown> = {}) {
    const viewer = await viewerFromToken(t.em(), t.tokens[tokenName]);
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const gateway = compiledQueryGateway(schema);
    const { executor } = await gateway.load({ apollo: {} });
    const compiled = await executor!({
      document,
      operation,
      operationName: operation.name?.value ?? null,
      context: createContext(t.hub.services, viewer, 'jit-1'),
      request: { query, variables },
    } as never);
    const reference = await execute({ schema, document, contextValue: createContext(t.hub.services, viewer, 'jit-2'), variableValues: variables });
    return { compiled: plain(compiled), reference: plain(reference) };
  }

  it.each([
    [
      'OPERATOR',
      'the frontend list',
      `{ workOrders(first: 50) { edges { cursor node { id code title status requestType urgency receivedAt dueAt overdue slaState
        channel { code name } leadDepartment { code name } category { code name } latestReply { content submittedAt } citizen { name phone masked } } }
        pageInfo { hasNextPage endCursor } totalCount } }`,
    ],
    [
      'HANDLER:SCJGJ',
      'the scoped list',
      `{ workOrders(first: 20) { nodes { code status availableActions assignments { role status department { code } } } } }`,
    ],
    ['ANALYST', 'a list masked for an analyst', `{ workOrders(first: 10) { nodes { code citizen { name phone idNumber address masked restricted } } } }`],
  ])('%s: %s', async (token, _name, query) => {
    const { compiled, reference } = await both(token, query);
    expect(reference.errors).toBeUndefined();
    expect(compiled).toEqual(reference);
  });

  it('the order page, and a field error (a HubError from a resolver) with its path, locations and code', async () => {
    const page = `query($code: String!) { workOrder(code: $code) { code title content citizen { name } timeline { type occurredAt actorLabel }
      assignments { role department { name } } replies { content department { code } } callbacks { calledAt } sources { externalId channel { code } } } }`;
    const ok = await both('OPERATOR', page, { code });
    expect(ok.reference.data.workOrder.code).toBe(code);
    expect(ok.compiled).toEqual(ok.reference);
    const failing = await both('OPERATOR', `{ a: workOrder(code: "${code}") { code } b: workOrder(id: "x", code: "y") { code } }`);
    expect(failing.reference.errors).toEqual([expect.objectContaining({ path: ['b'], code: 'BAD_USER_INPUT' })]);
    expect(failing.compiled).toEqual(failing.reference);
  });
});
