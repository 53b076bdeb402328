import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { CanonicalRecord, MapResult } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint } from '../../src/ingest/connector';
import { TOWNSHIPS } from '../../src/reference/townships';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import { failure, prng, traversePages } from '../shared/testing';
import { codePointLength, storableText } from '../shared/text';
import {
  ConnectorXf,
  FeedbackRejectedError,
  MIN_REQUEST_INTERVAL_MS,
  TokenExpiredError,
  feedbackXml,
  sinceFor,
  type CheckpointXf,
  type FeedbackXf,
} from './client';
import { ConfigError, loadConfigXf, makeConfigXf } from './config';
import { addDays, endOfDay, formatCompactTime, parseCompactTime, parseDeadlineDate } from './dates';
import { manifest } from './manifest';
import { mapLetter, XFJBH } from './mapping';
import { SAMPLE_AUTH_CODE, SAMPLE_SYS_CODE, SimulatorXf, letterXml, sampleLetters, type Letter, type SimulatorOptions } from './simulator';
import { cdata, childElementTexts, element, escapeXml, parseXml, path, type XmlObject } from './xml';
import { ChannelMode } from '../../src/reference/vocabulary';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const sampleResponse = fixture('query-response.xml');
const sampleTexts = childElementTexts(sampleResponse, ['Envelope', 'Body', 'QueryResponse'], 'Letter')!;
const expectedRecords = JSON.parse(fixture('expected-records.json')) as unknown[];
const [SAMPLE_1, SAMPLE_2] = ['36070424030500018', '36070424030700042'];

/** Every personal value of the samples (§8): none may appear in a warning, quarantine message or error. */
const PERSONAL = ['钟国华', '刘晓梅', '360721196708233010', '13607971288', '0797-4331256', '4331256', '洋塘村下屋组', '江西省赣州市赣县区茅店镇洋塘村'];

const asJson = (r: CanonicalRecord) => JSON.parse(JSON.stringify(r)) as unknown;
const okRecord = (result: MapResult): CanonicalRecord => {
  if (!result.ok) throw new Error(`expected a mapped record, got ${result.code}: ${result.message}`);
  return result.record;
};
/** A sample letter (0 or 1) with elements patched (null removes one), served as the simulator does. */
const letter = (patch: Record<string, string | null> = {}, base = 0): Letter => {
  const l = { ...sampleLetters()[base] };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete l[k];
    else l[k] = v;
  }
  return l;
};
const mapPatched = (patch: Record<string, string | null> = {}, base = 0) => mapLetter({ text: letterXml(letter(patch, base)) });
const warningFor = (r: CanonicalRecord, field: string) => r.warnings.filter((w) => w.field === field).map((w) => w.code);
const instant = (iso: string) => new Date(iso);

// ── client helpers ──────────────────────────────────────────────────────────────────────────────
const running: Array<{ stop(): unknown }> = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function startSim(options: SimulatorOptions = {}): Promise<SimulatorXf> {
  const sim = await SimulatorXf.start({ ratePerSecond: 1000, ...options });
  running.push(sim);
  return sim;
}

