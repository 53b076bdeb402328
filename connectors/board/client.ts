import type * as http from 'node:http';
import type { MapResult, RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector, type Revisit } from '../../src/ingest/connector';
import { type HttpResponse, keepAliveAgent, oneLine, parseJsonObject, parseRetryAfter, requestText } from '../shared/http';
import { arrayElementTexts, propertyValueText } from '../shared/json-items';
import { codePointLength } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime } from '../../src/common/time';
import type { ConfigBoard } from './config';
import { unescapeHtml } from './html';
import { manifest } from './manifest';
import { mapThread, tidText } from './mapping';
import { signatureHeaders, sortedQuery } from './signing';

/**
 * Board transport (message-board.md §2, §3, §5, §6, §7): HMAC-SHA256 request signing, consecutive
 * `auditTime` windows `[W − 2 min, now − 60 s)` of at most 7 days read with pageNo paging, error codes
 * → ChannelError kinds, the reply POST with its clientReplyId and the evaluation GET.
 */

/** README "Watermarks" / §3: each window starts 2 minutes before the stored watermark. */
export const WATERMARK_OVERLAP_MS = 2 * 60_000;
/** §3: windows end 60 s before now. */
export const WINDOW_END_LAG_MS = 60_000;
const CLIENT_REPLY_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Bounds the de-duplication lists kept in the checkpoint. */
const MAX_SKIP = 5000;

/**
 * The checkpoint (JSON in ingest_checkpoint):
 * - `watermark`: W, the end of the last completed window (ISO 8601 +08:00);
 * - `window`: the window under way (`from`, `to` exactly as sent), `pageNo` (the next page) and `last`
 *   (it ends at now − 60 s: the run is done after it; false while catching up in windows of ≤ 7 days);
 * - `edge`: tids delivered by the previous window with `auditTime ≥ its end − 2 min` (the overlap re-reads them: skipped);
 * - `tail`: the same for the window under way, collected as its pages are read;
 * - `lastPage`: tids of the previous page of this window (a late commit shifting the offsets re-serves them: skipped).
 */
export interface CheckpointBoard {
  watermark: string;
  window?: { from: string; to: string; pageNo: number; last: boolean } | null;
  edge?: string[];
  tail?: string[];
  lastPage?: string[];
}

export interface ReplyInput {
  /** §5 idempotency key chosen by the hub: `^[A-Za-z0-9_-]{8,64}$`; reuse it to retry the same reply. */
  clientReplyId: string;
  /** 10–5000 characters of plain text (the board escapes it). */
  content: string;
  orgName: string;
  /** When the managing department approved the reply: an instant, or ISO 8601 text with offset. */
  replyTime: Date | string;
  replyType?: 'final' | 'interim';
}

export interface ReplyAccepted {
  replyId: number;
  tid: string;
  status: string;
  publishUrl: string | null;
  /** `200`: the same clientReplyId and body were already accepted; this is the original answer. */
  replayed: boolean;
}

export interface Evaluation {
  tid: string;
  round: number;
  evaluated: boolean;
  satisfaction: '满意' | '基本满意' | '不满意' | null;
  /** Unescaped once (§6: HTML-escaped). */
  comment: string | null;
  evaluateTime: Date | null;
  isDefault: boolean;
}

/** A request the board refused for a business reason (§7: 400/403/404/409): do not retry as is. */
export class BoardRejectedError extends Error {
  constructor(
    readonly code:
      | 'IDEMPOTENCY_CONFLICT'
      | 'ALREADY_REPLIED'
      | 'THREAD_CLOSED'
      | 'THREAD_NOT_FOUND'
      | 'NO_PERMISSION'
      | 'PARAM_INVALID'
      | 'UNEXPECTED_RESPONSE',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BoardRejectedError';
  }
}

export interface ClientBoardOptions {
  /** Our clock: signing timestamps, window ends and read times (tests pass the simulator's clock). */
  now?: () => Date;
}

interface ErrorBody {
  errorCode?: string;
  errorMsg?: string;
}

export class ConnectorBoard implements PullConnector {
  readonly manifest = manifest;
  private readonly agent: http.Agent;
  private readonly now: () => Date;
  private lastReadMs = 0;
  /** `/board/v2`: signed paths include the base path (§2 PATH). */
  private readonly basePath: string;

