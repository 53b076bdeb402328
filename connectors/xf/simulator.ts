import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type * as http from 'node:http';
import { join } from 'node:path';
import { clockMs, SimulatorBase } from '../shared/simulator-base';
import { codePointLength } from '../shared/text';
import { addDays, endOfDay, formatCompactTime, formatDate, parseCompactTime, parseDeadlineDate } from './dates';
import { parseLetter } from './mapping';
import { cdata, childElementTexts, element, isXmlObject, leafText, parseXml, path, TEXT_KEY, type XmlObject } from './xml';

/**
 * A local 信访 一网通 platform speaking petition.md (channels README "Simulator profile"): the §1
 * envelope and header auth (sample SysCode/AuthCode, ReqTime within ±10 min of a settable clock,
 * unique ReqId), §2 QueryRequest paging (inclusive Since, order (GXSJ, XFJBH), opaque tokens that
 * mark a position and expire after 30 min of simulator clock), the §6 FeedbackRequest state machine
 * with FKBH checked before any state, §7 faults, 2 requests/s per SysCode, switchable faults. Plain
 * HTTP on loopback, no mutual TLS ("simulators may skip"). Seeded from the §9 sample.
 *
 * §8: the simulator never prints anything — no identity value, no raw XML.
 */

/** §1 sample credentials. */
export const SAMPLE_SYS_CODE = 'GX12345';
export const SAMPLE_AUTH_CODE = '9c1f0e7b3a5d48c2b6e4f1a0d3c7e9b2';
export const ENDPOINT_PATH = '/xfjk/services/XfDataExchange';
/** Default clock: the §1 sample ReqTime 20240308090000. */
export const DEFAULT_CLOCK = '2024-03-08T09:00:00+08:00';
const REQ_TIME_TOLERANCE_MS = 10 * 60_000;
const TOKEN_TTL_MS = 30 * 60_000;
const DEFAULT_PAGE_SIZE = 50;
const FKBH = /^[A-Za-z0-9-]{8,40}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const FEEDBACK_ELEMENTS = new Set(['XFJBH', 'FKBH', 'FKLX', 'FKNR', 'CBDW', 'CBR', 'FKSJ', 'YQTS']);
/** §3 key table order, used when serving a letter. */
const LETTER_ORDER = [
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
];

export type FaultCode = 'AUTH_FAILED' | 'CLOCK_SKEW' | 'INVALID_REQUEST' | 'TOKEN_EXPIRED' | 'RATE_LIMITED' | 'SYSTEM_ERROR';

/** A letter: element name → text (`''` is served as `<X/>`); `FJLB` holds its inner XML as received. */
export type Letter = Record<string, string>;

/** Switchable faults; `fault`, `gatewayPage` and `timeout` answer before authentication, like a gateway would. */
export type Fault =
  | { kind: 'fault'; code: FaultCode; faultString?: string; retryAfter?: number }
  /** A non-XML HTML page from a reverse proxy. */
  | { kind: 'gatewayPage'; status?: 500 | 502 | 503 | 504 }
  | { kind: 'timeout' }
  /** A QueryResponse cut off in the middle (HTTP 200). */
  | { kind: 'malformedPage' }
  /** After serving the next page, update this letter (BBH + 1, GXSJ = now: it comes again later, §2). */
  | { kind: 'updateWhilePaging'; xfjbh: string; patch?: Record<string, string | null> };

export type FaultTarget = 'query' | 'feedback' | 'any';

export interface SimulatorOptions {
  /** SysCode → AuthCode. Default: the §1 sample. */
  credentials?: Record<string, string>;
  /** Initial clock; it ticks in real time unless frozen. */
  clock?: Date | string;
  frozen?: boolean;
  /** §1: 2 requests/s per SysCode (real time). */
  ratePerSecond?: number;
  /** Seed the §9 sample letters (default true). */
  seed?: boolean;
}

export interface SimulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  byFault: Record<string, number>;
  hanging: number;
  /** The last request, its AuthCode replaced by `[redacted]`. */
  last?: { body: string; contentType: string | undefined };
}

interface PageToken {
  since: string;
  after: { gxsj: string; xfjbh: string };
  issuedAt: number;
}

interface StoredFeedback {
  values: Record<string, string>;
  overdue: boolean;
}

/** Thrown inside a handler: answered as a §7 fault. */
class FaultAnswer extends Error {
  constructor(
    readonly code: FaultCode,
    readonly text: string,
  ) {
    super(code);
  }
}

