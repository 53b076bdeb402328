import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { join } from 'node:path';
import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import { type Checkpoint } from '../../src/ingest/connector';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { TOWNSHIPS } from '../../src/reference/townships';
import { arrayElementTexts, propertyValueText } from '../shared/json-items';
import { codePointLength, storableText } from '../shared/text';
import { Connector12333, FeedbackRejectedError, WATERMARK_OVERLAP_MS, maintenanceRemainingMs, type Checkpoint12333, type Feedback } from './client';
import { ConfigError, loadConfig12333, makeConfig12333 } from './config';
import { failure, prng, traversePages } from '../shared/testing';
import { manifest } from './manifest';
import { mapTicket } from './mapping';
import { SAMPLE_KEY, Simulator12333, type SimulatorOptions, type Ticket } from './simulator';
import { ChannelMode } from '../../src/reference/vocabulary';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const samplePageText = fixture('tickets-page.json');
const samplePage = JSON.parse(samplePageText) as { data: { list: Array<Record<string, unknown>> } };
const sampleTexts = () => arrayElementTexts(propertyValueText(samplePageText, 'data')!, 'list')!;

const mapObject = (o: unknown): MapResult => mapTicket({ text: JSON.stringify(o) });
const okRecord = (result: MapResult): CanonicalRecord => {
  if (!result.ok) throw new Error(`expected a mapped record, got ${result.code}: ${result.message}`);
  return result.record;
};
const sample = (i = 0) => structuredClone(samplePage.data.list[i]);

// ── client helpers ──────────────────────────────────────────────────────────────────────────────
const running: Array<{ stop(): unknown }> = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function startSim(options: SimulatorOptions = {}): Promise<Simulator12333> {
  const sim = await Simulator12333.start({ ratePerMinute: 100_000, ...options });
  running.push(sim);
  return sim;
}

function connect(
  sim: Simulator12333,
  overrides: { apiKey?: string; pageSize?: number; requestTimeoutMs?: number; startWatermark?: number; now?: () => Date; maintenanceWindow?: boolean } = {},
) {
  const connector = new Connector12333(
    makeConfig12333({
      baseUrl: sim.url,
      apiKey: overrides.apiKey ?? SAMPLE_KEY,
      pageSize: overrides.pageSize ?? 100,
      requestTimeoutMs: overrides.requestTimeoutMs ?? 2000,
      startWatermark: overrides.startWatermark,
    }),
    { now: overrides.now ?? (() => sim.now()), maintenanceWindow: overrides.maintenanceWindow },
  );
  running.push({ stop: () => connector.close() });
  return connector;
}

function poll(connector: Connector12333, checkpoint: Checkpoint = {}) {
  return traversePages<Checkpoint12333>(connector, checkpoint, 2000, 'runaway poll');
}

const BASE_MS = 1_709_600_000_000; // 2024-03-05T08:53:20+08:00
/** A well-formed ticket: `n` → id 2024030600000n, modified_ms as given. */
function ticket(n: number, modified: number, overrides: Record<string, unknown> = {}): Ticket {
  return { ...sample(0), ticket_id: `2024030600${String(n).padStart(5, '0')}`, created_ms: modified - 1000, modified_ms: modified, ...overrides } as Ticket;
}
/** The latest (ticket_id → modified_ms) seen in a list of raw records. */
function latest(records: RawRecord[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const r of records) {
    const v = Number(r.version);
    if (!seen.has(r.externalId!) || seen.get(r.externalId!)! < v) seen.set(r.externalId!, v);
  }
  return seen;
}
const current = (sim: Simulator12333) => new Map(sim.listTickets().map((t) => [t.ticket_id, t.modified_ms]));

// ── identity and configuration ──────────────────────────────────────────────────────────────────
describe('12333 manifest and configuration', () => {
  it('declares the channel', () => {
    expect(manifest).toEqual({
      code: '12333',
      name: expect.stringContaining('12333'),
      mode: ChannelMode.INTERCONNECT,
      specVersion: '1.0',
      originStatus: expect.anything(),
    });
  });

  it('carries its row of the README table "Origin status → hub action"', () => {
    expect(manifest.originStatus).toEqual({ cancel: ['9'], terminal: ['2', '9'], echo: { '2': ['RESULT'] } });
  });

  it('reads the environment with defaults; the start watermark as epoch ms or ISO 8601', () => {
    const config = loadConfig12333({ MINYI_12333_URL: 'https://rs12333.example.gov.cn/openapi/', MINYI_12333_KEY: SAMPLE_KEY });
    expect([config.baseUrl, config.apiKey, config.startWatermark, config.pageSize, config.requestTimeoutMs]).toEqual([
      'https://rs12333.example.gov.cn/openapi',
      SAMPLE_KEY,
      1709222400000,
      100,
      30000,
    ]);
    const custom = loadConfig12333({
      MINYI_12333_URL: 'http://127.0.0.1:9/openapi',
      MINYI_12333_KEY: SAMPLE_KEY,
      MINYI_12333_START: '1709600000000',
      MINYI_12333_PAGE_SIZE: '50',
      MINYI_12333_TIMEOUT_MS: '300',
    });
    expect([custom.startWatermark, custom.pageSize, custom.requestTimeoutMs]).toEqual([1709600000000, 50, 300]);
  });

  it('never shows the key in JSON, inspect output or error messages', () => {
    const config = makeConfig12333({ baseUrl: 'https://rs12333.example.gov.cn/openapi', apiKey: SAMPLE_KEY });
    expect(JSON.stringify(config)).not.toContain(SAMPLE_KEY);
    expect(inspect(config)).not.toContain(SAMPLE_KEY);
    expect(inspect(config)).toContain('redacted');
    const bad = `${SAMPLE_KEY}zz`;
    expect(() => makeConfig12333({ baseUrl: 'https://x.example.cn/openapi', apiKey: bad })).toThrow(ConfigError);
    try {
      makeConfig12333({ baseUrl: 'https://x.example.cn/openapi', apiKey: bad });
    } catch (error) {
      expect((error as Error).message).not.toContain(bad);
    }
  });

  it('lists every problem, in English and Chinese', () => {
    let error: ConfigError | null = null;
    try {
      loadConfig12333({ MINYI_12333_URL: 'http://rs12333.example.gov.cn/openapi', MINYI_12333_START: '2024-03-01 00:00:00', MINYI_12333_PAGE_SIZE: '101' });
    } catch (e) {
      error = e as ConfigError;
    }
    const text = error!.problems.join('\n');
    expect(text).toMatch(/MINYI_12333_KEY is not set \/ 未设置/);
    expect(text).toMatch(/must use https .*须使用 HTTPS/);
    expect(text).toMatch(/MINYI_12333_START .*初始水位/);
    expect(text).toMatch(/MINYI_12333_PAGE_SIZE .*1–100/);
    expect(() => loadConfig12333({})).toThrow(/MINYI_12333_URL is not set/);
  });
});

