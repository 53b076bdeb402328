import type * as http from 'node:http';
import { clockMs, jsonEqual, readFixture, SimulatorBase } from '../shared/simulator-base';
import { codePointLength } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime, shanghaiDateStamp } from '../../src/common/time';
import { escapeHtml } from './html';
import { NONCE, SIGN, sign, signaturesEqual, sortedQuery, stringToSign } from './signing';

/**
 * A local 领导留言板 speaking message-board.md (channels README "Simulator profile"): the §2 signature
 * checks in their order (app key, timestamp ±300 s, nonce replay within 600 s, constant-time signature),
 * GET /board/v2/threads with the §3 window and pageNo semantics, single threads, the §5 reply rules
 * with clientReplyId checked before any state, the §6 evaluation (with the 7-day default 满意), per
 * app-key rate limits (§7), a settable clock and switchable faults. Threads are stored as the board
 * sends them (text fields HTML-escaped) and served as compact JSON.
 */

/** §2 test credentials. */
export const SAMPLE_APP_KEY = 'gx12345hub';
export const SAMPLE_SECRET = '3b9f6c1e5a7d48f0b2c4e6a8d0f1b3c5';
export const COUNTY_SCOPE = '360704';
/** Default clock: the reply sample's X-Timestamp (2024-03-08T14:00:00+08:00). */
export const DEFAULT_CLOCK = '2024-03-08T14:00:00+08:00';
const TIMESTAMP_TOLERANCE_S = 300;
const NONCE_TTL_MS = 600_000;
const DEFAULT_EVALUATION_MS = 7 * 24 * 3600_000;
const MAX_WINDOW_MS = 7 * 24 * 3600_000;
const BOARD_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$/;
const CLIENT_REPLY_ID = /^[A-Za-z0-9_-]{8,64}$/;

export type Thread = Record<string, unknown> & { tid: number; auditTime: string; status: string; regionCode: string };

export type Fault =
  | { kind: 'rateLimited'; retryAfter?: number }
  | { kind: 'serverError'; status: 500 | 503; body?: 'json' | 'html' | 'empty'; retryAfter?: number }
  | { kind: 'timeout' }
  | { kind: 'malformedPage'; mode?: 'truncated' | 'noRecords' | 'notSuccess' }
  /** Answers 401 with this code whatever the signature (a clock or secret problem on the board's side). */
  | { kind: 'signatureError'; code: 'APPKEY_INVALID' | 'SIGN_INVALID' | 'TIMESTAMP_EXPIRED' | 'NONCE_REUSED' }
  /** The next threads page also carries this record, as given and unchecked (a defective record, README "Defective records"). */
  | { kind: 'defectiveRecord'; record: unknown };

export type FaultTarget = 'threads' | 'thread' | 'replies' | 'evaluation' | 'any';

export interface SimulatorOptions {
  /** app key → { secret, scope }. Default: the §2 test key, scope 360704. */
  apps?: Record<string, { secret: string; scope?: string }>;
  clock?: Date | string;
  frozen?: boolean;
  /** §7: 20 requests per second per app key (real time). */
  ratePerSecond?: number;
  /** §7: 50 000 per Asia/Shanghai day per app key. */
  ratePerDay?: number;
  /** Seed the §8 sample threads (default true). */
  seed?: boolean;
  /** Next replyId (the §8 sample answers 552301). */
  replySequence?: number;
}

export interface SimulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  byCode: Record<string, number>;
  hanging: number;
  last?: { method: string; url: string; headers: http.IncomingHttpHeaders };
}

interface StoredReply {
  tid: number;
  body: unknown;
  data: Record<string, unknown>;
}

interface EvaluationState {
  round: number;
  evaluated: boolean;
  satisfaction: string | null;
  comment: string | null;
  evaluateTime: string | null;
  isDefault: boolean;
  lastFinalReplyAt: number | null;
}

