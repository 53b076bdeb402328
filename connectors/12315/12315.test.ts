import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { join } from 'node:path';
import type { CanonicalRecord, MapResult } from '../../src/ingest/canonical';
import { type Checkpoint } from '../../src/ingest/connector';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { TOWNSHIPS } from '../../src/reference/townships';
import { arrayElementTexts } from '../shared/json-items';
import { resolveRegionCode, townshipCodeByName, townshipCodeInText } from '../shared/region';
import { buildTitle, codePointLength, storableText } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime, parseShanghaiDateTime } from '../../src/common/time';
import { Connector12315, CursorExpiredError, ResultRejectedError, type Checkpoint12315 } from './client';
import { ConfigError, loadConfig12315, makeConfig12315 } from './config';
import { failure, prng, traversePages } from '../shared/testing';
import { manifest } from './manifest';
import { mapCase } from './mapping';
import { SAMPLE_TOKEN, Simulator12315, encodeCursor, type SimulatorOptions } from './simulator';
import { ChannelMode } from '../../src/reference/vocabulary';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const samplePageText = fixture('cases-page.json');
const samplePage = JSON.parse(samplePageText) as { items: Array<Record<string, unknown>>; nextCursor: string };
const SECOND_TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

const mapObject = (o: unknown): MapResult => mapCase({ text: JSON.stringify(o) });
const okRecord = (result: MapResult): CanonicalRecord => {
  if (!result.ok) throw new Error(`expected a mapped record, got ${result.code}: ${result.message}`);
  return result.record;
};
const sample = (i = 0) => structuredClone(samplePage.items[i]);

// ── helpers for the client tests ────────────────────────────────────────────────────────────────
const running: Array<{ stop(): unknown }> = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function startSim(options: SimulatorOptions = {}): Promise<Simulator12315> {
  const sim = await Simulator12315.start({ ratePerSecond: 1000, ...options });
  running.push(sim);
  return sim;
}

function connect(sim: Simulator12315, overrides: { tokens?: string[]; pageSize?: number; requestTimeoutMs?: number; startWatermark?: string } = {}) {
  const connector = new Connector12315(
    makeConfig12315({
      baseUrl: sim.url,
      tokens: overrides.tokens ?? [SAMPLE_TOKEN],
      pageSize: overrides.pageSize ?? 100,
      requestTimeoutMs: overrides.requestTimeoutMs ?? 2000,
      startWatermark: overrides.startWatermark,
    }),
  );
  running.push({ stop: () => connector.close() });
  return connector;
}

function traverse(connector: Connector12315, checkpoint: Checkpoint = {}) {
  return traversePages<Checkpoint12315>(connector, checkpoint, 1000, 'runaway traversal');
}

/** A well-formed extra case, `n` minutes after the last sample. */
function extraCase(n: number, overrides: Record<string, unknown> = {}) {
  const at = new Date(Date.parse('2024-03-02T02:05:33.250Z') + n * 60_000);
  return { ...sample(0), caseNo: `20240302360704${String(100 + n).padStart(5, '0')}`, updatedAt: formatShanghaiIso(at), ...overrides };
}

