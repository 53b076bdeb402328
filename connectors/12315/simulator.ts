import { randomBytes } from 'node:crypto';
import type * as http from 'node:http';
import { clockMs, jsonEqual, readFixture, SimulatorBase } from '../shared/simulator-base';
import { codePointLength } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime, parseShanghaiDateTime, shanghaiDateStamp } from '../../src/common/time';

/**
 * A local 12315 platform speaking 12315.md byte for byte (channels README "Simulator profile"):
 * Bearer tokens from the spec's samples, GET /api/v1/cases with the §3 paging semantics, POST results
 * with the §5 Idempotency-Key rules, per-token rate limits (§6), a settable clock and switchable faults.
 * Cases are stored as parsed objects and served as compact JSON in their own key order.
 */

/** The token in the spec's write-back sample (§7). */
export const SAMPLE_TOKEN = '8f3c0d2a61b94e7f9a2b5c7d1e0f4a6b';
/** The region every sample token is scoped to (§2). */
export const COUNTY_SCOPE = '360704';
const CURSOR_TTL_MS = 24 * 3600_000;
const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const CASE_NO = /^[0-9A-Z]{10,32}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,64}$/;
const TERMINAL_NO_RESULT = new Set(['NOT_ACCEPTED', 'TRANSFERRED', 'WITHDRAWN']);
/** Default clock: after the §7 write-back sample, so it passes the handledAt checks. */
export const DEFAULT_CLOCK = '2024-03-06T16:25:00.000+08:00';

export type Case = Record<string, unknown> & { caseNo: string; updatedAt: string };

/** Switchable faults. Gateway faults answer before authentication, like a real reverse proxy. */
export type Fault =
  | { kind: 'rateLimited'; retryAfter?: number }
  | { kind: 'serverError'; status: 500 | 502 | 503 | 504; retryAfter?: number; body?: 'json' | 'html' | 'empty' }
  | { kind: 'html502' }
  | { kind: 'timeout' }
  | { kind: 'malformedPage' }
  | { kind: 'cursorExpired' }
  /** After serving the next page, update this case (it moves to the end of the order, §3.3). */
  | { kind: 'updateWhilePaging'; caseNo: string; patch?: Record<string, unknown> }
  /** The next page also carries this item, as given and unchecked (a defective record, README "Defective records"). */
  | { kind: 'defectiveRecord'; record: unknown };

export type FaultTarget = 'cases' | 'results' | 'any';

export interface SimulatorOptions {
  /** Accepted tokens and their region scope (a scope other than 360704 → 403). Default: the sample token. */
  tokens?: Record<string, string>;
  /** Initial clock; it ticks in real time unless frozen. */
  clock?: Date | string;
  frozen?: boolean;
  /** Requests per second per token (§6: 10). */
  ratePerSecond?: number;
  /** Requests per Asia/Shanghai day per token (§6: 20 000). */
  ratePerDay?: number;
  /** Seed the §7 sample cases (default true). */
  seed?: boolean;
  /** Next result sequence number (the §7 sample answers R20240306000215). */
  resultSequence?: number;
}

export interface SimulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  byToken: Record<string, number>;
  /** Requests left hanging by the timeout fault. */
  hanging: number;
  last?: { method: string; url: string; headers: http.IncomingHttpHeaders };
}

interface StoredResult {
  caseNo: string;
  body: unknown;
  response: string;
  at: number;
}

/** The §7 sample cases, from fixtures/cases-page.json (also when running from dist/). */
export function sampleCases(): Case[] {
  return readFixture<{ items: Case[] }>(__dirname, '12315', 'cases-page.json').items;
}

/** updatedAt → epoch ms, memoised: each page filters every case by it (bench:ingest serves 100k). */
const instants = new Map<string, number>();
const instantOf = (iso: string): number => {
  let ms = instants.get(iso);
  if (ms === undefined) {
    ms = parseIsoDateTime(iso, { requireOffset: true })?.instant.getTime() ?? Number.NaN;
    if (instants.size > 1_000_000) instants.clear();
    instants.set(iso, ms);
  }
  return ms;
};