/** Thrown inside the feedback handler: answered as a §6 ResultCode ≠ 0. */
class ResultAnswer extends Error {
  constructor(
    readonly resultCode: number,
    readonly text: string,
  ) {
    super(String(resultCode));
  }
}

/** A fixture file's text, from `connectors/xf/fixtures` (also when running from dist/). */
export function readFixtureText(file: string): string {
  const candidates = [join(__dirname, 'fixtures'), join(__dirname, '..', '..', '..', 'connectors', 'xf', 'fixtures')];
  const dir = candidates.find((d) => existsSync(join(d, file)));
  if (!dir) throw new Error(`xf simulator: fixtures/${file} not found`);
  return readFileSync(join(dir, file), 'utf8');
}

/** The §9 sample letters, as stored by the simulator. */
export function sampleLetters(): Letter[] {
  const texts = childElementTexts(readFixtureText('query-response.xml'), ['Envelope', 'Body', 'QueryResponse'], 'Letter') ?? [];
  return texts.map(letterFromXml);
}

/** A `<Letter>` element's text → the simulator's form (leaf texts; FJLB's inner XML kept as is). */
export function letterFromXml(text: string): Letter {
  const parsed = parseLetter(text);
  if (!parsed.ok) throw new Error('xf simulator: not a letter');
  const letter: Letter = {};
  for (const [name, value] of Object.entries(parsed.letter)) {
    if (name === TEXT_KEY) continue;
    if (typeof value === 'string') letter[name] = value;
    else if (name === 'FJLB') {
      const source = childElementTexts(text, ['Letter'], 'FJLB')![0];
      letter.FJLB = source.slice(source.indexOf('>') + 1, source.lastIndexOf('</'));
    }
  }
  return letter;
}

/** A letter as served: §3 order, XFNR in CDATA (as in the §9 sample), other text escaped. */
export function letterXml(letter: Letter): string {
  const names = [...LETTER_ORDER.filter((n) => n in letter), ...Object.keys(letter).filter((n) => !LETTER_ORDER.includes(n))];
  const parts = names.map((name) => {
    const value = letter[name];
    if (name === 'FJLB') return value ? `<FJLB>${value}</FJLB>` : '<FJLB/>';
    if (name === 'XFNR' && value) return `<XFNR>${cdata(value)}</XFNR>`;
    return element(name, value);
  });
  return `<Letter>${parts.join('')}</Letter>`;
}

export class SimulatorXf extends SimulatorBase<Fault, FaultTarget> {
  private readonly letters = new Map<string, Letter>();
  private readonly credentials = new Map<string, string>();
  private readonly tokens = new Map<string, PageToken>();
  private readonly reqIds = new Set<string>();
  private readonly feedbacks = new Map<string, StoredFeedback>();
  private readonly pendingExtensions = new Map<string, number>();
  private readonly extended = new Set<string>();
  private readonly recent = new Map<string, number[]>();
  private ratePerSecond: number;
  readonly stats: SimulatorStats = { requests: 0, byStatus: {}, byFault: {}, hanging: 0 };

  constructor(options: SimulatorOptions = {}) {
    super(ENDPOINT_PATH, clockMs(options.clock ?? DEFAULT_CLOCK), options.frozen ?? false);
    for (const [sysCode, authCode] of Object.entries(options.credentials ?? { [SAMPLE_SYS_CODE]: SAMPLE_AUTH_CODE })) this.credentials.set(sysCode, authCode);
    this.ratePerSecond = options.ratePerSecond ?? 2;
    if (options.seed ?? true) for (const letter of sampleLetters()) this.addLetter(letter);
  }

  static async start(options: SimulatorOptions = {}): Promise<SimulatorXf> {
    const sim = new SimulatorXf(options);
    await sim.listen();
    return sim;
  }

  // ── clock, limits, credentials ─────────────────────────────────────────────────────────────────
  setClock(at: Date | string, options: { frozen?: boolean } = {}): void {
    this.setClockMs(clockMs(at), options);
  }

  setRateLimit(perSecond: number): void {
    this.ratePerSecond = perSecond;
  }

  addCredential(sysCode: string, authCode: string): void {
    this.credentials.set(sysCode, authCode);
  }

  protected defaultTarget(fault: Fault): FaultTarget {
    return fault.kind === 'malformedPage' || fault.kind === 'updateWhilePaging' ? 'query' : 'any';
  }