  constructor(
    readonly config: ConfigBoard,
    options: ClientBoardOptions = {},
  ) {
    this.agent = keepAliveAgent(config.baseUrl);
    this.now = options.now ?? (() => new Date());
    this.basePath = new URL(config.baseUrl).pathname;
  }

  map(raw: RawRecord): MapResult {
    return mapThread(raw);
  }

  close(): void {
    this.agent.destroy();
  }

  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    const state = this.readCheckpoint(checkpoint);
    let window = state.window ?? null;
    const horizon = this.now().getTime() - WINDOW_END_LAG_MS;
    if (window === null) {
      const w = instant(state.watermark);
      const from = w - WATERMARK_OVERLAP_MS;
      const to = Math.min(from + this.config.windowHours * 3600_000, horizon);
      // A watermark this close to now: nothing to read yet. Seconds precision (§1): the window needs a whole second.
      if (Math.floor(to / 1000) <= Math.floor(from / 1000)) return { records: [], next: { ...state, window: null } as Checkpoint, done: true };
      window = { from: boardTime(from), to: boardTime(to), pageNo: 1, last: to >= horizon };
    }

    const pairs: Array<[string, string]> = [
      ['from', window.from],
      ['to', window.to],
      ['pageNo', String(window.pageNo)],
      ['pageSize', String(this.config.pageSize)],
    ];
    const response = await this.send('GET', '/threads', sortedQuery(pairs));
    if (response.status !== 200) throw transportError(response, parseErrorBody(response.body), 'GET /threads');
    const readAt = this.readTime();
    const page = readPage(response.body, readAt);

    const skip = new Set([...(state.edge ?? []), ...(state.lastPage ?? [])]);
    const toMs = instant(window.to);
    const tail = new Set(state.tail ?? []);
    const pageTids: string[] = [];
    const records: RawRecord[] = [];
    for (const { raw, auditMs } of page.records) {
      const tid = raw.externalId ?? null;
      if (tid !== null) {
        pageTids.push(tid);
        if (auditMs !== null && auditMs >= toMs - WATERMARK_OVERLAP_MS) tail.add(tid);
        if (skip.has(tid)) continue; // already delivered: the overlap, or an offset shifted by a late commit
      }
      records.push(raw);
    }