export class Simulator12315 extends SimulatorBase<Fault, FaultTarget> {
  private readonly cases = new Map<string, Case>();
  private sorted: Case[] | null = null;
  private readonly tokens = new Map<string, string>();
  /** cursor text → when it was (last) issued, by the simulator clock. */
  private readonly cursorsIssued = new Map<string, number>();
  private readonly idempotency = new Map<string, StoredResult>();
  private readonly results = new Map<string, Array<{ resultId: string; body: unknown }>>();
  private ratePerSecond: number;
  private ratePerDay: number;
  private readonly recent = new Map<string, number[]>();
  private readonly daily = new Map<string, number>();
  private resultSequence: number;
  readonly stats: SimulatorStats = { requests: 0, byStatus: {}, byToken: {}, hanging: 0 };

  constructor(options: SimulatorOptions = {}) {
    super('/api/v1', clockMs(options.clock ?? DEFAULT_CLOCK), options.frozen ?? false);
    for (const [token, scope] of Object.entries(options.tokens ?? { [SAMPLE_TOKEN]: COUNTY_SCOPE })) this.tokens.set(token, scope);
    this.ratePerSecond = options.ratePerSecond ?? 10;
    this.ratePerDay = options.ratePerDay ?? 20_000;
    this.resultSequence = options.resultSequence ?? 1;
    if (options.seed ?? true) for (const c of sampleCases()) this.addCase(c);
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator12315> {
    const sim = new Simulator12315(options);
    await sim.listen();
    return sim;
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────────
  setClock(at: Date | string, options: { frozen?: boolean } = {}): void {
    this.setClockMs(clockMs(at), options);
  }

  // ── data ───────────────────────────────────────────────────────────────────────────────────────
  /** Adds (or replaces) a case as given; caseNo and updatedAt must be valid so it can be ordered. */
  addCase(c: Record<string, unknown>): Case {
    if (typeof c.caseNo !== 'string' || !CASE_NO.test(c.caseNo)) throw new Error('simulator: case needs a valid caseNo');
    if (typeof c.updatedAt !== 'string' || Number.isNaN(instantOf(c.updatedAt))) throw new Error('simulator: case needs a valid updatedAt');
    const stored = structuredClone(c) as Case;
    this.cases.set(stored.caseNo, stored);
    this.sorted = null;
    return structuredClone(stored);
  }

  seed(cases: Array<Record<string, unknown>>): void {
    this.cases.clear();
    this.sorted = null;
    for (const c of cases) this.addCase(c);
  }

  getCase(caseNo: string): Case | undefined {
    const c = this.cases.get(caseNo);
    return c && structuredClone(c);
  }

  listCases(): Case[] {
    return this.ordered().map((c) => structuredClone(c));
  }

  removeCase(caseNo: string): void {
    this.cases.delete(caseNo);
    this.sorted = null;
  }

  /** Changes a case as the platform would: fields patched, `updatedAt` bumped (strictly increasing, §4). */
  updateCase(caseNo: string, patch: Record<string, unknown> = {}): Case {
    const c = this.cases.get(caseNo);
    if (!c) throw new Error(`simulator: no case ${caseNo}`);
    Object.assign(c, patch, { caseNo, updatedAt: this.nextUpdatedAt(c.updatedAt) });
    this.sorted = null;
    return structuredClone(c);
  }

  /** Results posted to a case, oldest first. */
  resultsFor(caseNo: string): Array<{ resultId: string; body: unknown }> {
    return structuredClone(this.results.get(caseNo) ?? []);
  }

  // ── faults, tokens, limits ─────────────────────────────────────────────────────────────────────
  protected defaultTarget(fault: Fault): FaultTarget {
    return fault.kind === 'malformedPage' || fault.kind === 'cursorExpired' || fault.kind === 'updateWhilePaging' || fault.kind === 'defectiveRecord'
      ? 'cases'
      : 'any';
  }

  setFaults(faults: Fault[]): void {
    this.clearFaults();
    for (const f of faults) this.setFault(f);
  }

  setRateLimit(perSecond: number, perDay = this.ratePerDay): void {
    this.ratePerSecond = perSecond;
    this.ratePerDay = perDay;
  }

  addToken(token: string, scope = COUNTY_SCOPE): void {
    this.tokens.set(token, scope);
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, byStatus: {}, byToken: {}, hanging: this.hanging.size, last: undefined });
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────
  protected internalError(res: http.ServerResponse, error: Error): void {
    this.send(res, 500, { code: 'INTERNAL_ERROR', message: `模拟器内部错误: ${error.message}` });
  }

  protected route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.stats.requests++;
    this.stats.last = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    const target: FaultTarget = url.pathname === '/api/v1/cases' ? 'cases' : 'results';

    const gateway = this.takeFault(target, ['timeout', 'serverError', 'html502', 'rateLimited']);
    if (gateway?.kind === 'timeout') {
      this.hang(res);
      this.stats.hanging = this.hanging.size;
      return; // never answers
    }
    if (gateway?.kind === 'html502') return this.sendHtml502(res);
    if (gateway?.kind === 'serverError') return this.sendServerError(res, gateway.status, gateway.body ?? 'json', gateway.retryAfter);
    if (gateway?.kind === 'rateLimited') return this.sendRateLimited(res, gateway.retryAfter ?? 30);

    const token = this.authenticate(req, res);
    if (token === null) return;
    this.stats.byToken[token.slice(0, 6)] = (this.stats.byToken[token.slice(0, 6)] ?? 0) + 1;
    const wait = this.rateCheck(token);
    if (wait !== null) return this.sendRateLimited(res, wait);

    if (url.pathname === '/api/v1/cases' && req.method === 'GET') return this.listPage(url.searchParams, res);
    const post = /^\/api\/v1\/cases\/([^/]+)\/results$/.exec(url.pathname);
    if (post && req.method === 'POST') return this.postResult(decodeURIComponent(post[1]), req, body, res);
    this.send(res, 404, { code: 'NOT_FOUND', message: '接口不存在' });
  }