/** The §8 sample threads, from fixtures/threads-page.json (also when running from dist/). */
export function sampleThreads(): Thread[] {
  return readFixture<{ data: { records: Thread[] } }>(__dirname, 'board', 'threads-page.json').data.records;
}

const instantOf = (iso: string) => parseIsoDateTime(iso, { requireOffset: true })?.instant.getTime() ?? Number.NaN;

export class SimulatorBoard extends SimulatorBase<Fault, FaultTarget> {
  private readonly threads = new Map<number, Thread>();
  private readonly apps = new Map<string, { secret: string; scope: string }>();
  private readonly nonces = new Map<string, number>();
  private readonly replies = new Map<string, StoredReply>();
  private readonly repliesByThread = new Map<number, Array<Record<string, unknown>>>();
  private readonly evaluations = new Map<number, EvaluationState>();
  private ratePerSecond: number;
  private ratePerDay: number;
  private readonly recent = new Map<string, number[]>();
  private readonly daily = new Map<string, number>();
  private replySequence: number;
  readonly stats: SimulatorStats = { requests: 0, byStatus: {}, byCode: {}, hanging: 0 };

  constructor(options: SimulatorOptions = {}) {
    super('/board/v2', clockMs(options.clock ?? DEFAULT_CLOCK), options.frozen ?? false);
    for (const [key, app] of Object.entries(options.apps ?? { [SAMPLE_APP_KEY]: { secret: SAMPLE_SECRET } }))
      this.apps.set(key, { secret: app.secret, scope: app.scope ?? COUNTY_SCOPE });
    this.ratePerSecond = options.ratePerSecond ?? 20;
    this.ratePerDay = options.ratePerDay ?? 50_000;
    this.replySequence = options.replySequence ?? 552301;
    if (options.seed ?? true) for (const t of sampleThreads()) this.addThread(t);
  }

  static async start(options: SimulatorOptions = {}): Promise<SimulatorBoard> {
    const sim = new SimulatorBoard(options);
    await sim.listen();
    return sim;
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────────
  setClock(at: Date | string, options: { frozen?: boolean } = {}): void {
    this.setClockMs(clockMs(at), options);
  }

  // ── data ───────────────────────────────────────────────────────────────────────────────────────
  /** Adds (or replaces) a thread as the board would send it (texts already HTML-escaped). */
  addThread(t: Record<string, unknown>): Thread {
    if (typeof t.tid !== 'number' || !Number.isSafeInteger(t.tid) || t.tid < 1) throw new Error('simulator: thread needs an integer tid');
    if (typeof t.auditTime !== 'string' || Number.isNaN(instantOf(t.auditTime))) throw new Error('simulator: thread needs a valid auditTime');
    const stored = structuredClone(t) as Thread;
    this.threads.set(stored.tid, stored);
    return structuredClone(stored);
  }

  /** A well-formed thread from plain text (escaped here, as the board does). */
  plainThread(tid: number, auditTime: string, fields: Record<string, unknown> = {}): Thread {
    const base = structuredClone(sampleThreads()[0]) as Record<string, unknown>;
    const { title, content, ...rest } = fields;
    return this.addThread({
      ...base,
      tid,
      createTime: auditTime,
      auditTime,
      ...rest,
      ...(typeof title === 'string' ? { title: escapeHtml(title) } : {}),
      ...(typeof content === 'string' ? { content: escapeHtml(content) } : {}),
    });
  }

  getThread(tid: number): Thread | undefined {
    const t = this.threads.get(tid);
    return t && structuredClone(t);
  }

  setStatus(tid: number, status: string): void {
    const t = this.threads.get(tid);
    if (!t) throw new Error(`simulator: no thread ${tid}`);
    t.status = status;
  }

  /** The board user rates the latest final reply (§6). */
  evaluate(tid: number, satisfaction: '满意' | '基本满意' | '不满意', comment: string | null, at?: string): void {
    const t = this.threads.get(tid);
    const e = this.evaluations.get(tid);
    if (!t || !e || e.round === 0) throw new Error(`simulator: thread ${tid} has no final reply to evaluate`);
    Object.assign(e, {
      evaluated: true,
      satisfaction,
      comment: comment === null ? null : escapeHtml(comment),
      evaluateTime: at ?? boardTime(this.now().getTime()),
      isDefault: false,
    });
    t.status = 'evaluated';
  }

  /** Moderators reopen after 不满意 (§4). */
  reopen(tid: number): void {
    this.setStatus(tid, 'reopened');
  }

  repliesFor(tid: number): Array<Record<string, unknown>> {
    return structuredClone(this.repliesByThread.get(tid) ?? []);
  }

  // ── faults and limits ──────────────────────────────────────────────────────────────────────────
  protected defaultTarget(fault: Fault): FaultTarget {
    return fault.kind === 'malformedPage' || fault.kind === 'defectiveRecord' ? 'threads' : 'any';
  }

  setRateLimit(perSecond: number, perDay = this.ratePerDay): void {
    this.ratePerSecond = perSecond;
    this.ratePerDay = perDay;
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, byStatus: {}, byCode: {}, hanging: this.hanging.size, last: undefined });
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────
  protected internalError(res: http.ServerResponse, error: Error): void {
    this.error(res, 500, 'SYSTEM_ERROR', `模拟器内部错误: ${error.message}`);
  }

