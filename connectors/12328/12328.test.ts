import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { CanonicalRecord, MapResult, RawRecord } from '../../src/ingest/canonical';
import type { Checkpoint, Page } from '../../src/ingest/connector';
import { TOWNSHIPS } from '../../src/reference/townships';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { failure, prng, traversePages } from '../shared/testing';
import { codePointLength } from '../shared/text';
import { Connector12328, MAX_CHECKPOINT_FILES, readFile12328, type Checkpoint12328 } from './client';
import { ConfigError, loadConfig12328, makeConfig12328 } from './config';
import { parseCsv } from './csv';
import { instantToSerial, serialToInstant } from './dates';
import { parseDropFile, parseFileName, versionOrder, type ParsedFile } from './file';
import { manifest } from './manifest';
import { map12328, normalisePlate } from './mapping';
import { COLUMNS, xlsxRowText, type Column } from './row';
import { SAMPLE_ORDERS, Simulator12328, type Row12328 } from './simulator';
import type { XlsxCell } from './xlsx';
import { ChannelMode } from '../../src/reference/vocabulary';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const expectedRecords = JSON.parse(fixture('expected-records.json').toString('utf8')) as unknown[];

const asJson = (r: CanonicalRecord) => JSON.parse(JSON.stringify(r)) as unknown;
const okRecord = (result: MapResult): CanonicalRecord => {
  if (!result.ok) throw new Error(`expected a mapped record, got ${result.code}: ${result.message}`);
  return result.record;
};
const parseNamed = (name: string, bytes: Buffer) => parseDropFile(parseFileName(name)!, bytes);