interface ConnectOptions {
  authCode?: string;
  sysCode?: string;
  pageSize?: number;
  requestTimeoutMs?: number;
  startWatermark?: string;
  now?: () => Date;
  minRequestIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

function connect(sim: { url: string; now?: () => Date }, o: ConnectOptions = {}): ConnectorXf {
  const config = makeConfigXf({
    url: sim.url,
    sysCode: o.sysCode ?? SAMPLE_SYS_CODE,
    authCode: o.authCode ?? SAMPLE_AUTH_CODE,
    pageSize: o.pageSize ?? 50,
    requestTimeoutMs: o.requestTimeoutMs ?? 2000,
    startWatermark: o.startWatermark,
  });
  const connector = new ConnectorXf(config, {
    now: o.now ?? (() => sim.now?.() ?? new Date()),
    minRequestIntervalMs: o.minRequestIntervalMs ?? 0,
    sleep: o.sleep,
  });
  running.push({ stop: () => connector.close() });
  return connector;
}

function traverse(connector: ConnectorXf, checkpoint: Checkpoint = {}) {
  return traversePages<CheckpointXf>(connector, checkpoint, 1000, 'runaway traversal');
}

/** A well-formed extra letter, `n` minutes after the last sample (GXSJ 20240307162540). */
function extraLetter(n: number, patch: Record<string, string> = {}): Letter {
  const gxsj = formatCompactTime(new Date(Date.parse('2024-03-07T08:25:40Z') + n * 60_000));
  return { ...letter({}, 1), XFJBH: `360704240307${String(100 + n).padStart(5, '0')}`, GXSJ: gxsj, ...patch };
}

/** A one-off HTTP server answering every request with `answer` (responses the simulator never gives). */
async function stubServer(answer: { status: number; body: string | Buffer; headers?: Record<string, string> }) {
  const server = http.createServer((_req, res) => {
    res.writeHead(answer.status, { 'Content-Type': 'text/xml; charset=UTF-8', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub = { url: `http://127.0.0.1:${port}/xfjk/services/XfDataExchange`, stop: () => new Promise<void>((r) => server.close(() => r())) };
  running.push(stub);
  return stub;
}

/** A response envelope around a QueryResponse body. */
const queryResponse = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope><Header><ReqId>0b6f8e2c-51d4-4a8e-9c37-7e1a2d5b9f40</ReqId><RespTime>20240308090001</RespTime></Header><Body><QueryResponse>${inner}</QueryResponse></Body></Envelope>`;

/** A raw §1 request to the simulator (for byte-level checks the client would never send). */
async function rawRequest(sim: SimulatorXf, body: string, header: Partial<Record<'SysCode' | 'AuthCode' | 'ReqId' | 'ReqTime', string>> = {}) {
  const h = { SysCode: SAMPLE_SYS_CODE, AuthCode: SAMPLE_AUTH_CODE, ReqId: randomUUID(), ReqTime: formatCompactTime(sim.now()), ...header };
  const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope><Header>${Object.entries(h)
    .map(([k, v]) => element(k, v))
    .join('')}</Header><Body>${body}</Body></Envelope>`;
  const res = await fetch(sim.url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: envelope });
  const text = await res.text();
  const parsed = parseXml(text);
  return { status: res.status, text, retryAfter: res.headers.get('retry-after'), doc: parsed.ok ? parsed.doc : null };
}
const faultCode = (doc: XmlObject | null) => (doc ? path(doc, 'Envelope', 'Body', 'Fault', 'FaultCode') : undefined);
const resultOf = (doc: XmlObject | null) => {
  const r = doc ? path(doc, 'Envelope', 'Body', 'FeedbackResponse') : undefined;
  return { code: path(r, 'ResultCode'), duplicate: path(r, 'Duplicate'), overdue: path(r, 'Overdue') };
};

/** Every ChannelError and FeedbackRejectedError message seen by the client tests: checked for personal values at the end. */
const seenMessages: string[] = [];
async function channelFailure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await failure(promise);
  seenMessages.push(error.message);
  return error;
}

// ── identity and configuration ──────────────────────────────────────────────────────────────────
describe('xf manifest and configuration', () => {
  it('declares the channel and the 信访 row of "Origin status → hub action"', () => {
    expect(manifest).toEqual({
      code: 'xf',
      name: expect.stringContaining('信访'),
      mode: ChannelMode.INTERCONNECT,
      specVersion: '1.0',
      originStatus: { cancel: ['40', '11'], terminal: [], echo: { '20': ['ACCEPT'], '11': ['REJECT'], '30': ['RESULT'] } },
    });
  });

  it('reads the environment with the spec defaults (page 50, poll every 10 min)', () => {
    const config = loadConfigXf({
      MINYI_XF_URL: 'https://xf.example.gov.cn/xfjk/services/XfDataExchange/',
      MINYI_XF_SYS_CODE: ' GX12345 ',
      MINYI_XF_AUTH_CODE: SAMPLE_AUTH_CODE,
    });
    expect(config).toEqual({
      url: 'https://xf.example.gov.cn/xfjk/services/XfDataExchange',
      sysCode: 'GX12345',
      startWatermark: '2024-03-01T00:00:00+08:00',
      pageSize: 50,
      requestTimeoutMs: 30_000,
      pollSeconds: 600,
      tls: { certFile: null, keyFile: null, caFile: null },
    });
    expect(config.authCode).toBe(SAMPLE_AUTH_CODE);
    const custom = loadConfigXf({
      MINYI_XF_URL: 'http://127.0.0.1:8080/xfjk/services/XfDataExchange',
      MINYI_XF_SYS_CODE: 'GX12345',
      MINYI_XF_AUTH_CODE: SAMPLE_AUTH_CODE,
      MINYI_XF_START: '2024-03-05T00:00:00Z',
      MINYI_XF_PAGE_SIZE: '100',
      MINYI_XF_TIMEOUT_MS: '200',
      MINYI_XF_POLL_SECONDS: '0',
    });
    expect([custom.startWatermark, custom.pageSize, custom.requestTimeoutMs, custom.pollSeconds]).toEqual(['2024-03-05T00:00:00Z', 100, 200, 0]);
  });

  it('never shows the AuthCode in JSON, inspect output or error messages', () => {
    const config = makeConfigXf({ url: 'https://xf.example.gov.cn/xfjk/services/XfDataExchange', sysCode: 'GX12345', authCode: SAMPLE_AUTH_CODE });
    expect(JSON.stringify(config)).not.toContain(SAMPLE_AUTH_CODE);
    expect(inspect(config)).not.toContain(SAMPLE_AUTH_CODE);
    expect(inspect(config)).toContain('redacted');
    const almost = SAMPLE_AUTH_CODE.slice(0, 31);
    let message = '';
    try {
      loadConfigXf({ MINYI_XF_URL: 'https://xf.example.gov.cn/x', MINYI_XF_SYS_CODE: 'GX12345', MINYI_XF_AUTH_CODE: almost });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/MINYI_XF_AUTH_CODE has 31 characters/);
    expect(message).not.toContain(almost);
    seenMessages.push(message);
  });

  it('lists every problem at once, in English and Chinese', () => {
    let error: ConfigError | null = null;
    try {
      loadConfigXf({
        MINYI_XF_URL: 'http://xf.example.gov.cn/xfjk/services/XfDataExchange',
        MINYI_XF_SYS_CODE: 'GX 12345',
        MINYI_XF_START: '20240301000000',
        MINYI_XF_PAGE_SIZE: '101',
        MINYI_XF_POLL_SECONDS: 'ten',
        MINYI_XF_TLS_CERT: '/nonexistent/client.pem',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/MINYI_XF_AUTH_CODE is not set \/ 未设置/);
    expect(text).toMatch(/must use https .*须使用 HTTPS/);
    expect(text).toMatch(/MINYI_XF_SYS_CODE must be/);
    expect(text).toMatch(/MINYI_XF_START .*初始水位/);
    expect(text).toMatch(/MINYI_XF_PAGE_SIZE .*1–100/);
    expect(text).toMatch(/MINYI_XF_POLL_SECONDS must be a whole number/);
    expect(text).toMatch(/MINYI_XF_TLS_CERT and MINYI_XF_TLS_KEY must be set together/);
    expect(text).toMatch(/MINYI_XF_TLS_CERT: file not found/);
    expect(() => loadConfigXf({})).toThrow(/MINYI_XF_URL is not set/);
  });

  it('passes the mutual-TLS client certificate, key and CA to the HTTPS agent (§1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xf-tls-'));
    const files = { cert: join(dir, 'client.pem'), key: join(dir, 'client.key'), ca: join(dir, 'ca.pem') };
    writeFileSync(files.cert, '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n');
    writeFileSync(files.key, '-----BEGIN PRIVATE KEY-----\nTEST\n-----END PRIVATE KEY-----\n');
    writeFileSync(files.ca, '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n');
    const config = loadConfigXf({
      MINYI_XF_URL: 'https://xf.example.gov.cn/xfjk/services/XfDataExchange',
      MINYI_XF_SYS_CODE: 'GX12345',
      MINYI_XF_AUTH_CODE: SAMPLE_AUTH_CODE,
      MINYI_XF_TLS_CERT: files.cert,
      MINYI_XF_TLS_KEY: files.key,
      MINYI_XF_TLS_CA: files.ca,
    });
    expect(config.tls).toEqual({ certFile: files.cert, keyFile: files.key, caFile: files.ca });
    const connector = new ConnectorXf(config);
    const agent = (connector as unknown as { agent: https.Agent }).agent;
    expect(agent).toBeInstanceOf(https.Agent);
    const options = (agent as unknown as { options: { cert: Buffer; key: Buffer; ca: Buffer } }).options;
    expect([options.cert.toString(), options.key.toString(), options.ca.toString()]).toEqual([
      readFileSync(files.cert, 'utf8'),
      readFileSync(files.key, 'utf8'),
      readFileSync(files.ca, 'utf8'),
    ]);
    connector.close();
    // The loopback simulator runs plain HTTP: no TLS agent.
    const plain = new ConnectorXf(makeConfigXf({ url: 'http://127.0.0.1:1/xfjk/services/XfDataExchange', sysCode: 'GX12345', authCode: SAMPLE_AUTH_CODE }));
    expect((plain as unknown as { agent: http.Agent }).agent).not.toBeInstanceOf(https.Agent);
    plain.close();
  });
});

// ── XML layer ───────────────────────────────────────────────────────────────────────────────────
describe('xf XML layer', () => {
  it('lands each <Letter> of the §9 sample as its exact source text', () => {
    expect(sampleTexts).toHaveLength(2);
    for (const text of sampleTexts) {
      expect(sampleResponse).toContain(text);
      expect(text.startsWith('<Letter>\n      <XFJBH>')).toBe(true);
      expect(text.endsWith('</Letter>')).toBe(true);
    }
    expect(sampleTexts[0]).toContain('<XFNR><![CDATA[本人钟国华');
    expect(sampleTexts[0]).toContain('<FJLB><FJ><WJM>征地协议.pdf</WJM>');
  });

  it('delimits letters whatever CDATA, comments, attributes and nesting contain', () => {
    const tricky = [
      '<Letter><XFJBH>36070424030500018</XFJBH><XFNR><![CDATA[a </Letter><Letter> b ]]></XFNR></Letter>',
      '<Letter id="x>y" note=\'</Letter>\'><!-- </Letter> --><BBH>1</BBH><?pi </Letter>?></Letter>',
      '<Letter/>',
      '<Letter ><Letter>nested, not at the QueryResponse level</Letter></Letter >',
    ];
    const body = queryResponse(`\n  ${tricky.join('\n  ')}\n  <NextPageToken/>`);
    expect(parseXml(body, 'queryResponse').ok).toBe(true);
    expect(childElementTexts(body, ['Envelope', 'Body', 'QueryResponse'], 'Letter')).toEqual(tricky);
    expect(childElementTexts(body.slice(0, body.length - 30), ['Envelope', 'Body', 'QueryResponse'], 'Letter')).toBeNull();
    expect(childElementTexts('<!DOCTYPE x><Envelope/>', ['Envelope'], 'Letter')).toBeNull();
    expect(childElementTexts('<a><b></a></b>', ['a'], 'b')).toBeNull();
  });

  it('parses values as strings, CDATA as text, references decoded, in any element order', () => {
    const parsed = parseXml(
      '<Letter><ZT>20</ZT>\n<XFJBH> 00000000000000017 </XFJBH><BBH><![CDATA[3]]></BBH><NRZY>a&amp;b &lt;c&gt; &#20013;&#x6587; &quot;q&apos;</NRZY><YQTS/></Letter>',
    );
    expect(parsed).toEqual({
      ok: true,
      doc: { Letter: { ZT: '20', XFJBH: ' 00000000000000017 ', BBH: '3', NRZY: 'a&b <c> 中文 "q\'', YQTS: '', '#text': '\n' } },
    });
  });

  it('refuses non-XML, malformed and DOCTYPE documents (no entity expansion)', () => {
    const gateway =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    expect(parseXml(gateway)).toEqual({ ok: false, problem: 'NOT_XML' });
    expect(parseXml('Service Unavailable')).toEqual({ ok: false, problem: 'NOT_XML' });
    expect(parseXml('')).toEqual({ ok: false, problem: 'NOT_XML' });
    expect(parseXml(sampleResponse.slice(0, 500))).toEqual({ ok: false, problem: 'MALFORMED' });
    expect(parseXml('<Letter><A>1</B></Letter>')).toEqual({ ok: false, problem: 'MALFORMED' });
    const bomb = '<?xml version="1.0"?><!DOCTYPE Letter [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><Letter><NRZY>&b;</NRZY></Letter>';
    expect(parseXml(bomb)).toEqual({ ok: false, problem: 'DOCTYPE' });
    expect(parseXml('\ufeff<Letter><constructor>1</constructor><__proto__>2</__proto__></Letter>')).toEqual({
      ok: true,
      doc: { Letter: { '#constructor': '1', '#__proto__': '2' } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('escapes what it builds: any text survives a round trip, as element or CDATA (2,000 random strings)', () => {
    const random = prng(20240308);
    const alphabet = ['&', '<', '>', '"', "'", ']]>', ']]', 'a', '中', '😀', '\n', '\t', ' ', '&amp;', '<![CDATA[', '-->'];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const asElement = parseXml(`<R>${element('V', text)}</R>`);
      const asCdata = parseXml(`<R><V>${cdata(text)}</V></R>`);
      expect(asElement.ok && path(asElement.doc, 'R', 'V')).toBe(text);
      expect(asCdata.ok && path(asCdata.doc, 'R', 'V')).toBe(text);
    }
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

// ── mapping ─────────────────────────────────────────────────────────────────────────────────────
describe('xf mapping: the §9 samples', () => {
  it('maps a letter the same whatever its element order, CDATA wrapping and layout', () => {
    const l = sampleLetters()[0];
    const shuffled = Object.entries(l).reverse();
    const text = `<Letter>\n${shuffled.map(([k, v]) => (k === 'FJLB' ? `<FJLB>${v}</FJLB>` : v && !v.includes(']]>') ? `  <${k}>${cdata(v)}</${k}>\n` : element(k, v))).join('')}</Letter>`;
    expect(asJson(okRecord(mapLetter({ text })))).toEqual(expectedRecords[0]);
    // the simulator's compact serialisation maps the same too
    expect(asJson(okRecord(mapLetter({ text: letterXml(l) })))).toEqual(expectedRecords[0]);
  });
});

describe('xf mapping: the channels README rows for 信访', () => {
  it.each([
    ['01', RequestType.COMPLAINT],
    ['02', RequestType.HELP],
    ['03', RequestType.REPORT],
    ['04', RequestType.SUGGESTION],
    ['05', RequestType.CONSULTATION],
  ])('Request-type mapping: XFMD %s → %s', (xfmd, type) => {
    const r = okRecord(mapPatched({ XFMD: xfmd }));
    expect(r.requestType).toBe(type);
    expect(r.warnings).toEqual([]);
  });

  it('Request-type mapping: an unknown XFMD → OTHER with a warning, never dropped', () => {
    for (const xfmd of ['06', '99', '1', '咨询']) {
      const r = okRecord(mapPatched({ XFMD: xfmd }));
      expect(r.requestType).toBe(RequestType.OTHER);
      expect(warningFor(r, 'XFMD')).toEqual(['UNKNOWN_VALUE']);
    }
    expect(warningFor(okRecord(mapPatched({ XFMD: null })), 'XFMD')).toEqual(['MISSING']);
  });

  it('external id = XFJBH, version = BBH (versionOrder orders the versions)', () => {
    const r = okRecord(mapPatched({ BBH: '12' }));
    expect([r.externalId, r.version, r.versionOrder]).toEqual([SAMPLE_1, '12', 12]);
  });

  it('category hint = WTLB verbatim', () => {
    expect(okRecord(mapPatched({ WTLB: '城乡建设/征地拆迁 ' })).categoryHint).toBe('城乡建设/征地拆迁 ');
    expect(okRecord(mapPatched({ WTLB: null })).categoryHint).toBeNull();
  });

  it('title = first 30 code points of NRZY, each line break → one space', () => {
    const nrzy = '第一行\r\n第二行\r第三行\n😀'.repeat(3);
    const r = okRecord(mapPatched({ NRZY: nrzy }));
    expect(r.title.startsWith('第一行 第二行 第三行 😀第一行')).toBe(true);
    expect(codePointLength(r.title)).toBe(30);
    expect(r.content).toBe(nrzy.replace(/\r\n?/g, '\n')); // XML 1.0 §2.11: a parser turns CRLF and CR into LF
    const escapedCr = okRecord(mapLetter({ text: letterXml(letter()).replace(/<NRZY>[^<]*<\/NRZY>/, '<NRZY>第一行&#13;第二行&#13;&#10;第三行</NRZY>') }));
    expect([escapedCr.content, escapedCr.title]).toEqual(['第一行\r第二行\r\n第三行', '第一行 第二行 第三行']);
  });

  it('content = NRZY; XFNR only as restrictedContent (petition-bureau only, §8.2)', () => {
    const r = okRecord(mapLetter({ text: sampleTexts[0] }));
    expect(r.content).not.toContain('本人钟国华');
    expect(r.title).not.toContain('钟国华');
    expect(r.restrictedContent).toMatch(/^本人钟国华，茅店镇洋塘村村民。.*"按每亩3.6万元".*……$/);
    expect(okRecord(mapLetter({ text: sampleTexts[1] })).restrictedContent).toBeNull();
  });

  it('citizen name / phone / ID = XFRXM / LXDH / ZJHM; citizen address = XFRDZ (restricted)', () => {
    expect(okRecord(mapLetter({ text: sampleTexts[0] })).citizen).toEqual({
      name: '钟国华',
      phone: '13607971288',
      idNumber: '360721196708233010',
      address: '江西省赣州市赣县区茅店镇洋塘村下屋组',
      anonymous: false,
    });
    // joint petitions: several names joined by 、 (§3), kept as one text
    expect(okRecord(mapPatched({ XFRXM: '钟国华、钟国平' })).citizen?.name).toBe('钟国华、钟国平');
  });

  it('incident address = WTSDMC, not the petitioner address', () => {
    const r = okRecord(mapLetter({ text: sampleTexts[0] }));
    expect(r.address).toBe('江西省赣州市赣县区茅店镇');
    expect(okRecord(mapPatched({ WTSDMC: null })).address).toBeNull();
  });

  it('region code from WTSD by the township table (12-digit codes; village detail → its township)', () => {
    for (const t of TOWNSHIPS) expect(okRecord(mapPatched({ WTSD: t.code })).regionCode).toBe(t.code);
    expect(okRecord(mapPatched({ WTSD: '360704106203' })).regionCode).toBe('360704106000');
    const county = okRecord(mapPatched({ WTSD: '360704' }));
    expect([county.regionCode, county.warnings]).toEqual(['360704', []]);
  });

  it.each([
    ['unknown township part', '360704999000', 'UNKNOWN_TOWNSHIP'],
    ['another county (prefix not 360704)', '360702100000', 'OUTSIDE_COUNTY'],
    ['11 digits', '36070410600', 'INVALID_FORMAT'],
    ['full-width digits', '３６０７０４', 'INVALID_FORMAT'],
    ['missing', null, 'MISSING'],
  ])('region code: %s → 360704 + warning', (_name, wtsd, code) => {
    const r = okRecord(mapPatched({ WTSD: wtsd }));
    expect(r.regionCode).toBe('360704');
    expect(warningFor(r, 'WTSD')).toEqual([code]);
  });

  it('urgency: JJCD 1/2 → normal/urgent, absent → normal, unknown → normal + warning', () => {
    expect(okRecord(mapPatched({ JJCD: '1' })).urgency).toBe(Urgency.NORMAL);
    expect(okRecord(mapPatched({ JJCD: '2' })).urgency).toBe(Urgency.URGENT);
    expect(okRecord(mapPatched({ JJCD: null })).urgency).toBe(Urgency.NORMAL);
    expect(okRecord(mapPatched({ JJCD: '' })).warnings).toEqual([]);
    const unknown = okRecord(mapPatched({ JJCD: '3' }));
    expect([unknown.urgency, warningFor(unknown, 'JJCD')]).toEqual([Urgency.NORMAL, ['UNKNOWN_VALUE']]);
  });

  it('received time = DJSJ, Asia/Shanghai → UTC', () => {
    expect(okRecord(mapLetter({ text: sampleTexts[0] })).receivedAt.toISOString()).toBe('2024-03-05T01:30:15.000Z');
    expect(okRecord(mapPatched({ DJSJ: '20240101000000' })).receivedAt.toISOString()).toBe('2023-12-31T16:00:00.000Z');
  });

  it('channel status = ZT verbatim, unknown codes too (with a warning)', () => {
    for (const zt of ['10', '11', '20', '21', '30', '40', '90']) expect(okRecord(mapPatched({ ZT: zt })).channelStatus).toBe(zt);
    const unknown = okRecord(mapPatched({ ZT: '50' }));
    expect([unknown.channelStatus, warningFor(unknown, 'ZT')]).toEqual(['50', ['UNKNOWN_VALUE']]);
  });

  it('attachments: FJLB stays in the raw record only (restricted)', () => {
    const r = okRecord(mapLetter({ text: sampleTexts[0] }));
    expect(JSON.stringify(r)).not.toContain('征地协议');
    expect(JSON.stringify(r)).not.toContain('xfjk/files');
    expect(sampleTexts[0]).toContain('<XZDZ>https://xf.example.gov.cn/xfjk/files/36070424030500018/1</XZDZ>');
  });

  it('Time-zone rule: SLQX 2024-03-20 → deadline 2024-03-20T15:59:59Z', () => {
    expect(okRecord(mapLetter({ text: sampleTexts[0] })).deadlines?.acceptBy?.toISOString()).toBe('2024-03-20T15:59:59.000Z');
  });

  it('Phones: mobile as 11 digits, landline as area code-number; one that does not normalise is kept raw and flagged', () => {
    expect(okRecord(mapLetter({ text: sampleTexts[1] })).citizen?.phone).toBe('0797-4331256');
    expect(okRecord(mapPatched({ LXDH: '07974331256' })).citizen?.phone).toBe('0797-4331256');
    const spaced = okRecord(mapPatched({ LXDH: '+86 136 0797 1288' }));
    expect([spaced.citizen?.phone, warningFor(spaced, 'LXDH')]).toEqual(['13607971288', ['INVALID_FORMAT']]);
    const broken = okRecord(mapPatched({ LXDH: '12345' }));
    expect([broken.citizen?.phone, warningFor(broken, 'LXDH')]).toEqual(['12345', ['INVALID_PHONE']]);
  });

  it('Defective records: identity → quarantined with a reason; any other defect → mapped with a warning naming the element', () => {
    expect(mapPatched({ XFJBH: '3607042403050001' })).toMatchObject({ ok: false, code: 'INVALID_EXTERNAL_ID', message: expect.stringContaining('XFJBH') });
    expect(mapPatched({ BBH: 'three' })).toMatchObject({ ok: false, code: 'INVALID_VERSION', externalId: SAMPLE_1, message: expect.stringContaining('BBH') });
    expect(mapLetter({ text: sampleTexts[0].slice(0, 200) })).toMatchObject({ ok: false, code: 'UNPARSEABLE' });
    const r = okRecord(mapPatched({ XFRS: '0', XFXS: '07', ZJHM: '360721196708233011', extra: 'x' }));
    expect(r.warnings.map((w) => `${w.field}:${w.code}`).sort()).toEqual([
      'XFRS:INVALID_VALUE',
      'XFXS:UNKNOWN_VALUE',
      'ZJHM:INVALID_CHECK_DIGIT',
      'extra:UNKNOWN_FIELD',
    ]);
    expect(r.citizen?.idNumber).toBe('360721196708233011');
  });

  it('Watermarks: a poll starts at W − 2 min, as yyyyMMddHHmmss Asia/Shanghai', () => {
    expect(sinceFor('2024-03-07T16:25:40+08:00')).toBe('20240307162340');
    expect(sinceFor('2024-03-01T00:00:00+08:00')).toBe('20240229235800');
    expect(sinceFor('2024-03-01T00:01:00Z')).toBe('20240301075900');
  });
});

describe('xf mapping: quarantine (identity unusable), messages name elements only', () => {
  const good = letterXml(letter());
  const cases: Array<[string, string, string]> = [
    ['not XML', 'UNPARSEABLE', 'XFJBH=36070424030500018'],
    ['empty text', 'UNPARSEABLE', ''],
    ['truncated', 'UNPARSEABLE', good.slice(0, good.length - 20)],
    ['unbalanced tags', 'UNPARSEABLE', good.replace('</NRZY>', '</XFNR>')],
    ['a raw & in text', 'UNPARSEABLE', good.replace('<XFRXM>钟国华</XFRXM>', '<XFRXM>钟国华 & 钟国平</XFRXM>')],
    ['another root element', 'UNPARSEABLE', good.replace(/^<Letter>/, '<Case>').replace(/<\/Letter>$/, '</Case>')],
    ['two letters', 'UNPARSEABLE', good + good],
    ['a DOCTYPE', 'UNPARSEABLE', `<!DOCTYPE Letter [<!ENTITY n "钟国华">]>${good}`],
    ['an HTML page', 'UNPARSEABLE', '<html><body>钟国华 13607971288</body></html>'],
    ['<Letter/>', 'INVALID_EXTERNAL_ID', '<Letter/>'],
    ['XFJBH missing', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: null }))],
    ['XFJBH empty', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: '' }))],
    ['XFJBH 16 digits', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: '3607042403050001' }))],
    ['XFJBH 18 digits (an ID number)', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: '360721196708233010' }))],
    ['XFJBH full-width digits', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: '３６０７０４２４０３０５０００１８' }))],
    ['XFJBH with a letter', 'INVALID_EXTERNAL_ID', letterXml(letter({ XFJBH: '3607042403050001A' }))],
    ['XFJBH twice', 'INVALID_EXTERNAL_ID', good.replace('<BBH>', '<XFJBH>36070424030500019</XFJBH><BBH>')],
    ['XFJBH with children', 'INVALID_EXTERNAL_ID', good.replace('<XFJBH>36070424030500018</XFJBH>', '<XFJBH><V>36070424030500018</V></XFJBH>')],
    ['BBH missing', 'INVALID_VERSION', letterXml(letter({ BBH: null }))],
    ['BBH 0', 'INVALID_VERSION', letterXml(letter({ BBH: '0' }))],
    ['BBH -1', 'INVALID_VERSION', letterXml(letter({ BBH: '-1' }))],
    ['BBH 1.5', 'INVALID_VERSION', letterXml(letter({ BBH: '1.5' }))],
    ['BBH leading zero', 'INVALID_VERSION', letterXml(letter({ BBH: '03' }))],
    ['BBH 10 digits', 'INVALID_VERSION', letterXml(letter({ BBH: '1234567890' }))],
    ['BBH twice', 'INVALID_VERSION', good.replace('<XFRXM>', '<BBH>4</BBH><XFRXM>')],
  ];
  it.each(cases)('%s → %s', (_name, code, text) => {
    const result = mapLetter({ text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toMatch(code === 'UNPARSEABLE' ? /letter|root|record/ : code === 'INVALID_EXTERNAL_ID' ? /XFJBH/ : /BBH/);
    for (const value of PERSONAL) expect(result.message).not.toContain(value);
    expect(result.message).not.toContain('<');
    if (code === 'INVALID_VERSION') expect(result.externalId).toBe(SAMPLE_1);
    else expect(result.externalId ?? null).toBeNull();
  });

  it('never throws on non-text raw records', () => {
    for (const raw of [null, undefined, {}, { text: 42 }, { text: null }]) {
      expect(mapLetter(raw as never)).toMatchObject({ ok: false, code: 'UNPARSEABLE' });
    }
  });

  it('accepts XML whitespace around identity codes (a pretty-printed letter)', () => {
    const r = okRecord(
      mapLetter({ text: letterXml(letter()).replace('<XFJBH>36070424030500018</XFJBH><BBH>3</BBH>', '<XFJBH>\n  36070424030500018\n</XFJBH><BBH> 3 </BBH>') }),
    );
    expect([r.externalId, r.version]).toEqual([SAMPLE_1, '3']);
  });
});