// ── mapping ─────────────────────────────────────────────────────────────────────────────────────
describe('12333 mapping: the spec samples and the README rows', () => {
  it('lands each ticket of the sample page as its exact source text', () => {
    const texts = sampleTexts();
    expect(texts).toHaveLength(3);
    texts.forEach((text, i) => {
      expect(samplePageText).toContain(text);
      expect(text.startsWith('{\n        "ticket_id"')).toBe(true);
      expect(JSON.parse(text)).toEqual(samplePage.data.list[i]);
    });
  });

  it('follows the README rows: types, epoch-ms times, town, urgency, status, category, title', () => {
    const [a, b, c] = samplePage.data.list.map((t) => okRecord(mapObject(t)));
    expect([a.requestType, b.requestType, c.requestType]).toEqual([RequestType.COMPLAINT, RequestType.HELP, RequestType.CONSULTATION]);
    expect(a.receivedAt.toISOString()).toBe('2024-03-04T02:21:36.412Z'); // README time-zone row
    expect([a.version, a.versionOrder]).toEqual(['1709599510007', 1709599510007]);
    expect([a.regionCode, b.regionCode, c.regionCode]).toEqual(['360704101000', '360704103000', '360704']); // 王母渡镇, 江口 → 江口镇, ""
    expect(c.warnings).toEqual([expect.objectContaining({ field: 'town', code: 'MISSING' })]);
    expect([a.urgency, b.urgency]).toEqual([Urgency.URGENT, Urgency.NORMAL]);
    expect([a.channelStatus, b.channelStatus, c.channelStatus]).toEqual(['1', '0', '2']);
    expect([a.categoryHint, a.title]).toEqual(['欠薪', '欠薪在王母渡镇安置房项目做木工，12名工人2']);
    expect([a.citizen?.phone, b.citizen?.phone, c.citizen?.phone]).toEqual(['13907971234', '13879720016', '0797-4412345']);
    expect(c.citizen).toEqual({ name: null, phone: '0797-4412345', idNumber: null, anonymous: false });
  });

  it.each([
    [1, RequestType.CONSULTATION],
    [2, RequestType.HELP],
    [3, RequestType.COMPLAINT],
    [4, RequestType.REPORT],
    [5, RequestType.SUGGESTION],
    [6, RequestType.PRAISE],
    [9, RequestType.OTHER],
  ])('appeal_type %d → %s without a warning', (type, expected) => {
    const r = okRecord(mapObject({ ...sample(0), appeal_type: type }));
    expect(r.requestType).toBe(expected);
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['王母渡镇', '360704101000'],
    ['江口', '360704103000'],
    ['江口镇', '360704103000'],
    [' 梅林镇 ', '360704100000'],
    ['　王母渡\t', '360704101000'],
    ['大田', '360704203000'],
    ['白鹭乡', '360704206000'],
    ['三溪 ', '360704205000'],
  ])('town %j → %s', (town, code) => {
    const r = okRecord(mapObject({ ...sample(0), town }));
    expect([r.regionCode, r.warnings]).toEqual([code, []]);
  });

  it.each([
    ['', 'MISSING'],
    ['   ', 'MISSING'],
    ['赣县', 'UNKNOWN_TOWNSHIP'],
    ['江口村', 'UNKNOWN_TOWNSHIP'],
    ['王母渡镇镇', 'UNKNOWN_TOWNSHIP'],
    [12, 'INVALID_TYPE'],
    [null, 'MISSING'],
  ])('town %j → the county with %s', (town, code) => {
    const r = okRecord(mapObject({ ...sample(0), town }));
    expect(r.regionCode).toBe('360704');
    expect(r.warnings).toContainEqual(expect.objectContaining({ field: 'town', code }));
  });

  it.each([
    ['13907971234', '13907971234'],
    ['139 0797 1234', '13907971234'],
    ['139-0797-1234', '13907971234'],
    ['+86 13907971234', '13907971234'],
    ['+8613907971234', '13907971234'],
    ['0086-139-0797-1234', '13907971234'],
    ['0797-4412345', '0797-4412345'],
    ['(0797)4412345', '0797-4412345'],
    ['4412345', '0797-4412345'],
    ['013907971234', '13907971234'],
    ['8613907971234', '13907971234'],
    ['010-12345678', '010-12345678'],
  ])('phone %j → %s (§4.2)', (raw, normalised) => {
    const r = okRecord(mapObject({ ...sample(0), caller_phone: raw }));
    expect(r.citizen?.phone).toBe(normalised);
    expect(r.warnings).toEqual([]);
  });

  it('title: biz_type + first 20 code points, line breaks → one space', () => {
    const r = okRecord(mapObject({ ...sample(1), description: '第一行\r\n第二行\r第三行\n😀👍二三四五六七八九十甲乙丙丁' }));
    expect(r.title).toBe('工伤第一行 第二行 第三行 😀👍二三四五六七');
    expect(codePointLength(r.title)).toBe(22);
  });

  it('withheld phone and declined name → anonymous', () => {
    const r = okRecord(mapObject({ ...sample(0), caller_name: '', caller_phone: '' }));
    expect(r.citizen).toEqual({ name: null, phone: null, idNumber: null, anonymous: true });
    expect(r.warnings).toEqual([]);
  });
});