// ── row builders ────────────────────────────────────────────────────────────────────────────────
const HEADER = COLUMNS.join(',');
/** One CSV field as the §3 exporter writes it. */
const csvField = (value: string, column: string) => (column === '诉求内容' || /[,"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** The physical text of one row: the first sample order with `patch` applied. */
function csvRow(patch: Partial<Row12328> = {}): string {
  const row = { ...SAMPLE_ORDERS[0], ...patch };
  return COLUMNS.map((c) => csvField(row[c], c)).join(',');
}
/** A raw record as the connector lands it (header line + CRLF + row). */
const csvRaw = (patch: Partial<Row12328> = {}, version: string | null = '20240301_0'): RawRecord => ({
  text: `${HEADER}\r\n${csvRow(patch)}`,
  externalId: null,
  version,
});
const mapRow = (patch: Partial<Row12328> = {}, version?: string) => map12328(csvRaw(patch, version));
/** An XLSX raw record: the first sample order as cells, with `patch`. */
function xlsxRaw(patch: Partial<Record<Column, XlsxCell>> = {}, date1904 = false, extra: XlsxCell[] = []): RawRecord {
  const base: Record<string, XlsxCell> = { ...SAMPLE_ORDERS[0], 受理时间: 45352.336805555555, 线路: null, ...patch };
  return { text: xlsxRowText('Sheet1', 2, date1904, [...COLUMNS], [...COLUMNS.map((c) => base[c]), ...extra]), externalId: null, version: '20240301_0' };
}

// ── directories, simulator and connector ────────────────────────────────────────────────────────
const temps: string[] = [];
afterEach(async () => {
  while (temps.length) await rm(temps.pop()!, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'minyi-12328-'));
  temps.push(dir);
  return dir;
}
async function setup(options: { stableSeconds?: number } = {}) {
  const drop = await tempDir();
  const sim = new Simulator12328(drop);
  const config = makeConfig12328({ dropDir: drop, stableSeconds: options.stableSeconds ?? 60 });
  const connect = () => new Connector12328(config, { now: () => sim.now() });
  return { drop, archive: config.archiveDir, sim, connector: connect(), connect };
}
/** Pages until done, keeping records, notices and the pages' file names. */
async function drain(connector: Connector12328, checkpoint: Checkpoint = {}) {
  const records: RawRecord[] = [];
  const notices: string[] = [];
  const pages: Page[] = [];
  for (let i = 0; i < 200; i++) {
    const page = await connector.fetchPage(checkpoint);
    pages.push(page);
    records.push(...page.records);
    notices.push(...(page.notices ?? []));
    checkpoint = page.next;
    if (page.done) return { records, notices, pages, checkpoint: checkpoint as unknown as Checkpoint12328 };
  }
  throw new Error('runaway drain');
}
const MINUTE = 60_000;
const ids = (records: RawRecord[]) => records.map((r) => [r.externalId, r.version]);

// ── identity and configuration ──────────────────────────────────────────────────────────────────
describe('12328 manifest and configuration', () => {
  it('declares the channel and the README "Origin status → hub action" row', () => {
    expect(manifest).toEqual({
      code: '12328',
      name: expect.stringContaining('12328'),
      mode: ChannelMode.MERGED,
      specVersion: '1.0',
      originStatus: { cancel: ['已作废'], terminal: ['已办结', '已回访', '已作废'], echo: {} },
    });
  });

  it('reads the environment with defaults', () => {
    expect(loadConfig12328({ MINYI_12328_DROP_DIR: '/srv/sftp/ch12328/inbound/12328' })).toEqual({
      dropDir: '/srv/sftp/ch12328/inbound/12328',
      archiveDir: '/srv/sftp/ch12328/inbound/12328/archive',
      stableSeconds: 60,
    });
    expect(loadConfig12328({ MINYI_12328_DROP_DIR: '/in/12328/', MINYI_12328_ARCHIVE_DIR: '/var/lib/minyi/12328', MINYI_12328_STABLE_SECONDS: '120' })).toEqual(
      {
        dropDir: '/in/12328',
        archiveDir: '/var/lib/minyi/12328',
        stableSeconds: 120,
      },
    );
    expect(Object.isFrozen(makeConfig12328({ dropDir: '/in' }))).toBe(true);
  });

  it('lists every problem, in English and Chinese', () => {
    let error: ConfigError | null = null;
    try {
      loadConfig12328({ MINYI_12328_DROP_DIR: 'inbound/12328', MINYI_12328_ARCHIVE_DIR: 'archive', MINYI_12328_STABLE_SECONDS: 'soon' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/MINYI_12328_DROP_DIR must be an absolute path \/ 投递目录/);
    expect(text).toMatch(/MINYI_12328_ARCHIVE_DIR must be an absolute path/);
    expect(text).toMatch(/MINYI_12328_STABLE_SECONDS must be a whole number/);
    expect(() => loadConfig12328({})).toThrow(/MINYI_12328_DROP_DIR is not set \/ 未设置/);
    expect(() => makeConfig12328({ dropDir: '/in', archiveDir: '/in/' })).toThrow(/must differ from the drop directory/);
    expect(() => makeConfig12328({ dropDir: '/in', stableSeconds: -1 })).toThrow(/0–86400/);
  });
});

// ── samples ─────────────────────────────────────────────────────────────────────────────────────
describe('12328 samples (§6) → fixtures/expected-records.json', () => {
  it('maps the two CSV samples to the expected records', async () => {
    const files = await Promise.all(['12328_20240301.csv', '12328_20240302.csv'].map((name) => parseNamed(name, fixture(name))));
    const records = files.flatMap((f) => f.records);
    expect(files.map((f) => [f.defect, f.rows, f.notices])).toEqual([
      [null, 3, []],
      [null, 2, []],
    ]);
    expect(ids(records)).toEqual([
      ['20240301000015', '20240301_0'],
      ['20240301000027', '20240301_0'],
      ['20240301000031', '20240301_0'],
      ['20240301000015', '20240302_0'],
      ['20240302000008', '20240302_0'],
    ]);
    expect(records.map((r) => asJson(okRecord(map12328(r))))).toEqual(expectedRecords);
  });

  it('lands each row as the header line + CRLF + its exact physical text (a one-row CSV)', async () => {
    const bytes = fixture('12328_20240301.csv');
    const decoded = iconv.decode(bytes, 'gb18030');
    const [, second, third] = (await parseNamed('12328_20240301.csv', bytes)).records;
    expect(second.text).toBe(
      `${HEADER}\r\n20240301000027,2024/3/1 14:37,0797-4456789,李女士,公交,赣BD23456,赣县3路,赣县区储潭镇储潭圩公交站,"3路公交车下午2点半左右到储潭圩站没有停靠，直接开走，车上还有空位。\r\n等了40分钟才来下一班，希望加强管理。",一般,待处理`,
    );
    expect(decoded).toContain(second.text.split('\r\n').slice(1).join('\r\n'));
    expect(third.text.endsWith('"赣县区茅店镇,通达驾校训练场","教练收取""考前加练费""800元，不交就不给约考。",紧急,处理中')).toBe(true);
    expect(parseCsv(third.text).map((r) => r.fields.length)).toEqual([11, 11]);
  });

  it('maps the XLSX variant of 20240302 (serial dates B2/B3) like the CSV', async () => {
    const parsed = await parseNamed('12328_20240302.xlsx', fixture('12328_20240302.xlsx'));
    expect([parsed.defect, parsed.rows]).toEqual([null, 2]);
    expect(parsed.records.map((r) => asJson(okRecord(map12328(r))))).toEqual(expectedRecords.slice(3));
    const stored = JSON.parse(parsed.records[0].text) as { xlsx: unknown; header: string[]; cells: XlsxCell[] };
    expect(stored.xlsx).toEqual({ sheet: 'Sheet1', row: 2, date1904: false });
    expect(stored.header).toEqual([...COLUMNS]);
    expect(stored.cells.slice(0, 3)).toEqual(['20240301000015', 45352.336805555555, '13767012345']);
    expect(parsed.records[0].text.startsWith('{"xlsx":')).toBe(true);
  });

  it('the simulator writes the CSV samples byte for byte', async () => {
    const sim = new Simulator12328(await tempDir());
    const [first, second] = await sim.writeSampleFiles();
    expect(first.name).toBe('12328_20240301.csv');
    expect(first.bytes.equals(fixture('12328_20240301.csv'))).toBe(true);
    expect(second.bytes.equals(fixture('12328_20240302.csv'))).toBe(true);
    expect(readFileSync(second.path).equals(second.bytes)).toBe(true);
  });

  it.each([
    ['1900 date system', { date1904: false }],
    ['1904 date system', { date1904: true }],
    ['text dates', { textDates: true }],
    ['numeric 工单号 and 来电号码 cells', { numericCells: true }],
    ['a second sheet', { secondSheet: true }],
  ])('the simulator XLSX (%s) maps like the CSV', async (_name, options) => {
    const sim = new Simulator12328(await tempDir());
    const [, xlsx] = await sim.writeSampleFiles({ format: 'xlsx', ...options });
    const parsed = await parseNamed(xlsx.name, xlsx.bytes);
    expect(parsed.defect).toBeNull();
    expect(parsed.records.map((r) => asJson(okRecord(map12328(r))))).toEqual(expectedRecords.slice(3));
  });
});

// ── README rows ─────────────────────────────────────────────────────────────────────────────────
describe('12328 mapping: the channels README rows', () => {
  it.each(TOWNSHIPS.map((t) => [t.name, t.code]))('事发地点 naming %s → %s', (name, code) => {
    const r = okRecord(mapRow({ 事发地点: `赣县区${name}某某村委会旁` }));
    expect([r.regionCode, r.warnings]).toEqual([code, []]);
  });

  it.each([
    ['赣县区江口镇往梅林镇方向', '360704103000'], // leftmost wins
    ['梅林镇到江口镇的班车', '360704100000'],
    ['从大田乡到田村镇', '360704203000'],
    ['储潭镇储潭圩, 湖江镇', '360704110000'],
    ['王母渡镇王母渡镇', '360704101000'],
  ])('leftmost full township name: %j → %s', (place, code) => {
    expect(okRecord(mapRow({ 事发地点: place })).regionCode).toBe(code);
  });

  it.each([
    ['赣县区江口客运站', 'UNKNOWN_TOWNSHIP'], // 江口 without 镇
    ['王母渡汽车站', 'UNKNOWN_TOWNSHIP'],
    ['大田村', 'UNKNOWN_TOWNSHIP'],
    ['赣州市章贡区', 'UNKNOWN_TOWNSHIP'],
    ['', 'MISSING'],
    ['   ', 'MISSING'],
  ])('no full township name: %j → the county with %s', (place, code) => {
    const r = okRecord(mapRow({ 事发地点: place }));
    expect(r.regionCode).toBe('360704');
    expect(r.warnings).toEqual([expect.objectContaining({ field: '事发地点', code })]);
  });

  it('time-zone row: 2024/3/1 8:05 and 45352.336805555555 → 2024-03-01T00:05:00Z', () => {
    expect(okRecord(mapRow({ 受理时间: '2024/3/1 8:05' })).receivedAt.toISOString()).toBe('2024-03-01T00:05:00.000Z');
    expect(okRecord(map12328(xlsxRaw({ 受理时间: 45352.336805555555 }))).receivedAt.toISOString()).toBe('2024-03-01T00:05:00.000Z');
  });

  it.each([
    [45352.336805555555, '2024-03-01T00:05:00.000Z'],
    [45352.60902777778, '2024-03-01T06:37:00.000Z'],
    [45353.38333333333, '2024-03-02T01:12:00.000Z'],
    [45352.3368, '2024-03-01T00:05:00.000Z'], // rounded to the nearest minute
    [45352.3372, '2024-03-01T00:06:00.000Z'],
  ])('§5 serial %d → %s (and the same day in the 1904 system)', (serial, iso) => {
    expect(serialToInstant(serial, false)?.toISOString()).toBe(iso);
    expect(serialToInstant(serial - 1462, true)?.toISOString()).toBe(iso);
    expect(okRecord(map12328(xlsxRaw({ 受理时间: serial - 1462 }, true))).receivedAt.toISOString()).toBe(iso);
    expect(instantToSerial(new Date(iso), false)).toBeCloseTo(serial, 3);
  });

  it.each([
    ['2024/3/1 8:05', '2024-03-01T00:05:00.000Z'],
    ['2024/12/31 23:59', '2024-12-31T15:59:00.000Z'],
    ['2024/3/1 0:00', '2024-02-29T16:00:00.000Z'],
    ['2024/03/01 08:05', '2024-03-01T00:05:00.000Z'], // within the §4 regex
    ['2024/2/29 12:00', '2024-02-29T04:00:00.000Z'],
  ])('受理时间 %j → %s', (text, iso) => {
    const r = okRecord(mapRow({ 受理时间: text }));
    expect([r.receivedAt.toISOString(), r.warnings]).toEqual([iso, []]);
  });

  it.each(['待处理', '处理中', '已办结', '已回访', '已作废'])('处理状态 %s is stored verbatim without a warning', (status) => {
    const r = okRecord(mapRow({ 处理状态: status }));
    expect([r.channelStatus, r.warnings]).toEqual([status, []]);
  });

  it('unknown 处理状态 → verbatim with a warning; every row is a complaint; 一般/紧急 → normal/urgent', () => {
    const r = okRecord(mapRow({ 处理状态: '已撤销' }));
    expect([r.channelStatus, r.warnings]).toEqual(['已撤销', [expect.objectContaining({ field: '处理状态', code: 'UNKNOWN_VALUE' })]]);
    expect(r.requestType).toBe(RequestType.COMPLAINT);
    expect([okRecord(mapRow({ 紧急程度: '一般' })).urgency, okRecord(mapRow({ 紧急程度: '紧急' })).urgency]).toEqual([Urgency.NORMAL, Urgency.URGENT]);
  });

  it.each(['出租汽车', '网约车', '公交', '道路客运', '货运', '驾培', '路政', '港航', '其他'])('诉求类别 %s → category hint and title prefix', (category) => {
    const r = okRecord(mapRow({ 诉求类别: category }));
    expect([r.categoryHint, r.title.startsWith(`${category}：从汽车站`), r.warnings]).toEqual([category, true, []]);
  });

  it('title: 诉求类别 + ： + 20 code points, each line break (CRLF, CR, LF) → one space', () => {
    const r = okRecord(mapRow({ 诉求内容: '第一行\r\n第二行\r第三行\n😀👍二三四五六七八九十甲乙丙丁' }));
    expect(r.title).toBe('出租汽车：第一行 第二行 第三行 😀👍二三四五六七');
    expect(codePointLength(r.title)).toBe(25);
    expect(r.content).toBe('第一行\n第二行\n第三行\n😀👍二三四五六七八九十甲乙丙丁');
  });

  it.each([
    ['13767012345', '13767012345'],
    ['137 6701 2345', '13767012345'],
    ['+86 137-6701-2345', '13767012345'],
    ['0797-4456789', '0797-4456789'],
    ['(0797)4456789', '0797-4456789'],
    ['4456789', '0797-4456789'],
    ['010-12345678', '010-12345678'],
  ])('来电号码 %j → %s (README "Phones")', (raw, phone) => {
    const r = okRecord(mapRow({ 来电号码: raw }));
    expect([r.citizen, r.warnings]).toEqual([{ name: '王先生', phone, anonymous: false }, []]);
  });

  it('来电号码 that does not normalise → kept raw with a warning; withheld number and no name → anonymous', () => {
    const bad = okRecord(mapRow({ 来电号码: '12345' }));
    expect([bad.citizen?.phone, bad.warnings]).toEqual(['12345', [expect.objectContaining({ field: '来电号码', code: 'INVALID_PHONE' })]]);
    expect(okRecord(mapRow({ 来电号码: '', 来电人: '' })).citizen).toEqual({ name: null, phone: null, anonymous: true });
  });
});

describe('12328 plates (§4)', () => {
  it.each(['赣B·T1234', '赣BT1234', '赣B T1234', '赣BD23456', '赣B5678学', '赣b·t1234', '赣B.T1234', '赣B•T1234', '粤A12345警', '赣B1234挂'])(
    '%j is a valid plate',
    (plate) => {
      expect(normalisePlate(plate).valid).toBe(true);
      expect(okRecord(mapRow({ 车牌号: plate })).warnings).toEqual([]);
    },
  );

  it('normalises to the bare plate', () => {
    expect(normalisePlate('赣b · t1234')).toEqual({ plate: '赣BT1234', valid: true });
  });

  it.each(['赣BI1234', '赣B123', '赣B1234567', 'B12345', '沪BT1234O', '赣B?T1234', '无牌'])('%j → INVALID_PLATE, row still mapped', (plate) => {
    expect(okRecord(mapRow({ 车牌号: plate })).warnings).toEqual([expect.objectContaining({ field: '车牌号', code: 'INVALID_PLATE' })]);
  });
});

// ── defects ─────────────────────────────────────────────────────────────────────────────────────
describe('12328 mapping: quarantine (identity or row unreadable)', () => {
  const header = `${HEADER}\r\n`;
  const cases: Array<[string, string, RawRecord]> = [
    ['empty text', 'UNPARSEABLE', { text: '' }],
    ['only a header', 'UNPARSEABLE', { text: HEADER, version: '20240301_0' }],
    ['two rows', 'UNPARSEABLE', { text: `${header}${csvRow()}\r\n${csvRow()}`, version: '20240301_0' }],
    ['10 fields', 'UNPARSEABLE', { text: `${header}${csvRow().replace(',一般,', ',')}`, version: '20240301_0' }],
    ['12 fields', 'UNPARSEABLE', { text: `${header}${csvRow()},x`, version: '20240301_0' }],
    ['text after a closing quote', 'UNPARSEABLE', { text: `${header}${csvRow().replace('。",', '。"x,')}`, version: '20240301_0' }],
    ['header without 受理时间', 'UNPARSEABLE', { text: `${HEADER.replace('受理时间', '时间')}\r\n${csvRow()}`, version: '20240301_0' }],
    ['XLSX JSON broken', 'UNPARSEABLE', { text: '{"xlsx":{},"header":[', version: '20240301_0' }],
    ['XLSX value beyond the header', 'UNPARSEABLE', xlsxRaw({}, false, ['x'])],
    ['工单号 empty', 'INVALID_EXTERNAL_ID', csvRaw({ 工单号: '' })],
    ['工单号 13 digits', 'INVALID_EXTERNAL_ID', csvRaw({ 工单号: '2024030100001' })],
    ['工单号 15 digits', 'INVALID_EXTERNAL_ID', csvRaw({ 工单号: '202403010000150' })],
    ['工单号 full-width digits', 'INVALID_EXTERNAL_ID', csvRaw({ 工单号: '２０２４０３０１０００００１５' })],
    ['工单号 with a letter', 'INVALID_EXTERNAL_ID', csvRaw({ 工单号: '2024030100001A' })],
    [
      '工单号 quoted with a space',
      'INVALID_EXTERNAL_ID',
      { text: `${header}${csvRow().replace('20240301000015,', '" 20240301000015",')}`, version: '20240301_0' },
    ],
    ['工单号 a fractional XLSX number', 'INVALID_EXTERNAL_ID', xlsxRaw({ 工单号: 20240301000015.5 })],
    ['工单号 an XLSX error cell', 'INVALID_EXTERNAL_ID', xlsxRaw({ 工单号: { error: '#N/A' } })],
    ['version missing', 'INVALID_VERSION', csvRaw({}, null)],
    ['version not YYYYMMDD_N', 'INVALID_VERSION', csvRaw({}, '2024030100')],
    ['version an impossible date', 'INVALID_VERSION', csvRaw({}, '20240230_0')],
    ['version N with a leading zero', 'INVALID_VERSION', csvRaw({}, '20240301_01')],
    ['version N of 100', 'INVALID_VERSION', csvRaw({}, '20240301_100')],
  ];
  it.each(cases)('%s → %s', (_name, code, raw) => {
    const result = map12328(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toBeTruthy();
    expect(result.message).not.toMatch(/王先生|13767012345/);
    if (code === 'INVALID_VERSION') expect(result.externalId).toBe('20240301000015');
  });

  it('a row with a wrong field count keeps its 工单号 and version as hints', () => {
    const result = map12328({ text: `${HEADER}\r\n${csvRow().replace(',一般,', ',')}`, version: '20240301_0' });
    expect(result).toEqual({
      ok: false,
      code: 'UNPARSEABLE',
      message: 'the row has 10 fields, the header 11 (12328.md §3)',
      externalId: '20240301000015',
      version: '20240301_0',
    });
  });

  it('never throws on any input', () => {
    for (const raw of [null, undefined, 42, {}, { text: 7 }, { text: '{"xlsx":' }, { text: '{"xlsx":1,"header":{},"cells":[]}' }]) {
      expect(map12328(raw as unknown as RawRecord).ok).toBe(false);
    }
  });
});

describe('12328 mapping: warnings (mapped anyway, the column named, never a personal value)', () => {
  const personal = ['王先生', '13767012345', '0797-4456789', '𠀀'];
  const cases: Array<[string, RawRecord, string, string, (r: CanonicalRecord) => void]> = [
    [
      '受理时间 2024/2/30',
      csvRaw({ 受理时间: '2024/2/30 9:00' }),
      '受理时间',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z'),
    ],
    [
      '受理时间 24:00',
      csvRaw({ 受理时间: '2024/3/1 24:00' }),
      '受理时间',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z'),
    ],
    [
      '受理时间 ISO-like',
      csvRaw({ 受理时间: '2024-03-01 08:05' }),
      '受理时间',
      'INVALID_FORMAT',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z'),
    ],
    ['受理时间 with seconds', csvRaw({ 受理时间: '2024/3/1 8:05:00' }), '受理时间', 'INVALID_FORMAT', (r) => expect(r.receivedAt.getTime()).toBeGreaterThan(0)],
    ['受理时间 empty', csvRaw({ 受理时间: '' }), '受理时间', 'MISSING', (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z')],
    [
      '受理时间 bad and 工单号 date impossible → business date',
      csvRaw({ 工单号: '20249999000001', 受理时间: 'x' }, '20240305_1'),
      '受理时间',
      'INVALID_FORMAT',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-04T16:00:00.000Z'),
    ],
    [
      '受理时间 XLSX serial out of range',
      xlsxRaw({ 受理时间: 1e12 }),
      '受理时间',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z'),
    ],
    [
      '受理时间 XLSX boolean',
      xlsxRaw({ 受理时间: true }),
      '受理时间',
      'INVALID_TYPE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-02-29T16:00:00.000Z'),
    ],
    [
      '诉求类别 unknown',
      csvRaw({ 诉求类别: '水运' }),
      '诉求类别',
      'UNKNOWN_VALUE',
      (r) => expect([r.categoryHint, r.title.startsWith('水运：')]).toEqual(['水运', true]),
    ],
    ['诉求类别 empty', csvRaw({ 诉求类别: '' }), '诉求类别', 'MISSING', (r) => expect([r.categoryHint, r.title.startsWith('从汽车站')]).toEqual([null, true])],
    ['诉求类别 over 200', csvRaw({ 诉求类别: '类'.repeat(201) }), '诉求类别', 'TOO_LONG', (r) => expect(r.categoryHint).toBeNull()],
    ['诉求内容 empty', csvRaw({ 诉求内容: '' }), '诉求内容', 'MISSING', (r) => expect([r.content, r.title]).toEqual(['', '出租汽车：'])],
    ['诉求内容 over 2000', csvRaw({ 诉求内容: '诉'.repeat(2001) }), '诉求内容', 'TOO_LONG', (r) => expect(codePointLength(r.content)).toBe(2001)],
    ['诉求内容 NUL', csvRaw({ 诉求内容: '司机\u0000不打表' }), '诉求内容', 'INVALID_UNICODE', (r) => expect(r.content).toBe('司机\ufffd不打表')],
    ['紧急程度 特急', csvRaw({ 紧急程度: '特急' }), '紧急程度', 'UNKNOWN_VALUE', (r) => expect(r.urgency).toBe(Urgency.NORMAL)],
    ['紧急程度 empty', csvRaw({ 紧急程度: '' }), '紧急程度', 'MISSING', (r) => expect(r.urgency).toBe(Urgency.NORMAL)],
    ['处理状态 empty', csvRaw({ 处理状态: '' }), '处理状态', 'MISSING', (r) => expect(r.channelStatus).toBeNull()],
    ['处理状态 over 32', csvRaw({ 处理状态: '状'.repeat(33) }), '处理状态', 'TOO_LONG', (r) => expect(r.channelStatus).toBeNull()],
    [
      '事发地点 over the hub column',
      csvRaw({ 事发地点: '梅林镇'.repeat(200) }),
      '事发地点',
      'TOO_LONG',
      (r) => expect([r.address, r.regionCode]).toEqual([null, '360704']),
    ],
    ['来电人 over 50', csvRaw({ 来电人: '王'.repeat(51) }), '来电人', 'TOO_LONG', (r) => expect(r.citizen?.name).toHaveLength(51)],
    ['来电号码 garbage', csvRaw({ 来电号码: '王先生13767012345' }), '来电号码', 'INVALID_PHONE', (r) => expect(r.citizen?.phone).toBe('王先生13767012345')],
    ['来电号码 XLSX boolean', xlsxRaw({ 来电号码: false }), '来电号码', 'INVALID_TYPE', (r) => expect(r.citizen?.phone).toBeNull()],
    [
      'an extra column',
      { text: `${HEADER},备注\r\n${csvRow()},加急`, version: '20240301_0' },
      '备注',
      'UNKNOWN_FIELD',
      (r) => expect(r.externalId).toBe('20240301000015'),
    ],
    [
      'an extra column named like a phone',
      { text: `${HEADER},13767012345\r\n${csvRow()},x`, version: '20240301_0' },
      '#',
      'UNKNOWN_FIELD',
      (r) => expect(r.externalId).toBe('20240301000015'),
    ],
    [
      'an extra column named __proto__',
      { text: `${HEADER},__proto__\r\n${csvRow()},x`, version: '20240301_0' },
      '__proto__',
      'UNKNOWN_FIELD',
      (r) => expect(r.externalId).toBe('20240301000015'),
    ],
  ];
  it.each(cases)('%s', (_name, raw, field, code, check) => {
    const record = okRecord(map12328(raw));
    expect(record.warnings).toContainEqual(expect.objectContaining({ field, code }));
    check(record);
    for (const w of record.warnings) {
      for (const value of personal) expect(`${w.field} ${w.message}`).not.toContain(value);
      expect(w.message.length).toBeLessThan(300);
    }
  });

  it('XLSX: numeric 工单号 and 来电号码 cells are integers without exponent; a text date cell is read like the CSV', () => {
    const r = okRecord(map12328(xlsxRaw({ 工单号: 20240301000015, 来电号码: 13767012345, 受理时间: '2024/3/1 8:05' })));
    expect([r.externalId, r.citizen?.phone, r.receivedAt.toISOString(), r.warnings]).toEqual(['20240301000015', '13767012345', '2024-03-01T00:05:00.000Z', []]);
  });

  it('XLSX: an Excel error cell or a boolean is INVALID_TYPE; CRLF inside a cell becomes LF', () => {
    const r = okRecord(map12328(xlsxRaw({ 事发地点: { error: '#REF!' }, 来电人: true, 诉求内容: '一行\r\n二行' })));
    expect(r.warnings.map((w) => [w.field, w.code])).toEqual([
      ['事发地点', 'INVALID_TYPE'],
      ['来电人', 'INVALID_TYPE'],
      ['事发地点', 'MISSING'],
    ]);
    expect([r.content, r.address, r.citizen?.name]).toEqual(['一行\n二行', null, null]);
  });
});

// ── CSV reader (§3) ─────────────────────────────────────────────────────────────────────────────
describe('12328 CSV reader (RFC 4180, §3)', () => {
  it('quoted fields with CRLF, LF and CR inside become LF; the physical text is kept', () => {
    const text = 'a,"x\r\ny",c\r\nd,"p\nq\rr",f\r\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'x\ny', 'c'],
      ['d', 'p\nq\nr', 'f'],
    ]);
    expect(records.map((r) => [r.text, r.line])).toEqual([
      ['a,"x\r\ny",c', 1],
      ['d,"p\nq\rr",f', 3],
    ]);
  });

  it('"" is one quote; quotes on any field; empty quoted and unquoted values', () => {
    expect(parseCsv('"工单号","a ""b"" c","",,"x,y"\r\n')[0].fields).toEqual(['工单号', 'a "b" c', '', '', 'x,y']);
    expect(parseCsv('""""')[0].fields).toEqual(['"']);
  });

  it('unquoted fields are trimmed of spaces and tabs; quoted content is verbatim; an ideographic space is content', () => {
    expect(parseCsv(' a \t, " b " ,\u3000c\u3000,  \r\n')[0].fields).toEqual(['a', ' b ', '\u3000c\u3000', '']);
  });

  it('CRLF separates records, a bare LF is tolerated, the last record may lack its terminator', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(parseCsv('a,b\r\n')).toHaveLength(1);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,b,\r\n')[0].fields).toEqual(['a', 'b', '']);
    expect(parseCsv('\r\n')[0]).toEqual({ fields: [''], text: '', line: 1 });
  });

  it('a bare quote inside an unquoted field is kept as a character', () => {
    expect(parseCsv('a"b,c')[0]).toEqual({ fields: ['a"b', 'c'], text: 'a"b,c', line: 1 });
  });

  it('flags text after a closing quote and an unclosed quote, and goes on', () => {
    const [bad, next] = parseCsv('"a"x,b\r\nc,d\r\n');
    expect([bad.error, bad.fields, next.fields]).toEqual(['text follows a closing quote', ['ax', 'b'], ['c', 'd']]);
    const [open] = parseCsv('a,"never closed\r\nb,c\r\n');
    expect([open.error, open.fields]).toEqual(['a quoted field is not closed before the end of the file', ['a', 'never closed\nb,c\n']]);
  });

  it('reads 30,000 rows with progress every 1,000 (speed is a benchmark matter, not asserted here)', async () => {
    const row = csvRow();
    const lines = [HEADER];
    for (let i = 0; i < 30_000; i++) lines.push(row.replace('20240301000015', `20240301${String(i).padStart(6, '0')}`));
    lines.push(`合计,30000${',,,,,,,,,'}`);
    const bytes = iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
    const progress: Array<[number, number]> = [];
    const parsed = await parseDropFile(parseFileName('12328_20240301.csv')!, bytes, (done, total) => progress.push([done, total]));
    const mapped = parsed.records.map((r) => map12328(r));
    expect([parsed.defect, parsed.records.length, mapped.every((m) => m.ok)]).toEqual([null, 30_000, true]);
    expect(progress).toHaveLength(31);
    expect(progress[0]).toEqual([1000, 30_000]);
    expect(progress.at(-1)).toEqual([30_000, 30_000]);
  });
});

// ── files (§3, §5) ──────────────────────────────────────────────────────────────────────────────
describe('12328 files: integrity (§3)', () => {
  const gbk = (lines: string[]) => iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
  const footer = (n: number, fields = 11) => ['合计', String(n), ...Array<string>(fields - 2).fill('')].join(',');
  const parse = (bytes: Buffer, name = '12328_20240301.csv') => parseNamed(name, bytes);
  const expectRejected = (parsed: ParsedFile, defect: RegExp) => {
    expect(parsed.defect).toMatch(defect);
    expect(parsed.records).toHaveLength(1);
    const [record] = parsed.records;
    expect(record.rejected).toEqual({ code: 'UNPARSEABLE', message: expect.stringContaining('the whole file is quarantined') });
    expect([record.externalId, record.version]).toEqual([parsed.file.name, parsed.file.version]);
    expect(parsed.notices).toEqual([record.rejected!.message]);
    expect(map12328(record)).toEqual({ ok: false, ...record.rejected, externalId: parsed.file.name, version: parsed.file.version });
    expect(map12328({ ...record, rejected: undefined }).ok).toBe(false); // the stored text alone does not map either
  };

  it('file names and versions (§1, §2)', () => {
    expect(parseFileName('12328_20240301.csv')).toEqual({ name: '12328_20240301.csv', date: '20240301', n: 0, ext: 'csv', version: '20240301_0' });
    expect(parseFileName('12328_20240301_12.xlsx')).toEqual(expect.objectContaining({ n: 12, ext: 'xlsx', version: '20240301_12' }));
    for (const bad of [
      '12328_20240301_0.csv',
      '12328_20240301_01.csv',
      '12328_20240301_100.csv',
      '12328_20240301.CSV',
      '12328_2024031.csv',
      '12328_20240230.csv',
      'x12328_20240301.csv',
      '12328_20240301.csv.part',
    ]) {
      expect(parseFileName(bad)).toBeNull();
    }
    expect([versionOrder('20240301_0'), versionOrder('20240301_99'), versionOrder('20240302_0')]).toEqual([2024030100, 2024030199, 2024030200]);
  });

  it('an empty day: header and 合计,0,,,,,,,,, → no records, not rejected', async () => {
    const parsed = await parse(gbk([HEADER, footer(0)]));
    expect([parsed.defect, parsed.records, parsed.rows]).toEqual([null, [], 0]);
  });

  it.each([
    ['a column missing', [HEADER.replace(',线路', ''), csvRow().replace(',,赣县区', ',赣县区'), footer(1, 10)], /lacks the column\(s\) 线路/],
    ['a header name repeated', [`${HEADER},车牌号`, `${csvRow()},x`, footer(1, 12)], /repeats the column name 车牌号/],
    [
      'a column renamed',
      [HEADER.replace('线路', '车牌号'), csvRow(), footer(1)],
      /lacks the column\(s\) 线路 \(12328\.md §4\); the header repeats the column name 车牌号/,
    ],
    ['the footer missing', [HEADER, csvRow()], /footer row is missing/],
    ['only a header', [HEADER], /footer row is missing/],
    ['the footer with 10 fields', [HEADER, csvRow(), footer(1, 10)], /footer row has 10 fields, the header 11/],
    ['the footer counting 2 of 1', [HEADER, csvRow(), footer(2)], /footer counts 2 data rows, the file has 1/],
    ['the footer without a number', [HEADER, csvRow(), '合计,,,,,,,,,,'], /does not give the number/],
    ['an unclosed quote swallowing the footer', [HEADER, csvRow().replace('。",', '。,'), footer(1)], /footer row is missing \(a quoted field is not closed/],
  ])('%s → the whole file quarantined', async (_name, lines, defect) => {
    const parsed = await parse(gbk(lines));
    expectRejected(parsed, defect);
    expect(parsed.records[0].text).toBe(`data:text/csv;charset=GB18030;base64,${gbk(lines).toString('base64')}`); // the exact bytes
  });

  it('an empty file, a UTF-8 file with BOM, undecodable bytes → quarantined, the bytes kept as a data: URL', async () => {
    expectRejected(await parse(Buffer.alloc(0)), /empty/);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([HEADER, csvRow(), footer(1)].join('\r\n'))]);
    expectRejected(await parse(utf8), /byte-order mark/);
    const good = gbk([HEADER, csvRow(), footer(1)]);
    const bad = Buffer.concat([good.subarray(0, 150), Buffer.from([0xff]), good.subarray(150)]);
    const parsed = await parse(bad);
    expectRejected(parsed, /bytes at line 2 do not decode as GBK/);
    expect(parsed.records[0].text).toBe(`data:text/csv;charset=GB18030;base64,${bad.toString('base64')}`);
  });

  it('characters outside GBK arrive as ? and are accepted (§3)', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.addOrder({ ...SAMPLE_ORDERS[0], 来电人: '𠀀明', 车牌号: '赣B•T1234' }, '20240305');
    const file = await sim.writeDay('20240305');
    expect(file.bytes.includes(Buffer.from('?'))).toBe(true);
    const r = okRecord(map12328((await parseNamed(file.name, file.bytes)).records[0]));
    expect(r.citizen?.name).toBe('?明');
    expect(r.warnings).toEqual([expect.objectContaining({ field: '车牌号', code: 'INVALID_PLATE' })]); // • is not GBK either
  });

  it('row-level defects quarantine the row alone; the rest of the file is imported', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { faults: [{ kind: 'badFieldCount' }, { kind: 'badOrderId' }] });
    const parsed = await parseNamed(file.name, file.bytes);
    expect([parsed.defect, parsed.rows, parsed.records.length]).toEqual([null, 5, 5]);
    const results = parsed.records.map((r) => map12328(r));
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ok', 'ok', 'UNPARSEABLE', 'INVALID_EXTERNAL_ID']);
    expect(results[3]).toEqual(expect.objectContaining({ externalId: '20240301999998', version: '20240301_0' }));
  });

  it('the same 工单号 twice: the last row wins, with a notice', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { faults: [{ kind: 'duplicateId' }] });
    const parsed = await parseNamed(file.name, file.bytes);
    expect([parsed.rows, parsed.duplicates, parsed.records.length]).toEqual([4, 1, 3]);
    expect(okRecord(map12328(parsed.records[0])).content).toBe(SAMPLE_ORDERS[0].诉求内容);
    expect(parsed.notices).toEqual([expect.stringMatching(/^12328_20240301\.csv: 1 row\(s\) left out .* the last row wins .*: 20240301000015 \(line 2\)/)]);
  });

  it('columns are matched by name; an extra column is ignored with a notice and a warning on each row', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const columns = [...COLUMNS].reverse();
    const file = await sim.writeDay('20240301', { columns, faults: [{ kind: 'extraColumn', name: ' 备注 ' }] });
    const parsed = await parseNamed(file.name, file.bytes);
    expect(parsed.notices).toEqual([expect.stringContaining('unknown extra column(s) ignored: 备注')]);
    const records = parsed.records.map((r) => okRecord(map12328(r)));
    expect(records.map((r) => r.warnings)).toEqual(Array(3).fill([expect.objectContaining({ field: '备注', code: 'UNKNOWN_FIELD' })]));
    expect(records.map((r) => ({ ...(asJson(r) as object), warnings: [] }))).toEqual(expectedRecords.slice(0, 3));
  });

  it('embedded line breaks written as LF map like CRLF', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { embeddedLineBreak: 'LF' });
    expect(file.bytes.equals(fixture('12328_20240301.csv'))).toBe(false);
    const parsed = await parseNamed(file.name, file.bytes);
    expect(parsed.records.map((r) => asJson(okRecord(map12328(r))))).toEqual(expectedRecords.slice(0, 3));
  });

  it('blank lines are skipped with a notice', async () => {
    const parsed = await parse(gbk([HEADER, '', csvRow(), '   ', footer(1), '']));
    expect([parsed.defect, parsed.records.length, parsed.notices]).toEqual([null, 1, ['12328_20240301.csv: 3 blank line(s) skipped / 已跳过空行']]);
  });

  it.each([
    ['truncated', { kind: 'truncated' } as const, /footer row is missing/],
    ['footer missing', { kind: 'footerMissing' } as const, /footer row is missing/],
    ['footer count wrong', { kind: 'footerCount', count: 7 } as const, /footer counts 7 data rows, the file has 3/],
    ['footer with 12 fields', { kind: 'footerFields', fields: 12 } as const, /footer row has 12 fields/],
    ['column missing', { kind: 'missingColumn', column: '处理状态' } as const, /lacks the column\(s\) 处理状态/],
    ['header repeated', { kind: 'repeatedHeader' } as const, /repeats the column name 车牌号/],
    ['undecodable', { kind: 'undecodable' } as const, /do not decode/],
  ])('simulator fault %s → rejected file (CSV)', async (_name, fault, defect) => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { faults: [fault] });
    expectRejected(await parseNamed(file.name, file.bytes), defect);
  });

  it.each([
    ['truncated', { kind: 'truncated' } as const, /not a readable XLSX/],
    ['undecodable', { kind: 'undecodable' } as const, /not a readable XLSX/],
    ['footer missing', { kind: 'footerMissing' } as const, /footer row is missing/],
    ['footer count wrong', { kind: 'footerCount', count: 1 } as const, /footer counts 1 data rows, the file has 2/],
    ['footer beyond the header', { kind: 'footerFields', fields: 12 } as const, /footer row has 12 fields/],
    ['column missing', { kind: 'missingColumn', column: '工单号' } as const, /lacks the column\(s\) 工单号/],
    ['header repeated', { kind: 'repeatedHeader' } as const, /repeats the column name/],
  ])('simulator fault %s → rejected file (XLSX)', async (_name, fault, defect) => {
    const sim = new Simulator12328(await tempDir());
    const [, file] = await sim.writeSampleFiles({ format: 'xlsx', faults: [fault] });
    const parsed = await parseNamed(file.name, file.bytes);
    expectRejected(parsed, defect);
    expect(parsed.records[0].text.startsWith('data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,')).toBe(true);
  });

  it('XLSX row faults: a value beyond the last column, a bad 工单号, a duplicate', async () => {
    const sim = new Simulator12328(await tempDir());
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { format: 'xlsx', faults: [{ kind: 'badFieldCount' }, { kind: 'badOrderId' }, { kind: 'duplicateId' }] });
    const parsed = await parseNamed(file.name, file.bytes);
    expect([parsed.defect, parsed.rows, parsed.duplicates]).toEqual([null, 6, 1]);
    expect(parsed.records.map((r) => map12328(r)).map((r) => (r.ok ? r.record.externalId : r.code))).toEqual([
      '20240301000015',
      '20240301000027',
      '20240301000031',
      'UNPARSEABLE',
      'INVALID_EXTERNAL_ID',
    ]);
  });

  it('XLSX: only the first worksheet is read; date1904 is recorded with each row', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const first = workbook.addWorksheet('导出');
    first.addRow([...COLUMNS]);
    first.addRow(['20240301000015', 45352.336805555555 - 1462, null, null, '公交', null, null, '梅林镇', '内容', '一般', '待处理']);
    first.addRow(['合计', '1']);
    workbook.addWorksheet('Sheet2').addRow(['not', 'read']);
    const parsed = await parseNamed('12328_20240301.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.defect).toBeNull();
    expect(JSON.parse(parsed.records[0].text).xlsx).toEqual({ sheet: '导出', row: 2, date1904: true });
    expect(okRecord(map12328(parsed.records[0])).receivedAt.toISOString()).toBe('2024-03-01T00:05:00.000Z');
  });
});

