import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { revokeToken } from '../src/auth/token-revocation';
import { startTestHub, type TestHub } from './support/hub';

const SUBSCRIPTION = 'subscription { workOrderEvents { id type } }';

interface Conn {
  ws: WebSocket;
  /** Messages received (parsed). */
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  subscribe(id: string): void;
  close(): Promise<void>;
}

/** A real graphql-transport-ws socket; with a token it sends connection_init and waits for the ack. */
async function open(t: TestHub, token?: string | null, init = true): Promise<Conn> {
  const ws = new WebSocket(t.hub.wsUrl, 'graphql-transport-ws');
  const messages: any[] = [];
  let upgradeStatus: number | undefined;
  ws.on('unexpected-response', (_req, res) => {
    upgradeStatus = res.statusCode;
    ws.emit('close', 1006, Buffer.from(`HTTP ${res.statusCode}`));
    res.resume();
    _req.destroy();
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code: upgradeStatus ?? code, reason: String(reason) })),
  );
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const conn: Conn = {
    ws,
    messages,
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    subscribe: (id) => ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIPTION } })),
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
  const opened = await Promise.race([new Promise<boolean>((r) => ws.once('open', () => r(true))), closed.then(() => false)]);
  if (!opened || !init) return conn;
  ws.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack') || ws.readyState !== WebSocket.OPEN);
  return conn;
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const errorOf = (conn: Conn, id: string) => conn.messages.find((m) => m.id === id && m.type === 'error');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A hand-made client frame announcing `size` bytes (masked with a zero key, so the payload bytes go
 * as they are), streamed from one reused buffer until the hub closes; returns the close code the hub sent.
 */