describe('12333 mapping: quarantine', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"ticket_id": "202403040000187",', 'UNPARSEABLE'],
    ['empty text', '', 'UNPARSEABLE'],
    ['an array', '[1,2]', 'UNPARSEABLE'],
    ['null', 'null', 'UNPARSEABLE'],
    ['ticket_id missing', JSON.stringify({ ...sample(0), ticket_id: undefined }), 'INVALID_EXTERNAL_ID'],
    ['ticket_id null', JSON.stringify({ ...sample(0), ticket_id: null }), 'INVALID_EXTERNAL_ID'],
    ['ticket_id a number', '{"ticket_id": 202403040000187, "modified_ms": 1709599510007}', 'INVALID_EXTERNAL_ID'],
    ['ticket_id too short', JSON.stringify({ ...sample(0), ticket_id: '20240304000' }), 'INVALID_EXTERNAL_ID'],
    ['ticket_id too long', JSON.stringify({ ...sample(0), ticket_id: '1'.repeat(21) }), 'INVALID_EXTERNAL_ID'],
    ['ticket_id full-width digits', JSON.stringify({ ...sample(0), ticket_id: '２０２４０３０４００００１８７' }), 'INVALID_EXTERNAL_ID'],
    ['ticket_id with a letter', JSON.stringify({ ...sample(0), ticket_id: '20240304000018A' }), 'INVALID_EXTERNAL_ID'],
    ['modified_ms missing', JSON.stringify({ ...sample(0), modified_ms: undefined }), 'INVALID_VERSION'],
    ['modified_ms null', JSON.stringify({ ...sample(0), modified_ms: null }), 'INVALID_VERSION'],
    ['modified_ms a string', JSON.stringify({ ...sample(0), modified_ms: '1709599510007' }), 'INVALID_VERSION'],
    ['modified_ms fractional', JSON.stringify({ ...sample(0), modified_ms: 1709599510007.5 }), 'INVALID_VERSION'],
    ['modified_ms negative', JSON.stringify({ ...sample(0), modified_ms: -1 }), 'INVALID_VERSION'],
    ['modified_ms in seconds', JSON.stringify({ ...sample(0), modified_ms: 1709599510 }), 'INVALID_VERSION'],
    ['modified_ms beyond 9999', JSON.stringify({ ...sample(0), modified_ms: 1e17 }), 'INVALID_VERSION'],
  ];
  it.each(cases)('%s → %s', (_name, text, code) => {
    const result = mapTicket({ text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toBeTruthy();
    expect(result.message).not.toContain('曾庆华');
    if (code === 'INVALID_VERSION') expect(result.externalId).toBe('202403040000187');
  });
});