  protected route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const queryText = q < 0 ? '' : rawUrl.slice(q + 1);
    this.stats.requests++;
    this.stats.last = { method: req.method ?? '', url: rawUrl, headers: req.headers };
    const single = /^\/board\/v2\/threads\/([0-9]+)$/.exec(path);
    const reply = /^\/board\/v2\/threads\/([0-9]+)\/replies$/.exec(path);
    const evaluation = /^\/board\/v2\/threads\/([0-9]+)\/evaluation$/.exec(path);
    const target: FaultTarget = path === '/board/v2/threads' ? 'threads' : single ? 'thread' : reply ? 'replies' : 'evaluation';

    const gateway = this.takeFault(target, ['timeout', 'serverError', 'rateLimited']);
    if (gateway?.kind === 'timeout') {
      this.hang(res);
      this.stats.hanging = this.hanging.size;
      return;
    }
    if (gateway?.kind === 'serverError') return this.sendServerError(res, gateway.status, gateway.body ?? 'json', gateway.retryAfter);
    if (gateway?.kind === 'rateLimited') return this.sendRateLimited(res, gateway.retryAfter ?? 1);

    let pairs: Array<[string, string]>;
    try {
      pairs = parseQuery(queryText);
    } catch {
      return this.error(res, 400, 'PARAM_INVALID', '查询参数编码无效');
    }
    const app = this.authenticate(req, res, path, pairs);
    if (app === null) return;
    const wait = this.rateCheck(app.key);
    if (wait !== null) return this.sendRateLimited(res, wait);