  // ── letters ────────────────────────────────────────────────────────────────────────────────────
  /** Adds (or replaces) a letter as given; it needs an XFJBH and a valid GXSJ so it can be ordered. */
  addLetter(letter: Letter): Letter {
    if (!letter.XFJBH) throw new Error('xf simulator: a letter needs an XFJBH');
    if (!parseCompactTime(letter.GXSJ ?? '')) throw new Error('xf simulator: a letter needs a valid GXSJ');
    this.letters.set(letter.XFJBH, { ...letter });
    return { ...letter };
  }

  getLetter(xfjbh: string): Letter | undefined {
    const letter = this.letters.get(xfjbh);
    return letter && { ...letter };
  }

  /** Letters in §2 order (GXSJ, XFJBH). */
  listLetters(): Letter[] {
    return this.ordered().map((l) => ({ ...l }));
  }

  removeLetter(xfjbh: string): void {
    this.letters.delete(xfjbh);
  }

  /** Changes a letter as the platform would: elements patched (null removes one), BBH + 1, GXSJ = now. */
  updateLetter(xfjbh: string, patch: Record<string, string | null> = {}): Letter {
    const letter = this.letters.get(xfjbh);
    if (!letter) throw new Error('xf simulator: no such letter');
    for (const [name, value] of Object.entries(patch)) {
      if (value === null) delete letter[name];
      else letter[name] = value;
    }
    this.bump(letter);
    return { ...letter };
  }

  /** Test hook for the platform's approval of a pending extension (§5, §6): ZT 21, BLQX + YQTS, BBH + 1. */
  approveExtension(xfjbh: string): Letter {
    const days = this.pendingExtensions.get(xfjbh);
    const letter = this.letters.get(xfjbh);
    if (days === undefined || !letter) throw new Error('xf simulator: no pending extension for this letter');
    const old = parseDeadlineDate(letter.BLQX ?? '');
    if (old) letter.BLQX = formatDate(addDays(old, days));
    letter.YQTS = String(days);
    letter.ZT = '21';
    this.pendingExtensions.delete(xfjbh);
    this.extended.add(xfjbh);
    this.bump(letter);
    return { ...letter };
  }

  /** The extension days requested and not yet approved, or undefined. */
  pendingExtension(xfjbh: string): number | undefined {
    return this.pendingExtensions.get(xfjbh);
  }