    const windowDone = page.count === 0 || window.pageNo * this.config.pageSize >= page.total;
    if (!windowDone) {
      const next: CheckpointBoard = {
        watermark: state.watermark,
        window: { ...window, pageNo: window.pageNo + 1 },
        edge: state.edge ?? [],
        tail: bounded([...tail]),
        lastPage: bounded(pageTids),
      };
      return { records, next: next as unknown as Checkpoint, done: false };
    }
    const next: CheckpointBoard = { watermark: window.to, window: null, edge: bounded([...tail]) };
    // Catching up (the window was cut at 7 days / windowHours): go on with the next window in this run.
    return { records, next: next as unknown as Checkpoint, done: window.last };
  }

  /**
   * §3.1: status changes are not signalled by the window pull; the runtime re-reads every open
   * thread once a day through this. A thread the board no longer returns (404/403) is left out.
   */
  readonly revisit: Revisit = {
    statuses: ['pending', 'replied', 'reopened'],
    everyMs: 24 * 60 * 60 * 1000,
    read: async (tids) => {
      const records: RawRecord[] = [];
      for (const tid of tids) {
        try {
          records.push(await this.fetchThread(tid));
        } catch (error) {
          if (!(error instanceof BoardRejectedError)) throw error;
        }
      }
      return records;
    },
  };

  /**
   * §3.1: the current thread, for the daily re-read of open threads (`pending`, `replied`, `reopened`),
   * stamped with the read time like a pulled record. 404/403 → BoardRejectedError.
   */
  async fetchThread(tid: string | number): Promise<RawRecord> {
    const id = checkTid(tid);
    const response = await this.send('GET', `/threads/${id}`, '');
    if (response.status !== 200) throw businessError(response, `GET /threads/${id}`);
    const readAt = this.readTime();
    const parsed = parseSuccess(response.body, 'GET /threads/{tid}');
    const dataText = propertyValueText(response.body, 'data');
    if (!isObject(parsed.data) || dataText === null) throw new ChannelError('RETRYABLE', 'board: thread response has no data object / 留言详情响应缺少 data');
    const t = tidText(parsed.data.tid);
    return { text: dataText, externalId: 'tid' in t ? t.tid : null, version: readAt };
  }

  /**
   * §5: posts an approved reply. A retry with the same clientReplyId and body is answered with the
   * original result (`replayed`). Business refusals → BoardRejectedError; transport failures → ChannelError.
   */
  async postReply(tid: string | number, reply: ReplyInput): Promise<ReplyAccepted> {
    const id = checkTid(tid);
    if (!CLIENT_REPLY_ID.test(reply.clientReplyId ?? '')) throw new RangeError('clientReplyId must match ^[A-Za-z0-9_-]{8,64}$ / 回复幂等键格式无效');
    const contentLength = typeof reply.content === 'string' ? codePointLength(reply.content) : 0;
    if (contentLength < 10 || contentLength > 5000) throw new RangeError('reply content must be 10–5000 characters / 答复内容须为 10–5000 字');
    const orgLength = typeof reply.orgName === 'string' ? codePointLength(reply.orgName) : 0;
    if (orgLength < 1 || orgLength > 100) throw new RangeError('orgName must be 1–100 characters / 答复单位须为 1–100 字');
    const replyTime =
      reply.replyTime instanceof Date ? formatShanghaiIso(reply.replyTime, { millis: reply.replyTime.getUTCMilliseconds() !== 0 }) : reply.replyTime;
    if (typeof replyTime !== 'string' || !parseIsoDateTime(replyTime, { requireOffset: true }))
      throw new RangeError('replyTime must be a date-time with an offset / 答复时间须带时区偏移');
    const replyType = reply.replyType ?? 'final';
    if (replyType !== 'final' && replyType !== 'interim') throw new RangeError('replyType must be final or interim / 答复类型须为 final 或 interim');
    // Fixed key order and an explicit replyType: a retry sends the same body.
    const body = JSON.stringify({ clientReplyId: reply.clientReplyId, content: reply.content, orgName: reply.orgName, replyTime, replyType });
    const response = await this.send('POST', `/threads/${id}/replies`, '', body);
    if (response.status === 200 || response.status === 201) {
      const parsed = parseJsonObject(response.body);
      const data = parsed && parsed.success === true && isObject(parsed.data) ? parsed.data : null;
      if (!data || typeof data.replyId !== 'number' || typeof data.status !== 'string' || !(data.publishUrl === null || typeof data.publishUrl === 'string')) {
        throw new BoardRejectedError(
          'UNEXPECTED_RESPONSE',
          response.status,
          `board: ${response.status} to POST replies without the expected body / 回复响应格式异常`,
        );
      }
      return { replyId: data.replyId, tid: id, status: data.status, publishUrl: data.publishUrl as string | null, replayed: response.status === 200 };
    }
    throw businessError(response, `POST /threads/${id}/replies`);
  }

  /** §6: the evaluation of the latest round. */
  async getEvaluation(tid: string | number): Promise<Evaluation> {
    const id = checkTid(tid);
    const response = await this.send('GET', `/threads/${id}/evaluation`, '');
    if (response.status !== 200) throw businessError(response, `GET /threads/${id}/evaluation`);
    const { data } = parseSuccess(response.body, 'GET evaluation');
    const bad = () => new BoardRejectedError('UNEXPECTED_RESPONSE', 200, 'board: evaluation without the §6 fields / 评价响应格式异常');
    if (!isObject(data)) throw bad();
    const { round, evaluated, satisfaction, comment, evaluateTime, isDefault } = data;
    if (!(typeof round === 'number' && Number.isInteger(round) && round >= 0) || typeof evaluated !== 'boolean' || typeof isDefault !== 'boolean') throw bad();
    if (!(satisfaction === null || satisfaction === '满意' || satisfaction === '基本满意' || satisfaction === '不满意')) throw bad();
    if (!(comment === null || typeof comment === 'string')) throw bad();
    const at = typeof evaluateTime === 'string' ? parseIsoDateTime(evaluateTime, { requireOffset: true }) : null;
    if (!(evaluateTime === null || at)) throw bad();
    return {
      tid: id,
      round,
      evaluated,
      satisfaction,
      comment: comment === null ? null : unescapeHtml(comment),
      evaluateTime: at?.instant ?? null,
      isDefault,
    };
  }

  /** The read time that versions a record: our clock, strictly increasing within this instance. */
  private readTime(): string {
    const ms = Math.max(this.now().getTime(), this.lastReadMs + 1);
    this.lastReadMs = ms;
    return formatShanghaiIso(new Date(ms));
  }

  private readCheckpoint(checkpoint: Checkpoint): CheckpointBoard {
    const watermark = checkpoint.watermark ?? this.config.startWatermark;
    if (typeof watermark !== 'string' || !parseIsoDateTime(watermark, { requireOffset: true })) {
      throw new ChannelError('FATAL', 'board: checkpoint watermark is not an ISO 8601 date-time with offset / 检查点水位无效');
    }
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const w = checkpoint.window;
    let window: CheckpointBoard['window'] = null;
    if (w !== undefined && w !== null) {
      const ok =
        isObject(w) &&
        typeof w.from === 'string' &&
        typeof w.to === 'string' &&
        parseIsoDateTime(w.from, { requireOffset: true }) &&
        parseIsoDateTime(w.to, { requireOffset: true }) &&
        typeof w.pageNo === 'number' &&
        Number.isInteger(w.pageNo) &&
        w.pageNo >= 1;
      if (!ok) throw new ChannelError('FATAL', 'board: checkpoint window is invalid / 检查点窗口无效');
      window = { from: w.from as string, to: w.to as string, pageNo: w.pageNo as number, last: w.last !== false };
    }
    return { watermark, window, edge: list(checkpoint.edge), tail: list(checkpoint.tail), lastPage: list(checkpoint.lastPage) };
  }

  /** One signed request; a 401 is retried once with a fresh timestamp and nonce (§7). */
  private async send(method: 'GET' | 'POST', path: string, query: string, body?: string): Promise<HttpResponse> {
    let response = await this.request(method, path, query, body);
    if (response.status === 401) response = await this.request(method, path, query, body);
    return response;
  }

  private request(method: string, path: string, query: string, body: string | undefined): Promise<HttpResponse> {
    const url = new URL(this.config.baseUrl + path + (query ? `?${query}` : ''));
    const signed = signatureHeaders(
      { appKey: this.config.appKey, appSecret: this.config.appSecret },
      { method, path: this.basePath + path, query, timestampSeconds: Math.floor(this.now().getTime() / 1000) },
    );
    const headers: Record<string, string | number> = { Accept: 'application/json', 'User-Agent': 'minyi-hub-board/1.0', ...signed };
    return requestText({
      label: 'board',
      what: `${method} ${this.basePath}${path}`,
      method,
      url,
      headers,
      body,
      agent: this.agent,
      timeoutMs: this.config.requestTimeoutMs,
    });
  }
}