function hugeFrame(t: TestHub, size: number): Promise<number> {
  const url = new URL(t.hub.wsUrl);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let upgraded = false;
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(code);
    };
    socket.on('error', () => finish(-1));
    socket.on('close', () => finish(-2));
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!/^HTTP\/1\.1 101/.test(received.subarray(0, end).toString())) return reject(new Error(received.subarray(0, end).toString()));
        upgraded = true;
        received = received.subarray(end + 4);
        void send();
      }
      // The hub's close frame: 0x88, length, then the 2-byte code.
      if (received.length >= 4 && received[0] === 0x88) finish(received.readUInt16BE(2));
    });
    socket.write(
      `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    const send = async () => {
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(size), 2); // then a zero masking key
      socket.write(header);
      for (let sent = 0; sent < size && !done; sent += chunk.length) {
        if (!socket.write(chunk.subarray(0, Math.min(chunk.length, size - sent)))) {
          await new Promise<void>((r) => {
            socket.once('drain', r);
            socket.once('close', r);
          });
        }
      }
    };
  });
}

describe('WebSocket limits (graphql-ws)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      env: {
        MINYI_WS_INIT_TIMEOUT_MS: '700',
        MINYI_WS_MAX_CONNECTIONS: '12',
        MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS: '3',
        MINYI_WS_MAX_CONNECTIONS_PER_TOKEN: '3',
        MINYI_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        MINYI_WS_MAX_SUBSCRIPTIONS_PER_TOKEN: '5',
      },
    });
  });
  afterAll(() => t.close());

  const newToken = async (label: string) => (await createToken(t.em(), { role: Role.OPERATOR, label })).token;
  const newTokenWithId = async (label: string) => {
    const { token, record } = await createToken(t.em(), { role: Role.OPERATOR, label });
    return { token, id: record.id };
  };

  it('closes a socket sending a 1 MB frame with 1009 (default MINYI_WS_MAX_PAYLOAD_BYTES 64 KiB)', async () => {
    expect(t.hub.services.config.ws.maxPayloadBytes).toBe(65_536);
    const conn = await open(t, t.tokens.OPERATOR);
    expect(conn.isOpen()).toBe(true);
    conn.ws.send(JSON.stringify({ id: 'big', type: 'subscribe', payload: { query: `# ${'x'.repeat(1024 * 1024)}\n${SUBSCRIPTION}` } }));
    expect((await conn.closed).code).toBe(1009);
  });

  it('refuses six unauthenticated 64 MB frames at their header: 1009, no RSS jump, HTTP answers meanwhile', async () => {
    const rssBefore = process.memoryUsage().rss;
    const health: number[] = [];
    let flooding = true;
    const prober = (async () => {
      while (flooding) {
        const started = Date.now();
        const response = await fetch(t.hub.url.replace(/\/graphql$/, '/healthz'));
        expect(response.status).toBe(200);
        health.push(Date.now() - started);
        await sleep(20);
      }
    })();
    const codes: number[] = [];
    try {
      // Two waves of three (MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS is 3 here).
      for (const _wave of [1, 2]) {
        codes.push(...(await Promise.all(Array.from({ length: 3 }, () => hugeFrame(t, 64 * 1024 * 1024)))));
        await sleep(150); // the hub sees the first wave's sockets go
      }
    } finally {
      flooding = false;
      await prober;
    }
    expect(codes).toEqual([1009, 1009, 1009, 1009, 1009, 1009]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1000);
  });

  it('closes a socket that sends no connection_init within MINYI_WS_INIT_TIMEOUT_MS (4408)', async () => {
    const started = Date.now();
    const conn = await open(t, null, false);
    expect((await conn.closed).code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses the 4th unauthenticated socket from one address (HTTP 429), then accepts again once they are gone', async () => {
    const idle = await Promise.all([open(t, null, false), open(t, null, false), open(t, null, false)]);
    expect(idle.every((c) => c.isOpen())).toBe(true);
    const fourth = await open(t, null, false);
    expect((await fourth.closed).code).toBe(429);
    await Promise.all(idle.map((c) => c.close()));
    await sleep(100);
    const again = await open(t, t.tokens.OPERATOR);
    expect(again.isOpen()).toBe(true);
    await again.close();
  });

  it('closes a token’s connection beyond MINYI_WS_MAX_CONNECTIONS_PER_TOKEN with 4429; other tokens unaffected', async () => {
    const token = await newToken('ws per-token');
    const first = await Promise.all([open(t, token), open(t, token), open(t, token)]);
    expect(first.every((c) => c.isOpen())).toBe(true);
    const fourth = await open(t, token);
    const closed = await fourth.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/Too many connections/);
    const other = await open(t, t.tokens.ANALYST);
    expect(other.isOpen()).toBe(true);
    await first[0].close();
    await sleep(100);
    const replacement = await open(t, token);
    expect(replacement.isOpen()).toBe(true);
    await Promise.all([...first, replacement, other].map((c) => c.close()));
  });

  it('answers RATE_LIMITED to subscriptions beyond the per-connection and per-token caps', async () => {
    const token = await newToken('ws subscriptions');
    const a = await open(t, token);
    for (const id of ['1', '2', '3', '4']) a.subscribe(id);
    await waitFor(() => !!errorOf(a, '4'));
    expect(errorOf(a, '4').payload[0].extensions.code).toBe('RATE_LIMITED');
    expect(errorOf(a, '4').payload[0].message).toMatch(/每个连接最多 3 个订阅 \| At most 3 subscriptions per connection/);
    await sleep(200);
    expect(['1', '2', '3'].map((id) => errorOf(a, id))).toEqual([undefined, undefined, undefined]);

    const b = await open(t, token);
    for (const id of ['5', '6', '7']) b.subscribe(id);
    await waitFor(() => !!errorOf(b, '7'));
    expect(errorOf(b, '7').payload[0].extensions.code).toBe('RATE_LIMITED');
    expect(errorOf(b, '7').payload[0].message).toMatch(/At most 5 subscriptions per token/);
    await sleep(200);
    expect(errorOf(b, '5')).toBeUndefined();
    expect(errorOf(b, '6')).toBeUndefined();
    // Completing one frees its place.
    a.ws.send(JSON.stringify({ id: '1', type: 'complete' }));
    await sleep(200);
    b.subscribe('8');
    await sleep(300);
    expect(errorOf(b, '8')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses upgrades beyond MINYI_WS_MAX_CONNECTIONS (HTTP 503)', async () => {
    await sleep(200);
    const tokens = await Promise.all([0, 1, 2, 3].map((i) => newToken(`ws total ${i}`)));
    const conns: Conn[] = [];
    for (let i = 0; i < 12; i++) conns.push(await open(t, tokens[i % 4]));
    expect(conns.every((c) => c.isOpen())).toBe(true);
    const over = await open(t, t.tokens.ADMIN);
    expect((await over.closed).code).toBe(503);
    await conns[0].close();
    await sleep(100);
    const after = await open(t, t.tokens.ADMIN);
    expect(after.isOpen()).toBe(true);
    await Promise.all([...conns, after].map((c) => c.close()));
  });

  it('revokeToken closes the revoked token’s sockets (4403) within a second; another token’s stay open', async () => {
    await sleep(200);
    const a = await newTokenWithId('ws revoke a');
    const b = await newTokenWithId('ws revoke b');
    const [connA, connB] = await Promise.all([open(t, a.token), open(t, b.token)]);
    connA.subscribe('a');
    connB.subscribe('b');
    await sleep(200);
    const started = Date.now();
    const result = await revokeToken(t.em(), t.hub.services.bus, a.id);
    expect(result).toMatchObject({ tokenId: a.id, newlyRevoked: true });
    const closed = await connA.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/revoked/);
    expect(Date.now() - started).toBeLessThan(1000);
    await sleep(500);
    expect(connB.isOpen()).toBe(true);
    connB.subscribe('b2');
    await sleep(300);
    expect(errorOf(connB, 'b2')).toBeUndefined();
    // The revoked token cannot connect again; revoking again is harmless.
    expect((await (await open(t, a.token)).closed).code).toBe(4403);
    expect(await revokeToken(t.em(), t.hub.services.bus, a.id)).toMatchObject({ newlyRevoked: false });
    await connB.close();
  });

  it('re-checks the token on each subscribe: revoked behind the hub’s back → 4403 at the next subscribe', async () => {
    const c = await newTokenWithId('ws recheck');
    const conn = await open(t, c.token);
    conn.subscribe('first');
    await sleep(200);
    expect(errorOf(conn, 'first')).toBeUndefined();
    await t.em().execute('update api_token set revoked_at = now() where id = ?', [c.id]); // no event published
    await sleep(200);
    expect(conn.isOpen()).toBe(true);
    conn.subscribe('second');
    const closed = await conn.closed;
    expect(closed.code).toBe(4403);
  });
});
