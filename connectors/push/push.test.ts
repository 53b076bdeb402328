import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startTestHub, type TestHub } from '../../test/support/hub';
import { mapPushRecord } from './mapping';
import { sign, verify } from './signature';
import { prng } from '../shared/testing';

const SAMPLE_SECRET = '5f0c8a2e9b7d41c3a6e8f2b4d0c9e7a1f3b5d7c9e1a3b5c7d9f1e3a5c7b9d1f3';
const SAMPLE_BODY = readFileSync(join(__dirname, 'fixtures', 'sample-request.json'));

describe('push-api.md §2 signature', () => {
  it('reproduces the spec sample’s signature byte for byte', () => {
    expect(sign(SAMPLE_SECRET, '1709604000', SAMPLE_BODY)).toBe('sha256=ff07f5fe48e839ec2ee716408437ddf81a8d7777b77baa4a537630349e9bd3ba');
    const headers = { timestamp: '1709604000', signature: 'sha256=ff07f5fe48e839ec2ee716408437ddf81a8d7777b77baa4a537630349e9bd3ba' };
    expect(verify(headers, SAMPLE_BODY, [SAMPLE_SECRET], 1709604000_000)).toEqual({ ok: true });
    expect(verify(headers, SAMPLE_BODY, ['0'.repeat(64), SAMPLE_SECRET], 1709604100_000)).toEqual({ ok: true }); // rotation: either secret
    expect(verify(headers, SAMPLE_BODY, [SAMPLE_SECRET], 1709604301_000)).toEqual({ ok: false, code: 'TIMESTAMP_SKEW' });
    expect(verify(headers, Buffer.concat([SAMPLE_BODY, Buffer.from(' ')]), [SAMPLE_SECRET], 1709604000_000)).toEqual({ ok: false, code: 'INVALID_SIGNATURE' });
    expect(verify({ timestamp: '1709604000', signature: 'sha256=XYZ' }, SAMPLE_BODY, [SAMPLE_SECRET], 1709604000_000)).toEqual({
      ok: false,
      code: 'MISSING_SIGNATURE',
    });
    // The key is the hex text's ASCII bytes, not the decoded bytes, and not upper-cased.
    expect(sign(SAMPLE_SECRET.toUpperCase(), '1709604000', SAMPLE_BODY)).not.toBe(headers.signature);
  });
});

describe('push-api.md §4 record validation', () => {
  const base = JSON.parse(SAMPLE_BODY.toString('utf8')).records[0];
  const now = new Date('2024-03-05T10:00:00+08:00');

  it.each([
    [{ regionCode: '360702' }, 'OUT_OF_JURISDICTION', '/records/0/regionCode: 360702 is outside 360704'],
    [{ regionCode: '360704999000' }, 'INVALID_REGION_CODE', '/records/0/regionCode'],
    [{ citizen: { name: 'x', idNumber: '360721199203051814' } }, 'INVALID_ID_NUMBER', '/records/0/citizen/idNumber'],
    [{ receivedAt: '2024-03-05T10:00:00+08:00', updatedAt: '2024-03-05T09:00:00+08:00' }, 'INVALID_TIME', '/records/0/receivedAt'],
    [{ updatedAt: '2024-03-06T10:00:00+08:00', receivedAt: '2024-03-06T09:00:00+08:00', occurredAt: null }, 'INVALID_TIME', 'in the future'],
    [{ receivedAt: '2024-03-05 08:12:40' }, 'SCHEMA_VIOLATION', '/records/0/receivedAt'],
    [{ receivedAt: '2024-02-30T08:12:40+08:00' }, 'SCHEMA_VIOLATION', '/records/0/receivedAt'],
    [{ surprise: 1 }, 'SCHEMA_VIOLATION', '/records/0/surprise: is not allowed'],
    [{ requestType: 'complain' }, 'SCHEMA_VIOLATION', '/records/0/requestType'],
    [{ citizen: { anonymous: true, name: '张三' } }, 'SCHEMA_VIOLATION', '/records/0/citizen'],
    [{ title: '' }, 'SCHEMA_VIOLATION', '/records/0/title'],
    [{ attachments: [{ name: 'a', url: 'http://x.cn/a', mimeType: 'image/png', size: 1 }] }, 'SCHEMA_VIOLATION', '/records/0/attachments/0/url'],
    [{ extra: { big: 'x'.repeat(17000) } }, 'SCHEMA_VIOLATION', '/records/0/extra'],
    [{ version: 0 }, 'SCHEMA_VIOLATION', '/records/0/version'],
  ])('rejects %j with %s', (change, code, message) => {
    const result = mapPushRecord({ ...base, ...change }, 0, now);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toContain(message);
    }
  });
});