// ── client against the simulator ────────────────────────────────────────────────────────────────
describe('12328 client against the simulator: the drop directory (§1)', () => {
  it('processes the sample files one per page in (date, N) order, then archives them by SHA-256', async () => {
    const { sim, connector, drop, archive } = await setup();
    await sim.writeSampleFiles();
    sim.advance(MINUTE);
    const result = await drain(connector);
    expect(result.pages.map((p) => [p.records.length, p.done])).toEqual([
      [3, false],
      [2, false],
      [0, true],
    ]);
    expect(result.records.map((r) => asJson(okRecord(connector.map(r))))).toEqual(expectedRecords);
    expect(result.checkpoint).toEqual({
      files: [
        { name: '12328_20240301.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), version: '20240301_0', rows: 3, imported: true },
        { name: '12328_20240302.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), version: '20240302_0', rows: 2, imported: true },
      ],
      reported: [],
      missingAlerted: null,
    });
    expect(result.notices).toEqual([]);
    // Archived on the fetch after the one that returned them (their records were committed by then).
    expect((await readdir(drop)).sort()).toEqual(['archive']);
    expect((await readdir(archive)).sort()).toEqual(result.checkpoint.files.map((f) => `${f.sha256}_${f.name}`).sort());
    // Nothing more to do.
    const again = await drain(connector, result.checkpoint as unknown as Checkpoint);
    expect([again.records, again.pages.length]).toEqual([[], 1]);
  });

  it('orders by (business date, N), not by arrival', async () => {
    const { sim, connector } = await setup();
    sim.addOrder({ ...SAMPLE_ORDERS[0], 工单号: '20240303000001' }, '20240303');
    sim.addOrder({ ...SAMPLE_ORDERS[0], 工单号: '20240302000001' }, '20240302');
    sim.addOrder({ ...SAMPLE_ORDERS[0], 工单号: '20240301000001' }, '20240301');
    await sim.writeDay('20240303');
    sim.setStatus('20240302000001', '已办结', '20240302');
    await sim.writeDay('20240302', { n: 1 });
    sim.advance(MINUTE);
    sim.setStatus('20240302000001', '处理中', '20240302');
    await sim.writeDay('20240302');
    await sim.writeDay('20240301', { n: 2 });
    sim.advance(2 * MINUTE);
    const { records } = await drain(connector);
    expect(ids(records)).toEqual([
      ['20240301000001', '20240301_2'],
      ['20240302000001', '20240302_0'],
      ['20240302000001', '20240302_1'],
      ['20240303000001', '20240303_0'],
    ]);
  });

  it('waits until a file has been unchanged for 60 s; a file still being written holds back the later ones', async () => {
    const { sim, connector } = await setup();
    sim.seedSamples();
    sim.addOrder(SAMPLE_ORDERS[3], '20240302');
    await sim.writeDay('20240302', { mtime: new Date(sim.now().getTime() - 10 * MINUTE) });
    await sim.writeDay('20240301'); // still being written: mtime = now
    sim.advance(59_000);
    expect(await drain(connector)).toEqual(expect.objectContaining({ records: [], pages: [expect.objectContaining({ done: true })] }));
    sim.advance(1_000);
    const { records } = await drain(connector);
    expect(records.map((r) => r.version)).toEqual(['20240301_0', '20240301_0', '20240301_0', '20240302_0']);
  });

  it('a re-issue supersedes the rows of its date and reports the orders it lacks (left as they stand)', async () => {
    const { sim, connector } = await setup();
    sim.seedSamples();
    await sim.writeDay('20240301');
    sim.advance(MINUTE);
    const first = await drain(connector);
    sim.setStatus('20240301000027', '已作废', '20240301');
    await sim.writeDay('20240301', { n: 1, only: ['20240301000015', '20240301000027'] });
    sim.advance(MINUTE);
    const second = await drain(connector, first.checkpoint as unknown as Checkpoint);
    expect(ids(second.records)).toEqual([
      ['20240301000015', '20240301_1'],
      ['20240301000027', '20240301_1'],
    ]);
    expect(okRecord(connector.map(second.records[1]))).toEqual(expect.objectContaining({ channelStatus: '已作废', versionOrder: 2024030101 }));
    expect(second.notices).toEqual([
      expect.stringMatching(/^12328_20240301_1\.csv re-issues business date 20240301: 1 order\(s\) .* absent and left as they stand .*: 20240301000031 \//),
    ]);
  });

  it('an identical file (same SHA-256) is ignored and reported, under its own or another name', async () => {
    const { sim, connector, archive } = await setup();
    sim.seedSamples();
    const file = await sim.writeDay('20240301');
    sim.advance(MINUTE);
    const first = await drain(connector);
    await sim.writeRaw(file.name, file.bytes, new Date(sim.now().getTime() - MINUTE)); // uploaded again
    await sim.writeRaw('12328_20240301_3.csv', file.bytes, new Date(sim.now().getTime() - MINUTE));
    const again = await drain(connector, first.checkpoint as unknown as Checkpoint);
    expect(again.records).toEqual([]);
    // Under its own name it is the processed file again (also what a crash before its archiving leaves): archived quietly.
    expect(again.notices).toEqual([expect.stringMatching(/^12328_20240301_3\.csv: identical to a file already processed \(12328_20240301\.csv\); ignored/)]);
    expect(await readdir(join(archive, 'ignored'))).toEqual([expect.stringMatching(/_12328_20240301_3\.csv$/)]);
    expect(await readdir(sim.dir)).toEqual(['archive']);
  });

  it('csv and xlsx of the same (date, N): the first processed wins, the other is ignored and reported', async () => {
    const { sim, connector, archive } = await setup();
    sim.seedSamples();
    await sim.writeDay('20240301', { format: 'xlsx' });
    sim.advance(1000);
    await sim.writeDay('20240301');
    sim.advance(MINUTE);
    const result = await drain(connector);
    expect(result.pages.map((p) => p.records.length)).toEqual([3, 0]);
    expect(JSON.parse(result.records[0].text).xlsx).toBeTruthy(); // the XLSX arrived first
    expect(result.notices).toEqual([
      expect.stringMatching(/^12328_20240301\.csv: business date 20240301 N=0 was already imported from 12328_20240301\.xlsx; .* ignored/),
    ]);
    expect(await readdir(join(archive, 'ignored'))).toEqual([expect.stringMatching(/_12328_20240301\.csv$/)]);
  });

  it('a file quarantined whole does not claim its (date, N): the other format of the same date is then imported', async () => {
    const { sim, connector } = await setup();
    sim.seedSamples();
    await sim.writeDay('20240301', { faults: [{ kind: 'footerCount', count: 9 }] });
    sim.advance(1000);
    await sim.writeDay('20240301', { format: 'xlsx' });
    sim.advance(MINUTE);
    const result = await drain(connector);
    expect(result.pages.map((p) => p.records.length)).toEqual([1, 3, 0]);
    expect(result.records[0]).toEqual(
      expect.objectContaining({ externalId: '12328_20240301.csv', version: '20240301_0', rejected: expect.objectContaining({ code: 'UNPARSEABLE' }) }),
    );
    expect(result.checkpoint.files.map((f) => [f.name, f.imported, f.rows])).toEqual([
      ['12328_20240301.csv', false, 3],
      ['12328_20240301.xlsx', true, 3],
    ]);
  });

  it('a file failing integrity yields exactly one rejected record and nothing else; the next file goes on', async () => {
    const { sim, connector } = await setup();
    sim.seedSamples();
    await sim.writeDay('20240301', { faults: [{ kind: 'truncated' }] });
    sim.addOrder(SAMPLE_ORDERS[3], '20240302');
    await sim.writeDay('20240302');
    sim.advance(MINUTE);
    const result = await drain(connector);
    expect(result.pages[0].records).toEqual([
      {
        text: expect.any(String),
        externalId: '12328_20240301.csv',
        version: '20240301_0',
        rejected: { code: 'UNPARSEABLE', message: expect.stringMatching(/footer row is missing/) },
      },
    ]);
    expect(ids(result.pages[1].records)).toEqual([['20240302000008', '20240302_0']]);
    expect(result.notices).toEqual([expect.stringContaining('the whole file is quarantined')]);
  });

  it('names outside the rule are ignored and reported once while they stay', async () => {
    const { sim, connector } = await setup();
    await sim.writeRaw('12328_2024031.csv', 'x');
    await sim.writeRaw('12328_20240230.csv', 'x');
    await sim.writeRaw('.12328_20240301.csv.part', 'x');
    await mkdir(join(sim.dir, 'subdir'));
    sim.advance(MINUTE);
    const first = await drain(connector);
    expect(first.notices).toEqual([
      'drop directory: ".12328_20240301.csv.part" is not a 12328_YYYYMMDD[_N].csv|xlsx file name; ignored (12328.md §1) / 文件名不符合规则，已忽略',
      expect.stringContaining('"12328_20240230.csv" is not a'),
      expect.stringContaining('"12328_2024031.csv" is not a'),
    ]);
    expect(first.checkpoint.reported).toEqual(['.12328_20240301.csv.part', '12328_20240230.csv', '12328_2024031.csv']);
    const second = await drain(connector, first.checkpoint as unknown as Checkpoint);
    expect(second.notices).toEqual([]);
    await rm(join(sim.dir, '12328_2024031.csv'));
    expect((await drain(connector, second.checkpoint as unknown as Checkpoint)).checkpoint.reported).toEqual([
      '.12328_20240301.csv.part',
      '12328_20240230.csv',
    ]);
  });

  it('an empty day is processed (no records) and counts as delivered', async () => {
    const { sim, connector } = await setup();
    sim.setClock(new Date('2024-03-06T10:30:00+08:00'));
    const file = await sim.writeDay('20240305');
    expect(iconv.decode(file.bytes, 'gbk')).toBe(`${HEADER}\r\n合计,0,,,,,,,,,\r\n`);
    sim.advance(MINUTE);
    const result = await drain(connector);
    expect([result.records, result.notices, result.checkpoint.files.map((f) => [f.version, f.rows])]).toEqual([[], [], [['20240305_0', 0]]]);
  });

  it('no file for yesterday by 10:00 → reported once', async () => {
    const { sim, connector } = await setup();
    sim.setClock(new Date('2024-03-06T09:59:00+08:00'));
    expect((await drain(connector)).notices).toEqual([]);
    sim.setClock(new Date('2024-03-06T10:00:00+08:00'));
    const late = await drain(connector);
    expect(late.notices).toEqual([expect.stringMatching(/^no file for business date 20240305 by 10:00/)]);
    expect(late.checkpoint.missingAlerted).toBe('20240305');
    expect((await drain(connector, late.checkpoint as unknown as Checkpoint)).notices).toEqual([]);
  });

  it('the checkpoint stays small: the last 120 files', async () => {
    const { sim, connector } = await setup();
    for (let day = 1; day <= 125; day++) {
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10).replace(/-/g, '');
      sim.addOrder({ ...SAMPLE_ORDERS[0], 工单号: `${date}000001` }, date);
      await sim.writeDay(date);
    }
    sim.advance(MINUTE);
    const { records, checkpoint } = await traversePages<Checkpoint12328>(connector, {}, 200, 'runaway');
    expect(records).toHaveLength(125);
    expect(checkpoint.files).toHaveLength(MAX_CHECKPOINT_FILES);
    expect(checkpoint.files[0].version).toBe('20240106_0');
    expect(JSON.stringify(checkpoint).length).toBeLessThan(30_000);
  });

  it('the drop directory missing → FATAL; a foreign checkpoint → FATAL', async () => {
    const connector = new Connector12328(makeConfig12328({ dropDir: join(await tempDir(), 'absent') }));
    expect((await failure(connector.fetchPage({}))).kind).toBe('FATAL');
    const { connector: ok } = await setup();
    expect((await failure(ok.fetchPage({ watermark: 5, files: 'x' }))).message).toMatch(/not a 12328 checkpoint/);
  });

  it('readFile12328: one file read directly, with progress, in the page shape', async () => {
    const dir = await tempDir();
    const path = join(dir, '12328_20240301.csv');
    await copyFile(join(FIXTURES, '12328_20240301.csv'), path);
    const progress: Array<[number, number]> = [];
    const page = await readFile12328(path, { onProgress: (done, total) => progress.push([done, total]) });
    expect([page.records.length, page.done, progress]).toEqual([3, true, [[3, 3]]]);
    expect((page.next as unknown as Checkpoint12328).files).toEqual([expect.objectContaining({ name: '12328_20240301.csv', rows: 3, imported: true })]);
    await copyFile(path, join(dir, 'export.csv'));
    expect((await failure(readFile12328(join(dir, 'export.csv')))).message).toMatch(/file name must be/);
  });
});

describe('12328 client: crash safety', () => {
  /** The runtime: a page's records and its checkpoint commit together (idempotent on externalId + version). */
  class Store {
    checkpoint: Checkpoint = {};
    landed = new Map<string, RawRecord>();
    commit(page: Page): void {
      for (const r of page.records) this.landed.set(`${r.externalId}@${r.version}`, r);
      this.checkpoint = page.next;
    }
  }
  const expectedSet = (files: ParsedFile[]) => new Set(files.flatMap((f) => f.records.map((r) => `${r.externalId}@${r.version}`)));

  it("killed at random points (before a commit, or between archive steps), a rerun ends with exactly the files' records", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const random = prng(seed);
      const { sim, connect, drop, archive } = await setup();
      const written: ParsedFile[] = [];
      const write = async (date: string, n = 0, orders = 3) => {
        for (let i = 1; i <= orders; i++) sim.addOrder({ ...SAMPLE_ORDERS[i % 4], 工单号: `${date}${String(i + n * 10).padStart(6, '0')}` }, date);
        const file = await sim.writeDay(date, { n });
        written.push(await parseNamed(file.name, file.bytes));
      };
      await write('20240301');
      await write('20240302', 0, 5);
      await write('20240302', 1, 4);
      await write('20240303', 0, 0);
      await write('20240304', 0, 2);
      sim.advance(MINUTE);
      const store = new Store();
      let connector = connect();
      for (let step = 0; step < 100; step++) {
        const page = await connector.fetchPage(store.checkpoint);
        const roll = random();
        if (roll < 0.35) {
          connector = connect(); // killed before the commit: the page is lost
          continue;
        }
        store.commit(page);
        if (roll < 0.5) {
          // killed in the middle of archiving a committed file: a copy in the archive, the original still there
          const entry = (store.checkpoint as unknown as Checkpoint12328).files.at(-1);
          if (entry && existsSync(join(drop, entry.name))) {
            await mkdir(archive, { recursive: true });
            await writeFile(join(archive, `.${entry.sha256}_${entry.name}.part`), 'partial');
            if (random() < 0.5) await copyFile(join(drop, entry.name), join(archive, `${entry.sha256}_${entry.name}`));
          }
          connector = connect();
        }
        if (page.done) break;
      }
      expect(new Set(store.landed.keys())).toEqual(expectedSet(written));
      expect((await readdir(drop)).filter((n) => n !== 'archive')).toEqual([]);
      const archived = (await readdir(archive)).filter((n) => !n.startsWith('.') && n !== 'ignored');
      expect(archived.sort()).toEqual((store.checkpoint as unknown as Checkpoint12328).files.map((f) => `${f.sha256}_${f.name}`).sort());
    }
  });
});