  /** §2: `Authorization: Bearer <token>`; → token, or null once 401/403 is sent. */
  private authenticate(req: http.IncomingMessage, res: http.ServerResponse): string | null {
    const m = /^Bearer ([\x21-\x7e]{32,256})$/i.exec(req.headers.authorization ?? '');
    const scope = m ? this.tokens.get(m[1]) : undefined;
    if (!m || scope === undefined) {
      this.send(res, 401, { code: 'UNAUTHORIZED', message: '令牌无效或已过期' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return null;
    }
    if (scope !== COUNTY_SCOPE) {
      this.send(res, 403, { code: 'FORBIDDEN', message: '令牌无权访问该区域' });
      return null;
    }
    return m[1];
  }

  /** §6 per token: 10/s (sliding second, real time) and 20 000 per Asia/Shanghai day. Seconds to wait, or null. */
  private rateCheck(token: string): number | null {
    const t = Date.now();
    const recent = (this.recent.get(token) ?? []).filter((at) => t - at < 1000);
    this.recent.set(token, recent);
    if (recent.length >= this.ratePerSecond) return Math.max(1, Math.ceil((recent[0] + 1000 - t) / 1000));
    const day = `${token}|${shanghaiDateStamp(this.now())}`;
    const used = this.daily.get(day) ?? 0;
    if (used >= this.ratePerDay) {
      const local = formatShanghaiIso(this.now());
      const secondsLeft = 86_400 - (Number(local.slice(11, 13)) * 3600 + Number(local.slice(14, 16)) * 60 + Number(local.slice(17, 19)));
      return Math.min(300, Math.max(1, secondsLeft));
    }
    recent.push(t);
    this.daily.set(day, used + 1);
    return null;
  }

  /** §3. */
  private listPage(params: URLSearchParams, res: http.ServerResponse): void {
    const limitText = params.get('limit');
    let limit = 100;
    if (limitText !== null) {
      if (!/^[0-9]{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 500) {
        return this.send(res, 400, { code: 'INVALID_PARAMETER', message: 'limit 须为 1–500 的整数' });
      }
      limit = Number(limitText);
    }
    const cursor = params.get('cursor');
    let after: ((c: Case) => boolean) | null = null;
    if (cursor !== null) {
      const position = decodeCursor(cursor);
      if (!position) return this.send(res, 400, { code: 'INVALID_PARAMETER', message: 'cursor 无效' });
      const issued = this.cursorsIssued.get(cursor);
      if (this.takeFault('cases', ['cursorExpired']) || issued === undefined || this.now().getTime() - issued >= CURSOR_TTL_MS) {
        return this.send(res, 400, { code: 'CURSOR_EXPIRED', message: '游标已过期，请从水位重新拉取' });
      }
      const pu = instantOf(position.u);
      after = (c) => instantOf(c.updatedAt) > pu || (instantOf(c.updatedAt) === pu && c.caseNo > position.c);
    } else {
      const sinceText = params.get('updatedSince');
      const since = sinceText === null ? null : parseIsoDateTime(sinceText, { requireOffset: true });
      if (!since) return this.send(res, 400, { code: 'INVALID_PARAMETER', message: '首页须提供带时区偏移的 updatedSince（ISO 8601）' });
      const from = since.instant.getTime();
      after = (c) => instantOf(c.updatedAt) >= from; // inclusive (§3)
    }
    // `after` is monotone over the (updatedAt, caseNo) order: binary-search the first case it admits.
    const ordered = this.ordered();
    let lo = 0;
    for (let hi = ordered.length; lo < hi; ) {
      const mid = (lo + hi) >>> 1;
      if (after(ordered[mid])) hi = mid;
      else lo = mid + 1;
    }
    const items = ordered.slice(lo, lo + limit);
    let nextCursor: string | null = null;
    if (items.length > 0 && ordered.length - lo > items.length) {
      const last = items[items.length - 1];
      nextCursor = encodeCursor(last.updatedAt, last.caseNo);
      this.cursorsIssued.set(nextCursor, this.now().getTime());
    }
    const defective = this.takeFault('cases', ['defectiveRecord']);
    const json = JSON.stringify({ items: defective?.kind === 'defectiveRecord' ? [...items, defective.record] : items, nextCursor });
    if (this.takeFault('cases', ['malformedPage'])) {
      this.sendRaw(res, 200, json.slice(0, Math.max(1, Math.floor(json.length * 0.6))));
    } else {
      this.sendRaw(res, 200, json);
    }
    const move = this.takeFault('cases', ['updateWhilePaging']);
    if (move?.kind === 'updateWhilePaging') this.updateCase(move.caseNo, move.patch);
  }

  /** §5. The Idempotency-Key is checked before the case's state. */
  private postResult(caseNo: string, req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      return this.send(res, 400, { code: 'INVALID_PARAMETER', message: 'Idempotency-Key 缺失或格式无效' });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.send(res, 400, { code: 'INVALID_PARAMETER', message: '请求体不是有效 JSON' });
    }
    const now = this.now().getTime();
    const stored = this.idempotency.get(key);
    if (stored && now - stored.at < IDEMPOTENCY_TTL_MS) {
      if (stored.caseNo === caseNo && jsonEqual(stored.body, body)) {
        return this.sendRaw(res, 200, stored.response, { 'Idempotent-Replayed': 'true' });
      }
      return this.send(res, 409, { code: 'IDEMPOTENCY_CONFLICT', message: '该幂等键已用于不同的请求内容' });
    }
    const problem = validateResult(body, now);
    if (problem) return this.send(res, 400, { code: 'INVALID_PARAMETER', message: problem });
    const c = this.cases.get(caseNo);
    if (!c || typeof c.regionCode !== 'string' || !c.regionCode.startsWith(COUNTY_SCOPE)) {
      return this.send(res, 404, { code: 'CASE_NOT_FOUND', message: '案件不存在或不在授权范围内' });
    }
    const { handledAt } = body as { handledAt: string };
    const accepted = typeof c.acceptTime === 'string' ? parseShanghaiDateTime(c.acceptTime) : null;
    if (accepted && instantOf(handledAt) < accepted.getTime()) {
      return this.send(res, 400, { code: 'INVALID_PARAMETER', message: 'handledAt 不得早于受理时间' });
    }
    if (typeof c.status === 'string' && TERMINAL_NO_RESULT.has(c.status)) {
      return this.send(res, 409, { code: 'CASE_STATE_CONFLICT', message: `案件状态为 ${c.status}，不能回传结果` });
    }
    const resultId = `R${shanghaiDateStamp(this.now())}${String(this.resultSequence++).padStart(6, '0')}`;
    const updated = this.updateCase(caseNo, { status: 'CLOSED' });
    const response = JSON.stringify({ caseNo, resultId, status: 'CLOSED', updatedAt: updated.updatedAt });
    this.idempotency.set(key, { caseNo, body, response, at: now });
    const list = this.results.get(caseNo) ?? [];
    list.push({ resultId, body });
    this.results.set(caseNo, list);
    this.sendRaw(res, 201, response);
  }

  /** The cases in (updatedAt, caseNo) order, kept until a case changes. */
  private ordered(): Case[] {
    this.sorted ??= [...this.cases.values()].sort(
      (a, b) => instantOf(a.updatedAt) - instantOf(b.updatedAt) || (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0),
    );
    return this.sorted;
  }

  /** The clock's time in §1 form, strictly after `previous` (same-millisecond updates still increase). */
  private nextUpdatedAt(previous: string): string {
    const at = Math.max(this.now().getTime(), instantOf(previous) + 1);
    return formatShanghaiIso(new Date(at));
  }

  private send(res: http.ServerResponse, status: number, error: { code: string; message: string }, headers: Record<string, string> = {}): void {
    this.sendRaw(res, status, JSON.stringify({ ...error, requestId: randomBytes(5).toString('hex') }), headers);
  }

  private sendRaw(
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
    type = 'application/json; charset=utf-8',
  ): void {
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    this.writeBody(res, status, body, type, headers);
  }

  private sendRateLimited(res: http.ServerResponse, seconds: number): void {
    this.send(res, 429, { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后重试' }, { 'Retry-After': String(seconds) });
  }

  private sendServerError(res: http.ServerResponse, status: number, body: 'json' | 'html' | 'empty', retryAfter?: number): void {
    const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
    if (body === 'json') this.send(res, status, { code: 'INTERNAL_ERROR', message: '服务暂不可用' }, headers);
    else if (body === 'html') this.sendRaw(res, status, `<html><body><h1>${status}</h1></body></html>`, headers, 'text/html');
    else this.sendRaw(res, status, '', headers, 'text/plain');
  }

  /** What an nginx gateway in front of the platform answers (§6: "5xx bodies may be HTML"). */
  private sendHtml502(res: http.ServerResponse): void {
    const html =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    this.sendRaw(res, 502, html, {}, 'text/html');
  }
}

/** §3.2: opaque to clients; here base64url of the position after the last item, as in the §7 sample. */
export function encodeCursor(updatedAt: string, caseNo: string): string {
  return Buffer.from(JSON.stringify({ u: updatedAt, c: caseNo }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { u: string; c: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { u?: unknown; c?: unknown };
    if (typeof value?.u !== 'string' || typeof value.c !== 'string' || Number.isNaN(instantOf(value.u))) return null;
    return { u: value.u, c: value.c };
  } catch {
    return null;
  }
}

/** §5 field rules; a message (Chinese, like the platform's) or null. */
function validateResult(body: unknown, now: number): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return '请求体须为 JSON 对象';
  const { result, handler, handledAt } = body as Record<string, unknown>;
  if (typeof result !== 'string' || codePointLength(result) < 1 || codePointLength(result) > 2000) return 'result 须为 1–2000 字';
  if (typeof handler !== 'string' || codePointLength(handler) < 1 || codePointLength(handler) > 100) return 'handler 须为 1–100 字';
  const at = typeof handledAt === 'string' ? parseIsoDateTime(handledAt, { requireOffset: true }) : null;
  if (!at) return 'handledAt 须为带时区偏移的 ISO 8601 时间';
  if (at.instant.getTime() > now + FUTURE_TOLERANCE_MS) return 'handledAt 不得晚于当前时间';
  return null;
}