// ── identity and configuration ──────────────────────────────────────────────────────────────────
describe('12315 manifest and configuration', () => {
  it('declares the channel', () => {
    expect(manifest).toEqual({
      code: '12315',
      name: expect.stringContaining('12315'),
      mode: ChannelMode.INTERCONNECT,
      specVersion: '1.0',
      originStatus: expect.anything(),
    });
  });

  it('carries its row of the README table "Origin status → hub action"', () => {
    expect(manifest.originStatus).toEqual({
      cancel: ['WITHDRAWN', 'NOT_ACCEPTED'],
      terminal: ['CLOSED', 'WITHDRAWN', 'NOT_ACCEPTED'],
      echo: { CLOSED: ['RESULT'] },
    });
  });

  it('reads the environment, with the onboarding watermark and page size defaults', () => {
    const config = loadConfig12315({
      MINYI_12315_URL: 'https://open.12315.example.gov.cn/api/v1/',
      MINYI_12315_TOKEN: ` ${SAMPLE_TOKEN} , ${SECOND_TOKEN} `,
    });
    expect(config.baseUrl).toBe('https://open.12315.example.gov.cn/api/v1');
    expect(config.tokens).toEqual([SAMPLE_TOKEN, SECOND_TOKEN]);
    expect(config.startWatermark).toBe('2024-03-01T00:00:00+08:00');
    expect(config.pageSize).toBe(100);
    const custom = loadConfig12315({
      MINYI_12315_URL: 'http://127.0.0.1:8080/api/v1',
      MINYI_12315_TOKEN: SAMPLE_TOKEN,
      MINYI_12315_START: '2024-03-05T00:00:00Z',
      MINYI_12315_PAGE_SIZE: '500',
      MINYI_12315_TIMEOUT_MS: '200',
    });
    expect([custom.startWatermark, custom.pageSize, custom.requestTimeoutMs]).toEqual(['2024-03-05T00:00:00Z', 500, 200]);
  });

  it('never shows a token in JSON, inspect output or error messages', () => {
    const config = makeConfig12315({ baseUrl: 'https://open.12315.example.gov.cn/api/v1', tokens: [SAMPLE_TOKEN] });
    expect(JSON.stringify(config)).not.toContain(SAMPLE_TOKEN);
    expect(inspect(config)).not.toContain(SAMPLE_TOKEN);
    expect(inspect(config)).toContain('redacted');
    try {
      loadConfig12315({ MINYI_12315_URL: 'https://x.example.cn/api/v1', MINYI_12315_TOKEN: `${SAMPLE_TOKEN},short-token` });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('short-token');
      expect((error as Error).message).toContain('#2');
    }
  });

  it('lists every problem, in English and Chinese', () => {
    let error: ConfigError | null = null;
    try {
      loadConfig12315({ MINYI_12315_URL: 'http://open.12315.example.gov.cn/api/v1', MINYI_12315_START: '2024-03-01 00:00:00', MINYI_12315_PAGE_SIZE: '501' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/MINYI_12315_TOKEN is not set \/ 未设置/);
    expect(text).toMatch(/must use https .*须使用 HTTPS/);
    expect(text).toMatch(/MINYI_12315_START .*初始水位/);
    expect(text).toMatch(/MINYI_12315_PAGE_SIZE .*1–500/);
    expect(() => loadConfig12315({})).toThrow(/MINYI_12315_URL is not set/);
  });
});

// ── mapping ─────────────────────────────────────────────────────────────────────────────────────
describe('12315 mapping: the spec samples', () => {
  it('lands each item of the sample page as its exact source text', () => {
    const texts = arrayElementTexts(samplePageText, 'items')!;
    expect(texts).toHaveLength(3);
    texts.forEach((text, i) => {
      expect(samplePageText).toContain(text);
      expect(text.startsWith('{\n      "caseNo"')).toBe(true); // the pretty-printed source, not a re-serialisation
      expect(JSON.parse(text)).toEqual(samplePage.items[i]);
    });
  });

  it('follows the README rows for 12315', () => {
    const [ts, jb, zx] = samplePage.items.map((item) => okRecord(mapObject(item)));
    // Request type: TS/JB/ZX → complaint/report/consultation
    expect([ts.requestType, jb.requestType, zx.requestType]).toEqual([RequestType.COMPLAINT, RequestType.REPORT, RequestType.CONSULTATION]);
    // Time zone: 2024-03-01 09:14:27 → 2024-03-01T01:14:27Z
    expect(ts.receivedAt.toISOString()).toBe('2024-03-01T01:14:27.000Z');
    expect(ts.version).toBe('2024-03-01T15:02:11.000+08:00');
    expect(ts.versionOrder).toBe(Date.parse('2024-03-01T07:02:11Z'));
    expect(zx.versionOrder).toBe(Date.parse('2024-03-02T02:05:33.250Z'));
    // Township codes, county code, urgency, status verbatim, address, citizen
    expect([ts.regionCode, jb.regionCode, zx.regionCode]).toEqual(['360704100000', '360704103000', '360704']);
    expect(ts.urgency).toBe(Urgency.NORMAL);
    expect([ts.channelStatus, jb.channelStatus, zx.channelStatus]).toEqual(['ACCEPTED', 'WAIT_ACCEPT', 'CLOSED']);
    expect(ts.address).toBe('江西省赣州市赣县区梅林镇客家大道128号');
    expect(zx.address).toBeNull();
    expect(jb.citizen).toEqual({ name: null, phone: null, idNumber: null, anonymous: true });
    expect(ts.title).toBe('2月20日在该店购买手机一部，使用5天后屏幕出现绿线，店家以');
    expect(codePointLength(ts.title)).toBe(30);
  });

  it('maps the category hint verbatim, null → 市场监管', () => {
    expect(okRecord(mapObject({ ...sample(1), goodsOrService: null })).categoryHint).toBe('市场监管');
    const { goodsOrService: _omitted, ...absent } = sample(1);
    expect(okRecord(mapObject(absent)).categoryHint).toBe('市场监管');
    expect(okRecord(mapObject(sample(1))).categoryHint).toBe('预包装食品（纯牛奶）');
  });

  it('builds the title from the first 30 code points, line breaks → one space', () => {
    const content = '第一行\r\n第二行\r第三行\n😀'.repeat(3);
    const r = okRecord(mapObject({ ...sample(2), content }));
    expect(r.title).toBe(buildTitle(content, 30));
    expect(r.title.startsWith('第一行 第二行 第三行 😀第一行')).toBe(true);
    expect(codePointLength(r.title)).toBe(30);
    expect(r.content).toBe(content);
  });

  it('resolves region codes by the township table', () => {
    expect(okRecord(mapObject({ ...sample(0), regionCode: '360704106203' })).regionCode).toBe('360704106000'); // village in 茅店镇
    expect(okRecord(mapObject({ ...sample(0), regionCode: '360704206000' })).regionCode).toBe('360704206000');
    for (const [code, warning] of [
      ['360704999000', 'UNKNOWN_TOWNSHIP'],
      ['360702100000', 'OUTSIDE_COUNTY'],
      ['36070410000', 'INVALID_FORMAT'],
      ['３６０７０４', 'INVALID_FORMAT'],
    ]) {
      const r = okRecord(mapObject({ ...sample(0), regionCode: code }));
      expect(r.regionCode).toBe('360704');
      expect(r.warnings).toContainEqual(expect.objectContaining({ field: 'regionCode', code: warning }));
    }
  });
});

describe('12315 mapping: quarantine', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"caseNo": "2024030136070400012",', 'UNPARSEABLE'],
    ['empty text', '', 'UNPARSEABLE'],
    ['an array', '[1,2]', 'UNPARSEABLE'],
    ['a string', '"2024030136070400012"', 'UNPARSEABLE'],
    ['null', 'null', 'UNPARSEABLE'],
    ['caseNo missing', JSON.stringify({ ...sample(0), caseNo: undefined }), 'INVALID_EXTERNAL_ID'],
    ['caseNo null', JSON.stringify({ ...sample(0), caseNo: null }), 'INVALID_EXTERNAL_ID'],
    // biome-ignore lint/correctness/noPrecisionLoss: a channel sending caseNo as a JSON number loses digits, the case under test
    ['caseNo a number', JSON.stringify({ ...sample(0), caseNo: 2024030136070400012 }), 'INVALID_EXTERNAL_ID'],
    ['caseNo lowercase', JSON.stringify({ ...sample(0), caseNo: '2024030136070400abc' }), 'INVALID_EXTERNAL_ID'],
    ['caseNo too short', JSON.stringify({ ...sample(0), caseNo: '202403013' }), 'INVALID_EXTERNAL_ID'],
    ['caseNo too long', JSON.stringify({ ...sample(0), caseNo: '1'.repeat(33) }), 'INVALID_EXTERNAL_ID'],
    ['caseNo full-width digits', JSON.stringify({ ...sample(0), caseNo: '２０２４０３０１３６０７０４' }), 'INVALID_EXTERNAL_ID'],
    ['caseNo with spaces', JSON.stringify({ ...sample(0), caseNo: ' 2024030136070400012' }), 'INVALID_EXTERNAL_ID'],
    ['updatedAt missing', JSON.stringify({ ...sample(0), updatedAt: undefined }), 'INVALID_VERSION'],
    ['updatedAt a number', JSON.stringify({ ...sample(0), updatedAt: 1709276531000 }), 'INVALID_VERSION'],
    ['updatedAt garbage', JSON.stringify({ ...sample(0), updatedAt: 'yesterday' }), 'INVALID_VERSION'],
    ['updatedAt 2024-02-30', JSON.stringify({ ...sample(0), updatedAt: '2024-02-30T10:00:00.000+08:00' }), 'INVALID_VERSION'],
    ['updatedAt 24:00', JSON.stringify({ ...sample(0), updatedAt: '2024-03-01T24:00:00.000+08:00' }), 'INVALID_VERSION'],
  ];
  it.each(cases)('%s → %s', (_name, text, code) => {
    const result = mapCase({ text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toBeTruthy();
    expect(result.message).not.toContain('刘志强');
    if (code === 'INVALID_VERSION') expect(result.externalId).toBe('2024030136070400012');
  });
});

describe('12315 mapping: warnings (mapped anyway, the field named, no personal value)', () => {
  const personal = ['刘志强', '13807971234', '360721198507123412', '1380797', '36072119850712341'];
  const cases: Array<[string, Record<string, unknown>, string, string, (r: CanonicalRecord) => void]> = [
    ['unknown caseType', { caseType: 'QT' }, 'caseType', 'UNKNOWN_VALUE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['caseType missing', { caseType: undefined }, 'caseType', 'MISSING', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['caseType a number', { caseType: 1 }, 'caseType', 'INVALID_TYPE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    [
      'acceptTime 2024-02-30',
      { acceptTime: '2024-02-30 09:14:27' },
      'acceptTime',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-01T07:02:11.000Z'),
    ],
    [
      'acceptTime with an offset',
      { acceptTime: '2024-03-01T09:14:27+08:00' },
      'acceptTime',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-01T07:02:11.000Z'),
    ],
    ['acceptTime missing', { acceptTime: null }, 'acceptTime', 'MISSING', (r) => expect(r.receivedAt.getTime()).toBe(r.versionOrder)],
    ['acceptTime a number', { acceptTime: 20240301 }, 'acceptTime', 'INVALID_TYPE', (r) => expect(r.receivedAt.getTime()).toBe(r.versionOrder)],
    [
      'updatedAt without millis',
      { updatedAt: '2024-03-01T15:02:11+08:00' },
      'updatedAt',
      'NONSTANDARD_FORMAT',
      (r) => expect(r.version).toBe('2024-03-01T15:02:11+08:00'),
    ],
    [
      'updatedAt without offset',
      { updatedAt: '2024-03-01T15:02:11.000' },
      'updatedAt',
      'MISSING_OFFSET',
      (r) => expect(r.versionOrder).toBe(Date.parse('2024-03-01T07:02:11Z')),
    ],
    ['consumer missing', { consumer: undefined }, 'consumer', 'MISSING', (r) => expect(r.citizen).toBeNull()],
    ['consumer a string', { consumer: '刘志强' }, 'consumer', 'INVALID_TYPE', (r) => expect(r.citizen).toBeNull()],
    ['TS without a name', { consumer: { name: null, mobile: '13807971234' } }, 'consumer.name', 'REQUIRED_FOR_TYPE', (r) => expect(r.citizen?.name).toBeNull()],
    ['TS without a mobile', { consumer: { name: '刘志强', mobile: null } }, 'consumer.mobile', 'REQUIRED_FOR_TYPE', (r) => expect(r.citizen?.phone).toBeNull()],
    [
      'name too long',
      { consumer: { name: '刘'.repeat(51), mobile: '13807971234' } },
      'consumer.name',
      'TOO_LONG',
      (r) => expect(r.citizen?.name).toHaveLength(51),
    ],
    [
      'mobile not a phone',
      { consumer: { name: '刘志强', mobile: '12345' } },
      'consumer.mobile',
      'INVALID_PHONE',
      (r) => expect(r.citizen?.phone).toBe('12345'),
    ],
    [
      'landline in mobile',
      { consumer: { name: '刘志强', mobile: '0797-4412345' } },
      'consumer.mobile',
      'INVALID_FORMAT',
      (r) => expect(r.citizen?.phone).toBe('0797-4412345'),
    ],
    [
      'mobile with +86',
      { consumer: { name: '刘志强', mobile: '+86 138 0797 1234' } },
      'consumer.mobile',
      'INVALID_FORMAT',
      (r) => expect(r.citizen?.phone).toBe('13807971234'),
    ],
    ['mobile a number', { consumer: { name: '刘志强', mobile: 13807971234 } }, 'consumer.mobile', 'INVALID_TYPE', (r) => expect(r.citizen?.phone).toBeNull()],
    [
      'ID check digit wrong',
      { consumer: { name: '刘志强', mobile: '13807971234', idCard: '360721198507123413' } },
      'consumer.idCard',
      'INVALID_CHECK_DIGIT',
      (r) => expect(r.citizen?.idNumber).toBe('360721198507123413'),
    ],
    [
      'ID lowercase x',
      { consumer: { name: '刘志强', mobile: '13807971234', idCard: '36072119850712341x' } },
      'consumer.idCard',
      'INVALID_FORMAT',
      (r) => expect(r.citizen?.idNumber).toBe('36072119850712341x'),
    ],
    [
      'unknown consumer field',
      { consumer: { name: '刘志强', mobile: '13807971234', wechat: 'liu' } },
      'consumer.wechat',
      'UNKNOWN_FIELD',
      (r) => expect(r.citizen?.name).toBe('刘志强'),
    ],
    ['TS without respondent', { respondent: null }, 'respondent', 'REQUIRED_FOR_TYPE', (r) => expect(r.address).toBeNull()],
    ['respondent a list', { respondent: [] }, 'respondent', 'INVALID_TYPE', (r) => expect(r.address).toBeNull()],
    ['respondent without name', { respondent: { uscc: null, address: '梅林镇' } }, 'respondent.name', 'MISSING', (r) => expect(r.address).toBe('梅林镇')],
    [
      'uscc with I and O',
      { respondent: { name: '某店', uscc: '91360704IO35F2K87D', address: null } },
      'respondent.uscc',
      'INVALID_FORMAT',
      (r) => expect(r.address).toBeNull(),
    ],
    [
      'address over 200',
      { respondent: { name: '某店', address: '梅'.repeat(201) } },
      'respondent.address',
      'TOO_LONG',
      (r) => expect(r.address).toHaveLength(201),
    ],
    [
      'address over the hub column',
      { respondent: { name: '某店', address: '梅'.repeat(501) } },
      'respondent.address',
      'TOO_LONG',
      (r) => expect(r.address).toBeNull(),
    ],
    ['goodsOrService a number', { goodsOrService: 42 }, 'goodsOrService', 'INVALID_TYPE', (r) => expect(r.categoryHint).toBe('市场监管')],
    ['goodsOrService over 200', { goodsOrService: '手'.repeat(201) }, 'goodsOrService', 'TOO_LONG', (r) => expect(r.categoryHint).toBe('市场监管')],
    ['amount as a JSON number', { amountInvolved: 6999 }, 'amountInvolved', 'INVALID_TYPE', (r) => expect(r.externalId).toBeTruthy()],
    ['amount with 3 decimals', { amountInvolved: '6999.001' }, 'amountInvolved', 'INVALID_FORMAT', (r) => expect(r.externalId).toBeTruthy()],
    ['content missing', { content: undefined }, 'content', 'MISSING', (r) => expect([r.content, r.title]).toEqual(['', ''])],
    ['content empty', { content: '' }, 'content', 'TOO_SHORT', (r) => expect(r.content).toBe('')],
    ['content over 4000', { content: '投'.repeat(4001) }, 'content', 'TOO_LONG', (r) => expect(r.content).toHaveLength(4001)],
    ['content with a lone surrogate', { content: '屏幕\ud83d坏了\u0000' }, 'content', 'INVALID_UNICODE', (r) => expect(r.content).toBe('屏幕\ufffd坏了\ufffd')],
    ['regionCode missing', { regionCode: undefined }, 'regionCode', 'MISSING', (r) => expect(r.regionCode).toBe('360704')],
    ['regionCode a number', { regionCode: 360704100000 }, 'regionCode', 'INVALID_TYPE', (r) => expect(r.regionCode).toBe('360704')],
    ['unknown status', { status: 'REVIEWING' }, 'status', 'UNKNOWN_VALUE', (r) => expect(r.channelStatus).toBe('REVIEWING')],
    ['status missing', { status: undefined }, 'status', 'MISSING', (r) => expect(r.channelStatus).toBeNull()],
    ['status too long for the hub', { status: 'X'.repeat(33) }, 'status', 'TOO_LONG', (r) => expect(r.channelStatus).toBeNull()],
    ['unknown extra field', { priority: 'high' }, 'priority', 'UNKNOWN_FIELD', (r) => expect(r.externalId).toBeTruthy()],
    ['attachments an object', { attachments: {} }, 'attachments', 'INVALID_TYPE', (r) => expect(r.externalId).toBeTruthy()],
    [
      'attachment over 20 MiB',
      { attachments: [{ fileName: 'a.jpg', contentType: 'image/jpeg', size: 20 * 1024 * 1024 + 1, url: 'https://open.12315.example.gov.cn/api/v1/files/F1' }] },
      'attachments[0].size',
      'INVALID_VALUE',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
    [
      'attachment over http',
      { attachments: [{ fileName: 'a.jpg', contentType: 'image/jpeg', size: 1, url: 'http://open.12315.example.gov.cn/f' }] },
      'attachments[0].url',
      'INVALID_FORMAT',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
    [
      'eleven attachments',
      { attachments: Array.from({ length: 11 }, () => ({ fileName: 'a.jpg', contentType: 'image/jpeg', size: 1, url: 'https://h/f' })) },
      'attachments',
      'TOO_MANY',
      (r) => expect(r.externalId).toBeTruthy(),
    ],
  ];
  it.each(cases)('%s', (_name, patch, field, code, check) => {
    const record = okRecord(mapObject({ ...sample(0), ...patch }));
    expect(record.warnings).toContainEqual(expect.objectContaining({ field, code }));
    check(record);
    for (const w of record.warnings) {
      for (const value of personal) expect(w.message).not.toContain(value);
      expect(w.message.length).toBeLessThan(300);
    }
  });

  it('gives a clean sample no warnings, and the anonymous JB/ZX none for missing consumer fields', () => {
    for (const item of samplePage.items) expect(okRecord(mapObject(item)).warnings).toEqual([]);
  });

  it('bounds the warnings of a record with thousands of unknown fields', () => {
    const noisy: Record<string, unknown> = sample(0);
    for (let i = 0; i < 5000; i++) noisy[`x${i}`] = i;
    const r = okRecord(mapObject(noisy));
    expect(r.warnings.length).toBeLessThanOrEqual(21);
    expect(r.warnings.at(-1)?.message).toMatch(/4980 more unknown fields/);
  });
});

// ── shared helpers ──────────────────────────────────────────────────────────────────────────────
describe('shared connector helpers', () => {
  it('parses Asia/Shanghai local times and rejects impossible dates', () => {
    expect(parseShanghaiDateTime('2024-03-01 09:14:27')?.toISOString()).toBe('2024-03-01T01:14:27.000Z');
    expect(parseShanghaiDateTime('2024-02-29 23:59:59')?.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    for (const bad of [
      '2024-02-30 09:00:00',
      '2023-02-29 09:00:00',
      '2024-13-01 00:00:00',
      '2024-03-01 24:00:00',
      '2024-03-01 09:60:00',
      '２０２４-03-01 09:14:27',
      '2024-3-1 9:14:27',
    ]) {
      expect(parseShanghaiDateTime(bad)).toBeNull();
    }
    expect(parseIsoDateTime('2024-03-02T10:05:33.250+08:00')?.instant.toISOString()).toBe('2024-03-02T02:05:33.250Z');
    expect(parseIsoDateTime('2024-03-02T02:05:33.2509Z')?.instant.toISOString()).toBe('2024-03-02T02:05:33.250Z');
    expect(parseIsoDateTime('2024-03-02T10:05:33', { requireOffset: true })).toBeNull();
    expect(formatShanghaiIso(new Date('2024-03-01T16:00:00Z'))).toBe('2024-03-02T00:00:00.000+08:00');
  });

  it('matches township names and codes by the README rules', () => {
    expect(townshipCodeByName(' 江口 ')).toBe('360704103000');
    expect(townshipCodeByName('江口镇')).toBe('360704103000');
    expect(townshipCodeByName('大田')).toBe('360704203000');
    expect(townshipCodeByName('赣县')).toBeNull();
    expect(townshipCodeInText('从汽车站打车到王母渡镇，再到梅林镇')).toBe('360704101000');
    expect(townshipCodeInText('在江口附近')).toBeNull();
    for (const t of TOWNSHIPS) expect(resolveRegionCode(t.code)).toEqual({ code: t.code });
    expect(resolveRegionCode('360704')).toEqual({ code: '360704' });
  });

  it('makes text storable and counts code points', () => {
    expect(storableText('ok😀')).toEqual({ text: 'ok😀', changed: false });
    expect(storableText('\udc00a\ud800')).toEqual({ text: '\ufffda\ufffd', changed: true });
    expect(codePointLength('😀a\ud800')).toBe(3);
    expect(buildTitle('a\r\nb', 30, '出租汽车：')).toBe('出租汽车：a b');
  });

  it('delimits array elements exactly, whatever the whitespace and nesting (1,000 random pages)', () => {
    const random = prng(7);
    for (let n = 0; n < 1000; n++) {
      const items = Array.from({ length: Math.floor(random() * 6) }, () => randomJson(random, 3));
      const page = { before: randomJson(random, 2), items, nextCursor: random() < 0.5 ? null : 'abc' };
      const text = spaced(page, random);
      const texts = arrayElementTexts(text, 'items');
      expect(texts?.map((t) => JSON.parse(t))).toEqual(items.map((i) => JSON.parse(JSON.stringify(i))));
      for (const t of texts!) expect(text).toContain(t);
    }
    expect(arrayElementTexts('{"items":[1],"items":[2,3]}', 'items')).toEqual(['2', '3']);
    expect(arrayElementTexts('{"\\u0069tems":[ {"a":"]}\\""} ]}', 'items')).toEqual(['{"a":"]}\\""}']);
    expect(arrayElementTexts('[1]', 'items')).toBeNull();
    expect(arrayElementTexts('{"items":{}}', 'items')).toBeNull();
  });
});

// ── the client against the simulator ───────────────────────────────────────────────────────────
describe('12315 client against the simulator: pull', () => {
  it('traverses every page from W − 2 min, lands exact item texts and advances the watermark', async () => {
    const sim = await startSim();
    for (let n = 1; n <= 7; n++) sim.addCase(extraCase(n));
    const connector = connect(sim, { pageSize: 3 });

    const first = await connector.fetchPage({});
    expect(sim.stats.last?.url).toBe('/api/v1/cases?updatedSince=2024-02-29T23%3A58%3A00.000%2B08%3A00&limit=3');
    expect(sim.stats.last?.headers.authorization).toBe(`Bearer ${SAMPLE_TOKEN}`);
    expect(first.done).toBe(false);
    expect(first.next).toEqual({ watermark: '2024-03-01T00:00:00+08:00', cursor: expect.any(String), seen: '2024-03-02T10:05:33.250+08:00' });
    expect(first.records.map((r) => r.externalId)).toEqual(samplePage.items.map((i) => i.caseNo));
    expect(first.records[0].version).toBe('2024-03-01T15:02:11.000+08:00');

    const rest = await traverse(connector, first.next);
    const all = [...first.records, ...rest.records];
    expect(all).toHaveLength(10);
    expect(rest.pages).toBe(3);
    const order = all.map((r) => [Date.parse(parseIsoDateTime(r.version!)!.instant.toISOString()), r.externalId]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] as number) - (b[0] as number)));
    expect(rest.checkpoint).toEqual({ watermark: extraCase(7).updatedAt, cursor: null });
    for (const r of all) expect(connector.map(r).ok).toBe(true);
    expect(sim.stats.requests).toBe(4);
  });

  it('issues the §3 cursor of the sample (position after the last item) byte for byte', async () => {
    const sim = await startSim();
    sim.addCase(extraCase(1));
    const res = await fetch(`${sim.url}/cases?updatedSince=2024-03-01T00%3A00%3A00%2B08%3A00&limit=3`, {
      headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { items: unknown[]; nextCursor: string };
    expect(body.items).toEqual(samplePage.items);
    expect(body.nextCursor).toBe(samplePage.nextCursor);
    expect(encodeCursor('2024-03-01T15:02:11.000+08:00', '2024030136070400012')).toBe(
      'eyJ1IjoiMjAyNC0wMy0wMVQxNTowMjoxMS4wMDArMDg6MDAiLCJjIjoiMjAyNDAzMDEzNjA3MDQwMDAxMiJ9',
    );
    // the last page: no further items → null; an empty page → null
    const tail = (await (await fetch(`${sim.url}/cases?cursor=${body.nextCursor}`, { headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` } })).json()) as {
      items: unknown[];
      nextCursor: unknown;
    };
    expect([tail.items.length, tail.nextCursor]).toEqual([1, null]);
    const empty = await (
      await fetch(`${sim.url}/cases?updatedSince=2030-01-01T00%3A00%3A00Z`, { headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` } })
    ).text();
    expect(empty).toBe('{"items":[],"nextCursor":null}');
  });

  it('validates limit and updatedSince like the platform', async () => {
    const sim = await startSim();
    const get = async (query: string) => {
      const res = await fetch(`${sim.url}/cases?${query}`, { headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` } });
      return { status: res.status, body: (await res.json()) as { code: string } };
    };
    for (const q of [
      'updatedSince=2024-03-01T00%3A00%3A00Z&limit=501',
      'updatedSince=2024-03-01T00%3A00%3A00Z&limit=0',
      'updatedSince=2024-03-01T00%3A00%3A00Z&limit=ten',
      'limit=10',
      'updatedSince=2024-03-01T00:00:00+08:00',
      'cursor=not-a-cursor',
    ]) {
      expect(await get(q)).toEqual({ status: 400, body: expect.objectContaining({ code: 'INVALID_PARAMETER' }) });
    }
    expect((await get('updatedSince=2024-03-01T00%3A00%3A00.250Z&limit=500')).status).toBe(200);
  });

  it('returns the boundary items again when re-polling from the watermark (inclusive, W − 2 min)', async () => {
    const sim = await startSim();
    sim.addCase(extraCase(1)); // one minute after the last sample: inside the 2-minute overlap
    const connector = connect(sim);
    const full = await traverse(connector);
    expect(full.records).toHaveLength(4);
    expect(full.checkpoint.watermark).toBe(extraCase(1).updatedAt);

    const again = await traverse(connector, full.checkpoint as unknown as Checkpoint);
    expect(again.records.map((r) => r.externalId)).toEqual(['2024030236070400004', extraCase(1).caseNo]);
    expect(again.checkpoint.watermark).toBe(full.checkpoint.watermark);

    // Exactly at the boundary: updatedSince equal to an updatedAt includes that item.
    const res = await fetch(`${sim.url}/cases?updatedSince=${encodeURIComponent(extraCase(1).updatedAt)}`, {
      headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` },
    });
    expect(((await res.json()) as { items: Array<{ caseNo: string }> }).items.map((i) => i.caseNo)).toEqual([extraCase(1).caseNo]);
  });

  it('yields a record again at the end when it is updated while the client is paging', async () => {
    const sim = await startSim();
    for (let n = 1; n <= 3; n++) sim.addCase(extraCase(n));
    sim.setFault({ kind: 'updateWhilePaging', caseNo: '2024030136070400012', patch: { status: 'MEDIATING' } });
    const connector = connect(sim, { pageSize: 2 });
    const { records, checkpoint } = await traverse(connector);
    const ids = records.map((r) => r.externalId);
    expect(ids.filter((id) => id === '2024030136070400012')).toHaveLength(2);
    expect(ids.at(-1)).toBe('2024030136070400012');
    const last = okRecord(connector.map(records.at(-1)!));
    expect(last.channelStatus).toBe('MEDIATING');
    expect(last.versionOrder).toBeGreaterThan(okRecord(connector.map(records[0])).versionOrder);
    expect(checkpoint.watermark).toBe(sim.getCase('2024030136070400012')!.updatedAt);
  });

  it('does not let an absurd future updatedAt move the watermark', async () => {
    const sim = await startSim();
    sim.addCase(extraCase(1, { updatedAt: '9999-12-31T23:59:59.999+08:00' }));
    const { records, checkpoint } = await traverse(connect(sim));
    expect(records).toHaveLength(4);
    expect(checkpoint.watermark).toBe('2024-03-02T10:05:33.250+08:00');
  });

  it('keeps the watermark when nothing changed', async () => {
    const sim = await startSim({ seed: false });
    const page = await connect(sim).fetchPage({ watermark: '2024-03-05T00:00:00.000+08:00', cursor: null });
    expect(page).toEqual({ records: [], next: { watermark: '2024-03-05T00:00:00.000+08:00', cursor: null }, done: true });
  });
});

describe('12315 client against the simulator: faults (§6)', () => {
  it('429 → RATE_LIMITED with Retry-After in ms; the same checkpoint works afterwards', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault({ kind: 'rateLimited', retryAfter: 30 });
    const error = await failure(connector.fetchPage({}));
    expect([error.kind, error.retryAfterMs]).toEqual(['RATE_LIMITED', 30_000]);
    expect((await connector.fetchPage({})).records).toHaveLength(3);
    // the §7 sample answer, but for its requestId
    sim.setFault({ kind: 'rateLimited', retryAfter: 30 });
    const res = await fetch(`${sim.url}/cases?updatedSince=2024-03-01T00%3A00%3A00Z`, { headers: { Authorization: `Bearer ${SAMPLE_TOKEN}` } });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '30']);
    const { requestId, ...rest } = (await res.json()) as Record<string, string>;
    const { requestId: _sampleId, ...sampleRest } = JSON.parse(fixture('rate-limited.json')) as Record<string, string>;
    expect(rest).toEqual(sampleRest);
    expect(requestId).toMatch(/^[0-9a-f]{10}$/);
  });

  it('counts the 10 requests/s limit per token', async () => {
    const sim = await startSim({ ratePerSecond: 2, tokens: { [SAMPLE_TOKEN]: '360704', [SECOND_TOKEN]: '360704' } });
    const a = connect(sim);
    const b = connect(sim, { tokens: [SECOND_TOKEN] });
    await a.fetchPage({});
    await a.fetchPage({});
    const error = await failure(a.fetchPage({}));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(1000);
    expect((await b.fetchPage({})).records).toHaveLength(3); // another token has its own budget
  });

  it.each([
    ['500 JSON', { kind: 'serverError', status: 500 } as const, undefined],
    ['502 HTML from the gateway', { kind: 'html502' } as const, undefined],
    ['503 with Retry-After', { kind: 'serverError', status: 503, retryAfter: 7 } as const, 7000],
    ['504 empty body', { kind: 'serverError', status: 504, body: 'empty' } as const, undefined],
    ['500 HTML body', { kind: 'serverError', status: 500, body: 'html' } as const, undefined],
  ])('%s → RETRYABLE', async (_name, fault, retryAfterMs) => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault(fault);
    const error = await failure(connector.fetchPage({}));
    expect(error.kind).toBe('RETRYABLE');
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(error.message).not.toContain(SAMPLE_TOKEN);
    expect((await connector.fetchPage({})).records).toHaveLength(3);
  });

  it('a request that never answers → RETRYABLE after the configured timeout', async () => {
    const sim = await startSim();
    const connector = connect(sim, { requestTimeoutMs: 200 });
    sim.setFault({ kind: 'timeout' });
    const started = Date.now();
    const error = await failure(connector.fetchPage({}));
    expect(error.kind).toBe('RETRYABLE');
    expect(error.message).toMatch(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sim.stats.hanging).toBe(1);
    expect((await connector.fetchPage({})).records).toHaveLength(3);
  });

  it('a connection refused → RETRYABLE', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    await sim.stop();
    running.splice(running.indexOf(sim), 1);
    expect((await failure(connector.fetchPage({}))).kind).toBe('RETRYABLE');
  });

  it('a malformed (truncated) page → RETRYABLE with a clear message', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault({ kind: 'malformedPage' });
    const error = await failure(connector.fetchPage({}));
    expect(error.kind).toBe('RETRYABLE');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('CURSOR_EXPIRED → RESTART: the cursor is dropped and the traversal restarts from the watermark', async () => {
    const sim = await startSim();
    sim.addCase(extraCase(1));
    const connector = connect(sim, { pageSize: 2 });
    const first = await connector.fetchPage({});
    sim.setFault({ kind: 'cursorExpired' });
    const error = await failure(connector.fetchPage(first.next));
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect(error.kind).toBe('RESTART');
    expect((error as CursorExpiredError).restartFrom).toEqual({ watermark: '2024-03-01T00:00:00+08:00', cursor: null, seen: '2024-03-01T16:40:05.000+08:00' });
    expect(connector.restartCheckpoint(first.next)).toEqual((error as CursorExpiredError).restartFrom);
    // A runtime that simply retries the same checkpoint also restarts (the connector remembers the cursor).
    const restarted = await connector.fetchPage(first.next);
    expect(sim.stats.last?.url).toMatch(/^\/api\/v1\/cases\?updatedSince=/);
    expect(restarted.records.map((r) => r.externalId)).toEqual(['2024030136070400012', '2024030136070400031']);
    // src/ingest/sync-runner.ts restarts by dropping the `cursor` key: that is a restart from the watermark.
    const { cursor: _dropped, ...withoutCursor } = first.next;
    expect((await connector.fetchPage(withoutCursor)).records.map((r) => r.externalId)).toEqual(['2024030136070400012', '2024030136070400031']);
    expect(sim.stats.last?.url).toMatch(/^\/api\/v1\/cases\?updatedSince=2024-02-29T23%3A58%3A00.000%2B08%3A00&limit=2$/);
    const rest = await traverse(connector, restarted.next);
    expect(rest.checkpoint.watermark).toBe(extraCase(1).updatedAt);
  });

  it('cursors expire 24 h after issue by the simulator clock', async () => {
    const sim = await startSim();
    const connector = connect(sim, { pageSize: 2 });
    const first = await connector.fetchPage({});
    sim.advanceClock(24 * 3600_000 - 60_000);
    expect((await connector.fetchPage(first.next)).records).toHaveLength(1);
    sim.advanceClock(120_000);
    expect((await failure(connector.fetchPage(first.next))).kind).toBe('RESTART');
  });

  it('401 → FATAL, after trying every configured token; rotation uses the one that works', async () => {
    const sim = await startSim();
    const bad = 'f'.repeat(40);
    const error = await failure(connect(sim, { tokens: [bad] }).fetchPage({}));
    expect(error.kind).toBe('FATAL');
    expect(error.message).toMatch(/401/);
    expect(error.message).not.toContain(bad);

    sim.addToken(SECOND_TOKEN);
    const rotating = connect(sim, { tokens: [SAMPLE_TOKEN, SECOND_TOKEN] });
    expect((await rotating.fetchPage({})).records).toHaveLength(3);
    sim.revokeToken(SAMPLE_TOKEN); // the old token expires during rotation
    expect((await rotating.fetchPage({})).records).toHaveLength(3);
    expect(sim.stats.last?.headers.authorization).toBe(`Bearer ${SECOND_TOKEN}`);
    sim.revokeToken(SECOND_TOKEN);
    expect((await failure(rotating.fetchPage({}))).kind).toBe('FATAL');
  });

  it('403 (token without the 360704 scope) → FATAL', async () => {
    const sim = await startSim({ tokens: { [SAMPLE_TOKEN]: '360702' } });
    const error = await failure(connect(sim).fetchPage({}));
    expect([error.kind, /403/.test(error.message)]).toEqual(['FATAL', true]);
  });

  it('a corrupt checkpoint → FATAL instead of a silent restart', async () => {
    const sim = await startSim();
    expect((await failure(connect(sim).fetchPage({ watermark: 'yesterday', cursor: null }))).kind).toBe('FATAL');
  });
});

describe('12315 client against the simulator: write-back (§5)', () => {
  const sampleResult = JSON.parse(fixture('result-request.json')) as { result: string; handler: string; handledAt: string };
  const KEY = '7d0e5c9a-3b1f-4e26-9a4d-2c8b6f1e0a57';

  it('posts the §7 sample and gets the sample answer byte for byte', async () => {
    const sim = await startSim({ clock: '2024-03-06T16:20:03.118+08:00', frozen: true, resultSequence: 215 });
    const res = await fetch(`${sim.url}/cases/2024030136070400012/results`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SAMPLE_TOKEN}`, 'Idempotency-Key': KEY, 'Content-Type': 'application/json; charset=utf-8' },
      body: fixture('result-request.json').trim(),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe(fixture('result-response.json').trim());
    expect(sim.getCase('2024030136070400012')).toEqual(expect.objectContaining({ status: 'CLOSED', updatedAt: '2024-03-06T16:20:03.118+08:00' }));
  });

  it('replays the same key and body, refuses the same key with another body, checks the key before the state', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const first = await connector.postResult('2024030136070400012', sampleResult, KEY);
    expect(first).toEqual({
      caseNo: '2024030136070400012',
      resultId: expect.stringMatching(/^R20240306\d{6}$/),
      status: 'CLOSED',
      updatedAt: expect.any(String),
      replayed: false,
    });

    const replay = await connector.postResult('2024030136070400012', sampleResult, KEY);
    expect(replay).toEqual({ ...first, replayed: true });
    expect(sim.resultsFor('2024030136070400012')).toHaveLength(1);

    // equal as parsed JSON: another key order is the same body
    const raw = await fetch(`${sim.url}/cases/2024030136070400012/results`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SAMPLE_TOKEN}`, 'Idempotency-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ handledAt: sampleResult.handledAt, handler: sampleResult.handler, result: sampleResult.result }),
    });
    expect([raw.status, raw.headers.get('idempotent-replayed')]).toEqual([200, 'true']);

    const conflict = connector.postResult('2024030136070400012', { ...sampleResult, result: '另一份结果' }, KEY);
    await expect(conflict).rejects.toBeInstanceOf(ResultRejectedError);
    await expect(connector.postResult('2024030136070400012', { ...sampleResult, result: '另一份结果' }, KEY)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      status: 409,
    });

    // The case is withdrawn afterwards: the old key still replays, a new key meets the state check.
    sim.updateCase('2024030136070400012', { status: 'WITHDRAWN' });
    expect((await connector.postResult('2024030136070400012', sampleResult, KEY)).replayed).toBe(true);
    await expect(connector.postResult('2024030136070400012', sampleResult, 'a-new-key-0001')).rejects.toMatchObject({
      code: 'CASE_STATE_CONFLICT',
      status: 409,
    });
  });

  it('a new key on a CLOSED case replaces the result (补充答复); the write-back returns through the pull as an echo', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const pulled = await traverse(connector);
    const first = await connector.postResult('2024030236070400004', { ...sampleResult, handledAt: new Date('2024-03-06T08:00:00Z') }, 'key-00000001');
    expect(sim.resultsFor('2024030236070400004')[0].body).toEqual(expect.objectContaining({ handledAt: '2024-03-06T16:00:00+08:00' }));
    const second = await connector.postResult('2024030236070400004', { ...sampleResult, result: '补充答复' }, 'key-00000002');
    expect(second.replayed).toBe(false);
    expect(second.resultId).not.toBe(first.resultId);
    const echo = await traverse(connector, pulled.checkpoint as unknown as Checkpoint);
    const record = okRecord(connector.map(echo.records.find((r) => r.externalId === '2024030236070400004')!));
    expect(record.channelStatus).toBe('CLOSED');
    expect(record.version).toBe(second.updatedAt);
  });

  it('maps 404 and 400 to clear errors, and checks its own input before sending', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    await expect(connector.postResult('2099010136070400001', sampleResult, 'key-00000003')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND', status: 404 });
    await expect(
      connector.postResult('2024030136070400012', { ...sampleResult, handledAt: '2024-03-07T16:20:00+08:00' }, 'key-00000004'),
    ).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      message: expect.stringMatching(/handledAt/),
    });
    await expect(
      connector.postResult('2024030136070400012', { ...sampleResult, handledAt: '2024-02-01T00:00:00+08:00' }, 'key-00000005'),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    const before = sim.stats.requests;
    await expect(connector.postResult('2024030136070400012', sampleResult, 'short')).rejects.toThrow(RangeError);
    await expect(connector.postResult('2024030136070400012', { ...sampleResult, result: '' }, 'key-00000006')).rejects.toThrow(/1–2000/);
    await expect(connector.postResult('2024030136070400012', { ...sampleResult, handledAt: '2024-03-06 16:20:00' }, 'key-00000007')).rejects.toThrow(/offset/);
    expect(sim.stats.requests).toBe(before);
  });

  it('transport failures of the write-back are ChannelErrors too', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault({ kind: 'serverError', status: 503, retryAfter: 5 }, { on: 'results' });
    const error = await failure(connector.postResult('2024030136070400012', sampleResult, KEY));
    expect([error.kind, error.retryAfterMs]).toEqual(['RETRYABLE', 5000]);
    expect((await connector.postResult('2024030136070400012', sampleResult, KEY)).replayed).toBe(false);
  });
});

