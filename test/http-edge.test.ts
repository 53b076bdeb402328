import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { createPubSub } from '@graphql-yoga/subscription';
import { getIntrospectionQuery, parse } from 'graphql';
import { buildHubSchema } from '../src/graphql/schema';
import { assertComplexity } from '../src/graphql/limits';
import pino from 'pino';
import { encodeCursor } from '../src/common/relay';
import { SharedTtlCache } from '../src/common/ttl-cache';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The HTTP edge as a browser frontend and a hostile client meet it: one JSON error contract with
 * a 4xx status for every client mistake, CORS, GraphiQL's schema query, persisted queries, the
 * cost in every answer, and limits that refuse a costly document before validating it.
 */
describe('HTTP edge', () => {
  let t: TestHub;
  const logLines: string[] = [];
  const FRONTEND = 'https://frontend.example.gov.cn';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startTestHub({
      env: { MINYI_CORS_ORIGINS: `${FRONTEND},http://localhost:5173`, GRAPHQL_MAX_BODY_BYTES: '65536' },
      logger: pino({ level: 'debug' }, sink),
    });
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}, raw = false) =>
    fetch(t.hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw ? (body as string) : JSON.stringify(body) });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  type ErrorBody = {
    errors: Array<{ message: string; extensions: { code: string; messageZh: string; messageEn: string; [k: string]: unknown } }>;
    data?: unknown;
    extensions?: Record<string, unknown>;
  };
  const json = async (res: Response) => (await res.json()) as ErrorBody;

  /** Every error answer has the contract: JSON, code, Chinese and English messages. */
  const expectContract = async (res: Response, status: number, code: string) => {
    expect(res.headers.get('content-type')).toMatch(/json/);
    const body = await json(res);
    expect(res.status).toBe(status);
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(body.errors[0].extensions.messageEn).toMatch(/[A-Za-z]/);
    expect(JSON.stringify(body)).not.toMatch(/\bat [\w.]+ \(|node_modules|<html|<pre/i);
    return body;
  };

  describe('frontend teams, day one', () => {
    it("loads GraphiQL's own introspection query without a token (13 deep; depth limit 12 is for data)", async () => {
      const query = getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      });
      const res = await post({ query });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { __schema: { types: Array<{ name: string }> } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.__schema.types.map((x) => x.name)).toContain('WorkOrder');
    });

    it('still limits the depth of data, and of introspection on its own scale', async () => {
      const deep = `{ workOrders { edges { node { assignments { department { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } } }`;
      await expectContract(await post({ query: deep }, auth(t.tokens.ADMIN)), 400, 'QUERY_TOO_COMPLEX');
      const nest = (n: number): string => (n === 0 ? 'name' : `ofType { ${nest(n - 1)} }`);
      await expectContract(await post({ query: `{ __type(name: "WorkOrder") { fields { type { ${nest(30)} } } } }` }), 400, 'QUERY_TOO_COMPLEX');
    });

    it('refuses anything but introspection without a valid token, before running it (401)', async () => {
      await expectContract(await post({ query: '{ viewer { role } }' }), 401, 'UNAUTHENTICATED');
      await expectContract(await post({ query: '{ viewer { role } }' }, { authorization: 'Bearer mh_not-a-token' }), 401, 'UNAUTHENTICATED');
      await expectContract(await post({ query: '{ __typename viewer { role } }' }), 401, 'UNAUTHENTICATED');
      const ok = await post({ query: '{ viewer { role } }' }, auth(t.tokens.OPERATOR));
      expect(ok.status).toBe(200);
    });

    it('CORS: a preflight from an allowed origin answers 204 with the Allow headers; others get none', async () => {
      const preflight = (origin: string) =>
        fetch(t.hub.url, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
      const allowed = await preflight(FRONTEND);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND);
      expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/content-type/);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('vary')).toMatch(/Origin/i);

      const other = await preflight('https://evil.example.com');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-allow-methods')).toBeNull();
      expect(other.status).toBe(403);

      const actual = await post({ query: '{ viewer { role } }' }, { ...auth(t.tokens.OPERATOR), origin: FRONTEND });
      expect(actual.headers.get('access-control-allow-origin')).toBe(FRONTEND);
      expect(actual.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
      const foreign = await post({ query: '{ viewer { role } }' }, { ...auth(t.tokens.OPERATOR), origin: 'https://evil.example.com' });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('GET runs a query with a CSRF-safe header; a plain GET is refused as CSRF, with the contract', async () => {
      const url = `${t.hub.url}?query=${encodeURIComponent('{ viewer { role } }')}`;
      const ok = await fetch(url, { headers: { ...auth(t.tokens.OPERATOR), 'apollo-require-preflight': 'true', accept: 'application/json' } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { data: { viewer: { role: string } } }).data.viewer.role).toBe('OPERATOR');
      await expectContract(await fetch(url, { headers: { ...auth(t.tokens.OPERATOR), accept: 'application/json' } }), 400, 'BAD_USER_INPUT');
      const mutation = `${t.hub.url}?query=${encodeURIComponent('mutation { __typename }')}`;
      const refused = await fetch(mutation, { headers: { ...auth(t.tokens.OPERATOR), 'apollo-require-preflight': 'true', accept: 'application/json' } });
      expect(refused.status).toBe(405);
    });

    it('returns the cost of every operation in extensions.cost', async () => {
      const res = await post({ query: '{ workOrders(first: 10) { edges { node { code } } } }' }, auth(t.tokens.OPERATOR));
      const body = await json(res);
      expect(body.extensions?.cost).toEqual({ requested: expect.any(Number), limit: t.hub.services.config.maxQueryComplexity });
      expect((body.extensions!.cost as { requested: number }).requested).toBeGreaterThanOrEqual(10);
    });

    it('persisted queries: a miss answers PERSISTED_QUERY_NOT_FOUND (Apollo Client then sends the text); the hash then works', async () => {
      const query = '{ viewer { role } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const miss = await json(await post({ extensions }, auth(t.tokens.OPERATOR)));
      expect(miss.errors[0].message).toBe('PersistedQueryNotFound');
      expect(miss.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const register = await json(await post({ query, extensions }, auth(t.tokens.OPERATOR)));
      expect(register.data).toEqual({ viewer: { role: 'OPERATOR' } });
      const hit = await json(await post({ extensions }, auth(t.tokens.OPERATOR)));
      expect(hit.data).toEqual({ viewer: { role: 'OPERATOR' } });
      // Without a token the hash alone runs nothing.
      await expectContract(await post({ extensions }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('one error contract, 4xx for client mistakes', () => {
    it('malformed JSON, an oversize body, a wrong content type and an unknown path answer JSON, never HTML', async () => {
      await expectContract(await post('{"query": "{ viewer { role } }"', auth(t.tokens.OPERATOR), true), 400, 'BAD_USER_INPUT');
      await expectContract(await post({ query: `{ viewer { role } } # ${'x'.repeat(70_000)}` }, auth(t.tokens.OPERATOR)), 413, 'PAYLOAD_TOO_LARGE');
      const text = await fetch(t.hub.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...auth(t.tokens.OPERATOR) },
        body: '{ viewer { role } }',
      });
      await expectContract(text, 400, 'BAD_USER_INPUT');
      const xml = await fetch(t.hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', 'apollo-require-preflight': '1', ...auth(t.tokens.OPERATOR) },
        body: '<q/>',
      });
      await expectContract(xml, 400, 'BAD_USER_INPUT');
      await expectContract(await fetch(new URL('/no/such/path', t.hub.url)), 404, 'NOT_FOUND');
      await expectContract(
        await fetch(new URL('/graphql', t.hub.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
        405,
        'BAD_USER_INPUT',
      );
    });

    it('syntax and validation errors: 400 with a Chinese summary in messageZh', async () => {
      const syntax = await expectContract(await post({ query: '{ viewer { role }' }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      expect(syntax.errors[0].extensions.messageZh).toMatch(/语法/);
      const unknown = await expectContract(await post({ query: '{ viewer { nope } }' }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      expect(unknown.errors[0].extensions.messageZh).toContain('没有字段 nope');
      expect(unknown.errors[0].extensions.messageZh).not.toMatch(/Cannot query/);
    });

    it('wrongly typed variables: 400 BAD_USER_INPUT that never quotes the value', async () => {
      const query = 'query($code: String!) { workOrder(code: $code) { id } }';
      const body = await expectContract(await post({ query, variables: { code: 13800138000 } }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      expect(JSON.stringify(body)).not.toContain('13800138000');
      await expectContract(await post({ query, variables: {} }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      const literal = await expectContract(await post({ query: '{ workOrder(code: 13800138001) { id } }' }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      expect(JSON.stringify(literal)).not.toContain('13800138001');
    });

    it('crafted cursors that decode to the wrong types: 400, no SQL in the log', async () => {
      for (const after of [
        encodeCursor(['not a date', 1]),
        encodeCursor(['2026-10-01 00:00:00+00', 'x']),
        encodeCursor([{ a: 1 }, 1]),
        encodeCursor(['2026-10-01', 1, 2]),
        'garbage!!',
        'A'.repeat(2000),
      ]) {
        const body = await expectContract(
          await post(
            { query: 'query($a: String) { workOrders(first: 5, after: $a) { edges { node { code } } } }', variables: { a: after } },
            auth(t.tokens.OPERATOR),
          ),
          200,
          'BAD_USER_INPUT',
        );
        expect(body.errors[0].extensions.messageZh).toMatch(/游标/);
      }
      for (const q of [
        '{ alerts(first: 2, after: "WyJ4eCIsMV0") { edges { cursor } } }',
        '{ hotIssues(first: 2, after: "WyJ4eCIsMV0") { edges { cursor } } }',
      ]) {
        const body = await json(await post({ query: q }, auth(t.tokens.ADMIN)));
        expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
      expect(logLines.join('')).not.toMatch(/select|timestamptz/i);
    });

    it('NUL bytes and lone surrogates in any string: 400 BAD_USER_INPUT, never INTERNAL or rewritten', async () => {
      const query = 'query($t: String) { workOrders(first: 1, filter: { text: $t }) { totalCount } }';
      await expectContract(await post({ query, variables: { t: 'a\u0000b' } }, auth(t.tokens.OPERATOR)), 400, 'BAD_USER_INPUT');
      await expectContract(
        await post(`{"query": ${JSON.stringify(query)}, "variables": {"t": "x\\ud800y"}}`, auth(t.tokens.OPERATOR), true),
        400,
        'BAD_USER_INPUT',
      );
      await expectContract(
        await post(`{"query": "{ workOrders(first: 1, filter: { text: \\"\\\\udc00\\" }) { totalCount } }"}`, auth(t.tokens.OPERATOR), true),
        400,
        'BAD_USER_INPUT',
      );
    });

    it('syncRuns(first:) above 100 is refused, not silently clamped', async () => {
      const body = await json(await post({ query: '{ syncRuns(channelCode: "12315", first: 1000) { id } }' }, auth(t.tokens.ADMIN)));
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.messageZh).toContain('100');
    });
  });

  describe('hostile documents are refused before validation', () => {
    it('a 600 KB document of 40,000 fields is refused at the body limit, and at the token limit below it', async () => {
      const huge = `{ ${'__typename '.repeat(40_000)} }`;
      await expectContract(await post({ query: huge }), 413, 'PAYLOAD_TOO_LARGE');
      const started = performance.now();
      const body = await expectContract(await post({ query: `{ ${'__typename '.repeat(5_500)} }` }), 400, 'QUERY_TOO_COMPLEX');
      expect(body.errors[0].extensions.messageEn).toMatch(/tokens/);
      expect(performance.now() - started).toBeLessThan(2000); // generous: the refusal itself is a few ms
    });

    it('caps selections per selection set, aliases per document and root fields per operation', async () => {
      const many = `{ viewer { ${'role '.repeat(300)} } }`;
      expect((await json(await post({ query: many }, auth(t.tokens.OPERATOR)))).errors[0].extensions.messageEn).toMatch(/selection set/);
      const aliases = `{ viewer { ${Array.from({ length: 60 }, (_, i) => `a${i}: role`).join(' ')} } }`;
      expect((await json(await post({ query: aliases }, auth(t.tokens.OPERATOR)))).errors[0].extensions.messageEn).toMatch(/aliases/);
      const roots = `{ ${Array.from({ length: 25 }, (_, i) => `v${i}: viewer { role }`).join(' ')} }`;
      const rootBody = await expectContract(await post({ query: roots }, auth(t.tokens.OPERATOR)), 400, 'QUERY_TOO_COMPLEX');
      expect(rootBody.errors[0].extensions.messageEn).toMatch(/root fields/);
      const fragments = `query { viewer { ...A ...A2 } } fragment A on Viewer { ${Array.from({ length: 150 }, () => 'role').join(' ')} } fragment A2 on Viewer { ...A }`;
      expect((await post({ query: fragments }, auth(t.tokens.OPERATOR))).status).toBe(200);
      const bomb = `query { viewer { ...F5 } } ${[1, 2, 3, 4, 5].map((n) => `fragment F${n} on Viewer { ${Array.from({ length: 8 }, (_, i) => `a${n}${i}: __typename ${n > 1 ? `...F${n - 1}` : ''}`).join(' ')} }`).join(' ')}`;
      expect((await json(await post({ query: bomb }, auth(t.tokens.OPERATOR)))).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('complexity and the node limit are 400 QUERY_TOO_COMPLEX, not 500 or INTERNAL', async () => {
      const costly = '{ hotIssues(first: 100) { edges { node { title members(first: 100) { edges { node { code title } } } } } } }';
      const body = await expectContract(await post({ query: costly }, auth(t.tokens.ADMIN)), 400, 'QUERY_TOO_COMPLEX');
      expect(body.errors[0].extensions.maxComplexity).toBe(t.hub.services.config.maxQueryComplexity);
      // graphql-query-complexity's own node limit (10,000) throws a plain GraphQLError: QUERY_TOO_COMPLEX too.
      const wide = parse(
        `{ ${Array.from({ length: 120 }, (_, i) => `w${i}: viewer { ${Array.from({ length: 100 }, (_, j) => `r${j}: role`).join(' ')} }`).join(' ')} }`,
      );
      const schema = await buildHubSchema(createPubSub());
      expect(() => assertComplexity(schema, wide, {}, null, 1_000_000)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) }),
      );
    });
  });

  describe('heavy fields', () => {
    it('the monthly report costs what it reads: three in one operation run, four are refused, 200 aliases never parse', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: monthlyReport(month: "2026-10") { month }`).join(' ')} }`;
      const three = await post({ query: aliases(3) }, auth(t.tokens.ANALYST));
      expect(three.status).toBe(200);
      const body = await json(three);
      expect(body.errors).toBeUndefined();
      expect((body.extensions!.cost as { requested: number }).requested).toBeGreaterThanOrEqual(15_000);
      await expectContract(await post({ query: aliases(4) }, auth(t.tokens.ANALYST)), 400, 'QUERY_TOO_COMPLEX');
      await expectContract(await post({ query: aliases(200) }, auth(t.tokens.ANALYST)), 400, 'QUERY_TOO_COMPLEX');
    });

    it("a month's report is built once and shared for a while (one computation for concurrent callers)", async () => {
      let now = 0;
      let builds = 0;
      const cache = new SharedTtlCache<number>(60_000, 10, () => now);
      const build = async () => {
        builds++;
        await new Promise((r) => setTimeout(r, 5));
        return builds;
      };
      expect(await Promise.all([cache.get('2026-10', build), cache.get('2026-10', build)])).toEqual([1, 1]);
      now = 59_000;
      expect(await cache.get('2026-10', build)).toBe(1);
      expect(await cache.get('2026-09', build)).toBe(2);
      now = 61_000;
      expect(await cache.get('2026-10', build)).toBe(3);
      await expect(cache.get('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      expect(await cache.get('bad', build)).toBe(4); // a failure is not kept
    });
  });

  it('logs codes and places for client errors, never their values', () => {
    const log = logLines.join('');
    expect(log).not.toContain('13800138000');
    expect(log).not.toContain('13800138001');
    expect(log).not.toMatch(/"level":50/); // nothing above was our bug
  });
});