/** A 200 page → raw records (exact texts, stamped with the read time), with total and auditTime for the overlap. */
function readPage(body: string, readAt: string): { records: Array<{ raw: RawRecord; auditMs: number | null }>; total: number; count: number } {
  const { data } = parseSuccess(body, 'GET /threads');
  if (!isObject(data) || !Array.isArray(data.records) || typeof data.total !== 'number' || !Number.isInteger(data.total) || data.total < 0) {
    throw new ChannelError('RETRYABLE', 'board: page has no data.records array or total / 分页响应缺少 records 或 total');
  }
  const items = data.records as unknown[];
  const dataText = propertyValueText(body, 'data');
  const texts = dataText === null ? null : arrayElementTexts(dataText, 'records');
  if (!texts || texts.length !== items.length) throw new ChannelError('RETRYABLE', 'board: could not delimit the page records / 无法切分分页记录');
  const records = texts.map((text, i) => {
    const item = items[i];
    const id = isObject(item) ? tidText(item.tid) : null;
    const audit = isObject(item) && typeof item.auditTime === 'string' && item.auditTime.length <= 64 ? parseIsoDateTime(item.auditTime) : null;
    return { raw: { text, externalId: id && 'tid' in id ? id.tid : null, version: readAt }, auditMs: audit?.instant.getTime() ?? null };
  });
  return { records, total: data.total, count: items.length };
}

/** `{"success": true, "data": …}`; anything else in a 200 is a broken page (retry). */
function parseSuccess(body: string, what: string): { data: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ChannelError('RETRYABLE', `board: ${what} response is not valid JSON (malformed or truncated) / 响应不是有效 JSON`);
  }
  if (!isObject(value) || value.success !== true || !('data' in value)) {
    throw new ChannelError('RETRYABLE', `board: ${what} response is not {"success": true, "data": …} / 响应格式异常`);
  }
  return { data: value.data };
}