// ── fuzz ───────────────────────────────────────────────────────────────────────────────────────
describe('12315 mapping fuzz', () => {
  it('maps or quarantines 12,000 mutated records, never throws', () => {
    const random = prng(12315);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const nasty: unknown[] = [
      null,
      undefined,
      0,
      -1,
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
      true,
      false,
      '',
      ' ',
      [],
      {},
      [null],
      { a: { b: [1] } },
      '2024-02-30 09:14:27',
      '2024-02-30T10:00:00.000+08:00',
      '2024-03-01T15:02:11.000+08:00',
      '2024-03-01 24:00:00',
      '0000-00-00 00:00:00',
      'x'.repeat(100_000),
      '投'.repeat(5000),
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      '${jndi:ldap://x}',
      '{{7*7}}',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '２０２４０３０１３６０７０４０００１２',
      '１３８０７９７１２３４',
      '\ud800',
      '\udfff\ud800x',
      'a\u0000b',
      '\u202eevil',
      'TS',
      'JB',
      'ZX',
      'ts',
      'CLOSED',
      'WITHDRAWN',
      '360704',
      '360704100000',
      '360704999999',
      '360702100000',
      '13807971234',
      '360721198507123412',
      '\r\n\r\n',
      'null',
      '__proto__',
      'constructor',
    ];
    const fields = [
      'caseNo',
      'caseType',
      'acceptTime',
      'consumer',
      'respondent',
      'goodsOrService',
      'amountInvolved',
      'content',
      'regionCode',
      'status',
      'updatedAt',
      'attachments',
      '__proto__',
      'extra',
    ];
    const counts: Record<string, number> = { ok: 0 };
    const townshipCodes = new Set([...TOWNSHIPS.map((t) => t.code), '360704']);
    const TOTAL = 12_000;
    for (let n = 0; n < TOTAL; n++) {
      let text: string;
      const base: Record<string, unknown> = sample(Math.floor(random() * 3));
      const mutations = 1 + Math.floor(random() * 4);
      for (let m = 0; m < mutations; m++) {
        const field = pick(fields);
        const roll = random();
        if (roll < 0.15) delete base[field];
        else if (roll < 0.25 && (field === 'consumer' || field === 'respondent'))
          base[field] = { name: pick(nasty), mobile: pick(nasty), idCard: pick(nasty), address: pick(nasty), uscc: pick(nasty) };
        else if (roll < 0.3 && field === 'attachments')
          base[field] = Array.from({ length: Math.floor(random() * 12) }, () => ({ fileName: pick(nasty), size: pick(nasty), url: pick(nasty) }));
        else base[field] = pick(nasty);
      }
      text = JSON.stringify(base) ?? 'undefined';
      const textRoll = random();
      if (textRoll < 0.03)
        text = text.slice(0, Math.floor(random() * text.length)); // truncated
      else if (textRoll < 0.05) text = pick(['[]', '42', '"s"', 'null', '', '{', '\ufeff{}', '{"caseNo":1}']);
      else if (textRoll < 0.07)
        text = text.replace(/"/, "'"); // broken quoting
      else if (textRoll < 0.09) text = text.replace(/"(content|caseNo|status)":"/, (m) => `${m}${pick(['\ud800', '\udc00', '\ud83d'])}`); // raw lone surrogates

      let result: MapResult;
      try {
        result = mapCase({ text });
      } catch (error) {
        throw new Error(`mapCase threw on fuzz input #${n}: ${(error as Error).message}`);
      }
      if (result.ok) {
        counts.ok++;
        const r = result.record;
        expect(r.externalId).toMatch(/^[0-9A-Z]{10,32}$/);
        expect(Number.isFinite(r.versionOrder)).toBe(true);
        expect(Number.isNaN(r.receivedAt.getTime())).toBe(false);
        expect(townshipCodes.has(r.regionCode)).toBe(true);
        expect(Object.values(RequestType)).toContain(r.requestType);
        expect(codePointLength(r.title)).toBeLessThanOrEqual(30);
        expect(storableText(r.content).changed).toBe(false);
        expect(r.title).not.toMatch(/[\r\n]/);
        for (const w of r.warnings) {
          expect(w.message).not.toContain('13807971234');
          expect(w.message).not.toContain('360721198507123412');
          expect(w.message).not.toContain('DROP TABLE');
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
  });
});

// ── small test utilities ────────────────────────────────────────────────────────────────────────

function randomJson(random: () => number, depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.4) {
    return [null, true, false, -12.5e3, 0, 42, 'str"ing]}', '\\', '{[', '中文😀', '\u2028'][Math.floor(random() * 11)];
  }
  if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(random() * 4); i++) o[['a', 'items', '"k"', '}'][i]] = randomJson(random, depth - 1);
  return o;
}

/** JSON text with random whitespace between tokens. */
function spaced(value: unknown, random: () => number): string {
  const ws = () => [' ', '\n', '\t', '\r\n', '', '  '][Math.floor(random() * 6)];
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => `${ws()}${spaced(v, random)}${ws()}`).join(',')}${ws()}]`;
  if (value !== null && typeof value === 'object') {
    return `{${ws()}${Object.entries(value)
      .map(([k, v]) => `${ws()}${JSON.stringify(k)}${ws()}:${ws()}${spaced(v, random)}`)
      .join(',')}${ws()}}`;
  }
  return JSON.stringify(value);
}