    if (path === '/board/v2/threads' && req.method === 'GET') return this.listThreads(pairs, app.scope, res);
    if (single && req.method === 'GET') return this.readThread(Number(single[1]), app.scope, res);
    if (reply && req.method === 'POST') return this.postReply(Number(reply[1]), app.scope, body, res);
    if (evaluation && req.method === 'GET') return this.readEvaluation(Number(evaluation[1]), app.scope, res);
    this.error(res, 404, 'THREAD_NOT_FOUND', '接口或留言不存在');
  }

  /** §2 checks, in order; → the app, or null once 401 is sent. The nonce is recorded once the request is authentic. */
  private authenticate(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    pairs: Array<[string, string]>,
  ): { key: string; scope: string } | null {
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const forced = this.takeFault('any', ['signatureError']);
    if (forced?.kind === 'signatureError') {
      this.error(res, 401, forced.code, '签名校验失败');
      return null;
    }
    const key = header('x-app-key');
    const app = key === undefined ? undefined : this.apps.get(key);
    if (!app || key === undefined) {
      this.error(res, 401, 'APPKEY_INVALID', 'App Key 无效');
      return null;
    }
    const timestamp = header('x-timestamp');
    const nowS = this.now().getTime() / 1000;
    if (timestamp === undefined || !/^[0-9]{10}$/.test(timestamp) || Math.abs(nowS - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) {
      this.error(res, 401, 'TIMESTAMP_EXPIRED', '时间戳缺失或超出 ±300 秒');
      return null;
    }
    const nonce = header('x-nonce');
    const nowMs = this.now().getTime();
    const nonceKey = `${key}|${nonce}`;
    const usedAt = this.nonces.get(nonceKey);
    if (nonce !== undefined && usedAt !== undefined && nowMs - usedAt < NONCE_TTL_MS) {
      this.error(res, 401, 'NONCE_REUSED', 'Nonce 已使用');
      return null;
    }
    const given = header('x-sign');
    if (nonce === undefined || !NONCE.test(nonce) || given === undefined || !SIGN.test(given)) {
      this.error(res, 401, 'SIGN_INVALID', '签名缺失或格式无效');
      return null;
    }
    const expected = sign(app.secret, stringToSign(req.method ?? '', path, sortedQuery(pairs), timestamp, nonce));
    if (!signaturesEqual(expected, given)) {
      this.error(res, 401, 'SIGN_INVALID', '签名无效');
      return null;
    }
    this.nonces.set(nonceKey, nowMs);
    if (this.nonces.size > 100_000) for (const [k, at] of this.nonces) if (nowMs - at >= NONCE_TTL_MS) this.nonces.delete(k);
    return { key, scope: app.scope };
  }

  private rateCheck(key: string): number | null {
    const t = Date.now();
    const recent = (this.recent.get(key) ?? []).filter((at) => t - at < 1000);
    this.recent.set(key, recent);
    if (recent.length >= this.ratePerSecond) return Math.max(1, Math.ceil((recent[0] + 1000 - t) / 1000));
    const day = `${key}|${shanghaiDateStamp(this.now())}`;
    const used = this.daily.get(day) ?? 0;
    if (used >= this.ratePerDay) return 300;
    recent.push(t);
    this.daily.set(day, used + 1);
    return null;
  }

  /** §3. */
  private listThreads(pairs: Array<[string, string]>, scope: string, res: http.ServerResponse): void {
    const params = new Map(pairs);
    const fromText = params.get('from');
    const toText = params.get('to');
    if (fromText === undefined || toText === undefined || !BOARD_TIME.test(fromText) || !BOARD_TIME.test(toText)) {
      return this.error(res, 400, 'PARAM_INVALID', 'from/to 须为 YYYY-MM-DDTHH:mm:ss+08:00');
    }
    const from = instantOf(fromText);
    const to = instantOf(toText);
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) return this.error(res, 400, 'PARAM_INVALID', 'from 须早于 to');
    if (to - from > MAX_WINDOW_MS) return this.error(res, 400, 'WINDOW_TOO_LARGE', '时间窗口不得超过 7 天');
    const pageNo = intParam(params.get('pageNo'), 1);
    const pageSize = intParam(params.get('pageSize'), 20);
    if (pageNo === null || pageNo < 1) return this.error(res, 400, 'PARAM_INVALID', 'pageNo 须为 ≥ 1 的整数');
    if (pageSize === null || pageSize < 1 || pageSize > 50) return this.error(res, 400, 'PARAM_INVALID', 'pageSize 须为 1–50 的整数');
    const now = this.now().getTime();
    const inWindow = [...this.threads.values()]
      .filter((t) => t.regionCode === scope)
      .filter((t) => {
        const at = instantOf(t.auditTime);
        return at >= from && at < to && at <= now; // not yet audited → not visible
      })
      .sort((a, b) => instantOf(a.auditTime) - instantOf(b.auditTime) || a.tid - b.tid);
    const records: unknown[] = inWindow.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((t) => this.current(t));
    const defective = this.takeFault('threads', ['defectiveRecord']);
    if (defective?.kind === 'defectiveRecord') records.push(defective.record);
    const json = JSON.stringify({ success: true, data: { pageNo, pageSize, total: inWindow.length, records } });
    const malformed = this.takeFault('threads', ['malformedPage']);
    if (malformed?.kind === 'malformedPage') {
      const mode = malformed.mode ?? 'truncated';
      if (mode === 'truncated') return this.sendRaw(res, 200, json.slice(0, Math.max(1, Math.floor(json.length * 0.6))));
      if (mode === 'noRecords') return this.sendRaw(res, 200, JSON.stringify({ success: true, data: { pageNo, pageSize, total: inWindow.length } }));
      return this.sendRaw(res, 200, JSON.stringify({ success: false, data: null }));
    }
    this.sendRaw(res, 200, json);
  }

  private readThread(tid: number, scope: string, res: http.ServerResponse): void {
    const t = this.visible(tid, scope, res);
    if (t) this.sendRaw(res, 200, JSON.stringify({ success: true, data: this.current(t) }));
  }

  /** §5: clientReplyId first (replay / conflict), then the body, then the thread's state. */
  private postReply(tid: number, scope: string, text: string, res: http.ServerResponse): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.error(res, 400, 'PARAM_INVALID', '请求体不是有效 JSON');
    }
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const id = fields.clientReplyId;
    if (typeof id !== 'string' || !CLIENT_REPLY_ID.test(id)) return this.error(res, 400, 'PARAM_INVALID', 'clientReplyId 缺失或格式无效');
    const stored = this.replies.get(id);
    if (stored) {
      if (stored.tid === tid && jsonEqual(stored.body, body)) return this.sendRaw(res, 200, JSON.stringify({ success: true, data: stored.data }));
      return this.error(res, 409, 'IDEMPOTENCY_CONFLICT', '该 clientReplyId 已用于不同的请求内容');
    }
    const problem = validateReply(fields, this.now().getTime());
    if (problem) return this.error(res, 400, 'PARAM_INVALID', problem);
    const t = this.visible(tid, scope, res);
    if (!t) return;
    this.current(t); // apply a due default evaluation first
    const replyType = (fields.replyType as string | undefined) ?? 'final';
    if (t.status === 'withdrawn' || t.status === 'hidden') return this.error(res, 409, 'THREAD_CLOSED', '留言已撤回或屏蔽');
    if (replyType === 'final' && (t.status === 'replied' || t.status === 'evaluated')) return this.error(res, 409, 'ALREADY_REPLIED', '该留言已有最终答复');
    if (replyType === 'final') {
      t.status = 'replied';
      const e = this.evaluation(tid);
      Object.assign(e, {
        round: e.round + 1,
        evaluated: false,
        satisfaction: null,
        comment: null,
        evaluateTime: null,
        isDefault: false,
        lastFinalReplyAt: instantOf(fields.replyTime as string),
      });
    }
    const data = { replyId: this.replySequence++, tid, status: t.status, publishUrl: t.isPublic === false ? null : `https://liuyan.example.cn/thread/${tid}` };
    this.replies.set(id, { tid, body, data });
    const list = this.repliesByThread.get(tid) ?? [];
    list.push({ ...(body as Record<string, unknown>), content: escapeHtml(fields.content as string), replyId: data.replyId });
    this.repliesByThread.set(tid, list);
    this.sendRaw(res, 201, JSON.stringify({ success: true, data }));
  }

  private readEvaluation(tid: number, scope: string, res: http.ServerResponse): void {
    const t = this.visible(tid, scope, res);
    if (!t) return;
    this.current(t);
    const { round, evaluated, satisfaction, comment, evaluateTime, isDefault } = this.evaluation(tid);
    this.sendRaw(res, 200, JSON.stringify({ success: true, data: { tid, round, evaluated, satisfaction, comment, evaluateTime, isDefault } }));
  }

  private visible(tid: number, scope: string, res: http.ServerResponse): Thread | null {
    const t = this.threads.get(tid);
    if (!t || instantOf(t.auditTime) > this.now().getTime()) {
      this.error(res, 404, 'THREAD_NOT_FOUND', '留言不存在');
      return null;
    }
    if (t.regionCode !== scope) {
      this.error(res, 403, 'NO_PERMISSION', '留言不在授权范围内');
      return null;
    }
    return t;
  }

  /** §6: 7 days after the final reply without a rating, the board records 默认 满意. */
  private current(t: Thread): Thread {
    const e = this.evaluations.get(t.tid);
    if (e && t.status === 'replied' && !e.evaluated && e.lastFinalReplyAt !== null && this.now().getTime() >= e.lastFinalReplyAt + DEFAULT_EVALUATION_MS) {
      Object.assign(e, {
        evaluated: true,
        satisfaction: '满意',
        comment: null,
        evaluateTime: boardTime(e.lastFinalReplyAt + DEFAULT_EVALUATION_MS),
        isDefault: true,
      });
      t.status = 'evaluated';
    }
    return t;
  }

  private evaluation(tid: number): EvaluationState {
    let e = this.evaluations.get(tid);
    if (!e) {
      e = { round: 0, evaluated: false, satisfaction: null, comment: null, evaluateTime: null, isDefault: false, lastFinalReplyAt: null };
      this.evaluations.set(tid, e);
    }
    return e;
  }

  private error(res: http.ServerResponse, status: number, errorCode: string, errorMsg: string, headers: Record<string, string> = {}): void {
    this.stats.byCode[errorCode] = (this.stats.byCode[errorCode] ?? 0) + 1;
    this.sendRaw(res, status, JSON.stringify({ success: false, errorCode, errorMsg }), headers);
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
    this.error(res, 429, 'RATE_LIMITED', '请求过于频繁', { 'Retry-After': String(seconds) });
  }

  private sendServerError(res: http.ServerResponse, status: number, body: 'json' | 'html' | 'empty', retryAfter?: number): void {
    const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
    if (body === 'json') this.error(res, status, 'SYSTEM_ERROR', '系统繁忙', headers);
    else if (body === 'html') this.sendRaw(res, status, `<html><body><h1>${status}</h1></body></html>`, headers, 'text/html');
    else this.sendRaw(res, status, '', headers, 'text/plain');
  }
}

/** Query text → decoded pairs, `+` read as a space (form encoding): a raw `+` in a time fails, as §1 warns. */
function parseQuery(text: string): Array<[string, string]> {
  if (text === '') return [];
  return text
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

function intParam(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : null;
}

function validateReply(body: Record<string, unknown>, now: number): string | null {
  const { content, orgName, replyTime, replyType } = body;
  if (typeof content !== 'string' || codePointLength(content) < 10 || codePointLength(content) > 5000) return 'content 须为 10–5000 字';
  if (typeof orgName !== 'string' || codePointLength(orgName) < 1 || codePointLength(orgName) > 100) return 'orgName 须为 1–100 字';
  const at = typeof replyTime === 'string' ? parseIsoDateTime(replyTime, { requireOffset: true }) : null;
  if (!at) return 'replyTime 须为带时区偏移的 ISO 时间';
  if (at.instant.getTime() > now + 300_000) return 'replyTime 不得晚于当前时间';
  if (!(replyType === undefined || replyType === 'final' || replyType === 'interim')) return 'replyType 须为 final 或 interim';
  return null;
}

function boardTime(ms: number): string {
  return formatShanghaiIso(new Date(Math.floor(ms / 1000) * 1000), { millis: false });
}
