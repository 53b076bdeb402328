import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { join } from 'node:path';
import type { CanonicalRecord, MapResult } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint } from '../../src/ingest/connector';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { TOWNSHIPS } from '../../src/reference/townships';
import { arrayElementTexts, propertyValueText } from '../shared/json-items';
import { codePointLength, storableText } from '../shared/text';
import { BoardRejectedError, ConnectorBoard, type CheckpointBoard } from './client';
import { ConfigError, loadConfigBoard, makeConfigBoard } from './config';
import { escapeHtml, unescapeHtml } from './html';
import { failure, prng, traversePages } from '../shared/testing';
import { manifest } from './manifest';
import { boardDetails, mapThread, mapThreadObject } from './mapping';
import { percentEncode, sign, signatureHeaders, sortedQuery, stringToSign } from './signing';
import { SAMPLE_APP_KEY, SAMPLE_SECRET, SimulatorBoard, type SimulatorOptions } from './simulator';
import { ChannelMode } from '../../src/reference/vocabulary';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const samplePageText = fixture('threads-page.json');
const samplePage = JSON.parse(samplePageText) as { data: { records: Array<Record<string, unknown>> } };
const READ = '2024-03-03T10:00:00.000+08:00';

const mapObject = (o: unknown, version: string | null = READ): MapResult => mapThread({ text: JSON.stringify(o), version });
const okRecord = (result: MapResult): CanonicalRecord => {
  if (!result.ok) throw new Error(`expected a mapped record, got ${result.code}: ${result.message}`);
  return result.record;
};
const sample = (i = 0) => structuredClone(samplePage.data.records[i]);

// ── client helpers ──────────────────────────────────────────────────────────────────────────────
const running: Array<{ stop(): unknown }> = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function startSim(options: SimulatorOptions = {}): Promise<SimulatorBoard> {
  const sim = await SimulatorBoard.start({ ratePerSecond: 1000, ...options });
  running.push(sim);
  return sim;
}

function connect(
  sim: SimulatorBoard,
  o: { secret?: string; pageSize?: number; windowHours?: number; requestTimeoutMs?: number; startWatermark?: string; skewMs?: number } = {},
) {
  const connector = new ConnectorBoard(
    makeConfigBoard({
      baseUrl: sim.url,
      appKey: SAMPLE_APP_KEY,
      appSecret: o.secret ?? SAMPLE_SECRET,
      pageSize: o.pageSize ?? 50,
      windowHours: o.windowHours,
      requestTimeoutMs: o.requestTimeoutMs ?? 2000,
      startWatermark: o.startWatermark,
    }),
    { now: () => new Date(sim.now().getTime() + (o.skewMs ?? 0)) },
  );
  running.push({ stop: () => connector.close() });
  return connector;
}

function traverse(connector: ConnectorBoard, checkpoint: Checkpoint = {}) {
  return traversePages<CheckpointBoard>(connector, checkpoint, 1000, 'runaway traversal');
}

function signedFetch(
  sim: SimulatorBoard,
  method: string,
  pathAndQuery: string,
  init: { body?: string; timestamp?: number; nonce?: string; secret?: string } = {},
) {
  const [path, rawQuery = ''] = pathAndQuery.split('?');
  // Signed as the board reads the query: decoded (form rules, '+' = space), then §2 sorted and encoded.
  const decode = (t: string) => decodeURIComponent(t.replace(/\+/g, ' '));
  const query = sortedQuery(
    rawQuery
      .split('&')
      .filter(Boolean)
      .map((p) => [decode(p.split('=')[0]), decode(p.split('=').slice(1).join('='))] as [string, string]),
  );
  const headers = signatureHeaders(
    { appKey: SAMPLE_APP_KEY, appSecret: init.secret ?? SAMPLE_SECRET },
    { method, path, query, timestampSeconds: init.timestamp ?? Math.floor(sim.now().getTime() / 1000), nonce: init.nonce },
  );
  const origin = sim.url.replace(/\/board\/v2$/, '');
  return fetch(`${origin}${pathAndQuery}`, {
    method,
    headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}) },
    body: init.body,
  });
}