describe('xf mapping: warnings (mapped anyway, the element named, no value)', () => {
  const cases: Array<[string, Record<string, string | null>, string, string, (r: CanonicalRecord) => void]> = [
    ['XFRXM missing', { XFRXM: null }, 'XFRXM', 'MISSING', (r) => expect(r.citizen?.name).toBeNull()],
    ['XFRXM over 200', { XFRXM: '钟'.repeat(201) }, 'XFRXM', 'TOO_LONG', (r) => expect(r.citizen?.name).toHaveLength(201)],
    ['ZJLX unknown', { ZJLX: '05' }, 'ZJLX', 'UNKNOWN_VALUE', (r) => expect(r.citizen?.idNumber).toBe('360721196708233010')],
    ['ZJHM without ZJLX', { ZJLX: null }, 'ZJLX', 'MISSING', (r) => expect(r.citizen?.idNumber).toBe('360721196708233010')],
    ['ZJHM bad check digit', { ZJHM: '360721196708233011' }, 'ZJHM', 'INVALID_CHECK_DIGIT', (r) => expect(r.citizen?.idNumber).toBe('360721196708233011')],
    ['ZJHM lowercase x', { ZJHM: '36072119670823301x' }, 'ZJHM', 'INVALID_FORMAT', (r) => expect(r.citizen?.idNumber).toBe('36072119670823301x')],
    ['ZJHM 15 digits', { ZJHM: '360721670823301' }, 'ZJHM', 'INVALID_FORMAT', (r) => expect(r.citizen?.idNumber).toBe('360721670823301')],
    ['LXDH not a phone', { LXDH: '1360797128' }, 'LXDH', 'INVALID_PHONE', (r) => expect(r.citizen?.phone).toBe('1360797128')],
    ['XFRDZ over 200', { XFRDZ: '洋'.repeat(201) }, 'XFRDZ', 'TOO_LONG', (r) => expect(r.citizen?.address).toHaveLength(201)],
    ['XFRS missing', { XFRS: null }, 'XFRS', 'MISSING', (r) => expect(r.externalId).toBe(SAMPLE_1)],
    ['XFRS not a number', { XFRS: '一' }, 'XFRS', 'INVALID_VALUE', (r) => expect(r.externalId).toBe(SAMPLE_1)],
    ['XFXS unknown', { XFXS: '05' }, 'XFXS', 'UNKNOWN_VALUE', (r) => expect(r.externalId).toBe(SAMPLE_1)],
    ['WTLB over the hub field', { WTLB: '类'.repeat(201) }, 'WTLB', 'TOO_LONG', (r) => expect(r.categoryHint).toBeNull()],
    ['WTSDMC over the hub field', { WTSDMC: '镇'.repeat(501) }, 'WTSDMC', 'TOO_LONG', (r) => expect(r.address).toBeNull()],
    ['NRZY missing', { NRZY: null }, 'NRZY', 'MISSING', (r) => expect([r.content, r.title]).toEqual(['', ''])],
    ['NRZY over 500', { NRZY: '征'.repeat(501) }, 'NRZY', 'TOO_LONG', (r) => expect(r.content).toHaveLength(501)],
    ['XFNR over 20 000', { XFNR: '本'.repeat(20_001) }, 'XFNR', 'TOO_LONG', (r) => expect(r.restrictedContent).toHaveLength(20_001)],
    ['DJSJ 20240230120000', { DJSJ: '20240230120000' }, 'DJSJ', 'INVALID_DATE', (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-06T02:15:02.000Z')],
    ['DJSJ missing', { DJSJ: null }, 'DJSJ', 'MISSING', (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-06T02:15:02.000Z')],
    [
      'DJSJ with separators',
      { DJSJ: '2024-03-05 09:30:15' },
      'DJSJ',
      'INVALID_DATE',
      (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-06T02:15:02.000Z'),
    ],
    ['GXSJ 20241301000000', { GXSJ: '20241301000000' }, 'GXSJ', 'INVALID_DATE', (r) => expect(r.receivedAt.toISOString()).toBe('2024-03-05T01:30:15.000Z')],
    ['SLSJ 24:00', { SLSJ: '20240306240000', BLQX: null }, 'SLSJ', 'INVALID_DATE', (r) => expect(r.deadlines?.handleBy).toBeNull()],
    ['YQTS 31', { YQTS: '31' }, 'YQTS', 'INVALID_VALUE', (r) => expect(r.deadlines?.handleBy?.toISOString()).toBe('2024-05-05T15:59:59.000Z')],
    ['ZT missing', { ZT: null }, 'ZT', 'MISSING', (r) => expect(r.channelStatus).toBeNull()],
    ['ZT too long for the hub', { ZT: '9'.repeat(33) }, 'ZT', 'TOO_LONG', (r) => expect(r.channelStatus).toBeNull()],
    ['unknown element', { LXDH2: '13607971288' }, 'LXDH2', 'UNKNOWN_FIELD', (r) => expect(r.citizen?.phone).toBe('13607971288')],
    ['unknown element named like a phone', { A13607971288: 'x' }, 'A#', 'UNKNOWN_FIELD', (r) => expect(r.externalId).toBe(SAMPLE_1)],
    [
      'attachment over http',
      { FJLB: '<FJ><WJM>a.pdf</WJM><WJLX>pdf</WJLX><WJDX>1</WJDX><XZDZ>http://x/1</XZDZ></FJ>' },
      'FJLB.FJ[0].XZDZ',
      'INVALID_FORMAT',
      (r) => expect(r.externalId).toBe(SAMPLE_1),
    ],
    [
      'attachment of type exe',
      { FJLB: '<FJ><WJM>a.exe</WJM><WJLX>exe</WJLX><WJDX>1</WJDX><XZDZ>https://x/1</XZDZ></FJ>' },
      'FJLB.FJ[0].WJLX',
      'UNKNOWN_VALUE',
      (r) => expect(r.externalId).toBe(SAMPLE_1),
    ],
    [
      'attachment size not a number',
      { FJLB: '<FJ><WJM>a.pdf</WJM><WJLX>pdf</WJLX><WJDX>1MB</WJDX><XZDZ>https://x/1</XZDZ></FJ>' },
      'FJLB.FJ[0].WJDX',
      'INVALID_VALUE',
      (r) => expect(r.externalId).toBe(SAMPLE_1),
    ],
    ['FJLB with text', { FJLB: '钟国华' }, 'FJLB', 'INVALID_TYPE', (r) => expect(r.externalId).toBe(SAMPLE_1)],
  ];
  it.each(cases)('%s', (_name, patch, field, code, check) => {
    const record = okRecord(mapPatched(patch));
    expect(record.warnings).toContainEqual(expect.objectContaining({ field, code }));
    check(record);
    for (const w of record.warnings) {
      for (const value of PERSONAL) expect(w.message).not.toContain(value);
      expect(w.message).not.toMatch(/<|钟{2}|本{2}|征{2}/);
      expect(w.message.length).toBeLessThan(200);
    }
  });

  it('a repeated or nested element is unusable: a warning, the hub field empty', () => {
    const good = letterXml(letter());
    const repeated = okRecord(mapLetter({ text: good.replace('<ZT>20</ZT>', '<ZT>20</ZT><ZT>30</ZT>') }));
    expect([repeated.channelStatus, warningFor(repeated, 'ZT')]).toEqual([null, ['INVALID_TYPE']]);
    const nested = okRecord(mapLetter({ text: good.replace('<XFRXM>钟国华</XFRXM>', '<XFRXM><XM>钟国华</XM></XFRXM>') }));
    expect([nested.citizen?.name, warningFor(nested, 'XFRXM')]).toEqual([null, ['INVALID_TYPE']]);
    const stray = okRecord(mapLetter({ text: good.replace('<ZT>', '钟国华<ZT>') }));
    expect(warningFor(stray, 'Letter')).toEqual(['UNEXPECTED_TEXT']);
  });

  it('bounds the warnings of a letter with thousands of unknown elements', () => {
    const noisy = letterXml(letter()).replace('</Letter>', `${Array.from({ length: 3000 }, (_, i) => `<X${i}>1</X${i}>`).join('')}</Letter>`);
    const r = okRecord(mapLetter({ text: noisy }));
    expect(r.warnings).toHaveLength(21);
    expect(r.warnings.at(-1)?.message).toMatch(/2980 more unknown elements/);
  });

  it('falls back from DJSJ to GXSJ, then to the date inside XFJBH, then to the epoch', () => {
    const viaId = okRecord(mapPatched({ DJSJ: '20240230120000', GXSJ: null }));
    expect(viaId.receivedAt.toISOString()).toBe('2024-03-04T16:00:00.000Z'); // XFJBH …240305… 00:00 Asia/Shanghai
    const none = okRecord(mapPatched({ XFJBH: '36070424139900018', DJSJ: 'x', GXSJ: 'y' }));
    expect(none.receivedAt.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(warningFor(none, 'DJSJ')).toEqual(['INVALID_DATE', 'FALLBACK']);
  });

  it('makes text storable: a lone surrogate or NUL in a text element → U+FFFD with a warning', () => {
    const r = okRecord(mapLetter({ text: letterXml(letter({ NRZY: '道路\ud83d拓宽' })) }));
    expect(r.content).toBe('道路\ufffd拓宽');
    expect(warningFor(r, 'NRZY')).toEqual(['INVALID_UNICODE']);
  });
});

describe('xf mapping: statutory deadlines (§5)', () => {
  const deadlines = (patch: Record<string, string | null>, base = 0) => okRecord(mapPatched(patch, base)).deadlines!;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

  it('§5 examples: DJSJ 20240305093015 → SLQX 2024-03-20; SLSJ 20240306101500 → BLQX 2024-05-05; +30 days → 2024-06-04', () => {
    const computed = deadlines({ SLQX: null, BLQX: null });
    expect([iso(computed.acceptBy), iso(computed.handleBy)]).toEqual(['2024-03-20T15:59:59.000Z', '2024-05-05T15:59:59.000Z']);
    expect(iso(deadlines({ BLQX: null, YQTS: '30' }).handleBy)).toBe('2024-06-04T15:59:59.000Z');
    expect(iso(deadlines({ BLQX: '2024-06-04', YQTS: '30', ZT: '21' }).handleBy)).toBe('2024-06-04T15:59:59.000Z');
    const r = okRecord(mapPatched({ SLQX: null, BLQX: null }));
    expect(r.warnings.map((w) => `${w.field}:${w.code}`)).toEqual(['SLQX:MISSING', 'SLQX:COMPUTED', 'BLQX:COMPUTED']);
  });

  it('verbatim wins over computed (the platform is authoritative; deadlines can move)', () => {
    const moved = deadlines({ SLQX: '2024-03-25', BLQX: '2024-05-31' });
    expect([iso(moved.acceptBy), iso(moved.handleBy)]).toEqual(['2024-03-25T15:59:59.000Z', '2024-05-31T15:59:59.000Z']);
    // YQTS next to a BLQX is informational: not added again
    expect(iso(deadlines({ BLQX: '2024-05-05', YQTS: '30' }).handleBy)).toBe('2024-05-05T15:59:59.000Z');
  });

  it('BLQX only from acceptance on: no SLSJ, no BLQX → no handling deadline, no warning', () => {
    const r = okRecord(mapLetter({ text: sampleTexts[1] }));
    expect([iso(r.deadlines!.acceptBy), r.deadlines!.handleBy, r.warnings]).toEqual(['2024-03-22T15:59:59.000Z', null, []]);
  });

  it('uses the Asia/Shanghai date of DJSJ/SLSJ, across month, year and leap days', () => {
    expect(iso(deadlines({ SLQX: null, DJSJ: '20240306003000' }).acceptBy)).toBe('2024-03-21T15:59:59.000Z'); // 2024-03-05T16:30Z is 03-06 locally
    expect(iso(deadlines({ SLQX: null, DJSJ: '20241220235959' }).acceptBy)).toBe('2025-01-04T15:59:59.000Z');
    expect(iso(deadlines({ SLQX: null, DJSJ: '20240215080000' }).acceptBy)).toBe('2024-03-01T15:59:59.000Z');
    expect(iso(deadlines({ SLQX: null, DJSJ: '20230215080000' }).acceptBy)).toBe('2023-03-02T15:59:59.000Z');
    expect(iso(deadlines({ BLQX: null, SLSJ: '20241231235959' }).handleBy)).toBe('2025-03-01T15:59:59.000Z');
  });

  it('an invalid deadline date → warning, then computed like an absent one', () => {
    const r = okRecord(mapPatched({ SLQX: '2024-02-30', BLQX: '2024/05/05' }));
    expect([iso(r.deadlines!.acceptBy), iso(r.deadlines!.handleBy)]).toEqual(['2024-03-20T15:59:59.000Z', '2024-05-05T15:59:59.000Z']);
    expect(r.warnings.map((w) => `${w.field}:${w.code}`)).toEqual(['SLQX:INVALID_DATE', 'SLQX:COMPUTED', 'BLQX:INVALID_DATE', 'BLQX:COMPUTED']);
    const none = okRecord(mapPatched({ SLQX: null, DJSJ: '20240230000000' }));
    expect(none.deadlines!.acceptBy).toBeNull();
    expect(warningFor(none, 'SLQX')).toEqual(['MISSING', 'NOT_COMPUTED']);
  });

  it('date helpers: yyyy-MM-dd → 23:59:59 Asia/Shanghai; impossible dates are null', () => {
    expect(endOfDay(parseDeadlineDate('2024-03-20')!)?.toISOString()).toBe('2024-03-20T15:59:59.000Z');
    expect(addDays({ year: 2024, month: 5, day: 5 }, 30)).toEqual({ year: 2024, month: 6, day: 4 });
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-3-1', '２０２４-03-20']) expect(parseDeadlineDate(bad)).toBeNull();
    for (const bad of ['20240230120000', '20240301240000', '20240301126000', '2024030112000', '２０２４０３０１１２００００'])
      expect(parseCompactTime(bad)).toBeNull();
    expect(parseCompactTime('20240229235959')?.instant.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    expect(formatCompactTime(instant('2024-03-08T01:00:00Z'))).toBe('20240308090000');
  });
});

// ── the client against the simulator ───────────────────────────────────────────────────────────
describe('xf client against the simulator: pull (§2)', () => {
  it('sends the §1 envelope and §2 QueryRequest and advances the watermark', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const page = await connector.fetchPage({});
    const sent = sim.stats.last!;
    expect(sent.contentType).toBe('text/xml; charset=UTF-8');
    expect(sent.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Envelope><Header><SysCode>GX12345<\/SysCode><AuthCode>\[redacted\]<\/AuthCode><ReqId>[0-9a-f-]{36}<\/ReqId><ReqTime>20240308090\d{3}<\/ReqTime><\/Header>/,
    );
    expect(sent.body).toContain('<Body><QueryRequest><Since>20240229235800</Since><PageSize>50</PageSize><PageToken/></QueryRequest></Body>');
    expect(page.done).toBe(true);
    expect(page.records.map((r) => [r.externalId, r.version])).toEqual([
      [SAMPLE_1, '3'],
      [SAMPLE_2, '1'],
    ]);
    expect(page.next).toEqual({ watermark: '2024-03-07T16:25:40+08:00' });
    expect(new Date(page.next.watermark as string).toISOString()).toBe('2024-03-07T08:25:40.000Z'); // what the runtime stores
  });

  it('pages with opaque tokens, Since unchanged, in (GXSJ, XFJBH) order; W moves page by page', async () => {
    const sim = await startSim();
    for (let n = 1; n <= 5; n++) sim.addLetter(extraLetter(n));
    sim.addLetter(extraLetter(0, { XFJBH: '36070424030700001', GXSJ: extraLetter(3).GXSJ })); // same GXSJ as #3, smaller XFJBH
    const connector = connect(sim, { pageSize: 3 });
    const first = await connector.fetchPage({ watermark: '2024-03-06T00:00:00+08:00' });
    expect(first.done).toBe(false);
    const next = first.next as unknown as CheckpointXf;
    expect(next).toEqual({ watermark: '2024-03-07T16:26:40+08:00', since: '20240305235800', pageToken: expect.any(String) });
    expect(next.pageToken!.length).toBeLessThanOrEqual(512);
    const rest = await traverse(connector, first.next);
    const ids = [...first.records, ...rest.records].map((r) => r.externalId);
    expect(ids).toEqual([
      SAMPLE_1,
      SAMPLE_2,
      extraLetter(1).XFJBH,
      extraLetter(2).XFJBH,
      '36070424030700001',
      extraLetter(3).XFJBH,
      extraLetter(4).XFJBH,
      extraLetter(5).XFJBH,
    ]);
    expect(sim.stats.last!.body).toMatch(/<Since>20240305235800<\/Since><PageSize>3<\/PageSize><PageToken>[A-Za-z0-9_-]+<\/PageToken>/);
    expect(rest.checkpoint).toEqual({ watermark: '2024-03-07T16:30:40+08:00' });
  });

  it('re-reads the W − 2 min overlap, Since inclusive to the second', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    const full = await traverse(connector);
    expect(full.checkpoint.watermark).toBe('2024-03-07T16:25:40+08:00');
    sim.addLetter(extraLetter(0, { XFJBH: '36070424030700090', GXSJ: '20240307162340' })); // exactly W − 2 min: included
    sim.addLetter(extraLetter(0, { XFJBH: '36070424030700091', GXSJ: '20240307162339' })); // one second earlier: not
    const again = await traverse(connector, full.checkpoint as unknown as Checkpoint);
    expect(sim.stats.last!.body).toContain('<Since>20240307162340</Since>');
    expect(again.records.map((r) => r.externalId)).toEqual(['36070424030700090', SAMPLE_2]);
    expect(again.checkpoint.watermark).toBe(full.checkpoint.watermark);
  });

  it('returns a letter updated while paging again later (a token marks a position, not a snapshot)', async () => {
    const sim = await startSim();
    for (let n = 1; n <= 3; n++) sim.addLetter(extraLetter(n));
    sim.setFault({ kind: 'updateWhilePaging', xfjbh: SAMPLE_1, patch: { ZT: '21', BLQX: '2024-06-04', YQTS: '30' } });
    sim.setClock('2024-03-08T09:00:00+08:00', { frozen: true });
    const connector = connect(sim, { pageSize: 2 });
    const { records, checkpoint } = await traverse(connector);
    expect(records.map((r) => `${r.externalId}/${r.version}`)).toEqual([
      `${SAMPLE_1}/3`,
      `${SAMPLE_2}/1`,
      `${extraLetter(1).XFJBH}/1`,
      `${extraLetter(2).XFJBH}/1`,
      `${extraLetter(3).XFJBH}/1`,
      `${SAMPLE_1}/4`,
    ]);
    const latest = okRecord(connector.map(records.at(-1)!));
    expect([latest.channelStatus, latest.deadlines?.handleBy?.toISOString()]).toEqual(['21', '2024-06-04T15:59:59.000Z']);
    expect(checkpoint.watermark).toBe('2024-03-08T09:00:00+08:00');
  });

  it('de-duplicates a page on (XFJBH, BBH), keeping the highest BBH, and tells operators', async () => {
    const v = (bbh: string, zt: string) => letterXml(letter({ BBH: bbh, ZT: zt }));
    const body = queryResponse(
      `${v('3', '20')}${v('5', '30')}${letterXml(letter({}, 1))}${v('5', '30')}${v('4', '21')}<Letter><BBH>1</BBH></Letter><NextPageToken/>`,
    );
    const stub = await stubServer({ status: 200, body });
    const page = await connect(stub, { now: () => instant('2024-03-08T01:00:00Z') }).fetchPage({});
    expect(page.records.map((r) => `${r.externalId}/${r.version}`)).toEqual([`${SAMPLE_1}/5`, `${SAMPLE_2}/1`, 'null/1']);
    expect(okRecord(mapLetter(page.records[0])).channelStatus).toBe('30');
    expect(page.notices).toEqual([
      `xf: letter ${SAMPLE_1} BBH 3 skipped: the page also has BBH 5 / 同页重复信访件，保留最高版本`,
      `xf: letter ${SAMPLE_1} BBH 5 skipped: the page also has BBH 5 / 同页重复信访件，保留最高版本`,
      `xf: letter ${SAMPLE_1} BBH 4 skipped: the page also has BBH 5 / 同页重复信访件，保留最高版本`,
    ]);
    // the letter without an XFJBH is landed for quarantine, not dropped
    expect(mapLetter(page.records[2])).toMatchObject({ ok: false, code: 'INVALID_EXTERNAL_ID' });
  });

  it('a letter with invalid UTF-8 bytes is landed with U+FFFD and maps; the rest of the page is unaffected', async () => {
    const [before, after] = queryResponse(`${letterXml(letter({ NRZY: '@@' }))}${letterXml(letter({}, 1))}<NextPageToken/>`).split('@@');
    const body = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xe5, 0xff, 0x80]), Buffer.from('道路', 'utf8'), Buffer.from(after, 'utf8')]);
    const stub = await stubServer({ status: 200, body });
    const page = await connect(stub, { now: () => instant('2024-03-08T01:00:00Z') }).fetchPage({});
    const [broken, fine] = page.records.map((r) => okRecord(mapLetter(r)));
    expect(broken.content).toMatch(/^\ufffd+道路$/);
    expect(asJson(fine)).toEqual(expectedRecords[1]);
  });

  it('lands a defective letter for quarantine without failing the page', async () => {
    const sim = await startSim();
    sim.addLetter(extraLetter(1, { BBH: 'x' }));
    sim.addLetter(extraLetter(2, { XFMD: '09', DJSJ: '20240230120000' }));
    const page = await connect(sim).fetchPage({});
    const results = page.records.map((r) => mapLetter(r));
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ok', 'INVALID_VERSION', 'ok']);
    expect(page.records[2]).toMatchObject({ externalId: extraLetter(1).XFJBH, version: null });
    expect(page.next).toEqual({ watermark: `2024-03-07T16:27:40+08:00` });
  });

  it('does not let an absurd future GXSJ move the watermark', async () => {
    const sim = await startSim();
    sim.addLetter(extraLetter(1, { GXSJ: '20991231235959' }));
    const { records, checkpoint } = await traverse(connect(sim));
    expect(records).toHaveLength(3);
    expect(checkpoint.watermark).toBe('2024-03-07T16:25:40+08:00');
  });

  it('keeps the watermark when nothing changed', async () => {
    const sim = await startSim({ seed: false });
    const page = await connect(sim).fetchPage({ watermark: '2024-03-05T00:00:00+08:00' });
    expect(page).toEqual({ records: [], next: { watermark: '2024-03-05T00:00:00+08:00' }, done: true });
  });

  it('a corrupt watermark → FATAL; a token without its Since → a fresh start from the watermark', async () => {
    const sim = await startSim();
    expect((await channelFailure(connect(sim).fetchPage({ watermark: '20240301000000' }))).kind).toBe('FATAL');
    const page = await connect(sim).fetchPage({ watermark: '2024-03-01T00:00:00+08:00', pageToken: 'abc' });
    expect(sim.stats.last!.body).toContain('<Since>20240229235800</Since><PageSize>50</PageSize><PageToken/>');
    expect(page.records).toHaveLength(2);
  });
});

describe('xf client against the simulator: faults (§7)', () => {
  it('TOKEN_EXPIRED after 30 min of platform clock → RESTART from the watermark (token dropped)', async () => {
    const sim = await startSim();
    sim.setClock('2024-03-08T09:00:00+08:00', { frozen: true });
    for (let n = 1; n <= 3; n++) sim.addLetter(extraLetter(n));
    const connector = connect(sim, { pageSize: 2 });
    const first = await connector.fetchPage({});
    sim.advanceClock(29 * 60_000);
    expect((await connector.fetchPage(first.next)).records).toHaveLength(2); // still valid
    sim.advanceClock(60_000);
    const error = await channelFailure(connector.fetchPage(first.next));
    expect(error).toBeInstanceOf(TokenExpiredError);
    expect(error.kind).toBe('RESTART');
    expect((error as TokenExpiredError).restartFrom).toEqual({ watermark: '2024-03-07T16:25:40+08:00' });
    expect(connector.restartCheckpoint(first.next)).toEqual((error as TokenExpiredError).restartFrom);
    // A runtime that simply retries the same checkpoint restarts too (the connector remembers the token).
    const restarted = await connector.fetchPage(first.next);
    expect(sim.stats.last!.body).toContain('<Since>20240307162340</Since><PageSize>2</PageSize><PageToken/>');
    expect(restarted.records.map((r) => r.externalId)).toEqual([SAMPLE_2, extraLetter(1).XFJBH]);
    const rest = await traverse(connector, restarted.next);
    expect(rest.checkpoint.watermark).toBe('2024-03-07T16:28:40+08:00');
  });

  it('the simulator refuses a changed Since with a token, an unknown token and a missing PageToken (INVALID_REQUEST → FATAL)', async () => {
    const sim = await startSim();
    sim.addLetter(extraLetter(1));
    const connector = connect(sim, { pageSize: 2 });
    const first = await connector.fetchPage({});
    const next = first.next as unknown as CheckpointXf;
    const changed = await rawRequest(sim, `<QueryRequest><Since>20240301000000</Since><PageToken>${next.pageToken}</PageToken></QueryRequest>`);
    expect([changed.status, faultCode(changed.doc)]).toEqual([500, 'INVALID_REQUEST']);
    const unknown = await rawRequest(sim, `<QueryRequest><Since>${next.since}</Since><PageToken>not-a-token</PageToken></QueryRequest>`);
    expect(faultCode(unknown.doc)).toBe('INVALID_REQUEST');
    expect(faultCode((await rawRequest(sim, '<QueryRequest><Since>20240301000000</Since></QueryRequest>')).doc)).toBe('INVALID_REQUEST');
    expect(faultCode((await rawRequest(sim, '<QueryRequest><Since>20240301000000</Since><PageSize>101</PageSize><PageToken/></QueryRequest>')).doc)).toBe(
      'INVALID_REQUEST',
    );
    expect(faultCode((await rawRequest(sim, '<DeleteRequest/>')).doc)).toBe('INVALID_REQUEST');
    sim.setFault({ kind: 'fault', code: 'INVALID_REQUEST' });
    const error = await channelFailure(connector.fetchPage({}));
    expect([error.kind, error.message]).toEqual(['FATAL', expect.stringMatching(/INVALID_REQUEST/)]);
  });

  it('AUTH_FAILED (wrong AuthCode, unknown SysCode) → FATAL, the §7 sample fault byte for byte, no secret in the message', async () => {
    const sim = await startSim();
    const wrong = 'f'.repeat(32);
    const error = await channelFailure(connect(sim, { authCode: wrong }).fetchPage({}));
    expect(error.kind).toBe('FATAL');
    expect(error.message).toMatch(/AUTH_FAILED/);
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(SAMPLE_AUTH_CODE);
    const raw = await rawRequest(sim, '<QueryRequest><Since>20240301000000</Since><PageToken/></QueryRequest>', { AuthCode: wrong });
    expect([raw.status, raw.text]).toEqual([500, fixture('fault-auth-failed.xml').trim()]);
    expect((await channelFailure(connect(sim, { sysCode: 'GX99999' }).fetchPage({}))).kind).toBe('FATAL');
  });

  it('CLOCK_SKEW: a ReqTime more than 10 min off → RETRYABLE', async () => {
    const sim = await startSim();
    sim.setClock('2024-03-08T09:00:00+08:00', { frozen: true });
    const ok = await connect(sim, { now: () => instant('2024-03-08T01:09:59Z') }).fetchPage({});
    expect(ok.records).toHaveLength(2);
    const error = await channelFailure(connect(sim, { now: () => instant('2024-03-08T01:10:01Z') }).fetchPage({}));
    expect([error.kind, error.message]).toEqual(['RETRYABLE', expect.stringMatching(/CLOCK_SKEW.*NTP/)]);
  });

  it.each([
    ['SYSTEM_ERROR fault (500)', { kind: 'fault', code: 'SYSTEM_ERROR' } as const, 'RETRYABLE', undefined],
    ['RATE_LIMITED fault (503 + Retry-After)', { kind: 'fault', code: 'RATE_LIMITED', retryAfter: 7 } as const, 'RATE_LIMITED', 7000],
    ['non-XML 502 gateway page', { kind: 'gatewayPage', status: 502 } as const, 'RETRYABLE', undefined],
    ['non-XML 500 page', { kind: 'gatewayPage', status: 500 } as const, 'RETRYABLE', undefined],
    ['non-XML 504 page', { kind: 'gatewayPage', status: 504 } as const, 'RETRYABLE', undefined],
    ['a malformed (truncated) page', { kind: 'malformedPage' } as const, 'RETRYABLE', undefined],
  ])('%s → %s; the same checkpoint works afterwards (the run goes on)', async (_name, fault, kind, retryAfterMs) => {
    const sim = await startSim();
    const connector = connect(sim);
    sim.setFault(fault);
    const error = await channelFailure(connector.fetchPage({}));
    expect(error.kind).toBe(kind);
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(error.message).not.toContain(SAMPLE_AUTH_CODE);
    expect((await connector.fetchPage({})).records).toHaveLength(2);
  });

  it.each([
    ['200 with a non-XML body', { status: 200, body: 'OK' }, 'RETRYABLE', /non-XML body \(SYSTEM_ERROR\)/],
    ['200 with a DOCTYPE', { status: 200, body: `<!DOCTYPE Envelope [<!ENTITY x "y">]>${queryResponse('<NextPageToken/>')}` }, 'RETRYABLE', /DOCTYPE/],
    ['200 without NextPageToken', { status: 200, body: queryResponse('') }, 'RETRYABLE', /NextPageToken/],
    ['200 with an oversized token', { status: 200, body: queryResponse(`<NextPageToken>${'t'.repeat(513)}</NextPageToken>`) }, 'RETRYABLE', /NextPageToken/],
    ['200 without a QueryResponse', { status: 200, body: '<Envelope><Body/></Envelope>' }, 'RETRYABLE', /without a QueryResponse/],
    ['200 with a Fault', { status: 200, body: fixture('fault-auth-failed.xml') }, 'FATAL', /AUTH_FAILED/],
    [
      'an unknown FaultCode',
      { status: 500, body: '<Envelope><Body><Fault><FaultCode>MAINTENANCE</FaultCode><FaultString>维护中</FaultString></Fault></Body></Envelope>' },
      'RETRYABLE',
      /MAINTENANCE/,
    ],
    ['503 gateway page with Retry-After', { status: 503, body: '<html><body>busy</body></html>', headers: { 'Retry-After': '3' } }, 'RATE_LIMITED', /503/],
    ['429 from a proxy', { status: 429, body: '' }, 'RATE_LIMITED', /429/],
    ['404 (wrong URL)', { status: 404, body: 'Not Found' }, 'FATAL', /MINYI_XF_URL/],
    ['403 from the TLS terminator', { status: 403, body: '' }, 'FATAL', /certificate/],
  ])('%s → %s', async (_name, answer, kind, message) => {
    const stub = await stubServer(answer);
    const error = await channelFailure(connect(stub, { now: () => instant('2024-03-08T01:00:00Z') }).fetchPage({}));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('a fault text quoting the AuthCode or a long number is redacted in the error message', async () => {
    const body = `<Envelope><Body><Fault><FaultCode>SYSTEM_ERROR</FaultCode><FaultString>bad ${SAMPLE_AUTH_CODE} for 13607971288</FaultString></Fault></Body></Envelope>`;
    const stub = await stubServer({ status: 500, body });
    const error = await channelFailure(connect(stub).fetchPage({}));
    expect(error.message).toContain('bad [redacted] for #');
    expect(error.message).not.toContain('13607971288');
  });

  it('a request that never answers → RETRYABLE after the configured timeout', async () => {
    const sim = await startSim();
    const connector = connect(sim, { requestTimeoutMs: 200 });
    sim.setFault({ kind: 'timeout' });
    const started = Date.now();
    const error = await channelFailure(connector.fetchPage({}));
    expect([error.kind, error.message]).toEqual(['RETRYABLE', expect.stringMatching(/timed out after 200 ms/)]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sim.stats.hanging).toBe(1);
    expect((await connector.fetchPage({})).records).toHaveLength(2);
  });

  it('a connection refused → RETRYABLE', async () => {
    const sim = await startSim();
    const connector = connect(sim);
    await sim.stop();
    running.splice(running.indexOf(sim), 1);
    expect((await channelFailure(connector.fetchPage({}))).kind).toBe('RETRYABLE');
  });
});

describe('xf client: 2 requests/s per SysCode (§1)', () => {
  it('the simulator answers the third request within a second with RATE_LIMITED (503, Retry-After 1)', async () => {
    const sim = await startSim({ ratePerSecond: 2 });
    const connector = connect(sim);
    await connector.fetchPage({});
    await connector.fetchPage({});
    const error = await channelFailure(connector.fetchPage({}));
    expect([error.kind, error.retryAfterMs]).toEqual(['RATE_LIMITED', 1000]);
    expect(sim.stats.byStatus[503]).toBe(1);
  });

  it('counts the limit per SysCode', async () => {
    const sim = await startSim({ ratePerSecond: 2, credentials: { [SAMPLE_SYS_CODE]: SAMPLE_AUTH_CODE, GX12346: 'a'.repeat(32) } });
    const a = connect(sim);
    const b = connect(sim, { sysCode: 'GX12346', authCode: 'a'.repeat(32) });
    await a.fetchPage({});
    await a.fetchPage({});
    expect((await channelFailure(a.fetchPage({}))).kind).toBe('RATE_LIMITED');
    expect((await b.fetchPage({})).records).toHaveLength(2);
  });

  it('the client spaces its requests (default 550 ms) so the platform never has to refuse them', async () => {
    const sim = await startSim({ ratePerSecond: 2 });
    const connector = connect(sim, { minRequestIntervalMs: MIN_REQUEST_INTERVAL_MS });
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await connector.fetchPage({})).records).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(sim.stats.byStatus[503]).toBeUndefined();
  });

  it('waits for the next slot through the injected sleep, shared by connectors of one SysCode', async () => {
    const sim = await startSim();
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const a = connect(sim, { minRequestIntervalMs: 10_000, sleep });
    const b = connect(sim, { minRequestIntervalMs: 10_000, sleep });
    await a.fetchPage({});
    await b.fetchPage({});
    await a.fetchPage({});
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(9_000);
    expect(waits[1]).toBeGreaterThan(19_000);
  });
});

// ── write-back ──────────────────────────────────────────────────────────────────────────────────
describe('xf client against the simulator: feedback (§6)', () => {
  const FKNR = '您反映的问题已由赣县区农业农村局受理，将于60日内办结并书面答复。';
  const feedback = (patch: Partial<FeedbackXf> = {}): FeedbackXf => ({
    XFJBH: SAMPLE_2,
    FKBH: 'HUB-XF-20240311-0007',
    FKLX: '01',
    FKNR,
    CBDW: '赣县区农业农村局',
    CBR: '谢文斌',
    FKSJ: '20240311150000',
    ...patch,
  });
  async function rejection(promise: Promise<unknown>): Promise<FeedbackRejectedError> {
    try {
      await promise;
    } catch (error) {
      if (!(error instanceof FeedbackRejectedError)) throw error;
      seenMessages.push(error.message);
      return error;
    }
    throw new Error('expected a FeedbackRejectedError');
  }
  async function feedbackSim() {
    const sim = await startSim({ clock: '2024-03-11T15:00:05+08:00', frozen: true });
    return { sim, connector: connect(sim) };
  }

  it('the §9 sample FeedbackRequest accepts letter 2: SLSJ = FKSJ, BLQX 2024-05-10, ZT 20; the pull shows the echo', async () => {
    const { sim, connector } = await feedbackSim();
    const pulled = await traverse(connector);
    const raw = await rawRequest(sim, fixture('feedback-request.xml').trim());
    expect(raw.status).toBe(200);
    expect(raw.text).toMatch(
      /<Body><FeedbackResponse><ResultCode>0<\/ResultCode><ResultMsg>成功<\/ResultMsg><Duplicate>false<\/Duplicate><Overdue>false<\/Overdue><\/FeedbackResponse><\/Body><\/Envelope>$/,
    );
    expect(sim.getLetter(SAMPLE_2)).toMatchObject({ SLSJ: '20240311150000', BLQX: '2024-05-10', ZT: '20', BBH: '2', GXSJ: '20240311150005' });
    // The client's own request for the same feedback has the same values: a replay (element layout ignored).
    expect(await connector.postFeedback(feedback())).toEqual({ duplicate: true, overdue: false });
    const echo = await traverse(connector, pulled.checkpoint as unknown as Checkpoint);
    const record = okRecord(connector.map(echo.records.find((r) => r.externalId === SAMPLE_2)!));
    expect([record.version, record.channelStatus, record.deadlines?.handleBy?.toISOString()]).toEqual(['2', '20', '2024-05-10T15:59:59.000Z']);
    expect(manifest.originStatus!.echo[record.channelStatus!]).toContain('ACCEPT'); // the hub's write-back kind for FKLX 01
  });

  it('builds the request in the §6 element order', () => {
    expect(feedbackXml(feedback({ FKSJ: instant('2024-03-11T07:00:00Z') }))).toBe(
      `<FeedbackRequest><XFJBH>${SAMPLE_2}</XFJBH><FKBH>HUB-XF-20240311-0007</FKBH><FKLX>01</FKLX><FKNR>${FKNR}</FKNR><CBDW>赣县区农业农村局</CBDW><CBR>谢文斌</CBR><FKSJ>20240311150000</FKSJ></FeedbackRequest>`,
    );
    expect(feedbackXml(feedback({ FKLX: '03', YQTS: 30 }))).toMatch(/<FKSJ>20240311150000<\/FKSJ><YQTS>30<\/YQTS><\/FeedbackRequest>$/);
  });

  it('FKLX 03 changes nothing until approved; approval → ZT 21, BLQX + YQTS (2024-06-04), BBH + 1; then FKLX 04 → ZT 30', async () => {
    const { sim, connector } = await feedbackSim();
    const ext = feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-EXT-0001', FKLX: '03', FKNR: '需现场测量核实，申请延期30日。', YQTS: 30 });
    expect(await connector.postFeedback(ext)).toEqual({ duplicate: false, overdue: false });
    expect(sim.getLetter(SAMPLE_1)).toMatchObject({ ZT: '20', BBH: '3', BLQX: '2024-05-05', YQTS: '' });
    expect(sim.pendingExtension(SAMPLE_1)).toBe(30);
    expect((await rejection(connector.postFeedback({ ...ext, FKBH: 'HUB-XF-EXT-0002' }))).code).toBe(1003); // once only

    sim.approveExtension(SAMPLE_1);
    expect(sim.getLetter(SAMPLE_1)).toMatchObject({ ZT: '21', BBH: '4', BLQX: '2024-06-04', YQTS: '30', GXSJ: '20240311150005' });
    const pulled = await traverse(connector);
    const extended = okRecord(connector.map(pulled.records.find((r) => r.externalId === SAMPLE_1)!));
    expect([extended.channelStatus, extended.deadlines?.handleBy?.toISOString(), extended.warnings]).toEqual(['21', '2024-06-04T15:59:59.000Z', []]);

    const done = feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-END-0001', FKLX: '04', FKNR: '经核实，已足额兑现青苗补偿款。' });
    expect(await connector.postFeedback(done)).toEqual({ duplicate: false, overdue: false });
    expect(sim.getLetter(SAMPLE_1)).toMatchObject({ ZT: '30', BBH: '5' });
    expect(sim.feedbacksFor(SAMPLE_1).map((f) => f.FKLX)).toEqual(['03', '04']);
  });

  it('FKLX 02 → ZT 11 (the echo of the hub’s own 不予受理, not a cancel)', async () => {
    const { sim, connector } = await feedbackSim();
    expect(await connector.postFeedback(feedback({ FKLX: '02', FKBH: 'HUB-XF-REJ-0001', FKNR: '不属于信访受理范围，已告知通过诉讼途径解决。' }))).toEqual({
      duplicate: false,
      overdue: false,
    });
    expect(sim.getLetter(SAMPLE_2)).toMatchObject({ ZT: '11', BBH: '2' });
    expect(manifest.originStatus!.echo['11']).toEqual(['REJECT']); // FKLX 02
    expect(manifest.originStatus!.cancel).toContain('11');
  });

  it('a replay (same FKBH and values, any order or CDATA) → Duplicate true and nothing changes; other values → 1004; FKBH before state', async () => {
    const { sim, connector } = await feedbackSim();
    expect(await connector.postFeedback(feedback())).toEqual({ duplicate: false, overdue: false });
    const after = sim.getLetter(SAMPLE_2);
    // The letter is in ZT 20 now: a new FKBH meets the state check, the old one is still a replay.
    expect(await connector.postFeedback(feedback())).toEqual({ duplicate: true, overdue: false });
    expect((await rejection(connector.postFeedback(feedback({ FKBH: 'HUB-XF-20240311-0008' })))).code).toBe(1002);
    const reordered = `<FeedbackRequest>\n  <FKSJ>20240311150000</FKSJ><CBR><![CDATA[谢文斌]]></CBR><CBDW>赣县区农业农村局</CBDW>\n  <FKNR><![CDATA[${FKNR}]]></FKNR><FKLX>01</FKLX><FKBH>HUB-XF-20240311-0007</FKBH><XFJBH>${SAMPLE_2}</XFJBH></FeedbackRequest>`;
    expect(resultOf((await rawRequest(sim, reordered)).doc)).toEqual({ code: '0', duplicate: 'true', overdue: 'false' });
    const conflict = await rejection(connector.postFeedback(feedback({ FKNR: `${FKNR}（补充）` })));
    expect([conflict.code, conflict.local, conflict.message]).toEqual([1004, false, expect.stringMatching(/HUB-XF-20240311-0007.*1004/)]);
    expect(sim.getLetter(SAMPLE_2)).toEqual(after);
    expect(sim.feedbacksFor(SAMPLE_2)).toHaveLength(1);
  });

  it('1002 when the status does not allow the FKLX', async () => {
    const { sim, connector } = await feedbackSim();
    const tries: Array<[string, Partial<FeedbackXf>]> = [
      ['01 on ZT 20', { XFJBH: SAMPLE_1, FKLX: '01' }],
      ['02 on ZT 20', { XFJBH: SAMPLE_1, FKLX: '02' }],
      ['04 on ZT 10', { XFJBH: SAMPLE_2, FKLX: '04' }],
      ['03 on ZT 10', { XFJBH: SAMPLE_2, FKLX: '03', YQTS: 10 }],
    ];
    for (const [name, patch] of tries) {
      const error = await rejection(connector.postFeedback(feedback({ FKBH: `HUB-XF-${name.replace(/\W/g, '')}`, ...patch })));
      expect([name, error.code]).toEqual([name, 1002]);
    }
    sim.updateLetter(SAMPLE_1, { ZT: '30' });
    expect((await rejection(connector.postFeedback(feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-0001-04', FKLX: '04' })))).code).toBe(1002);
    sim.updateLetter(SAMPLE_2, { ZT: '40' }); // withdrawn by the petitioner
    expect((await rejection(connector.postFeedback(feedback({ FKBH: 'HUB-XF-0002-01' })))).code).toBe(1002);
    expect(sim.feedbacksFor(SAMPLE_1)).toEqual([]);
  });

  it('1003 for invalid extension days or a second extension; the client refuses bad YQTS before sending', async () => {
    const { sim, connector } = await feedbackSim();
    const raw31 = `<FeedbackRequest><XFJBH>${SAMPLE_1}</XFJBH><FKBH>HUB-XF-EXT-0031</FKBH><FKLX>03</FKLX><FKNR>申请延期</FKNR><CBDW>赣县区自然资源局</CBDW><CBR>张三</CBR><FKSJ>20240311150000</FKSJ><YQTS>31</YQTS></FeedbackRequest>`;
    expect(resultOf((await rawRequest(sim, raw31)).doc).code).toBe('1003');
    const before = sim.stats.requests;
    const local = await rejection(connector.postFeedback(feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-EXT-0031', FKLX: '03', YQTS: 31 })));
    expect([local.code, local.local]).toEqual([1003, true]);
    expect(sim.stats.requests).toBe(before);
    await connector.postFeedback(feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-EXT-0010', FKLX: '03', YQTS: 10 }));
    sim.approveExtension(SAMPLE_1);
    expect((await rejection(connector.postFeedback(feedback({ XFJBH: SAMPLE_1, FKBH: 'HUB-XF-EXT-0011', FKLX: '03', YQTS: 5 })))).code).toBe(1003);
  });

  it('1001 for an unknown letter', async () => {
    const { connector } = await feedbackSim();
    const error = await rejection(connector.postFeedback(feedback({ XFJBH: '36070424030799999' })));
    expect([error.code, error.message]).toEqual([1001, expect.stringMatching(/36070424030799999.*1001.*信访件不存在/)]);
  });

  it('1005 names the element; the client refuses the same before sending (no round trip)', async () => {
    const { sim, connector } = await feedbackSim();
    const raw = await rawRequest(
      sim,
      `<FeedbackRequest><XFJBH>${SAMPLE_2}</XFJBH><FKBH>HUB-XF-EMPTY-01</FKBH><FKLX>01</FKLX><FKNR/><CBDW>赣县区农业农村局</CBDW><CBR>谢文斌</CBR><FKSJ>20240311150000</FKSJ></FeedbackRequest>`,
    );
    const answer = path(raw.doc!, 'Envelope', 'Body', 'FeedbackResponse');
    expect([path(answer, 'ResultCode'), path(answer, 'ResultMsg')]).toEqual(['1005', '字段校验失败：FKNR']);
    const before = sim.stats.requests;
    const invalid: Array<[Partial<FeedbackXf>, RegExp]> = [
      [{ FKNR: '' }, /FKNR/],
      [{ FKNR: '办'.repeat(4001) }, /FKNR/],
      [{ FKNR: 'bad \u0001 char' }, /FKNR contains characters/],
      [{ FKBH: 'short' }, /FKBH/],
      [{ FKBH: 'HUB_XF_20240311' }, /FKBH/],
      [{ XFJBH: '３６０７０４２４０３０７０００４２' }, /XFJBH/],
      [{ FKLX: '05' as FeedbackXf['FKLX'] }, /FKLX/],
      [{ CBR: ' ' }, /CBR/],
      [{ FKSJ: '20240230150000' }, /FKSJ/],
      [{ YQTS: 5 }, /YQTS is only sent with FKLX 03/],
      [{ FKLX: '03' }, /YQTS must be/],
    ];
    for (const [patch, message] of invalid) {
      const error = await rejection(connector.postFeedback(feedback({ FKBH: 'HUB-XF-LOCAL-01', ...patch })));
      expect([error.local, error.message]).toEqual([true, expect.stringMatching(message)]);
    }
    expect(sim.stats.requests).toBe(before);
  });

  it('late feedback is accepted and recorded as 超期 (Overdue true), replays included; 23:59:59 of the deadline is in time', async () => {
    const { sim, connector } = await feedbackSim();
    sim.addLetter(extraLetter(1)); // SLQX 2024-03-22, ZT 10
    sim.setClock('2024-03-22T23:59:59+08:00', { frozen: true });
    expect(await connector.postFeedback(feedback({ XFJBH: extraLetter(1).XFJBH, FKBH: 'HUB-XF-INTIME-01', FKSJ: '20240322235959' }))).toEqual({
      duplicate: false,
      overdue: false,
    });
    sim.setClock('2024-03-23T00:00:00+08:00', { frozen: true });
    const late = feedback({ FKSJ: '20240323000000', FKBH: 'HUB-XF-LATE-0001' });
    expect(await connector.postFeedback(late)).toEqual({ duplicate: false, overdue: true });
    expect(await connector.postFeedback(late)).toEqual({ duplicate: true, overdue: true });
    expect(sim.getLetter(SAMPLE_2)).toMatchObject({ ZT: '20', SLSJ: '20240323000000', BLQX: '2024-05-22' });
  });

  it('escapes feedback text: & < > quotes and ]]> arrive unchanged', async () => {
    const { sim, connector } = await feedbackSim();
    const text = `处理意见：A&B <已办结> "满意" '回访' ]]> &amp; 😀`;
    await connector.postFeedback(feedback({ FKNR: text, CBR: '谢<文>斌' }));
    expect(sim.feedbacksFor(SAMPLE_2)[0]).toMatchObject({ FKNR: text, CBR: '谢<文>斌' });
  });

  it('transport faults are ChannelErrors; retrying with the same FKBH is safe', async () => {
    const { sim, connector } = await feedbackSim();
    sim.setFault({ kind: 'fault', code: 'SYSTEM_ERROR' }, { on: 'feedback' });
    expect((await channelFailure(connector.postFeedback(feedback()))).kind).toBe('RETRYABLE');
    sim.setFault({ kind: 'timeout' }, { on: 'feedback' });
    const slow = connect(sim, { requestTimeoutMs: 200 });
    expect((await channelFailure(slow.postFeedback(feedback()))).kind).toBe('RETRYABLE');
    sim.setFault({ kind: 'fault', code: 'TOKEN_EXPIRED' }, { on: 'feedback' });
    expect((await channelFailure(connector.postFeedback(feedback()))).kind).toBe('RETRYABLE');
    sim.setFault({ kind: 'fault', code: 'RATE_LIMITED', retryAfter: 2 }, { on: 'feedback' });
    expect(await channelFailure(connector.postFeedback(feedback()))).toMatchObject({ kind: 'RATE_LIMITED', retryAfterMs: 2000 });
    sim.setFault({ kind: 'gatewayPage', status: 502 }, { on: 'feedback' });
    expect((await channelFailure(connector.postFeedback(feedback()))).kind).toBe('RETRYABLE');
    expect(sim.getLetter(SAMPLE_2)).toMatchObject({ ZT: '10', BBH: '1' }); // none reached the platform
    expect(await connector.postFeedback(feedback())).toEqual({ duplicate: false, overdue: false });
    // the answer was lost after the platform applied it: the retry is a replay
    expect(await connector.postFeedback(feedback())).toEqual({ duplicate: true, overdue: false });
    expect(sim.getLetter(SAMPLE_2)).toMatchObject({ ZT: '20', BBH: '2' });
    const wrong = connect(sim, { authCode: 'e'.repeat(32) });
    expect((await channelFailure(wrong.postFeedback(feedback()))).kind).toBe('FATAL');
  });

  it('a FeedbackResponse without a ResultCode → RETRYABLE; an unknown ResultCode → refused with its number', async () => {
    const envelopeOf = (inner: string) => `<Envelope><Header><ReqId>x</ReqId><RespTime>20240311150000</RespTime></Header><Body>${inner}</Body></Envelope>`;
    const missing = await stubServer({ status: 200, body: envelopeOf('<FeedbackResponse><ResultMsg>?</ResultMsg></FeedbackResponse>') });
    expect((await channelFailure(connect(missing).postFeedback(feedback()))).kind).toBe('RETRYABLE');
    const unknown = await stubServer({
      status: 200,
      body: envelopeOf('<FeedbackResponse><ResultCode>1099</ResultCode><ResultMsg>其他错误</ResultMsg></FeedbackResponse>'),
    });
    const error = await rejection(connect(unknown).postFeedback(feedback()));
    expect([error.code, error.message]).toEqual([1099, expect.stringMatching(/1099: unknown result code.*其他错误/)]);
  });
});

// ── fuzz ───────────────────────────────────────────────────────────────────────────────────────
describe('xf mapping fuzz', () => {
  it('maps or quarantines 12,000 mutated letters with a reason, never throws, never repeats a value', () => {
    const random = prng(12345);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const nasty = [
      '',
      ' ',
      '\r\n\t',
      '0',
      '1',
      '2',
      '01',
      '05',
      '10',
      '99',
      '-1',
      '1e3',
      '0x10',
      '1.5',
      'NaN',
      'null',
      'true',
      '20240230120000',
      '20240229120000',
      '20241301000000',
      '20240301240000',
      '00000000000000',
      '2024-03-20',
      '2024-02-30',
      '2024/03/20',
      '36070424030500018',
      '360704',
      '360704106000',
      '360704106203',
      '360704999000',
      '360702100000',
      '３６０７０４２４０３０５０００１８',
      '１３６０７９７１２８８',
      '２０２４０３０５０９３０１５',
      "'; DROP TABLE work_order; --",
      '<script>alert(1)</script>',
      ']]>',
      '&amp;',
      '&lt;Letter&gt;',
      '<![CDATA[x]]>',
      '<!DOCTYPE x>',
      '${jndi:ldap://x}',
      '😀👨‍👩‍👧‍👦🇨🇳',
      '\u202e\u200b',
      '\ufffd\ufffd',
      'Ã©Ã¨',
      '\ud800',
      'a\u0000b',
      '\u0001\u0008',
      '钟国华',
      '13607971288',
      '360721196708233010',
      '0797-4331256',
      '江西省赣州市赣县区茅店镇洋塘村下屋组',
    ];
    const huge = ['x'.repeat(100_000), '征'.repeat(25_000), '😀'.repeat(30_000)];
    const value = () => (random() < 0.02 ? pick(huge) : pick(nasty));
    const names = [
      'XFJBH',
      'BBH',
      'XFRXM',
      'ZJLX',
      'ZJHM',
      'LXDH',
      'XFRDZ',
      'XFRS',
      'XFXS',
      'XFMD',
      'WTLB',
      'WTSD',
      'WTSDMC',
      'NRZY',
      'XFNR',
      'JJCD',
      'DJSJ',
      'SLSJ',
      'SLQX',
      'BLQX',
      'YQTS',
      'ZT',
      'GXSJ',
      'FJLB',
      'constructor',
      '__proto__',
      'X13607971288',
    ];
    const secrets = [...PERSONAL, 'DROP TABLE', '<script', 'jndi', '钟国', '１３６０', SAMPLE_AUTH_CODE];
    const regions = new Set([...TOWNSHIPS.map((t) => t.code), '360704']);
    const counts: Record<string, number> = { ok: 0 };
    const TOTAL = 12_000;
    const samples = sampleLetters();
    const requestTypes = new Set<string>(Object.values(RequestType));
    const problems: string[] = [];

    for (let n = 0; n < TOTAL; n++) {
      // 1. element-level mutations of a sample letter, kept as an ordered list (duplicates allowed)
      const elements: Array<[string, string, 'text' | 'raw']> = Object.entries(samples[Math.floor(random() * 2)]).map(([k, v]) => [
        k,
        v,
        k === 'FJLB' ? 'raw' : 'text',
      ]);
      for (let m = 1 + Math.floor(random() * 4); m > 0; m--) {
        const roll = random();
        const i = Math.floor(random() * elements.length);
        if (roll < 0.15 && elements.length) elements.splice(i, 1);
        else if (roll < 0.22 && elements.length)
          elements.push([...elements[i]]); // repeated element
        else if (roll < 0.28) elements.push([pick(names), value(), 'text']);
        else if (roll < 0.33)
          elements[i] = [pick(names), `<V>${escapeXml(value())}</V>`, 'raw']; // nested
        else if (elements.length) elements[i] = [elements[i][0], value(), 'text'];
      }
      if (random() < 0.3) elements.sort(() => random() - 0.5);
      const ws = () => pick(['', '', '\n  ', ' ', '\t']);
      let text = `<Letter>${elements
        .map(([k, v, kind]) => {
          const name = k === '__proto__' || k === 'constructor' || /^[A-Za-z_][\w.-]*$/.test(k) ? k : 'X';
          if (kind === 'raw') return `${ws()}<${name}>${v}</${name}>`;
          return `${ws()}${random() < 0.2 && !v.includes(']]>') ? `<${name}>${cdata(v)}</${name}>` : element(name, v)}`;
        })
        .join('')}${ws()}</Letter>`;
      // 2. text-level mutations: truncation, broken markup, bad encodings, DOCTYPE, BOM
      const roll = random();
      if (roll < 0.03) text = text.slice(0, Math.floor(random() * text.length));
      else if (roll < 0.05) text = text.replace(/<(\/?)(NRZY|ZT|BBH)>/, '<$1$2 ');
      else if (roll < 0.07)
        text = Buffer.from(text, 'utf8').toString('latin1'); // mojibake, as a wrong charset would give
      else if (roll < 0.08) text = `<!DOCTYPE Letter [<!ENTITY e "钟国华">]>${text.replace('<XFRXM>', '<XFRXM>&e;')}`;
      else if (roll < 0.09) text = `\ufeff${text}`;
      else if (roll < 0.1) text = text.replace(/&/, '&&');
      else if (roll < 0.11)
        text = pick(['', '<Letter/>', '<Letter>x</Letter>', '<Case/>', 'null', '{"XFJBH":"36070424030500018"}', '<Letter><XFJBH>36070424030500018</XFJBH>']);

      let result: MapResult;
      try {
        result = mapLetter({ text });
      } catch (error) {
        throw new Error(`mapLetter threw on fuzz input #${n}: ${(error as Error).message}`);
      }
      const problem = (what: string) => problems.push(`#${n}: ${what}`);
      if (result.ok) {
        counts.ok++;
        const r = result.record;
        if (!XFJBH.test(r.externalId)) problem('externalId');
        if (!(Number.isSafeInteger(r.versionOrder) && r.versionOrder >= 1 && String(r.versionOrder) === r.version)) problem('version');
        if (Number.isNaN(r.receivedAt.getTime())) problem('receivedAt');
        if (!regions.has(r.regionCode)) problem('regionCode');
        if (!requestTypes.has(r.requestType) || (r.urgency !== Urgency.NORMAL && r.urgency !== Urgency.URGENT)) problem('enum');
        if (codePointLength(r.title) > 30 || /[\r\n]/.test(r.title)) problem('title');
        for (const t of [r.content, r.restrictedContent, r.citizen?.name, r.citizen?.address, r.address])
          if (t && storableText(t).changed) problem('unstorable text');
        for (const d of [r.deadlines?.acceptBy, r.deadlines?.handleBy]) if (d && Number.isNaN(d.getTime())) problem('deadline');
        if ((r.channelStatus ?? '').length > 32 || (r.categoryHint ?? '').length > 200 || (r.address ?? '').length > 500) problem('hub column length');
        for (const w of r.warnings) {
          if (!w.field || !w.code || w.message.length >= 300) problem(`warning shape ${w.field}`);
          if (secrets.some((secret) => w.message.includes(secret) || w.field.includes(secret))) problem(`value in warning ${w.field}/${w.code}`);
        }
      } else {
        counts[result.code] = (counts[result.code] ?? 0) + 1;
        if (!['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION'].includes(result.code)) problem(`code ${result.code}`);
        if (result.message.length <= 5 || result.message.length >= 200) problem('quarantine message length');
        if (secrets.some((secret) => result.message.includes(secret))) problem(`value in quarantine message ${result.code}`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(counts.ok).toBeGreaterThan(TOTAL / 3);
    for (const code of ['UNPARSEABLE', 'INVALID_EXTERNAL_ID', 'INVALID_VERSION']) expect(counts[code]).toBeGreaterThan(100);
  });
});

// ── §8 sensitivity ──────────────────────────────────────────────────────────────────────────────
describe('xf §8: no personal value or AuthCode in any message, nothing printed', () => {
  it('no ChannelError, FeedbackRejectedError or configuration message contains a name, ID, phone, address or the AuthCode', async () => {
    // Its own battery (every fault kind and refusal), plus whatever the tests above collected.
    const messages = [...seenMessages];
    const collect = (promise: Promise<unknown>) =>
      promise.then(
        () => messages.push('(no error)'),
        (error: Error) => messages.push(error.message),
      );
    const sim = await startSim({ clock: '2024-03-11T15:00:05+08:00', frozen: true });
    const connector = connect(sim, { requestTimeoutMs: 200 });
    const faults: Parameters<SimulatorXf['setFault']>[0][] = [
      ...(['AUTH_FAILED', 'CLOCK_SKEW', 'INVALID_REQUEST', 'TOKEN_EXPIRED', 'RATE_LIMITED', 'SYSTEM_ERROR'] as const).map((code) => ({
        kind: 'fault' as const,
        code,
      })),
      { kind: 'gatewayPage' },
      { kind: 'timeout' },
      { kind: 'malformedPage' },
    ];
    for (const fault of faults) {
      sim.setFault(fault, { on: 'any' });
      await collect(connector.fetchPage({}));
    }
    await collect(connect(sim, { authCode: SAMPLE_AUTH_CODE.replace('9', '8') }).fetchPage({}));
    await collect(connect(sim, { now: () => instant('2024-03-12T00:00:00Z') }).fetchPage({}));
    const base: FeedbackXf = {
      XFJBH: SAMPLE_2,
      FKBH: 'HUB-XF-PRIV-0001',
      FKLX: '01',
      FKNR: '钟国华您好，13607971288',
      CBDW: '赣县区农业农村局',
      CBR: '谢文斌',
      FKSJ: '20240311150000',
    };
    await collect(connector.postFeedback(base));
    for (const patch of [
      { FKNR: '另一内容 360721196708233010' },
      { FKBH: 'HUB-XF-PRIV-0002' },
      { FKBH: 'HUB-XF-PRIV-0003', XFJBH: '36070424030799999' },
      { FKBH: 'HUB-XF-PRIV-0004', CBR: '' },
      { FKBH: 'HUB-XF-PRIV-0005', FKLX: '03' as const, YQTS: 99 },
    ]) {
      await collect(connector.postFeedback({ ...base, ...patch }));
    }
    try {
      loadConfigXf({ MINYI_XF_URL: 'https://xf.example.gov.cn/x', MINYI_XF_SYS_CODE: 'GX12345', MINYI_XF_AUTH_CODE: `${SAMPLE_AUTH_CODE} x` });
    } catch (error) {
      messages.push((error as Error).message);
    }
    expect(messages.length).toBeGreaterThanOrEqual(seenMessages.length + 18);
    expect(messages.filter((m) => m === '(no error)')).toHaveLength(1); // only the first feedback succeeds
    for (const message of messages) {
      for (const value of [...PERSONAL, SAMPLE_AUTH_CODE, '谢文斌', '钟国华您好']) expect(message).not.toContain(value);
    }
  });

  it('warnings of a letter whose every identity element is defective name the elements only', () => {
    const defective = {
      XFRXM: '钟国华'.repeat(70),
      ZJLX: '01',
      ZJHM: '360721196708233011',
      LXDH: '1360797128',
      XFRDZ: '江西省赣州市赣县区茅店镇洋塘村下屋组'.repeat(12),
      WTSD: '360702106000',
      WTSDMC: '茅'.repeat(501),
    };
    const r = okRecord(mapPatched(defective));
    expect(r.warnings.map((w) => w.field).sort()).toEqual(['LXDH', 'WTSD', 'WTSDMC', 'XFRDZ', 'XFRXM', 'ZJHM']);
    const text = JSON.stringify(r.warnings);
    for (const value of [...PERSONAL, '360721196708233011', '1360797128', '360702106000']) expect(text).not.toContain(value);
  });

  it('the simulator and the client print nothing, whatever happens', async () => {
    const spies = [
      jest.spyOn(console, 'log'),
      jest.spyOn(console, 'info'),
      jest.spyOn(console, 'warn'),
      jest.spyOn(console, 'error'),
      jest.spyOn(console, 'debug'),
    ];
    const writes = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')];
    try {
      const sim = await startSim({ clock: '2024-03-11T15:00:05+08:00', frozen: true });
      const connector = connect(sim);
      await traverse(connector);
      await connector.postFeedback({
        XFJBH: SAMPLE_2,
        FKBH: 'HUB-XF-QUIET-001',
        FKLX: '01',
        FKNR: '受理',
        CBDW: '赣县区农业农村局',
        CBR: '谢文斌',
        FKSJ: '20240311150000',
      });
      await connect(sim, { authCode: '0'.repeat(32) })
        .fetchPage({})
        .catch(() => undefined);
      await rawRequest(sim, '<FeedbackRequest><FKBH>x</FKBH></FeedbackRequest>');
      await fetch(sim.url, { method: 'POST', body: '<not xml' });
      sim.setFault({ kind: 'malformedPage' });
      await connector.fetchPage({}).catch(() => undefined);
      for (const spy of [...spies, ...writes]) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...spies, ...writes]) spy.mockRestore();
    }
  });
});
