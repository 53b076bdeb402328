import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import { createLogger } from '../src/common/logger';
import { encodeCursor } from '../src/common/relay';
import { sign } from '../connectors/push/signature';
import { startTestHub, type TestHub } from './support/hub';

/**
 * Personal values sent through every error path a client can reach — GraphQL over HTTP and
 * WebSocket (validation, variable coercion, bad cursors, bad search text), the push intake, and a
 * real SQL failure (INTERNAL) — must never appear in the log, at debug level, with the hub's own
 * logger configuration.
 */
describe('personal data never reaches the log', () => {
  const PHONE = 13912345678;
  const NAME = '欧阳铁柱';
  const ID_NUMBER = '360721199001011234';
  const ADDRESS = '梅林镇华坚村十八组7号';
  const SECRET = 'c3'.repeat(32);
  const lines: string[] = [];
  let t: TestHub;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    process.env.MINYI_CHANNEL_WZGZ_SECRET = SECRET;
    t = await startTestHub({ logger: createLogger('debug', sink), env: { MINYI_RATE_LIMIT_PER_SECOND: '0' } });
  });
  afterAll(async () => {
    delete process.env.MINYI_CHANNEL_WZGZ_SECRET;
    await t.close();
  });

  const post = (token: string | null, body: unknown) =>
    fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { errors?: Array<{ extensions: { code: string } }> } }));

  const codeOf = (r: { body: { errors?: Array<{ extensions: { code: string } }> } }) => r.body.errors?.[0]?.extensions.code;

  it('GraphQL over HTTP: a phone as a JSON number, names in literals, cursors and search text', async () => {
    const op = t.tokens.OPERATOR;
    const results = [
      await post(op, { query: 'query($c: String!) { workOrder(code: $c) { id } }', variables: { c: PHONE } }),
      await post(op, { query: 'query($c: Int!) { workOrders(first: $c) { totalCount } }', variables: { c: `${NAME}${PHONE}` } }),
      await post(op, { query: `{ workOrder(code: ${PHONE}) { id } }` }),
      await post(op, { query: `{ workOrders(first: "${NAME}") { totalCount } }` }),
      await post(op, { query: `{ workOrders(first: 1, after: "${encodeCursor([`${ID_NUMBER}`, PHONE])}") { totalCount } }` }),
      await post(op, {
        query: 'query($t: String) { workOrders(first: 1, filter: { text: $t }) { totalCount } }',
        variables: { t: `${ADDRESS}${'很'.repeat(120)}` },
      }),
      await post(op, { query: 'query($t: String) { workOrders(first: 1, filter: { text: $t }) { totalCount } }', variables: { t: `${NAME}\u0000${PHONE}` } }),
      await post(null, { query: `{ workOrder(code: "${ID_NUMBER}") { id } }` }),
      await post(op, { query: `{ workOrder(code: "${ID_NUMBER}") { nope } }` }),
    ];
    for (const r of results) expect(['BAD_USER_INPUT', 'UNAUTHENTICATED']).toContain(codeOf(r));
  });

  it('an INTERNAL failure (a real SQL error) is logged by class and place, not with its statement or values', async () => {
    await t.em().execute('alter table work_order rename to work_order_away');
    try {
      const r = await post(t.tokens.OPERATOR, {
        query: 'query($t: String) { workOrders(first: 5, filter: { text: $t }) { edges { node { code } } } }',
        variables: { t: `${NAME}` },
      });
      expect(codeOf(r)).toBe('INTERNAL');
      expect(r.status).toBe(500);
    } finally {
      await t.em().execute('alter table work_order_away rename to work_order');
    }
    const logged = lines.filter((l) => l.includes('"level":50'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('')).toMatch(/errorClass/);
  });

  it('GraphQL over WebSocket: bad variables and invalid documents', async () => {
    const ws = new WebSocket(t.hub.wsUrl, 'graphql-transport-ws');
    const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.tokens.OPERATOR}` } }));
    const until = async (n: number) => {
      const deadline = Date.now() + 5000;
      while (messages.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await until(1);
    const subscribe = (id: string, query: string, variables: Record<string, unknown> = {}) =>
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    subscribe('1', 'subscription($d: [String!]) { workOrderCreated(departmentCodes: $d) { code } }', { d: PHONE });
    subscribe('2', `subscription { workOrderCreated(departmentCodes: ${PHONE}) { code } }`);
    subscribe('3', `subscription { workOrderCreated { nope${ID_NUMBER} } }`);
    subscribe('4', 'subscription($d: [String!]) { workOrderCreated(departmentCodes: $d) { code } }', { d: [`${NAME}\u0000`] });
    await until(5);
    ws.close();
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors.map((m) => m.id).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('the push intake: personal values in records it refuses', async () => {
    const body = JSON.stringify({
      records: [
        {
          externalId: `${PHONE}`.repeat(8),
          title: NAME,
          content: ADDRESS,
          receivedAt: '0001-01-01T00:00:00Z',
          citizen: { name: NAME, phone: PHONE, idNumber: ID_NUMBER },
        },
        {
          externalId: 'ok-1',
          title: `${NAME}\u0000`,
          content: ADDRESS,
          receivedAt: '2026-10-01T00:00:00Z',
          requestType: 'constructor',
          citizen: { name: NAME, phone: `${PHONE}` },
        },
      ],
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(new URL('/intake/wzgz', t.hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': sign(SECRET, timestamp, Buffer.from(body)) },
      body,
    });
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { rejected: number };
    expect(answer.rejected).toBe(2);
  });

  it('the log holds none of the personal values sent above', () => {
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(1000);
    for (const value of [String(PHONE), NAME, ID_NUMBER, ADDRESS, '139 1234 5678']) expect(log).not.toContain(value);
    // Nor SQL text: statements go with bound parameters, and errors are logged without their message.
    expect(log).not.toMatch(/select [^"]* from work_order/i);
  });
});
