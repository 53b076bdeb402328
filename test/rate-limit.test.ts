import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../src/config/config';
import { assertWithinRate, createRateLimiter, createRequestRateLimits } from '../src/http/rate-limit';
import type { Viewer } from '../src/auth/viewer';
import { Role } from '../src/auth/roles';
import { startTestHub, type TestHub } from './support/hub';

const viewer = (tokenId: number): Viewer => ({ tokenId, label: `t${tokenId}`, role: Role.OPERATOR }) as Viewer;

describe('token-bucket rate limiter (in memory, per instance)', () => {
  it('allows the burst, then the refill rate, per key; says when to retry', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 5, now: () => now });
    for (let i = 0; i < 5; i++) expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b')).toEqual({ ok: true }); // another key has its own bucket
    now = 500; // half a second: one token back
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
    now = 10_000; // refilled up to the burst, not beyond
    for (let i = 0; i < 5; i++) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    // A cost larger than what is left: refused, with the wait for it.
    now = 11_000;
    expect(limiter.take('a', 4)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 2)).toEqual({ ok: true });
  });

  it('rate 0 means no limit', () => {
    const limiter = createRateLimiter({ ratePerSecond: 0, burst: 1 });
    for (let i = 0; i < 1000; i++) expect(limiter.take('a').ok).toBe(true);
  });

  it('holds at most maxKeys buckets under a flood of distinct keys', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2, maxKeys: 100, now: () => now });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      limiter.take(`address:${i}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('counts a token per token id and a request without one per remote address, each with its own rate', () => {
    const limits = createRequestRateLimits({ perSecond: 1, burst: 3, anonymousPerSecond: 1, anonymousBurst: 1 }, () => 0);
    for (let i = 0; i < 3; i++) expect(limits.take(viewer(1), '10.0.0.1').ok).toBe(true);
    expect(limits.take(viewer(1), '10.0.0.2').ok).toBe(false); // the token, wherever it comes from
    expect(limits.take(viewer(2), '10.0.0.1').ok).toBe(true);
    expect(limits.take(null, '10.0.0.1').ok).toBe(true);
    expect(limits.take(null, '10.0.0.1').ok).toBe(false);
    expect(limits.take(null, '10.0.0.3').ok).toBe(true);
  });

  it('assertWithinRate throws RATE_LIMITED with a bilingual message, the wait, and HTTP 429 for Apollo', () => {
    const limits = createRequestRateLimits({ perSecond: 1, burst: 1, anonymousPerSecond: 1, anonymousBurst: 1 }, () => 0);
    assertWithinRate(limits, viewer(7), '127.0.0.1');
    let error: any;
    try {
      assertWithinRate(limits, viewer(7), '127.0.0.1');
    } catch (e) {
      error = e;
    }
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1, http: { status: 429 } });
    expect(error.extensions.http.headers.get('retry-after')).toBe('1');
    expect(error.message).toMatch(/请求过于频繁.*\| Too many requests/);
  });

  it('reads the limits from the environment, with defaults, and rejects bad values', () => {
    const config = loadConfig({});
    expect(config.rateLimit).toEqual({ perSecond: 50, burst: 100, anonymousPerSecond: 20, anonymousBurst: 200 });
    expect(config.ws).toEqual({
      maxPayloadBytes: 65_536,
      initTimeoutMs: 5000,
      maxConnections: 10_000,
      maxAnonymousPerAddress: 20,
      maxConnectionsPerToken: 20,
      maxSubscriptionsPerConnection: 50,
      maxSubscriptionsPerToken: 200,
    });
    expect(loadConfig({ MINYI_RATE_LIMIT_PER_SECOND: '0' }).rateLimit.perSecond).toBe(0);
    let problems: string[] = [];
    try {
      loadConfig({ MINYI_RATE_LIMIT_BURST: '0', MINYI_WS_MAX_PAYLOAD_BYTES: '10', MINYI_WS_MAX_CONNECTIONS_PER_TOKEN: 'many' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^MINYI_WS_MAX_PAYLOAD_BYTES="10" must be a whole number/),
      expect.stringMatching(/^MINYI_WS_MAX_CONNECTIONS_PER_TOKEN="many"/),
      expect.stringMatching(/^MINYI_RATE_LIMIT_BURST="0"/),
    ]);
  });
});

describe('rate limits on a running hub', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { MINYI_RATE_LIMIT_PER_SECOND: '1', MINYI_RATE_LIMIT_BURST: '3' } });
  });
  afterAll(() => t.close());

  it('answers RATE_LIMITED to WebSocket subscribe messages beyond the token’s rate', async () => {
    const ws = new WebSocket(t.hub.wsUrl, 'graphql-transport-ws');
    const messages: any[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.tokens.ANALYST}` } }));
    const until = Date.now() + 5000;
    while (!messages.some((m) => m.type === 'connection_ack') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    for (const id of ['1', '2', '3', '4', '5']) {
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { workOrderEvents { id } }' } }));
    }
    while (messages.filter((m) => m.type === 'error').length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors.map((m) => m.id).sort()).toEqual(['4', '5']);
    expect(errors[0].payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(errors[0].payload[0].message).toMatch(/请求过于频繁.*\| Too many requests/);
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it('submitChannelRecords: 15 aliases in one operation count as 15 requests against the channel’s 10/s; at most 10 go through', async () => {
    const sample = JSON.parse(readFileSync(join(__dirname, '..', 'connectors', 'push', 'fixtures', 'sample-request.json'), 'utf8')).records[1];
    const aliases = Array.from({ length: 15 }, (_, i) => i);
    const query = `mutation(${aliases.map((i) => `$r${i}: [JSONObject!]!`).join(', ')}) {
      ${aliases.map((i) => `s${i}: submitChannelRecords(channelCode: "wzgz", records: $r${i}) { status }`).join('\n      ')}
    }`;
    const variables = Object.fromEntries(aliases.map((i) => [`r${i}`, [{ ...sample, externalId: `RL-${i}` }]]));
    const result = await t.gql(t.tokens['CHANNEL:wzgz'], query, variables);

    const [{ n }] = await t.em().execute(`select count(*)::int as n from channel_record where external_id like 'RL-%'`);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(10);
    // Each alias is answered on its own (the field is nullable): the landed ones with their results,
    // every other one null with RATE_LIMITED.
    const data = result.data as Record<string, Array<{ status: string }> | null>;
    expect(Object.keys(data)).toHaveLength(15);
    const refused = Object.entries(data)
      .filter(([, v]) => v === null)
      .map(([k]) => k);
    expect(refused).toHaveLength(15 - n);
    expect(result.errors).toHaveLength(15 - n);
    for (const error of result.errors!) {
      expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      expect(error.message).toBe('每个渠道每秒最多提交 10 次，请 1 秒后重试 | At most 10 submissions per second per channel; retry in 1 s');
    }
    expect(result.errors!.map((e) => e.path![0]).sort()).toEqual(refused.sort());
  });

  it('GraphQL over HTTP: beyond the token’s burst, 429 RATE_LIMITED with Retry-After, before anything runs', async () => {
    const token = t.tokens.LEADER;
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(t.hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await limited!.json()) as { data?: unknown; errors: Array<{ extensions: { code: string; messageZh: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].extensions.messageZh).toMatch(/频繁/);
  });
});