/** §7: HTTP status → what the runtime should do. */
function transportError(response: HttpResponse, body: ErrorBody | null, what: string): ChannelError {
  const { status } = response;
  const code = body?.errorCode ? ` ${oneLine(body.errorCode)}` : '';
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  if (status === 429) {
    return new ChannelError(
      'RATE_LIMITED',
      `board: ${what} rate limited (429${code}); retry after ${(retryAfterMs ?? 1000) / 1000} s / 请求过于频繁`,
      retryAfterMs ?? 1000,
    );
  }
  if (status >= 500 || status === 408) {
    return new ChannelError('RETRYABLE', `board: ${what} server error ${status}${body ? code : ' (non-JSON body)'} / 留言板服务暂不可用`, retryAfterMs);
  }
  if (status === 401) {
    return new ChannelError(
      'FATAL',
      `board: ${what} unauthorized (401${code}) twice with fresh nonces: check the clock, app key and secret / 签名校验失败，请检查时钟、应用标识与密钥`,
    );
  }
  if (status === 403) return new ChannelError('FATAL', `board: ${what} forbidden (403${code}) / 无权访问`);
  const detail = body?.errorMsg ? `: ${oneLine(body.errorMsg)}` : '';
  return new ChannelError('FATAL', `board: ${what} refused (${status}${code})${detail} / 请求被拒绝，请检查配置`);
}

/** Reply, thread and evaluation calls: 400/403/404/409 are business refusals, the rest as for the pull. */
function businessError(response: HttpResponse, what: string): Error {
  const body = parseErrorBody(response.body);
  const { status } = response;
  const code = body?.errorCode ?? '';
  const detail = body?.errorMsg ? `: ${oneLine(body.errorMsg)}` : '';
  if (status === 409 && (code === 'IDEMPOTENCY_CONFLICT' || code === 'ALREADY_REPLIED' || code === 'THREAD_CLOSED')) {
    const why = {
      IDEMPOTENCY_CONFLICT: 'clientReplyId already used with a different body; use a new id for a new reply / 幂等键已用于不同内容',
      ALREADY_REPLIED: 'a final reply was already published / 已有最终答复',
      THREAD_CLOSED: 'the thread is withdrawn or hidden / 留言已撤回或屏蔽',
    }[code];
    return new BoardRejectedError(code, 409, `board: ${what} refused (409 ${code}): ${why}`);
  }
  if (status === 404) return new BoardRejectedError('THREAD_NOT_FOUND', 404, `board: ${what}: thread not found / 留言不存在`);
  if (status === 403) return new BoardRejectedError('NO_PERMISSION', 403, `board: ${what}: thread outside the app key's scope / 留言不在授权范围内`);
  if (status === 400) return new BoardRejectedError('PARAM_INVALID', 400, `board: ${what} rejected as invalid (${oneLine(code || '400')})${detail} / 参数无效`);
  if (status === 409) return new BoardRejectedError('UNEXPECTED_RESPONSE', 409, `board: ${what} conflict (409${code ? ` ${oneLine(code)}` : ''}) / 冲突`);
  return transportError(response, body, what);
}

function checkTid(tid: string | number): string {
  const id = tidText(tid);
  if ('problem' in id) throw new RangeError('tid must be a positive integer below 2^53 / 留言编号无效');
  return id.tid;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseErrorBody(text: string): ErrorBody | null {
  const value = parseJsonObject(text);
  if (!value) return null;
  const pick = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : undefined);
  return { errorCode: pick('errorCode'), errorMsg: pick('errorMsg') };
}

function instant(iso: string): number {
  return parseIsoDateTime(iso, { requireOffset: true })!.instant.getTime();
}

/** §1 form, seconds precision: `YYYY-MM-DDTHH:mm:ss+08:00` (the start is truncated to its second). */
function boardTime(ms: number): string {
  return formatShanghaiIso(new Date(Math.floor(ms / 1000) * 1000), { millis: false });
}

function bounded(list: string[]): string[] {
  return list.length > MAX_SKIP ? list.slice(-MAX_SKIP) : list;
}