  /** Accepted feedbacks of a letter (element values as received), oldest first. */
  feedbacksFor(xfjbh: string): Array<Record<string, string>> {
    return [...this.feedbacks.values()].filter((f) => f.values.XFJBH === xfjbh).map((f) => ({ ...f.values }));
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, byStatus: {}, byFault: {}, hanging: this.hanging.size, last: undefined });
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────
  protected internalError(res: http.ServerResponse): void {
    // The error's own message is not echoed: it could quote request content (§8).
    this.sendFault(res, 'SYSTEM_ERROR', '系统内部错误');
  }

  protected route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    this.stats.requests++;
    this.stats.last = { body: body.replace(/<AuthCode>[^<]*<\/AuthCode>/g, '<AuthCode>[redacted]</AuthCode>'), contentType: req.headers['content-type'] };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== ENDPOINT_PATH) return this.sendRaw(res, 404, 'Not Found', 'text/plain');
    if (req.method !== 'POST') return this.sendRaw(res, 405, 'Method Not Allowed', 'text/plain', { Allow: 'POST' });

    const target: FaultTarget = /<FeedbackRequest[\s/>]/.test(body) ? 'feedback' : 'query';
    const armed = this.takeFault(target, ['timeout', 'gatewayPage', 'fault']);
    if (armed?.kind === 'timeout') {
      this.hang(res);
      this.stats.hanging = this.hanging.size;
      return;
    }
    if (armed?.kind === 'gatewayPage') return this.sendGatewayPage(res, armed.status ?? 502);
    if (armed?.kind === 'fault') return this.sendFault(res, armed.code, armed.faultString ?? defaultFaultString(armed.code), armed.retryAfter);

    try {
      const { reqId, operation, request } = this.checkEnvelope(body);
      if (operation === 'QueryRequest') this.query(request, reqId, res);
      else this.feedback(request, reqId, res);
    } catch (error) {
      if (!(error instanceof FaultAnswer)) throw error;
      this.sendFault(res, error.code, error.text);
    }
  }

  /** §1: well-formed XML, header auth, rate limit, ReqId, ReqTime, one operation. */
  private checkEnvelope(text: string): { reqId: string; operation: 'QueryRequest' | 'FeedbackRequest'; request: XmlObject | string } {
    const parsed = parseXml(text);
    if (!parsed.ok || path(parsed.doc, 'Envelope') === undefined) throw new FaultAnswer('INVALID_REQUEST', '请求报文不是有效的XML信封');
    const header = path(parsed.doc, 'Envelope', 'Header');
    const sysCode = leafText(path(header, 'SysCode')) ?? '';
    const authCode = leafText(path(header, 'AuthCode')) ?? '';
    if (!this.credentials.has(sysCode)) throw new FaultAnswer('AUTH_FAILED', '认证失败：SysCode无效');
    if (this.credentials.get(sysCode) !== authCode) throw new FaultAnswer('AUTH_FAILED', '认证失败：AuthCode错误');
    if (!this.withinRate(sysCode)) throw new FaultAnswer('RATE_LIMITED', '请求过于频繁');

    const reqId = leafText(path(header, 'ReqId')) ?? '';
    if (!UUID.test(reqId)) throw new FaultAnswer('INVALID_REQUEST', 'ReqId须为UUID');
    if (this.reqIds.has(reqId.toLowerCase())) throw new FaultAnswer('INVALID_REQUEST', 'ReqId重复');
    this.reqIds.add(reqId.toLowerCase());
    const reqTime = parseCompactTime(leafText(path(header, 'ReqTime')) ?? '');
    if (!reqTime) throw new FaultAnswer('INVALID_REQUEST', 'ReqTime格式错误');
    if (Math.abs(reqTime.instant.getTime() - this.now().getTime()) > REQ_TIME_TOLERANCE_MS)
      throw new FaultAnswer('CLOCK_SKEW', '请求时间与服务器时间相差超过10分钟');

    // §1: the operation is the single child element of <Body>.
    const body = path(parsed.doc, 'Envelope', 'Body');
    const operations = isXmlObject(body) ? Object.keys(body).filter((k) => k !== TEXT_KEY) : [];
    const [operation] = operations;
    if (operations.length !== 1 || (operation !== 'QueryRequest' && operation !== 'FeedbackRequest')) throw new FaultAnswer('INVALID_REQUEST', '未知操作');
    const request = (body as XmlObject)[operation];
    if (Array.isArray(request)) throw new FaultAnswer('INVALID_REQUEST', '未知操作');
    return { reqId, operation, request };
  }

  /** §1: 2 requests/s per SysCode, sliding second (real time). */
  private withinRate(sysCode: string): boolean {
    const t = Date.now();
    const recent = (this.recent.get(sysCode) ?? []).filter((at) => t - at < 1000);
    this.recent.set(sysCode, recent);
    if (recent.length >= this.ratePerSecond) return false;
    recent.push(t);
    return true;
  }

  /** §2. */
  private query(request: XmlObject | string, reqId: string, res: http.ServerResponse): void {
    const q = isXmlObject(request) ? request : {};
    const since = leafText(q.Since)?.trim() ?? '';
    if (!parseCompactTime(since)) throw new FaultAnswer('INVALID_REQUEST', 'Since须为yyyyMMddHHmmss');
    const sizeText = q.PageSize === undefined ? '' : (leafText(q.PageSize)?.trim() ?? 'x');
    const size = sizeText === '' ? DEFAULT_PAGE_SIZE : /^[0-9]{1,3}$/.test(sizeText) ? Number(sizeText) : Number.NaN;
    if (!(size >= 1 && size <= 100)) throw new FaultAnswer('INVALID_REQUEST', 'PageSize须为1–100');
    if (q.PageToken === undefined) throw new FaultAnswer('INVALID_REQUEST', 'PageToken必填');
    const tokenText = leafText(q.PageToken)?.trim();
    if (tokenText === undefined) throw new FaultAnswer('INVALID_REQUEST', 'PageToken格式错误');

    let after: PageToken['after'] | null = null;
    if (tokenText !== '') {
      const token = this.tokens.get(tokenText);
      if (!token) throw new FaultAnswer('INVALID_REQUEST', 'PageToken无效');
      if (this.now().getTime() - token.issuedAt >= TOKEN_TTL_MS) throw new FaultAnswer('TOKEN_EXPIRED', '分页令牌已过期，请重新查询');
      if (token.since !== since) throw new FaultAnswer('INVALID_REQUEST', '使用PageToken时Since不得改变');
      after = token.after;
    }
    const remaining = this.ordered().filter(
      (l) => l.GXSJ >= since && (after === null || l.GXSJ > after.gxsj || (l.GXSJ === after.gxsj && l.XFJBH > after.xfjbh)),
    );
    const page = remaining.slice(0, size);
    let next = '';
    if (remaining.length > page.length) {
      next = randomBytes(24).toString('base64url');
      const last = page[page.length - 1];
      this.tokens.set(next, { since, after: { gxsj: last.GXSJ, xfjbh: last.XFJBH }, issuedAt: this.now().getTime() });
    }
    const answer = this.respond(reqId, `<QueryResponse>${page.map(letterXml).join('')}${element('NextPageToken', next)}</QueryResponse>`);
    if (this.takeFault('query', ['malformedPage'])) this.sendRaw(res, 200, answer.slice(0, Math.floor(answer.length * 0.6)));
    else this.sendRaw(res, 200, answer);
    const move = this.takeFault('query', ['updateWhilePaging']);
    if (move?.kind === 'updateWhilePaging') this.updateLetter(move.xfjbh, move.patch);
  }

  /** §6: FKBH before any state check; then fields (1005), the letter (1001), its state (1002/1003). */
  private feedback(request: XmlObject | string, reqId: string, res: http.ServerResponse): void {
    let answer: { duplicate: boolean; overdue: boolean };
    try {
      answer = this.applyFeedback(isXmlObject(request) ? request : {});
    } catch (error) {
      if (!(error instanceof ResultAnswer)) throw error;
      return this.sendRaw(res, 200, this.respond(reqId, feedbackResponse(error.resultCode, error.text, false, false)));
    }
    this.sendRaw(res, 200, this.respond(reqId, feedbackResponse(0, '成功', answer.duplicate, answer.overdue)));
  }

  private applyFeedback(request: XmlObject): { duplicate: boolean; overdue: boolean } {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(request)) {
      if (name === TEXT_KEY) continue;
      if (typeof value !== 'string') throw new ResultAnswer(1005, `字段校验失败：${escapeName(name)}格式错误`);
      values[name] = value;
    }
    const fkbh = values.FKBH ?? '';
    if (!FKBH.test(fkbh)) throw new ResultAnswer(1005, '字段校验失败：FKBH');
    const previous = this.feedbacks.get(fkbh);
    if (previous) {
      if (sameValues(previous.values, values)) return { duplicate: true, overdue: previous.overdue };
      throw new ResultAnswer(1004, '反馈编号重复且内容不一致');
    }

    const unknown = Object.keys(values).find((n) => !FEEDBACK_ELEMENTS.has(n));
    if (unknown !== undefined) throw new ResultAnswer(1005, `字段校验失败：${escapeName(unknown)}不是反馈字段`);
    const { XFJBH, FKLX, FKNR, CBDW, CBR, FKSJ, YQTS } = values;
    if (!/^[0-9]{17}$/.test(XFJBH ?? '')) throw new ResultAnswer(1005, '字段校验失败：XFJBH');
    if (!['01', '02', '03', '04'].includes(FKLX ?? '')) throw new ResultAnswer(1005, '字段校验失败：FKLX');
    if (!FKNR || codePointLength(FKNR) > 4000) throw new ResultAnswer(1005, '字段校验失败：FKNR');
    if (!CBDW?.trim()) throw new ResultAnswer(1005, '字段校验失败：CBDW');
    if (!CBR?.trim()) throw new ResultAnswer(1005, '字段校验失败：CBR');
    const fksj = parseCompactTime(FKSJ ?? '');
    if (!fksj) throw new ResultAnswer(1005, '字段校验失败：FKSJ');
    if (FKLX === '03' && YQTS === undefined) throw new ResultAnswer(1005, '字段校验失败：YQTS');
    if (FKLX !== '03' && YQTS !== undefined) throw new ResultAnswer(1005, '字段校验失败：YQTS仅用于延期申请');

    const letter = this.letters.get(XFJBH);
    if (!letter) throw new ResultAnswer(1001, '信访件不存在');
    const status = letter.ZT;
    const refuseState = () => new ResultAnswer(1002, '当前状态不允许该反馈类型');
    const deadline = parseDeadlineDate((FKLX === '01' || FKLX === '02' ? letter.SLQX : letter.BLQX) ?? '');
    const end = deadline ? endOfDay(deadline) : null;
    const overdue = end !== null && this.now().getTime() > end.getTime();

    if (FKLX === '01') {
      if (status !== '10') throw refuseState();
      letter.SLSJ = FKSJ;
      letter.BLQX = formatDate(addDays(fksj.date, 60));
      letter.ZT = '20';
      this.bump(letter);
    } else if (FKLX === '02') {
      if (status !== '10') throw refuseState();
      letter.ZT = '11';
      this.bump(letter);
    } else if (FKLX === '03') {
      const days = /^[0-9]{1,2}$/.test(YQTS) ? Number(YQTS) : 0;
      if (days < 1 || days > 30) throw new ResultAnswer(1003, '延期天数不合法');
      if (this.pendingExtensions.has(XFJBH) || this.extended.has(XFJBH) || status === '21') throw new ResultAnswer(1003, '已申请过延期');
      if (status !== '20') throw refuseState();
      this.pendingExtensions.set(XFJBH, days); // changes nothing until approved (§6)
    } else {
      if (status !== '20' && status !== '21') throw refuseState();
      letter.ZT = '30';
      this.bump(letter);
    }
    this.feedbacks.set(fkbh, { values, overdue });
    return { duplicate: false, overdue };
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────
  /** Every change: BBH + 1, GXSJ = now (never earlier than before). */
  private bump(letter: Letter): void {
    letter.BBH = /^[0-9]{1,9}$/.test(letter.BBH ?? '') ? String(Number(letter.BBH) + 1) : '1';
    const now = formatCompactTime(this.now());
    letter.GXSJ = letter.GXSJ && letter.GXSJ > now ? letter.GXSJ : now;
  }

  private ordered(): Letter[] {
    return [...this.letters.values()].sort((a, b) => (a.GXSJ < b.GXSJ ? -1 : a.GXSJ > b.GXSJ ? 1 : a.XFJBH < b.XFJBH ? -1 : a.XFJBH > b.XFJBH ? 1 : 0));
  }

  /** The response envelope (§1: Header with ReqId and RespTime). */
  private respond(reqId: string, body: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope><Header>${element('ReqId', reqId)}${element('RespTime', formatCompactTime(this.now()))}</Header><Body>${body}</Body></Envelope>`;
  }

  /** §7: HTTP 500 with a Fault (RATE_LIMITED: 503 + Retry-After), in the sample's exact form. */
  private sendFault(res: http.ServerResponse, code: FaultCode, text: string, retryAfter = 1): void {
    this.stats.byFault[code] = (this.stats.byFault[code] ?? 0) + 1;
    const body = `<Envelope><Body><Fault>${element('FaultCode', code)}${element('FaultString', text)}</Fault></Body></Envelope>`;
    if (code === 'RATE_LIMITED') this.sendRaw(res, 503, body, undefined, { 'Retry-After': String(retryAfter) });
    else this.sendRaw(res, 500, body);
  }

  private sendGatewayPage(res: http.ServerResponse, status: number): void {
    const title = `${status} ${status === 504 ? 'Gateway Time-out' : status === 503 ? 'Service Temporarily Unavailable' : status === 500 ? 'Internal Server Error' : 'Bad Gateway'}`;
    const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    this.sendRaw(res, status, html, 'text/html');
  }

  private sendRaw(res: http.ServerResponse, status: number, body: string, type = 'text/xml; charset=UTF-8', headers: Record<string, string> = {}): void {
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    this.writeBody(res, status, body, type, headers);
  }
}

function defaultFaultString(code: FaultCode): string {
  return {
    AUTH_FAILED: '认证失败：AuthCode错误',
    CLOCK_SKEW: '请求时间与服务器时间相差超过10分钟',
    INVALID_REQUEST: '请求报文无效',
    TOKEN_EXPIRED: '分页令牌已过期，请重新查询',
    RATE_LIMITED: '请求过于频繁',
    SYSTEM_ERROR: '系统繁忙，请稍后重试',
  }[code];
}

function feedbackResponse(code: number, message: string, duplicate: boolean, overdue: boolean): string {
  return `<FeedbackResponse>${element('ResultCode', String(code))}${element('ResultMsg', message)}${element('Duplicate', String(duplicate))}${element('Overdue', String(overdue))}</FeedbackResponse>`;
}

/** §6: "same element values (order and CDATA wrapping ignored)": the parsed values, compared exactly. */
function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** An element name from the request, short enough to echo in ResultMsg (never a long digit run). */
function escapeName(name: string): string {
  return (name.length > 40 ? `${name.slice(0, 40)}…` : name).replace(/[0-9]{5,}/g, '#');
}