describe('12333 mapping: warnings (mapped anyway, the field named, no personal value)', () => {
  const personal = ['曾庆华', '13907971234', '139-0797-1234', '360721197811020527', '3607211978110205', 'abc-not-a-phone'];
  const cases: Array<[string, Record<string, unknown>, string, string, (r: CanonicalRecord) => void]> = [
    ['unknown appeal_type', { appeal_type: 7 }, 'appeal_type', 'UNKNOWN_VALUE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['appeal_type a string', { appeal_type: '3' }, 'appeal_type', 'INVALID_TYPE', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['appeal_type missing', { appeal_type: undefined }, 'appeal_type', 'MISSING', (r) => expect(r.requestType).toBe(RequestType.OTHER)],
    ['unnormalisable phone', { caller_phone: 'abc-not-a-phone' }, 'caller_phone', 'INVALID_PHONE', (r) => expect(r.citizen?.phone).toBe('abc-not-a-phone')],
    ['phone too short', { caller_phone: '12345' }, 'caller_phone', 'INVALID_PHONE', (r) => expect(r.citizen?.phone).toBe('12345')],
    ['phone a number', { caller_phone: 13907971234 }, 'caller_phone', 'INVALID_TYPE', (r) => expect(r.citizen?.phone).toBeNull()],
    [
      'ID check digit wrong',
      { caller_id_no: '360721197811020527' },
      'caller_id_no',
      'INVALID_CHECK_DIGIT',
      (r) => expect(r.citizen?.idNumber).toBe('360721197811020527'),
    ],
    ['ID too short', { caller_id_no: '3607211978110205' }, 'caller_id_no', 'INVALID_FORMAT', (r) => expect(r.citizen?.idNumber).toBe('3607211978110205')],
    ['name over 50', { caller_name: '曾'.repeat(51) }, 'caller_name', 'TOO_LONG', (r) => expect(r.citizen?.name).toHaveLength(51)],
    ['created_ms missing', { created_ms: undefined }, 'created_ms', 'MISSING', (r) => expect(r.receivedAt.getTime()).toBe(1709599510007)],
    [
      'created_ms a date string',
      { created_ms: '2024-03-04 10:21:36' },
      'created_ms',
      'INVALID_TYPE',
      (r) => expect(r.receivedAt.getTime()).toBe(r.versionOrder),
    ],
    ['created_ms impossible', { created_ms: -5 }, 'created_ms', 'INVALID_DATE', (r) => expect(r.receivedAt.getTime()).toBe(r.versionOrder)],
    ['created after modified', { created_ms: 1709599510008 }, 'created_ms', 'AFTER_MODIFIED', (r) => expect(r.receivedAt.getTime()).toBe(1709599510008)],
    [
      'unknown biz_type',
      { biz_type: '人才' },
      'biz_type',
      'UNKNOWN_VALUE',
      (r) => expect([r.categoryHint, r.title.startsWith('人才在')]).toEqual(['人才', true]),
    ],
    ['biz_type missing', { biz_type: undefined }, 'biz_type', 'MISSING', (r) => expect([r.categoryHint, r.title.startsWith('在王母渡')]).toEqual([null, true])],
    ['description missing', { description: undefined }, 'description', 'MISSING', (r) => expect([r.content, r.title]).toEqual(['', '欠薪'])],
    ['description empty', { description: '' }, 'description', 'TOO_SHORT', (r) => expect(r.content).toBe('')],
    ['description over 2000', { description: '薪'.repeat(2001) }, 'description', 'TOO_LONG', (r) => expect(r.content).toHaveLength(2001)],
    [
      'description lone surrogate',
      { description: '工资\ud83d未发\u0000' },
      'description',
      'INVALID_UNICODE',
      (r) => expect(r.content).toBe('工资\ufffd未发\ufffd'),
    ],
    ['address over 200', { address: '梅'.repeat(201) }, 'address', 'TOO_LONG', (r) => expect(r.address).toHaveLength(201)],
    ['address over the hub column', { address: '梅'.repeat(501) }, 'address', 'TOO_LONG', (r) => expect(r.address).toBeNull()],
    ['address absent', { address: undefined }, 'address', 'MISSING', (r) => expect(r.address).toBeNull()],
    ['is_urgent 2', { is_urgent: 2 }, 'is_urgent', 'UNKNOWN_VALUE', (r) => expect(r.urgency).toBe(Urgency.NORMAL)],
    ['is_urgent true', { is_urgent: true }, 'is_urgent', 'INVALID_TYPE', (r) => expect(r.urgency).toBe(Urgency.NORMAL)],
    ['unknown state', { state: 5 }, 'state', 'UNKNOWN_VALUE', (r) => expect(r.channelStatus).toBe('5')],
    ['state a string', { state: '1' }, 'state', 'INVALID_TYPE', (r) => expect(r.channelStatus).toBe('1')],
    ['state missing', { state: undefined }, 'state', 'MISSING', (r) => expect(r.channelStatus).toBeNull()],
    ['workers 0', { workers_involved: 0 }, 'workers_involved', 'INVALID_VALUE', (r) => expect(r.externalId).toBeTruthy()],
    ['arrears as a string', { arrears_amount_fen: '45600.00' }, 'arrears_amount_fen', 'INVALID_TYPE', (r) => expect(r.externalId).toBeTruthy()],
    ['arrears outside 欠薪', { biz_type: '工伤' }, 'arrears_amount_fen', 'UNEXPECTED', (r) => expect(r.categoryHint).toBe('工伤')],
    ['unknown extra field', { priority: 'high' }, 'priority', 'UNKNOWN_FIELD', (r) => expect(r.externalId).toBeTruthy()],
    ['a phone number as a key', { '13907971234': 1 }, '#', 'UNKNOWN_FIELD', (r) => expect(r.externalId).toBeTruthy()],
  ];
  it.each(cases)('%s', (_name, patch, field, code, check) => {
    const record = okRecord(mapObject({ ...sample(0), ...patch }));
    expect(record.warnings).toContainEqual(expect.objectContaining({ field, code }));
    check(record);
    for (const w of record.warnings) {
      for (const value of personal) expect(w.message).not.toContain(value);
      expect(w.field).not.toContain('13907971234');
      expect(w.message.length).toBeLessThan(300);
    }
  });

  it('bounds the warnings of a record with thousands of unknown fields', () => {
    const noisy: Record<string, unknown> = sample(0);
    for (let i = 0; i < 5000; i++) noisy[`x${i}`] = i;
    const r = okRecord(mapObject(noisy));
    expect(r.warnings.length).toBeLessThanOrEqual(21);
    expect(r.warnings.at(-1)?.message).toMatch(/4980 more unknown fields/);
  });
});

// ── client against the simulator ────────────────────────────────────────────────────────────────
describe('12333 client against the simulator: pull (§4)', () => {
  it('serves the §7 sample for the §7 request; the connector reads it from W − 2 min', async () => {
    const sim = await startSim();
    const res = await fetch(`${sim.url}/tickets?page=1&page_size=100&modified_after=1709222400000`, { headers: { 'X-Api-Key': SAMPLE_KEY } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(samplePageText));

    const connector = connect(sim);
    const result = await poll(connector);
    expect(sim.stats.pages[1]).toEqual(expect.objectContaining({ page: 1, pageSize: 100, modifiedAfter: 1709222400000 - WATERMARK_OVERLAP_MS }));
    expect(result.records.map((r) => [r.externalId, r.version])).toEqual([
      ['202403040000187', '1709599510007'],
      ['202403040000213', '1709602200000'],
      ['202403050000042', '1709608803101'],
    ]);
    expect(result.checkpoint).toEqual({ watermark: 1709608803100, cursor: null, tie: null });
    // The next poll starts 2 minutes before W and re-reads the last millisecond.
    const again = await poll(connector, result.checkpoint as unknown as Checkpoint);
    expect(sim.stats.pages.at(-1)?.modifiedAfter).toBe(1709608803100 - WATERMARK_OVERLAP_MS);
    expect(again.records.map((r) => r.externalId)).toContain('202403050000042');
  });

  it('full traversal of 1,000 tickets, and the silent page_size cap', async () => {
    const sim = await startSim({ seed: false });
    sim.seed(Array.from({ length: 1000 }, (_, i) => ticket(i, BASE_MS + i * 7)));
    const capped = await fetch(`${sim.url}/tickets?page=1&page_size=500&modified_after=0`, { headers: { 'X-Api-Key': SAMPLE_KEY } });
    expect(((await capped.json()) as { data: { list: unknown[]; total: number } }).data).toEqual(
      expect.objectContaining({ total: 1000, list: expect.any(Array) }),
    );
    expect(sim.stats.pages[0]).toEqual(expect.objectContaining({ pageSize: 500, returned: 100 }));

    const result = await poll(connect(sim, { startWatermark: BASE_MS - 1 }));
    expect(latest(result.records)).toEqual(current(sim));
    expect(result.checkpoint.watermark).toBe(BASE_MS + 999 * 7 - 1);
  });

  it('the simulator shifts pages like §4 item 4: a naive page++ client skips a ticket', async () => {
    const sim = await startSim({ seed: false });
    sim.seed(Array.from({ length: 250 }, (_, i) => ticket(i, BASE_MS + i)));
    sim.setFault({ kind: 'changeWhilePaging', change: (s) => s.updateTicket(ticket(10, 0).ticket_id, { state: 1 }) });
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const res = await fetch(`${sim.url}/tickets?page=${page}&page_size=100&modified_after=0`, { headers: { 'X-Api-Key': SAMPLE_KEY } });
      const list = ((await res.json()) as { data: { list: Ticket[] } }).data.list;
      list.forEach((t) => seen.add(t.ticket_id));
      if (list.length < 100) break;
    }
    expect(seen.size).toBe(249); // ticket 100 shifted onto page 1 after it was read
    expect(seen.has(ticket(100, 0).ticket_id)).toBe(false);
  });

  it('loses nothing when tickets are modified between page requests (exact record set)', async () => {
    const sim = await startSim({ seed: false });
    sim.seed(Array.from({ length: 450 }, (_, i) => ticket(i, BASE_MS + i * 3)));
    const connector = connect(sim, { startWatermark: BASE_MS });
    let round = 0;
    sim.setFault(
      {
        kind: 'changeWhilePaging',
        change: (s) => {
          round++;
          for (const n of [round * 7, round * 7 + 1, 449 - round]) s.updateTicket(ticket(n, 0).ticket_id, { state: 1 });
        },
      },
      { times: 4 },
    );
    const result = await poll(connector);
    // Every ticket in its newest version, none skipped.
    expect(latest(result.records)).toEqual(current(sim));
  });

  it('reads a tie group of hundreds sharing one modified_ms, with moves and late stamps during the passes', async () => {
    const sim = await startSim({ seed: false });
    const m = BASE_MS + 5000;
    sim.seed([
      ...Array.from({ length: 50 }, (_, i) => ticket(i, BASE_MS + i)),
      ...Array.from({ length: 350 }, (_, i) => ticket(1000 + i, m)), // nightly batch
      ...Array.from({ length: 30 }, (_, i) => ticket(5000 + i, m + 10 + i)),
    ]);
    let call = 0;
    sim.setFault(
      {
        kind: 'changeWhilePaging',
        change: (s) => {
          call++;
          if (call === 2) s.updateTicket(ticket(1003, 0).ticket_id, { state: 9 }); // moves to the end, group shifts
          if (call === 3) s.updateTicket(ticket(1150, 0).ticket_id, { state: 9 });
          if (call === 4)
            s.batchUpdate(
              [ticket(7000, 0).ticket_id].filter((id) => s.getTicket(id)),
              {},
              m,
            );
          if (call === 4) s.addTicket(ticket(7001, m)); // committed late with the batch's stamp
        },
      },
      { times: 6 },
    );
    const result = await poll(connect(sim, { startWatermark: BASE_MS }));
    expect(latest(result.records)).toEqual(current(sim));
    expect(result.checkpoint.tie).toBeNull();
    // repeated passes do not land the group again: at most the page read before the group was detected is re-read
    const tieReads = result.records.filter((r) => r.version === String(m));
    expect(tieReads.length).toBeLessThanOrEqual(new Set(tieReads.map((r) => r.externalId)).size + 100);
  });

  it('a reconciliation sweep reads the last 7 days and never moves W', async () => {
    const sim = await startSim({ frozen: true });
    const connector = connect(sim);
    const result = await poll(connector, connector.sweepCheckpoint(1709222400000) as unknown as Checkpoint);
    expect(result.records).toHaveLength(3);
    expect(result.checkpoint).toEqual({ watermark: 1709222400000, cursor: null, tie: null, sweep: true });
    expect(sim.stats.pages[0].modifiedAfter).toBe(sim.now().getTime() - 7 * 24 * 3600_000);
  });
});

describe('12333 client against the simulator: faults (§6)', () => {
  it.each([
    [{ kind: 'gateway', status: 502 } as const, 'RETRYABLE', 5000],
    [{ kind: 'gateway', status: 504 } as const, 'RETRYABLE', 5000],
    [{ kind: 'gateway', status: 500 } as const, 'RETRYABLE', 5000],
    [{ kind: 'http429' } as const, 'RATE_LIMITED', 60000],
    [{ kind: 'http429', retryAfter: 7 } as const, 'RATE_LIMITED', 7000],
    [{ kind: 'malformedPage' } as const, 'RETRYABLE', undefined],
    [{ kind: 'error', code: 42901 } as const, 'RATE_LIMITED', 60000],
    [{ kind: 'error', code: 50001 } as const, 'RETRYABLE', 5000],
    [{ kind: 'error', code: 40301 } as const, 'FATAL', undefined],
    [{ kind: 'error', code: 40001, msg: '参数错误: page_size' } as const, 'FATAL', undefined],
    [{ kind: 'error', code: 50999 } as const, 'RETRYABLE', 5000],
  ])('%j → %s', async (fault, kind, retryAfterMs) => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault(fault);
    const error = await failure(connector.fetchPage({}));
    expect([error.kind, error.retryAfterMs]).toEqual([kind, retryAfterMs]);
    expect(error.message).not.toContain(SAMPLE_KEY);
    // the same checkpoint works once the fault is gone
    expect((await connector.fetchPage({})).records).toHaveLength(3);
  });

  it('a timeout → RETRYABLE within the configured time', async () => {
    const sim = await startSim();
    sim.setFault({ kind: 'timeout' });
    const started = Date.now();
    const error = await failure(connect(sim, { requestTimeoutMs: 150 }).fetchPage({}));
    expect(error.kind).toBe('RETRYABLE');
    expect(error.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('wrong or expired key (HTTP 200, code 40101/40102) → FATAL', async () => {
    const sim = await startSim({ expiredKeys: ['0'.repeat(40)] });
    const wrong = await failure(connect(sim, { apiKey: 'f'.repeat(40) }).fetchPage({}));
    expect([wrong.kind, /40101/.test(wrong.message)]).toEqual(['FATAL', true]);
    const expired = await failure(connect(sim, { apiKey: '0'.repeat(40) }).fetchPage({}));
    expect([expired.kind, /40102/.test(expired.message)]).toEqual(['FATAL', true]);
    expect(sim.stats.byCode).toEqual(expect.objectContaining({ '40101': 1, '40102': 1 }));
  });

  it('counts the rate limit per key: 42901 → RATE_LIMITED, another key unaffected', async () => {
    const other = 'a'.repeat(40);
    const sim = await startSim({ keys: [SAMPLE_KEY, other] });
    sim.setRateLimit(2);
    const connector = connect(sim);
    await connector.fetchPage({});
    await connector.fetchPage({});
    const error = await failure(connector.fetchPage({}));
    expect([error.kind, error.retryAfterMs]).toEqual(['RATE_LIMITED', 60000]);
    expect((await connect(sim, { apiKey: other }).fetchPage({})).records).toHaveLength(3);
  });

  it('a corrupt checkpoint: bad watermark → FATAL, bad cursor → RESTART with a restart checkpoint', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    expect((await failure(connector.fetchPage({ watermark: 'yesterday' }))).kind).toBe('FATAL');
    const broken = { watermark: 1709222400000, cursor: 'x', tie: null };
    expect((await failure(connector.fetchPage(broken))).kind).toBe('RESTART');
    expect((await connector.fetchPage(connector.restartCheckpoint(broken) as unknown as Checkpoint)).records).toHaveLength(3);
  });
});

describe('12333 client against the simulator: maintenance window 00:30–01:30 Asia/Shanghai', () => {
  const at = (hhmm: string) => new Date(`2024-03-06T${hhmm}:00+08:00`);

  it('computes the time left until 01:30', () => {
    expect(maintenanceRemainingMs(at('00:29'))).toBeNull();
    expect(maintenanceRemainingMs(at('00:30'))).toBe(60 * 60_000);
    expect(maintenanceRemainingMs(at('01:15'))).toBe(15 * 60_000);
    expect(maintenanceRemainingMs(at('01:30'))).toBeNull();
  });

  it('sends nothing during the window by our clock; the server answers 50301 by its clock', async () => {
    const sim = await startSim({ clock: at('00:45'), frozen: true });
    const inside = connect(sim);
    const error = await failure(inside.fetchPage({}));
    expect([error.kind, error.retryAfterMs, sim.stats.requests]).toEqual(['RETRYABLE', 45 * 60_000, 0]);

    const skewed = connect(sim, { now: () => at('00:25') }); // our clock thinks it is before the window
    const served = await failure(skewed.fetchPage({}));
    expect([served.kind, served.retryAfterMs, /50301/.test(served.message)]).toEqual(['RETRYABLE', 60_000, true]);
    const raw = await fetch(`${sim.url}/tickets?page=1&page_size=100&modified_after=0`, { headers: { 'X-Api-Key': SAMPLE_KEY } });
    expect([raw.status, await raw.text()]).toEqual([200, fixture('maintenance.json').trim()]);

    sim.setClock(at('01:30'));
    expect((await connect(sim).fetchPage({})).records).toHaveLength(3);
  });

  it('a client told the server keeps no window (a simulator started with maintenance: false) sends at any hour', async () => {
    const sim = await startSim({ clock: at('00:45'), frozen: true, maintenance: false });
    expect((await connect(sim, { maintenanceWindow: false }).fetchPage({})).records).toHaveLength(3);
    expect(sim.stats.requests).toBe(1);
    // The same hour with the spec's default: nothing is sent.
    await expect(connect(sim).fetchPage({})).rejects.toMatchObject({ kind: 'RETRYABLE' });
    expect(sim.stats.requests).toBe(1);
  });
});

describe('12333 client against the simulator: feedback write-back (§5)', () => {
  const sampleFeedback = JSON.parse(fixture('feedback-request.json')) as Feedback;

  it('answers the §7 sample byte for byte', async () => {
    const sim = await startSim({ frozen: true });
    const res = await fetch(`${sim.url}/tickets/202403040000187/feedback`, {
      method: 'POST',
      headers: { 'X-Api-Key': SAMPLE_KEY, 'Content-Type': 'application/json' },
      body: fixture('feedback-request.json').trim(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(fixture('feedback-response.json').trim());
    expect(sim.getTicket('202403040000187')).toEqual(expect.objectContaining({ state: 2, modified_ms: 1709627402554 }));
  });

  it('replays the same feedback_no and body, refuses another body, checks feedback_no before the state', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const first = await connector.postFeedback('202403040000187', sampleFeedback);
    expect(first).toEqual({ ticketId: '202403040000187', state: 2, modifiedMs: expect.any(Number), duplicate: false });
    // the sender's body is the sample, byte for byte (fixed key order)
    const replay = await connector.postFeedback('202403040000187', { ...sampleFeedback, handled_ms: new Date(sampleFeedback.handled_ms), contacted: true });
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(sim.feedbackFor('202403040000187')).toEqual([sampleFeedback]);
    await expect(connector.postFeedback('202403040000187', { ...sampleFeedback, result: '另一份结果' })).rejects.toMatchObject({
      code: 'FEEDBACK_NO_CONFLICT',
      apiCode: 40903,
    });
    // state is now 2: a new feedback_no meets the state check
    await expect(connector.postFeedback('202403040000187', { ...sampleFeedback, feedback_no: 'HUB-FB-20240305-000032' })).rejects.toMatchObject({
      code: 'TICKET_CLOSED',
      apiCode: 40902,
    });
    // revoked afterwards: the old feedback_no still replays
    sim.updateTicket('202403040000187', { state: 9 });
    expect((await connector.postFeedback('202403040000187', sampleFeedback)).duplicate).toBe(true);
  });

  it('revoked and unknown tickets; the echo comes back through the pull', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const before = await poll(connector);
    sim.updateTicket('202403040000213', { state: 9 });
    await expect(connector.postFeedback('202403040000213', { ...sampleFeedback, feedback_no: 'fb_00000001' })).rejects.toMatchObject({
      code: 'TICKET_REVOKED',
      apiCode: 40901,
    });
    await expect(connector.postFeedback('209903040000001', { ...sampleFeedback, feedback_no: 'fb_00000002' })).rejects.toBeInstanceOf(FeedbackRejectedError);
    sim.addTicket(ticket(1, BASE_MS, { state: 1 }));
    const accepted = await connector.postFeedback(ticket(1, 0).ticket_id, { ...sampleFeedback, feedback_no: 'fb_00000003' });
    const echo = await poll(connector, before.checkpoint as unknown as Checkpoint);
    const record = okRecord(connector.map(echo.records.find((r) => r.externalId === ticket(1, 0).ticket_id)!));
    expect([record.channelStatus, record.versionOrder]).toEqual(['2', accepted.modifiedMs]);
  });

  it('checks its own input before sending; transport failures are ChannelErrors', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const before = sim.stats.requests;
    await expect(connector.postFeedback('202403040000187', { ...sampleFeedback, feedback_no: 'short' })).rejects.toThrow(RangeError);
    await expect(connector.postFeedback('202403040000187', { ...sampleFeedback, result: '' })).rejects.toThrow(/1–1000/);
    await expect(connector.postFeedback('202403040000187', { ...sampleFeedback, handled_ms: sim.now().getTime() + 3600_000 })).rejects.toThrow(/future/);
    await expect(connector.postFeedback('18', sampleFeedback)).rejects.toThrow(RangeError);
    expect(sim.stats.requests).toBe(before);
    sim.setFault({ kind: 'gateway', status: 502 }, { on: 'feedback' });
    expect((await failure(connector.postFeedback('202403040000187', sampleFeedback))).kind).toBe('RETRYABLE');
    sim.setFault({ kind: 'error', code: 42901 }, { on: 'feedback' });
    expect((await failure(connector.postFeedback('202403040000187', sampleFeedback))).kind).toBe('RATE_LIMITED');
    expect((await connector.postFeedback('202403040000187', sampleFeedback)).duplicate).toBe(false);
  });
});

// ── fuzz ───────────────────────────────────────────────────────────────────────────────────────
describe('12333 mapping fuzz', () => {
  it('maps or quarantines 12,000 mutated tickets, never throws, never leaks a personal value', () => {
    const random = prng(12333);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const nasty: unknown[] = [
      null,
      undefined,
      0,
      1,
      2,
      9,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      1709599510007,
      1709599510,
      true,
      false,
      '',
      ' ',
      [],
      {},
      [null],
      { a: { b: [1] } },
      '2024-02-30 09:14:27',
      '1709599510007',
      'x'.repeat(100_000),
      '薪'.repeat(5000),
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      '${jndi:ldap://x}',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '２０２４０３０４００００１８７',
      '１３９０７９７１２３４',
      '\ud800',
      '\udfff\ud800x',
      'a\u0000b',
      '\u202eevil',
      '江口',
      ' 王母渡 ',
      '赣县',
      '社保',
      '欠薪',
      '202403040000187',
      '13907971234',
      '+86 139-0797-1234',
      '360721197811020528',
      '360721197811020527',
      '\r\n\r\n',
      '__proto__',
      'constructor',
    ];
    const personal = ['13907971234', '139-0797-1234', '360721197811020528', '360721197811020527', '曾庆华', 'DROP TABLE', '１３９０７９７１２３４'];
    const fields = [
      'ticket_id',
      'created_ms',
      'modified_ms',
      'caller_name',
      'caller_phone',
      'caller_id_no',
      'appeal_type',
      'biz_type',
      'employer_name',
      'workers_involved',
      'arrears_amount_fen',
      'description',
      'town',
      'address',
      'is_urgent',
      'state',
      '__proto__',
      'extra',
    ];
    const counts: Record<string, number> = { ok: 0 };
    const codes = new Set([...TOWNSHIPS.map((t) => t.code), '360704']);
    const requestTypes = new Set<string>(Object.values(RequestType));
    const urgencies = new Set<string>(Object.values(Urgency));
    const TOTAL = 12_000;
    for (let n = 0; n < TOTAL; n++) {
      const base: Record<string, unknown> = sample(Math.floor(random() * 3));
      const mutations = 1 + Math.floor(random() * 4);
      for (let k = 0; k < mutations; k++) {
        const field = pick(fields);
        if (random() < 0.15) delete base[field];
        else base[field] = pick(nasty);
      }
      let text = JSON.stringify(base) ?? 'undefined';
      const roll = random();
      if (roll < 0.03) text = text.slice(0, Math.floor(random() * text.length));
      else if (roll < 0.05) text = pick(['[]', '42', '"s"', 'null', '', '{', '\ufeff{}', '{"ticket_id":1}']);
      else if (roll < 0.07) text = text.replace(/"/, "'");
      else if (roll < 0.09) text = text.replace(/"(description|caller_name|town)":"/, (m) => `${m}${pick(['\ud800', '\udc00', '\ud83d'])}`);
      else if (roll < 0.1) text = text.replace(/"modified_ms":(\d+)/, '"modified_ms":$1e400');

      let result: MapResult;
      try {
        result = mapTicket({ text });
      } catch (error) {
        throw new Error(`mapTicket threw on fuzz input #${n}: ${(error as Error).message}`);
      }
      // Plain checks in the loop (expect() per property is the slow part of 12,000 iterations).
      const fail = (what: string) => {
        throw new Error(`fuzz input #${n}: ${what}`);
      };
      if (result.ok) {
        counts.ok++;
        const r = result.record;
        if (!/^[0-9]{12,20}$/.test(r.externalId)) fail('externalId');
        if (!Number.isSafeInteger(r.versionOrder) || r.version !== String(r.versionOrder)) fail('version');
        if (Number.isNaN(r.receivedAt.getTime())) fail('receivedAt');
        if (!codes.has(r.regionCode)) fail('regionCode');
        if (!requestTypes.has(r.requestType) || !urgencies.has(r.urgency)) fail('enums');
        if (codePointLength(r.title) > 40 || /[\r\n]/.test(r.title)) fail('title');
        if (storableText(r.content).changed || storableText(r.title).changed) fail('storable text');
        if ((r.channelStatus ?? '').length > 32 || (r.categoryHint ?? '').length > 200) fail('hub column lengths');
        for (const w of r.warnings) {
          if (typeof w.message !== 'string' || w.message.length > 300) fail('warning length');
          for (const value of personal) if (w.message.includes(value) || w.field.includes(value)) fail(`warning leaks a personal value: ${w.field}`);
        }
      } else {
        counts[result.code] = (counts[result.code] ?? 0) + 1;
        if (!['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION'].includes(result.code)) fail(`code ${result.code}`);
        if (result.message.length >= 200) fail('message length');
        for (const value of personal) if (result.message.includes(value)) fail('quarantine message leaks a personal value');
      }
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(counts.ok).toBeGreaterThan(TOTAL / 4);
    for (const code of ['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION']) expect(counts[code]).toBeGreaterThan(50);
  });
});