describe('POST /intake/{channelCode} over real HTTP', () => {
  const SECRET = 'a1'.repeat(32);
  let t: TestHub;
  let intake: string;

  beforeAll(async () => {
    process.env.MINYI_CHANNEL_WZGZ_SECRET = `${'0f'.repeat(32)},${SECRET}`; // rotation: two valid secrets
    t = await startTestHub();
    intake = t.hub.url.replace('/graphql', '/intake');
  });
  afterAll(async () => {
    delete process.env.MINYI_CHANNEL_WZGZ_SECRET;
    await t.close();
  });

  async function post(
    body: Buffer | string,
    options: { channel?: string; ts?: number; secret?: string; headers?: Record<string, string>; method?: string } = {},
  ) {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
    const response = await fetch(`${intake}/${options.channel ?? 'wzgz'}`, {
      method: options.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-timestamp': ts,
        'x-hub-signature-256': sign(options.secret ?? SECRET, ts, bytes),
        ...options.headers,
      },
      body: options.method === 'GET' ? undefined : bytes,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  }

  const stored = async () => (await t.em().execute('select count(*)::int as n from channel_record'))[0].n as number;

  it('accepts the spec sample, then answers the same body with duplicates and the same work orders', async () => {
    const first = await post(SAMPLE_BODY);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ received: 2, accepted: 2, duplicate: 0, rejected: 0 });
    const codes = first.body.results.map((r: { workOrderId: string }) => r.workOrderId);
    expect(codes.every((c: string) => /^GX2024030\d{7,}$/.test(c))).toBe(true);
    const again = await post(SAMPLE_BODY);
    expect(again.body).toMatchObject({ accepted: 0, duplicate: 2, rejected: 0 });
    expect(again.body.results.map((r: { workOrderId: string }) => r.workOrderId)).toEqual(codes);

    const order = await t.gql(
      t.tokens['CHANNEL:wzgz'],
      'query($c: String) { workOrder(code: $c) { channel { code } requestType region { name } citizen { name phone } sources { externalId externalVersion channelStatus } timeline { type } } }',
      { c: codes[0] },
    );
    expect(order.data.workOrder).toEqual({
      channel: { code: 'wzgz' },
      requestType: 'COMPLAINT',
      region: { name: '湖江镇' },
      citizen: { name: '肖**', phone: '138****2345' },
      sources: [{ externalId: 'WZGZ-2024-0305-00871', externalVersion: 'v:2', channelStatus: '已转办' }],
      timeline: [{ type: 'CREATED' }],
    });
  });

  it('applies a newer version, refuses an older one and a changed one under the same key', async () => {
    const record = JSON.parse(SAMPLE_BODY.toString('utf8')).records[0];
    const newer = await post(JSON.stringify({ records: [{ ...record, version: 3, channelStatus: '已办结', updatedAt: '2024-03-06T09:20:00+08:00' }] }));
    expect(newer.body.results[0]).toMatchObject({ status: 'accepted' });
    const older = await post(JSON.stringify({ records: [{ ...record, version: 1 }] }));
    expect(older.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'STALE_VERSION' } });
    const changed = await post(JSON.stringify({ records: [{ ...record, version: 3, content: '内容改了', updatedAt: '2024-03-06T09:20:00+08:00' }] }));
    expect(changed.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICTING_DUPLICATE' } });
    const mode = await post(
      JSON.stringify({ records: [{ ...Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'version')), updatedAt: '2024-03-07T09:20:00+08:00' }] }),
    );
    expect(mode.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'VERSION_MODE_MISMATCH' } });
    const view = await t.gql(t.tokens.OPERATOR, 'query($c: String) { workOrder(code: $c) { sources { channelStatus } timeline { type } } }', {
      c: newer.body.results[0].workOrderId,
    });
    expect(view.data.workOrder.sources[0].channelStatus).toBe('已办结');
    expect(view.data.workOrder.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'UPDATED']);
  });

  it('rejects bad records one by one and keeps the good ones', async () => {
    const record = JSON.parse(SAMPLE_BODY.toString('utf8')).records[1];
    const result = await post(
      JSON.stringify({
        records: [
          { ...record, externalId: 'OK-1' },
          { ...record, externalId: 'BAD-1', regionCode: '360702' },
        ],
      }),
    );
    expect(result.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.body.results[1]).toEqual({
      index: 1,
      externalId: 'BAD-1',
      status: 'rejected',
      reason: { code: 'OUT_OF_JURISDICTION', message: '/records/1/regionCode: 360702 is outside 360704' },
    });
  });

  it.each([
    ['an unknown channel', { channel: 'nope' }, 404, 'UNKNOWN_CHANNEL'],
    ['a pulled channel', { channel: '12315' }, 404, 'UNKNOWN_CHANNEL'],
    ['a channel without a secret', { channel: 'gwy-dc' }, 403, 'CHANNEL_DISABLED'],
    ['GET', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
    ['a wrong content type', { headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a charset other than utf-8', { headers: { 'content-type': 'application/json; charset=gbk' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a bad signature', { secret: 'b2'.repeat(32) }, 401, 'INVALID_SIGNATURE'],
    ['an old timestamp (a replayed request)', { ts: Math.floor(Date.now() / 1000) - 301 }, 401, 'TIMESTAMP_SKEW'],
    ['no signature', { headers: { 'x-hub-signature-256': '' } }, 401, 'MISSING_SIGNATURE'],
  ])('refuses %s with %i %s and stores nothing', async (_name, options, status, code) => {
    const before = await stored();
    const result = await post(SAMPLE_BODY, options as never);
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(result.body.requestId).toBeTruthy();
    expect(await stored()).toBe(before);
  });

  it('refuses a gzip body, an oversize body, bad JSON and bad envelopes', async () => {
    const before = await stored();
    expect((await post(gzipSync(SAMPLE_BODY), { headers: { 'content-encoding': 'gzip' } })).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await post(Buffer.alloc(5 * 1024 * 1024 + 1, 32))).status).toBe(413);
    expect((await post('{"records": [')).body.error.code).toBe('INVALID_JSON');
    expect((await post(Buffer.from([0x7b, 0xff, 0x7d]))).body.error.code).toBe('INVALID_JSON');
    expect((await post('{"records": []}')).body.error.code).toBe('INVALID_ENVELOPE');
    expect((await post('{"records": [], "more": 1}')).body.error.code).toBe('INVALID_ENVELOPE');
    expect((await post(JSON.stringify({ records: Array.from({ length: 101 }, () => ({})) }))).body.error.code).toBe('TOO_MANY_RECORDS');
    expect(await stored()).toBe(before);
  });

  it('takes the same records over GraphQL from the channel’s own token only (submitChannelRecords)', async () => {
    const SUBMIT =
      'mutation($c: String!, $r: [JSONObject!]!) { submitChannelRecords(channelCode: $c, records: $r) { index externalId status workOrderId reason { code message } } }';
    const record = { ...JSON.parse(SAMPLE_BODY.toString('utf8')).records[1], externalId: 'GQL-1' };
    const ok = await t.gql(t.tokens['CHANNEL:wzgz'], SUBMIT, { c: 'wzgz', r: [record, { ...record, externalId: 'GQL-2', regionCode: '360702' }] });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.submitChannelRecords[0]).toMatchObject({ index: 0, externalId: 'GQL-1', status: 'accepted' });
    expect(ok.data.submitChannelRecords[1]).toMatchObject({ status: 'rejected', reason: { code: 'OUT_OF_JURISDICTION' } });
    expect((await t.gql(t.tokens['CHANNEL:wzgz'], SUBMIT, { c: 'wzgz', r: [record] })).data.submitChannelRecords[0].status).toBe('duplicate');
    const other = await t.gql(t.tokens['CHANNEL:wzgz'], SUBMIT, { c: 'wzjx', r: [record] });
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const operator = await t.gql(t.tokens.OPERATOR, SUBMIT, { c: 'wzgz', r: [record] });
    expect(operator.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('limits each channel to 10 requests per second, with Retry-After', async () => {
    // 40 at once land in at most a few one-second windows, so at least one window overflows.
    const results = await Promise.all(Array.from({ length: 40 }, () => post(SAMPLE_BODY)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body.error.code).toBe('RATE_LIMITED');
    expect(limited[0].headers.get('retry-after')).toBe('1');
  });
});

describe('push-api.md record validation fuzz', () => {
  it('answers each of 12,000 mutated records accepted or rejected with a §6 code; never throws, never echoes a personal value', () => {
    const random = prng(2024);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const now = new Date('2024-03-05T10:00:00+08:00');
    const samples = JSON.parse(SAMPLE_BODY.toString('utf8')).records as Array<Record<string, unknown>>;
    const nasty: unknown[] = [
      null,
      undefined,
      0,
      -1,
      1.5,
      1e308,
      true,
      '',
      ' ',
      [],
      {},
      [null],
      { a: { b: [1] } },
      'x'.repeat(100_000),
      '诉'.repeat(25_000),
      '2024-02-30T08:12:40+08:00',
      '2024-03-05 08:12:40',
      '2099-01-01T00:00:00+08:00',
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '１３８７０７１２３４５',
      '\ud800',
      'a\u0000b',
      '\u202eevil',
      '360702',
      '360704999000',
      '360704109000',
      'COMPLAINT',
      'complaint',
      '13870712345',
      '360721199203051814',
      '__proto__',
      'constructor',
      'v:2',
      2,
    ];
    const personal = ['13870712345', '360721199203051813', '360721199203051814', '肖文杰', '１３８７０７１２３４５'];
    const fields = [
      'externalId',
      'version',
      'requestType',
      'title',
      'content',
      'regionCode',
      'receivedAt',
      'updatedAt',
      'occurredAt',
      'categoryHint',
      'channelStatus',
      'urgency',
      'address',
      'citizen',
      'attachments',
      'extra',
      'surprise',
    ];
    const citizenFields = ['name', 'phone', 'idNumber', 'address', 'anonymous'];
    const codes = new Set(['SCHEMA_VIOLATION', 'INVALID_ID_NUMBER', 'INVALID_REGION_CODE', 'OUT_OF_JURISDICTION', 'INVALID_TIME', 'VERSION_MODE_MISMATCH']);
    let accepted = 0;
    for (let n = 0; n < 12_000; n++) {
      const record: Record<string, unknown> = structuredClone(pick(samples));
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        if (random() < 0.3 && record.citizen && typeof record.citizen === 'object') {
          (record.citizen as Record<string, unknown>)[pick(citizenFields)] = pick(nasty);
        } else if (random() < 0.15) {
          delete record[pick(fields)];
        } else {
          record[pick(fields)] = pick(nasty);
        }
      }
      const result = mapPushRecord(random() < 0.03 ? pick(nasty) : record, n, now);
      if (result.ok) {
        accepted++;
        expect(result.record.externalId.length).toBeGreaterThan(0);
      } else {
        expect(codes.has(result.code)).toBe(true);
        expect(result.message.length).toBeGreaterThan(0);
        for (const value of personal) expect(result.message).not.toContain(value);
      }
    }
    // Both outcomes occur in quantity: the fuzz reaches past the first check.
    expect(accepted).toBeGreaterThan(500);
    expect(12_000 - accepted).toBeGreaterThan(5000);
  });
});