// ── manifest, configuration ─────────────────────────────────────────────────────────────────────
describe('board manifest and configuration', () => {
  it('declares the channel', () => {
    expect(manifest).toEqual({
      code: 'board',
      name: expect.stringContaining('留言板'),
      mode: ChannelMode.FORWARD,
      specVersion: '1.0',
      originStatus: expect.anything(),
    });
  });

  it('carries its row of the README table "Origin status → hub action"', () => {
    expect(manifest.originStatus).toEqual({ cancel: ['withdrawn'], terminal: ['evaluated', 'withdrawn'], echo: { replied: ['RESULT'] } });
  });

  it('reads the environment with defaults, and never shows the secret', () => {
    const config = loadConfigBoard({
      MINYI_BOARD_URL: 'https://liuyan.example.cn/board/v2/',
      MINYI_BOARD_APP_KEY: SAMPLE_APP_KEY,
      MINYI_BOARD_APP_SECRET: SAMPLE_SECRET,
    });
    expect([config.baseUrl, config.appKey, config.startWatermark, config.windowHours, config.pageSize]).toEqual([
      'https://liuyan.example.cn/board/v2',
      SAMPLE_APP_KEY,
      '2024-03-01T00:00:00+08:00',
      168,
      50,
    ]);
    expect(config.appSecret).toBe(SAMPLE_SECRET);
    expect(JSON.stringify(config)).not.toContain(SAMPLE_SECRET);
    expect(inspect(config)).not.toContain(SAMPLE_SECRET);
    expect(inspect(config)).toContain('redacted');
  });

  it('lists every problem, bilingual, without the secret', () => {
    let error: ConfigError | null = null;
    try {
      loadConfigBoard({
        MINYI_BOARD_URL: 'http://liuyan.example.cn/board/v2',
        MINYI_BOARD_APP_SECRET: 'short secret',
        MINYI_BOARD_PAGE_SIZE: '51',
        MINYI_BOARD_WINDOW_HOURS: '169',
        MINYI_BOARD_START: '2024-03-01 00:00:00',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    for (const re of [
      /MINYI_BOARD_APP_KEY is not set \/ 未设置/,
      /须使用 HTTPS/,
      /MINYI_BOARD_APP_SECRET .*应用密钥/,
      /PAGE_SIZE .*1–50/,
      /WINDOW_HOURS .*1–168/,
      /MINYI_BOARD_START/,
    ])
      expect(text).toMatch(re);
    expect(text).not.toContain('short secret');
  });
});

// ── signing ─────────────────────────────────────────────────────────────────────────────────────
describe('board request signing (§2)', () => {
  it('reproduces the worked example byte for byte', () => {
    const query = sortedQuery([
      ['to', '2024-03-03T00:00:00+08:00'],
      ['pageSize', '20'],
      ['from', '2024-03-02T00:00:00+08:00'],
      ['pageNo', '1'],
    ]);
    expect(query).toBe('from=2024-03-02T00%3A00%3A00%2B08%3A00&pageNo=1&pageSize=20&to=2024-03-03T00%3A00%3A00%2B08%3A00');
    const text = stringToSign('GET', '/board/v2/threads', query, '1709431200', 'k3Jd9sLq0ZpX7wEr');
    expect(text).toBe(fixture('string-to-sign.txt'));
    expect(sign(SAMPLE_SECRET, text)).toBe('1559092f17329d591fe1e837324b26bc1111b1a4c3fa5e245b87e0cab08efa5f');
  });

  it('reproduces the reply sample signature (empty query)', () => {
    const text = stringToSign('POST', '/board/v2/threads/18823457/replies', '', '1709877600', 'Q8vN2mXc5TbL1rZa');
    expect(text).toBe('POST\n/board/v2/threads/18823457/replies\n\n1709877600\nQ8vN2mXc5TbL1rZa');
    expect(sign(SAMPLE_SECRET, text)).toBe('39ea1a26b37ea44a23a36a3d8b43b7de5efe2d63132df2bff22e00fe17bf17d8');
  });

  it('percent-encodes per RFC 3986 with uppercase hex, sorting by encoded name then value', () => {
    expect(percentEncode("a-._~ !*'()+/中")).toBe('a-._~%20%21%2A%27%28%29%2B%2F%E4%B8%AD');
    expect(
      sortedQuery([
        ['b', '2'],
        ['a', 'z'],
        ['a', 'B'],
        ['A', '1'],
      ]),
    ).toBe('A=1&a=B&a=z&b=2');
    expect(sortedQuery([])).toBe('');
  });

  it('the client sends the worked example request exactly', async () => {
    const sim = await startSim({ clock: '2024-03-03T10:00:00+08:00', frozen: true });
    const connector = connect(sim, { pageSize: 20 });
    const page = await connector.fetchPage({
      watermark: '2024-03-03T00:00:00+08:00',
      window: { from: '2024-03-02T00:00:00+08:00', to: '2024-03-03T00:00:00+08:00', pageNo: 1, last: true },
    });
    expect(sim.stats.last?.url).toBe('/board/v2/threads?from=2024-03-02T00%3A00%3A00%2B08%3A00&pageNo=1&pageSize=20&to=2024-03-03T00%3A00%3A00%2B08%3A00');
    const h = sim.stats.last!.headers;
    expect([h['x-app-key'], h['x-timestamp']]).toEqual([SAMPLE_APP_KEY, '1709431200']);
    expect(h['x-nonce']).toMatch(/^[A-Za-z0-9]{16,32}$/);
    expect(h['x-sign']).toBe(sign(SAMPLE_SECRET, fixture('string-to-sign.txt').replace('k3Jd9sLq0ZpX7wEr', h['x-nonce'] as string)));
    expect(page.records.map((r) => r.externalId)).toEqual(['18823457', '18825102', '18826630']);
    expect(page.done).toBe(true);
  });
});

// ── mapping ─────────────────────────────────────────────────────────────────────────────────────
describe('board mapping: the spec samples', () => {
  it('delimits the records of the §8 page as their exact texts', () => {
    const texts = arrayElementTexts(propertyValueText(samplePageText, 'data')!, 'records')!;
    expect(texts).toHaveLength(3);
    texts.forEach((text, i) => {
      expect(samplePageText).toContain(text);
      expect(text.startsWith('{"tid": ')).toBe(true);
      expect(JSON.parse(text)).toEqual(samplePage.data.records[i]);
    });
  });

  it('follows the README rows for board', () => {
    const [a, b, c] = samplePage.data.records.map((t) => okRecord(mapObject(t)));
    expect([a.requestType, b.requestType, c.requestType]).toEqual([RequestType.COMPLAINT, RequestType.SUGGESTION, RequestType.PRAISE]);
    const types: Array<[string, RequestType]> = [
      ['咨询', RequestType.CONSULTATION],
      ['求助', RequestType.HELP],
      ['投诉', RequestType.COMPLAINT],
      ['建言', RequestType.SUGGESTION],
      ['感谢', RequestType.PRAISE],
      ['其他', RequestType.OTHER],
    ];
    for (const [msgType, type] of types) expect(okRecord(mapObject({ ...sample(0), msgType })).requestType).toBe(type);
    expect(a.externalId).toBe('18823457'); // tid as string
    expect(a.categoryHint).toBe('城建');
    expect(a.title).toBe('梅林镇城北小区门口道路破损严重，何时修复？');
    expect(a.content).toContain('社区说"没有资金"');
    expect(b.content).toContain('冷链仓储&分拣中心');
    expect(a.citizen).toEqual({ name: null, phone: '13979712345', idNumber: null, anonymous: false }); // nickName is not a name
    expect(b.citizen).toEqual({ name: null, phone: null, idNumber: null, anonymous: true });
    expect([a.regionCode, a.address, a.urgency, a.channelStatus]).toEqual(['360704', null, Urgency.NORMAL, 'pending']);
    expect(a.receivedAt.toISOString()).toBe('2024-03-01T13:47:09.000Z'); // createTime, not auditTime
    expect(okRecord(mapObject({ ...sample(0), createTime: '2024-03-02T09:15:40+08:00' })).receivedAt.toISOString()).toBe('2024-03-02T01:15:40.000Z'); // README example
    expect(a.deadlines?.handleBy?.toISOString()).toBe('2024-03-22T15:59:59.000Z');
    expect(b.deadlines).toBeUndefined();
    expect([a.version, a.versionOrder]).toEqual([READ, Date.parse('2024-03-03T02:00:00Z')]);
    expect(okRecord(mapObject({ ...sample(0), regionCode: '360704106203' })).regionCode).toBe('360704106000');
    for (const s of samplePage.data.records) expect(okRecord(mapObject(s)).warnings).toEqual([]);
  });

  it('a later read of the same thread is a newer version; the text alone cannot tell identical re-reads apart', () => {
    const first = okRecord(mapObject(sample(0), '2024-03-03T10:00:00.000+08:00'));
    const again = okRecord(mapObject(sample(0), '2024-03-04T10:00:00.000+08:00'));
    const replied = okRecord(mapObject({ ...sample(0), status: 'replied' }, '2024-03-09T10:00:00.000+08:00'));
    expect(again.versionOrder).toBeGreaterThan(first.versionOrder);
    expect(replied.versionOrder).toBeGreaterThan(again.versionOrder);
    expect(replied.channelStatus).toBe('replied');
    const { version: _v1, versionOrder: _o1, ...restFirst } = first;
    const { version: _v2, versionOrder: _o2, ...restAgain } = again;
    expect(restAgain).toEqual(restFirst);
  });

  it('keeps nickName as a display name, outside the citizen', () => {
    const details = boardDetails({ text: JSON.stringify(sample(0)) });
    expect(details).toEqual({
      displayName: '赣县老表2023',
      isPublic: true,
      leader: { name: '刘建平', title: '区长', org: '赣州市赣县区人民政府' },
      auditTime: new Date('2024-03-02T01:15:40Z'),
      attachments: [{ url: 'https://img.liuyan.example.cn/2024/03/01/a91f3c.jpg?sig=7c2e9d&exp=1709946940', type: 'image' }],
    });
    expect(JSON.stringify(okRecord(mapObject(sample(0))))).not.toContain('赣县老表2023');
    expect(boardDetails({ text: '[1]' })).toBeNull();
  });
});

describe('board HTML unescaping (§4: exactly once)', () => {
  it.each([
    ['&amp; &lt; &gt; &quot; &#39;', `& < > " '`],
    ['&amp;quot;', '&quot;'],
    ['&amp;amp;lt;', '&amp;lt;'],
    ['&amp;#39;', '&#39;'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['&nbsp;&#x27;&#34;&AMP;', '&nbsp;&#x27;&#34;&AMP;'],
    ['&&amp;;', '&&;'],
    ['无实体', '无实体'],
  ])('%s → %s', (escaped, plain) => {
    expect(unescapeHtml(escaped)).toBe(plain);
  });

  it('escape then unescape is the identity; a double escape comes back escaped once', () => {
    for (const s of [`a&b<c>"d"'e'`, '&amp;', '😀&#39;', '']) {
      expect(unescapeHtml(escapeHtml(s))).toBe(s);
      expect(unescapeHtml(escapeHtml(escapeHtml(s)))).toBe(escapeHtml(s));
    }
  });

  it('maps nested escapes once and flags text the board did not escape', () => {
    const r = okRecord(mapObject({ ...sample(0), title: '&amp;quot;标题&amp;quot;', content: '内容&amp;lt;b&amp;gt;' }));
    expect([r.title, r.content]).toEqual(['&quot;标题&quot;', '内容&lt;b&gt;']);
    expect(r.warnings).toEqual([]);
    const raw = okRecord(mapObject({ ...sample(0), content: '<b>"粗体"</b> & 其他' }));
    expect(raw.content).toBe('<b>"粗体"</b> & 其他');
    expect(raw.warnings).toContainEqual(expect.objectContaining({ field: 'content', code: 'NOT_HTML_ESCAPED' }));
  });
});

describe('board mapping: quarantine (identity only)', () => {
  const withTid = (tid: unknown) => JSON.stringify({ ...sample(0), tid });
  const cases: Array<[string, string, string | null, string]> = [
    ['not JSON', '{"tid": 18823457,', READ, 'UNPARSEABLE'],
    ['empty text', '', READ, 'UNPARSEABLE'],
    ['an array', '[1,2]', READ, 'UNPARSEABLE'],
    ['null', 'null', READ, 'UNPARSEABLE'],
    ['tid missing', withTid(undefined), READ, 'INVALID_EXTERNAL_ID'],
    ['tid null', withTid(null), READ, 'INVALID_EXTERNAL_ID'],
    ['tid zero', withTid(0), READ, 'INVALID_EXTERNAL_ID'],
    ['tid negative', withTid(-5), READ, 'INVALID_EXTERNAL_ID'],
    ['tid fractional', withTid(1.5), READ, 'INVALID_EXTERNAL_ID'],
    ['tid ≥ 2^53', '{"tid": 9007199254740993}', READ, 'INVALID_EXTERNAL_ID'],
    ['tid a word', withTid('abc'), READ, 'INVALID_EXTERNAL_ID'],
    ['tid an object', withTid({ id: 1 }), READ, 'INVALID_EXTERNAL_ID'],
    ['read time missing', withTid(18823457), null, 'INVALID_VERSION'],
    ['read time garbage', withTid(18823457), 'yesterday', 'INVALID_VERSION'],
    ['read time without offset', withTid(18823457), '2024-03-03T10:00:00', 'INVALID_VERSION'],
  ];
  it.each(cases)('%s → %s', (_name, text, version, code) => {
    const result = mapThread({ text, version });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).not.toMatch(/13979712345|赣县老表/);
    if (code === 'INVALID_VERSION') expect(result.externalId).toBe('18823457');
  });

  it('a tid sent as a decimal string is used, with a warning', () => {
    const r = okRecord(mapObject({ ...sample(0), tid: '18823457' }));
    expect(r.externalId).toBe('18823457');
    expect(r.warnings).toContainEqual(expect.objectContaining({ field: 'tid', code: 'INVALID_TYPE' }));
  });
});

describe('board mapping: warnings (mapped anyway, field named, no personal value)', () => {
  const personal = ['13979712345', '赣县老表2023', '城北小区', '1397971'];
  const cases: Array<[string, Record<string, unknown>, string, string, (r: CanonicalRecord) => void]> = [
    ['unknown msgType', { msgType: '举报' }, 'msgType', 'UNKNOWN_VALUE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['msgType missing', { msgType: undefined }, 'msgType', 'MISSING', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['msgType a number', { msgType: 3 }, 'msgType', 'INVALID_TYPE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['unknown domain', { domain: '文旅' }, 'domain', 'UNKNOWN_VALUE', (r) => expect(r.categoryHint).toBe('文旅')],
    ['domain missing', { domain: null }, 'domain', 'MISSING', (r) => expect(r.categoryHint).toBeNull()],
    ['title missing', { title: undefined }, 'title', 'MISSING', (r) => expect(codePointLength(r.title)).toBe(30)],
    ['title over 50', { title: '路'.repeat(51) }, 'title', 'TOO_LONG', (r) => expect(r.title).toHaveLength(51)],
    ['title with a line break', { title: '第一行\n第二行' }, 'title', 'LINE_BREAK', (r) => expect(r.title).toBe('第一行 第二行')],
    ['content missing', { content: undefined }, 'content', 'MISSING', (r) => expect(r.content).toBe('')],
    ['content over 3000', { content: '路'.repeat(3001) }, 'content', 'TOO_LONG', (r) => expect(r.content).toHaveLength(3001)],
    ['content with a lone surrogate', { content: '路\ud800坏' }, 'content', 'INVALID_UNICODE', (r) => expect(r.content).toBe('路\ufffd坏')],
    ['content not escaped', { content: '1 < 2' }, 'content', 'NOT_HTML_ESCAPED', (r) => expect(r.content).toBe('1 < 2')],
    ['phone not a phone', { phone: '12345' }, 'phone', 'INVALID_PHONE', (r) => expect(r.citizen?.phone).toBe('12345')],
    ['phone with +86', { phone: '+86 139 7971 2345' }, 'phone', 'INVALID_FORMAT', (r) => expect(r.citizen?.phone).toBe('13979712345')],
    [
      'phone a number',
      { phone: 13979712345 },
      'phone',
      'INVALID_TYPE',
      (r) => expect(r.citizen).toEqual({ name: null, phone: null, idNumber: null, anonymous: true }),
    ],
    ['nickName missing', { nickName: undefined }, 'nickName', 'MISSING', (r) => expect(r.citizen?.name).toBeNull()],
    ['nickName over 30', { nickName: '网'.repeat(31) }, 'nickName', 'TOO_LONG', (r) => expect(r.citizen?.name).toBeNull()],
    ['regionCode outside the county', { regionCode: '360702' }, 'regionCode', 'OUTSIDE_COUNTY', (r) => expect(r.regionCode).toBe('360704')],
    ['regionCode missing', { regionCode: undefined }, 'regionCode', 'MISSING', (r) => expect(r.regionCode).toBe('360704')],
    ['regionCode unknown township', { regionCode: '360704999000' }, 'regionCode', 'UNKNOWN_TOWNSHIP', (r) => expect(r.regionCode).toBe('360704')],
    [
      'createTime invalid',
      { createTime: '2024-02-30T10:00:00+08:00' },
      'createTime',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-02T01:15:40.000Z'),
    ],
    [
      'createTime and auditTime missing',
      { createTime: null, auditTime: null },
      'createTime',
      'FALLBACK',
      (r) => expect(r.receivedAt.getTime()).toBe(r.versionOrder),
    ],
    [
      'createTime without offset',
      { createTime: '2024-03-01T21:47:09' },
      'createTime',
      'MISSING_OFFSET',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-01T13:47:09.000Z'),
    ],
    [
      'createTime in UTC',
      { createTime: '2024-03-01T13:47:09Z' },
      'createTime',
      'NONSTANDARD_FORMAT',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-01T13:47:09.000Z'),
    ],
    [
      'auditTime before createTime',
      { auditTime: '2024-03-01T20:00:00+08:00' },
      'auditTime',
      'BEFORE_CREATE_TIME',
      (r) => expect(r.externalId).toBe('18823457'),
    ],
    ['dueTime invalid', { dueTime: 'soon' }, 'dueTime', 'INVALID_DATE', (r) => expect(r.deadlines).toBeUndefined()],
    ['unknown status', { status: 'archived' }, 'status', 'UNKNOWN_VALUE', (r) => expect(r.channelStatus).toBe('archived')],
    ['status missing', { status: undefined }, 'status', 'MISSING', (r) => expect(r.channelStatus).toBeNull()],
    ['status too long', { status: 'x'.repeat(33) }, 'status', 'TOO_LONG', (r) => expect(r.channelStatus).toBeNull()],
    ['leader a string', { leader: '刘建平' }, 'leader', 'INVALID_TYPE', (r) => expect(r.externalId).toBeTruthy()],
    ['leader without org', { leader: { name: '刘建平', title: '区长' } }, 'leader.org', 'MISSING', (r) => expect(r.externalId).toBeTruthy()],
    ['isPublic a string', { isPublic: 'yes' }, 'isPublic', 'INVALID_TYPE', (r) => expect(r.externalId).toBeTruthy()],
    ['attachments missing', { attachments: null }, 'attachments', 'MISSING', (r) => expect(r.externalId).toBeTruthy()],
    [
      'ten attachments',
      { attachments: Array.from({ length: 10 }, () => ({ url: 'https://h/a.jpg', type: 'image' })) },
      'attachments',
      'TOO_MANY',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
    [
      'attachment over http',
      { attachments: [{ url: 'http://h/a.jpg', type: 'image' }] },
      'attachments[0].url',
      'INVALID_FORMAT',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
    [
      'attachment type audio',
      { attachments: [{ url: 'https://h/a.mp3', type: 'audio' }] },
      'attachments[0].type',
      'UNKNOWN_VALUE',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
    ['unknown extra field', { realName: '张三' }, 'realName', 'UNKNOWN_FIELD', (r) => expect(r.citizen?.name).toBeNull()],
  ];
  it.each(cases)('%s', (_name, patch, field, code, check) => {
    const record = okRecord(mapObject({ ...sample(0), ...patch }));
    expect(record.warnings).toContainEqual(expect.objectContaining({ field, code }));
    check(record);
    for (const w of record.warnings) {
      for (const value of personal) expect(w.message).not.toContain(value);
      expect(w.message).not.toContain('张三');
      expect(w.message.length).toBeLessThan(300);
    }
  });
});

// ── the client against the simulator ───────────────────────────────────────────────────────────
describe('board client against the simulator: pull', () => {
  it('traverses consecutive windows and pages from W − 2 min, once per tid, and advances W', async () => {
    const sim = await startSim({ clock: '2024-03-06T12:00:00+08:00', frozen: true });
    // 9 more threads over three days; one sits in the 2-min overlap of two 24 h windows.
    for (let n = 0; n < 8; n++)
      sim.plainThread(18830000 + n, `2024-03-0${3 + Math.floor(n / 3)}T0${n % 3}:00:00+08:00`, { content: `第${n}条 <留言> & "引号"` });
    sim.plainThread(18839999, '2024-03-01T23:58:30+08:00'); // in [to − 2 min, to) of the first window
    const connector = connect(sim, { pageSize: 2, windowHours: 24 });
    const { records, checkpoint, pages } = await traverse(connector);
    const ids = records.map((r) => r.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['18823457', '18825102', '18826630', ...Array.from({ length: 8 }, (_, n) => String(18830000 + n)), '18839999'].sort());
    expect(pages).toBeGreaterThan(6);
    expect(checkpoint.watermark).toBe('2024-03-06T11:59:00+08:00');
    expect(checkpoint.window).toBeNull();
    for (const r of records) {
      expect(r.version).toMatch(/^2024-03-06T12:00:00\.\d{3}\+08:00$/);
      const mapped = okRecord(connector.map(r));
      expect(mapped.warnings).toEqual([]);
    }
    const escaped = okRecord(connector.map(records.find((r) => r.externalId === '18830001')!));
    expect(escaped.content).toBe('第1条 <留言> & "引号"');
    expect(records.find((r) => r.externalId === '18830001')!.text).toContain('&lt;留言&gt; &amp; &quot;引号&quot;');
    // read times strictly increase: every record of a later page is a later version
    const orders = records.map((r) => okRecord(connector.map(r)).versionOrder);
    orders.forEach((o, i) => expect(o).toBeGreaterThanOrEqual(i > 0 ? orders[i - 1] : 0));
    expect(new Set(orders).size).toBeGreaterThan(1);

    // The next run: a window [W − 2 min, now − 60 s); a late-committed thread in the overlap is picked up, the rest is not re-delivered.
    sim.setClock('2024-03-06T12:10:00+08:00', { frozen: true });
    sim.plainThread(18840000, '2024-03-06T11:58:10+08:00');
    sim.plainThread(18840001, '2024-03-06T12:05:00+08:00');
    const next = await traverse(connector, checkpoint as unknown as Checkpoint);
    expect(next.records.map((r) => r.externalId)).toEqual(['18840000', '18840001']);
    expect(sim.stats.last?.url).toContain('from=2024-03-06T11%3A57%3A00%2B08%3A00');
    expect(next.checkpoint.watermark).toBe('2024-03-06T12:09:00+08:00');
    // and once more: 18840001 is in the new overlap and skipped
    sim.setClock('2024-03-06T12:11:00+08:00', { frozen: true });
    expect((await traverse(connector, next.checkpoint as unknown as Checkpoint)).records).toEqual([]);
  });

  it('reads a single thread with its current status (daily re-read) as a newer version', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const pulled = (await traverse(connector)).records.find((r) => r.externalId === '18825102')!;
    sim.setStatus(18825102, 'withdrawn');
    const reread = await connector.fetchThread(18825102);
    const [a, b] = [okRecord(connector.map(pulled)), okRecord(connector.map(reread))];
    expect(b.channelStatus).toBe('withdrawn');
    expect(b.versionOrder).toBeGreaterThan(a.versionOrder);
    await expect(connector.fetchThread(99)).rejects.toMatchObject({ code: 'THREAD_NOT_FOUND' });
    sim.addThread({ ...sample(0), tid: 5, regionCode: '360702' });
    await expect(connector.fetchThread(5)).rejects.toMatchObject({ code: 'NO_PERMISSION', status: 403 });
  });

  it('rejects bad parameters like the board', async () => {
    const sim = await startSim();
    const q = (from: string, to: string, extra = '') => `/board/v2/threads?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`;
    const cases: Array<[string, number, string]> = [
      [q('2024-03-01T00:00:00+08:00', '2024-03-02T00:00:00+08:00', '&pageSize=51'), 400, 'PARAM_INVALID'],
      [q('2024-03-01T00:00:00+08:00', '2024-03-08T00:00:01+08:00'), 400, 'WINDOW_TOO_LARGE'],
      [q('2024-03-02T00:00:00+08:00', '2024-03-01T00:00:00+08:00'), 400, 'PARAM_INVALID'],
      ['/board/v2/threads?from=2024-03-01T00:00:00+08:00&to=2024-03-02T00:00:00+08:00', 400, 'PARAM_INVALID'], // raw '+'
    ];
    for (const [path, status, code] of cases) {
      const res = await signedFetch(sim, 'GET', path);
      expect([res.status, ((await res.json()) as { errorCode: string }).errorCode]).toEqual([status, code]);
    }
  });
});

describe('board client against the simulator: signatures and faults', () => {
  it('the simulator rejects missing, bad, expired and replayed signatures (§2 order)', async () => {
    const sim = await startSim({ clock: '2024-03-08T14:00:00+08:00', frozen: true });
    const path = '/board/v2/threads/18823457';
    const origin = sim.url.replace(/\/board\/v2$/, '');
    const code = async (res: Response) => [res.status, ((await res.json()) as { errorCode: string }).errorCode];
    expect(await code(await fetch(`${origin}${path}`))).toEqual([401, 'APPKEY_INVALID']);
    expect(await code(await signedFetch(sim, 'GET', path, { timestamp: 1709877600 - 301 }))).toEqual([401, 'TIMESTAMP_EXPIRED']);
    expect(await code(await signedFetch(sim, 'GET', path, { timestamp: 1709877600 + 300 }))).toEqual([200, undefined]);
    expect(await code(await signedFetch(sim, 'GET', path, { secret: 'f'.repeat(32) }))).toEqual([401, 'SIGN_INVALID']);
    expect(await code(await signedFetch(sim, 'GET', path, { nonce: 'short' }))).toEqual([401, 'SIGN_INVALID']);
    expect(await code(await signedFetch(sim, 'GET', path, { nonce: 'NonceNonce000001' }))).toEqual([200, undefined]);
    expect(await code(await signedFetch(sim, 'GET', path, { nonce: 'NonceNonce000001' }))).toEqual([401, 'NONCE_REUSED']);
    sim.advanceClock(600_001);
    expect(await code(await signedFetch(sim, 'GET', path, { nonce: 'NonceNonce000001' }))).toEqual([200, undefined]);
    // the signed path includes the query: a tampered query fails
    const headers = signatureHeaders(
      { appKey: SAMPLE_APP_KEY, appSecret: SAMPLE_SECRET },
      {
        method: 'GET',
        path: '/board/v2/threads',
        query: 'from=2024-03-01T00%3A00%3A00%2B08%3A00&to=2024-03-02T00%3A00%3A00%2B08%3A00',
        timestampSeconds: Math.floor(sim.now().getTime() / 1000),
      },
    );
    expect(
      await code(await fetch(`${origin}/board/v2/threads?from=2024-03-01T00%3A00%3A00%2B08%3A00&to=2024-03-03T00%3A00%3A00%2B08%3A00`, { headers })),
    ).toEqual([401, 'SIGN_INVALID']);
  });

  it('401 is retried once with a fresh nonce; twice → FATAL; a wrong secret or a skewed clock → FATAL', async () => {
    const sim = await startSim();
    sim.setFault({ kind: 'signatureError', code: 'NONCE_REUSED' });
    expect((await connect(sim).fetchPage({})).records).toHaveLength(3);
    sim.setFault({ kind: 'signatureError', code: 'SIGN_INVALID' }, { times: 2 });
    const twice = await failure(connect(sim).fetchPage({}));
    expect([twice.kind, /401 SIGN_INVALID/.test(twice.message)]).toEqual(['FATAL', true]);
    const wrong = await failure(connect(sim, { secret: 'f'.repeat(32) }).fetchPage({}));
    expect(wrong.kind).toBe('FATAL');
    expect(wrong.message).not.toContain('f'.repeat(32));
    expect(wrong.message).not.toContain(SAMPLE_SECRET);
    const skewed = await failure(connect(sim, { skewMs: 10 * 60_000 }).fetchPage({}));
    expect([skewed.kind, /TIMESTAMP_EXPIRED/.test(skewed.message)]).toEqual(['FATAL', true]);
  });

  it('429 → RATE_LIMITED with Retry-After; the per-second limit is counted per app key', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault({ kind: 'rateLimited', retryAfter: 7 });
    const error = await failure(connector.fetchPage({}));
    expect([error.kind, error.retryAfterMs]).toEqual(['RATE_LIMITED', 7000]);
    sim.setRateLimit(2);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => connector.fetchThread(18823457)));
    const limited = results.filter((r) => r.status === 'rejected' && (r.reason as ChannelError).kind === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(1);
  });

  it('5xx, HTML bodies, timeouts and malformed pages → RETRYABLE; the same checkpoint then succeeds', async () => {
    const sim = await startSim();
    const connector = connect(sim, { requestTimeoutMs: 200 });
    const faults: Array<Parameters<SimulatorBoard['setFault']>[0]> = [
      { kind: 'serverError', status: 503, retryAfter: 4 },
      { kind: 'serverError', status: 500, body: 'html' },
      { kind: 'serverError', status: 500, body: 'empty' },
      { kind: 'timeout' },
      { kind: 'malformedPage', mode: 'truncated' },
      { kind: 'malformedPage', mode: 'noRecords' },
      { kind: 'malformedPage', mode: 'notSuccess' },
    ];
    for (const fault of faults) {
      sim.setFault(fault);
      const error = await failure(connector.fetchPage({}));
      expect(error.kind).toBe('RETRYABLE');
      if (fault.kind === 'serverError' && fault.retryAfter) expect(error.retryAfterMs).toBe(4000);
      if (fault.kind === 'timeout') expect(error.message).toMatch(/timed out/);
    }
    expect((await connector.fetchPage({})).records).toHaveLength(3);
  });

  it('a corrupt checkpoint → FATAL', async () => {
    const sim = await startSim();
    expect((await failure(connect(sim).fetchPage({ watermark: 'yesterday' }))).kind).toBe('FATAL');
    expect((await failure(connect(sim).fetchPage({ watermark: '2024-03-01T00:00:00+08:00', window: { from: 'x', to: 'y', pageNo: 0 } }))).kind).toBe('FATAL');
  });
});

describe('board client against the simulator: reply and evaluation (§5, §6)', () => {
  const sampleReply = JSON.parse(fixture('reply-request.json')) as {
    clientReplyId: string;
    content: string;
    orgName: string;
    replyTime: string;
    replyType: 'final';
  };

  it('answers the §8 reply sample (its exact headers) with the sample response; replays it; reads the sample evaluation', async () => {
    const sim = await startSim({ clock: '2024-03-08T14:00:00+08:00', frozen: true });
    const origin = sim.url.replace(/\/board\/v2$/, '');
    const res = await fetch(`${origin}/board/v2/threads/18823457/replies`, {
      method: 'POST',
      headers: {
        'X-App-Key': SAMPLE_APP_KEY,
        'X-Timestamp': '1709877600',
        'X-Nonce': 'Q8vN2mXc5TbL1rZa',
        'X-Sign': '39ea1a26b37ea44a23a36a3d8b43b7de5efe2d63132df2bff22e00fe17bf17d8',
        'Content-Type': 'application/json; charset=utf-8',
      },
      body: fixture('reply-request.json'),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual(JSON.parse(fixture('reply-response.json')));
    expect(sim.getThread(18823457)?.status).toBe('replied');

    const connector = connect(sim);
    const replay = await connector.postReply(18823457, sampleReply);
    expect(replay).toEqual({ replyId: 552301, tid: '18823457', status: 'replied', publishUrl: 'https://liuyan.example.cn/thread/18823457', replayed: true });
    expect(sim.repliesFor(18823457)).toHaveLength(1);

    sim.evaluate(18823457, '基本满意', '希望按时修好', '2024-03-09T08:12:44+08:00');
    const raw = await signedFetch(sim, 'GET', '/board/v2/threads/18823457/evaluation');
    expect(await raw.json()).toEqual(JSON.parse(fixture('evaluation-response.json')));
    expect(await connector.getEvaluation('18823457')).toEqual({
      tid: '18823457',
      round: 1,
      evaluated: true,
      satisfaction: '基本满意',
      comment: '希望按时修好',
      evaluateTime: new Date('2024-03-09T00:12:44Z'),
      isDefault: false,
    });
  });

  it('checks clientReplyId before the state: conflict, already replied, closed', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const first = await connector.postReply(18825102, { ...sampleReply, clientReplyId: 'HUB-RP-0001', replyTime: new Date('2024-03-08T03:30:00Z') });
    expect(first).toEqual({ replyId: 552301, tid: '18825102', status: 'replied', publishUrl: null, replayed: false }); // isPublic false
    expect(sim.repliesFor(18825102)[0]).toMatchObject({ replyTime: '2024-03-08T11:30:00+08:00', replyType: 'final' });
    expect((await connector.postReply(18825102, { ...sampleReply, clientReplyId: 'HUB-RP-0001', replyTime: '2024-03-08T11:30:00+08:00' })).replayed).toBe(true);
    await expect(connector.postReply(18825102, { ...sampleReply, clientReplyId: 'HUB-RP-0001', content: '另一份答复内容，内容不同。' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      status: 409,
    });
    await expect(connector.postReply(18825102, { ...sampleReply, clientReplyId: 'HUB-RP-0002' })).rejects.toMatchObject({ code: 'ALREADY_REPLIED' });
    // interim replies are allowed in any open state and leave the status
    const interim = await connector.postReply(18826630, { ...sampleReply, clientReplyId: 'HUB-RP-0003', replyType: 'interim' });
    expect(interim.status).toBe('pending');
    sim.setStatus(18826630, 'hidden');
    await expect(connector.postReply(18826630, { ...sampleReply, clientReplyId: 'HUB-RP-0004' })).rejects.toMatchObject({ code: 'THREAD_CLOSED' });
    expect((await connector.postReply(18826630, { ...sampleReply, clientReplyId: 'HUB-RP-0003', replyType: 'interim' })).replayed).toBe(true);
    await expect(connector.postReply(42, { ...sampleReply, clientReplyId: 'HUB-RP-0005' })).rejects.toBeInstanceOf(BoardRejectedError);
    const before = sim.stats.requests;
    await expect(connector.postReply(18823457, { ...sampleReply, clientReplyId: 'short' })).rejects.toThrow(RangeError);
    await expect(connector.postReply(18823457, { ...sampleReply, content: '太短' })).rejects.toThrow(/10–5000/);
    await expect(connector.postReply(18823457, { ...sampleReply, replyTime: '2024-03-08 11:30:00' })).rejects.toThrow(/offset/);
    expect(sim.stats.requests).toBe(before);
  });

  it('a lost response is retried with the same clientReplyId and replayed; 5xx on the reply is RETRYABLE', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault({ kind: 'serverError', status: 503 }, { on: 'replies' });
    expect((await failure(connector.postReply(18823457, sampleReply))).kind).toBe('RETRYABLE');
    const created = await connector.postReply(18823457, sampleReply);
    expect(created.replayed).toBe(false);
    expect((await connector.postReply(18823457, sampleReply)).replayed).toBe(true);
  });

  it('evaluation: none yet, 默认满意 after 7 days, escaped comments, reopen after 不满意', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    expect(await connector.getEvaluation(18823457)).toEqual({
      tid: '18823457',
      round: 0,
      evaluated: false,
      satisfaction: null,
      comment: null,
      evaluateTime: null,
      isDefault: false,
    });
    await connector.postReply(18823457, sampleReply);
    sim.advanceClock(7 * 24 * 3600_000);
    const defaulted = await connector.getEvaluation(18823457);
    expect(defaulted).toMatchObject({ round: 1, evaluated: true, satisfaction: '满意', isDefault: true, evaluateTime: new Date('2024-03-15T03:30:00Z') });

    await connector.postReply(18826630, { ...sampleReply, clientReplyId: 'HUB-RP-0100' });
    sim.evaluate(18826630, '不满意', '说的"没问题"<根本>没修 & 没人管', '2024-03-09T08:00:00+08:00');
    const unhappy = await connector.getEvaluation(18826630);
    expect([unhappy.satisfaction, unhappy.comment]).toEqual(['不满意', '说的"没问题"<根本>没修 & 没人管']);
    sim.reopen(18826630);
    expect(okRecord(connector.map(await connector.fetchThread(18826630))).channelStatus).toBe('reopened');
    const again = await connector.postReply(18826630, { ...sampleReply, clientReplyId: 'HUB-RP-0101', replyTime: sim.now() });
    expect(again.status).toBe('replied');
    expect(await connector.getEvaluation(18826630)).toMatchObject({ round: 2, evaluated: false });
  });
});

// ── fuzz ───────────────────────────────────────────────────────────────────────────────────────
describe('board mapping fuzz', () => {
  it('maps or quarantines 12,000 mutated records, never throws, no personal value in a warning', () => {
    const random = prng(20240302);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const nasty: unknown[] = [
      null,
      undefined,
      0,
      -1,
      1.5,
      1e308,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      true,
      false,
      '',
      ' ',
      [],
      {},
      [null],
      { a: { b: [1] } },
      '2024-02-30T10:00:00+08:00',
      '2024-03-02T09:15:40+08:00',
      '2024-03-02T09:15:40',
      '2024-03-02T01:15:40Z',
      '2024-03-01 24:00:00',
      'x'.repeat(100_000),
      '投'.repeat(5000),
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      '&amp;amp;quot;',
      '&lt;&#39;&',
      '${jndi:ldap://x}',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '\ud800',
      '\udfff\ud800x',
      'a\u0000b',
      '\u202eevil',
      '咨询',
      '求助',
      '投诉',
      '建言',
      '感谢',
      '其他',
      '举报',
      '城建',
      'pending',
      'withdrawn',
      'hidden',
      '360704',
      '360704100000',
      '360702',
      '13979712345',
      '+86 13979712345',
      '赣县老表2023',
      '18823457',
      '\r\n\r\n',
      '__proto__',
      'constructor',
    ];
    const fields = [
      'tid',
      'title',
      'content',
      'leader',
      'regionCode',
      'domain',
      'msgType',
      'nickName',
      'phone',
      'isPublic',
      'attachments',
      'createTime',
      'auditTime',
      'dueTime',
      'status',
      '__proto__',
      'extra',
    ];
    const versions: unknown[] = [READ, READ, READ, READ, null, undefined, '', 'yesterday', '2024-03-03T10:00:00', 17094312000, '2024-02-30T10:00:00.000+08:00'];
    const counts: Record<string, number> = { ok: 0 };
    const regionCodes = new Set([...TOWNSHIPS.map((t) => t.code), '360704']);
    const TOTAL = 12_000;
    for (let n = 0; n < TOTAL; n++) {
      const base: Record<string, unknown> = sample(Math.floor(random() * 3));
      const mutations = 1 + Math.floor(random() * 4);
      for (let m = 0; m < mutations; m++) {
        const field = pick(fields);
        const roll = random();
        if (roll < 0.15) delete base[field];
        else if (roll < 0.25 && field === 'leader') base[field] = { name: pick(nasty), title: pick(nasty), org: pick(nasty), x: pick(nasty) };
        else if (roll < 0.3 && field === 'attachments')
          base[field] = Array.from({ length: Math.floor(random() * 12) }, () => ({ url: pick(nasty), type: pick(nasty) }));
        else base[field] = pick(nasty);
      }
      let text = JSON.stringify(base) ?? 'undefined';
      const textRoll = random();
      if (textRoll < 0.03) text = text.slice(0, Math.floor(random() * text.length));
      else if (textRoll < 0.05) text = pick(['[]', '42', '"s"', 'null', '', '{', '\ufeff{}', '{"tid":"1"}', '{"tid":9007199254740993}']);
      else if (textRoll < 0.07) text = text.replace(/"/, "'");
      else if (textRoll < 0.09) text = text.replace(/"(content|title|status)":"/, (m) => `${m}${pick(['\ud800', '\udc00', '\ud83d'])}`);
      const version = pick(versions) as string | null | undefined;

      let result: MapResult;
      try {
        result = mapThread({ text, version });
      } catch (error) {
        throw new Error(`mapThread threw on fuzz input #${n}: ${(error as Error).message}`);
      }
      if (result.ok) {
        counts.ok++;
        const r = result.record;
        expect(r.externalId).toMatch(/^[1-9][0-9]{0,15}$/);
        expect(Number.isFinite(r.versionOrder)).toBe(true);
        expect(Number.isNaN(r.receivedAt.getTime())).toBe(false);
        expect(regionCodes.has(r.regionCode)).toBe(true);
        expect(Object.values(RequestType)).toContain(r.requestType);
        expect(storableText(r.content).changed).toBe(false);
        expect(storableText(r.title).changed).toBe(false);
        expect(r.title).not.toMatch(/[\r\n]/);
        expect(r.citizen?.name ?? null).toBeNull();
        for (const w of r.warnings) {
          for (const value of ['13979712345', '赣县老表2023', 'DROP TABLE', '<script>', '投投投', 'xxxx', '举报', 'jndi'])
            expect(w.message).not.toContain(value);
        }
      } else {
        counts[result.code] = (counts[result.code] ?? 0) + 1;
        expect(['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION']).toContain(result.code);
        expect(result.message.length).toBeLessThan(200);
      }
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(counts.ok).toBeGreaterThan(TOTAL / 4);
    for (const code of ['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION']) expect(counts[code]).toBeGreaterThan(50);
    // the same record object through mapThreadObject gives the same result
    expect(mapThreadObject(sample(0), READ)).toEqual(mapObject(sample(0)));
  });
});