// ── fuzz and privacy ────────────────────────────────────────────────────────────────────────────
/** Citizen values the fuzz and the privacy test put into 来电人 / 来电号码 (and elsewhere). */
const PERSONAL = [
  '王先生',
  '13767012345',
  '李女士',
  '0797-4456789',
  '陈国平',
  '18970765432',
  '欧阳娜娜',
  '13912345678',
  '139-1234-567x',
  '１３９１２３４５６７８',
];
const leaks = (text: string) => PERSONAL.find((value) => text.includes(value));

describe('12328 fuzz', () => {
  it('maps or quarantines 12,000 mutated rows (CSV files and XLSX cells), never throws, never leaks a personal value', async () => {
    const random = prng(12328);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const nasty = [
      '',
      ' ',
      '\t',
      '2024/2/30 9:00',
      '2024/13/1 8:05',
      '2024/3/1 8:5',
      '2024/3/1 25:00',
      '2024/3/1 8:05',
      '45352.336805555555',
      '0',
      '-1',
      '1e400',
      'x'.repeat(20_000),
      '诉'.repeat(2500),
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      '${jndi:ldap://x}',
      '=cmd|"/c calc"!A1',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '𠀀𠀁',
      '\ud800x',
      'y\udc00',
      '２０２４０３０１０００００１５',
      '\u0000',
      '\ufffd',
      'a\u202eb',
      '"',
      '""',
      ',',
      'a,"b"',
      '\r\n',
      '\n',
      '\r',
      ' 一般 ',
      '合计',
      '工单号',
      '紧急',
      '特急',
      '已作废',
      '赣B·T1234',
      '赣BI1234',
      '王母渡镇',
      '江口',
      '20240301000015',
      '2024030100001',
      '202403010000150',
      ...PERSONAL,
    ];
    const counts: Record<string, number> = { ok: 0, duplicate: 0, fileQuarantined: 0 };
    const codes = new Set([...TOWNSHIPS.map((t) => t.code), '360704']);
    const check = (n: number, result: MapResult) => {
      const fail = (what: string) => {
        throw new Error(`fuzz row #${n}: ${what}`);
      };
      if (!result.ok) {
        counts[result.code] = (counts[result.code] ?? 0) + 1;
        if (!['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION'].includes(result.code) || !result.message) fail(`code ${result.code}`);
        if (result.message.length > 200 || leaks(result.message)) fail('quarantine message');
        return;
      }
      counts.ok++;
      const r = result.record;
      if (!/^[0-9]{14}$/.test(r.externalId) || versionOrder(r.version) !== r.versionOrder) fail('identity');
      if (Number.isNaN(r.receivedAt.getTime()) || !codes.has(r.regionCode)) fail('time or region');
      if (r.requestType !== RequestType.COMPLAINT || ![Urgency.NORMAL, Urgency.URGENT].includes(r.urgency)) fail('enums');
      if (codePointLength(r.title) > 41 || /[\r\n]/.test(r.title) || r.title.includes('\u0000') || r.content.includes('\u0000')) fail('title/content');
      if ((r.channelStatus ?? '').length > 32 || (r.categoryHint ?? '').length > 200 || (r.address ?? '').length > 500) fail('hub column lengths');
      for (const w of r.warnings) if (w.message.length > 300 || leaks(`${w.field} ${w.message}`)) fail(`warning ${w.field}`);
    };

    // 100 CSV files of 100 rows: mutated values, ~8% rows with a field added or missing, quoting at random, ~6% damaged files.
    const FILES = 100;
    const ROWS = 100;
    for (let f = 0; f < FILES; f++) {
      const rows: string[] = [];
      for (let i = 0; i < ROWS; i++) {
        const order = { ...pick(SAMPLE_ORDERS), 工单号: `202403${String(f).padStart(2, '0')}${String(i).padStart(6, '0')}` } as Record<string, string>;
        for (let k = 1 + Math.floor(random() * 3); k > 0; k--) order[pick(COLUMNS)] = pick(nasty);
        const fields = COLUMNS.map((c) => order[c]);
        const roll = random();
        if (roll < 0.04) fields.splice(Math.floor(random() * 11), 1);
        else if (roll < 0.08) fields.push(pick(nasty));
        rows.push(fields.map((v, j) => (random() < 0.2 || /[,"\r\n]/.test(v) || (j === 8 && random() < 0.9) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
        if (rows.at(-1)!.trim() === '') rows[rows.length - 1] = '""'; // never a blank physical line
      }
      let bytes = iconv.encode(`${[HEADER, ...rows, `合计,${ROWS},,,,,,,,,`].join('\r\n')}\r\n`, 'gbk');
      const damage = random();
      if (damage < 0.02) bytes = Buffer.concat([bytes.subarray(0, 500), Buffer.from([0x81, 0x20]), bytes.subarray(500)]);
      else if (damage < 0.04) bytes = bytes.subarray(0, Math.floor(bytes.length * random()));
      else if (damage < 0.06) bytes = iconv.encode(iconv.decode(bytes, 'gbk').replace('合计,100,', '合计,99,'), 'gbk');

      let parsed: ParsedFile;
      try {
        parsed = await parseDropFile(parseFileName(`12328_202403${String((f % 28) + 1).padStart(2, '0')}.csv`)!, bytes);
      } catch (error) {
        throw new Error(`parseDropFile threw on fuzz file #${f}: ${(error as Error).message}`);
      }
      for (const notice of parsed.notices) if (leaks(notice)) throw new Error(`notice of fuzz file #${f} leaks a personal value`);
      if (parsed.defect !== null) {
        expect(parsed.records).toEqual([expect.objectContaining({ rejected: expect.objectContaining({ code: 'UNPARSEABLE' }) })]);
        counts.fileQuarantined += ROWS;
        continue;
      }
      expect(parsed.rows).toBe(ROWS);
      counts.duplicate += parsed.duplicates;
      parsed.records.forEach((raw, i) => {
        let result: MapResult;
        try {
          result = map12328(raw);
        } catch (error) {
          throw new Error(`map12328 threw on fuzz file #${f} row ${i}: ${(error as Error).message}`);
        }
        check(f * ROWS + i, result);
      });
    }

    // 2,000 XLSX rows with cells of any type, including ones no reader produces.
    const cellValues: unknown[] = [
      null,
      true,
      false,
      0,
      -1,
      1.5,
      45352.336805555555,
      1e300,
      20240301000015,
      13767012345,
      { error: '#N/A' },
      { error: 7 },
      [1],
      { a: 1 },
      ...nasty,
    ];
    for (let n = 0; n < 2000; n++) {
      const cells = COLUMNS.map((c) => (random() < 0.3 ? pick(cellValues) : (SAMPLE_ORDERS[1] as Record<string, string>)[c])) as XlsxCell[];
      if (random() < 0.05) cells.push(pick(cellValues) as XlsxCell);
      const text = JSON.stringify({ xlsx: { sheet: 'Sheet1', row: n + 2, date1904: random() < 0.5 }, header: COLUMNS, cells });
      check(10_000 + n, map12328({ text, externalId: null, version: random() < 0.05 ? pick(['', '2024', '20240230_0', '20240301_0']) : '20240301_1' }));
    }

    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(FILES * ROWS + 2000);
    expect(counts.ok).toBeGreaterThan(total / 2);
    for (const code of ['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION', 'fileQuarantined']) expect(counts[code]).toBeGreaterThan(10);
  });
});

describe('12328 privacy: no message carries a citizen name or phone', () => {
  it('warnings, notices and quarantine messages of a run with every fault name columns, never values', async () => {
    const { sim, connector } = await setup();
    const orders: Array<Partial<Row12328>> = [
      { 来电人: '欧阳娜娜', 来电号码: '13912345678' },
      { 来电人: '欧阳娜娜', 来电号码: '139-1234-567x' },
      { 来电人: '欧阳娜娜'.repeat(20), 来电号码: '１３９１２３４５６７８' },
      { 来电人: '13912345678', 来电号码: '欧阳娜娜', 受理时间: '2024/2/30 9:00', 紧急程度: '特急', 处理状态: '13912345678' },
    ];
    orders.forEach((o, i) => sim.addOrder({ ...SAMPLE_ORDERS[i % 4], ...o, 工单号: `2024030400000${i}` }, '20240304'));
    const faults = [
      [{ kind: 'duplicateId' }, { kind: 'badFieldCount' }, { kind: 'badOrderId' }, { kind: 'extraColumn', name: '13912345678' }],
      [{ kind: 'undecodable' }],
      [{ kind: 'truncated' }],
      [{ kind: 'footerCount', count: 1 }],
      [{ kind: 'missingColumn', column: '来电人' }],
    ] as const;
    for (const [n, list] of faults.entries()) await sim.writeDay('20240304', { n, faults: list });
    await sim.writeDay('20240304', { n: 9, format: 'xlsx', faults: [{ kind: 'duplicateId' }, { kind: 'badOrderId' }] });
    await sim.writeDay('20240304', { n: 10, only: ['20240304000000'] });
    sim.advance(MINUTE);
    const result = await drain(connector);
    const messages = [...result.notices];
    for (const raw of result.records) {
      if (raw.rejected) {
        messages.push(raw.rejected.message);
        continue;
      }
      const mapped = connector.map(raw);
      if (mapped.ok) messages.push(...mapped.record.warnings.flatMap((w) => [w.field, w.message]));
      else messages.push(mapped.message);
    }
    expect(result.records.filter((r) => !r.rejected).length).toBeGreaterThan(10);
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.filter((m) => leaks(m))).toEqual([]);
  });
});
