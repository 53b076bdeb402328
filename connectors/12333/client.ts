import type * as http from 'node:http';
import type { MapResult, RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector } from '../../src/ingest/connector';
import { type HttpResponse, keepAliveAgent, oneLine, parseRetryAfter, requestText } from '../shared/http';
import { arrayElementTexts, propertyValueText } from '../shared/json-items';
import { codePointLength } from '../shared/text';
import { shanghaiDateStamp, shanghaiMsOfDay } from '../../src/common/time';
import { MAX_PAGE_SIZE, type Config12333 } from './config';
import { manifest } from './manifest';
import { TICKET_ID, mapTicket } from './mapping';

/**
 * 12333 transport (12333.md §2–§6): X-Api-Key auth, the HTTP-200 envelope with `code`, offset paging
 * driven by the §4 keyset emulation (so moved tickets and tie groups lose nothing), error codes →
 * ChannelError kinds, the daily maintenance window, and the feedback write-back keyed by feedback_no.
 */

/** README "Watermarks": each poll starts 2 minutes before the stored watermark. */
export const WATERMARK_OVERLAP_MS = 2 * 60_000;
/** §4: the daily reconciliation sweep re-reads the last 7 days and never moves W. */
export const SWEEP_WINDOW_MS = 7 * 24 * 3600_000;
/** A modified_ms this far ahead of our clock may not move the watermark (it would skip everything before it). */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** §6 42901: no Retry-After; wait at least 60 s. */
export const RATE_LIMIT_WAIT_MS = 60_000;
/** §6 50001 / gateway 502/504: back-off starts at 5 s (the runtime grows it up to 5 min). */
export const BACKOFF_START_MS = 5_000;
/** §6 50301: daily maintenance 00:30–01:30 Asia/Shanghai (minutes after local midnight). */
export const MAINTENANCE_WINDOW = { fromMinute: 30, toMinute: 90 } as const;
const FEEDBACK_NO = /^[A-Za-z0-9_-]{8,64}$/;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A tie-group pass under way (§4 strategy step 3): every ticket with `modified_ms = m`. */
export interface TieState {
  m: number;
  /** Next page of the pass (`modified_after = m − 1`). */
  page: number;
  /** ticket_ids with modified_ms = m read so far (all passes). */
  seen: string[];
  /** Whether the current pass found a ticket_id not seen before (then another pass follows). */
  fresh: boolean;
}

/**
 * The connector's checkpoint (stored as JSON by the runtime):
 * - `watermark`: W, epoch ms; a poll starts at `W − 2 min`;
 * - `cursor`: C while a poll is under way (`modified_after` of the next page 1), null between polls;
 * - `tie`: the tie-group pass under way, or null;
 * - `sweep`: a reconciliation sweep (starts at now − 7 days, never moves W).
 */
export interface Checkpoint12333 {
  watermark: number;
  cursor: number | null;
  tie: TieState | null;
  sweep?: boolean;
}

/** §5 request body. `handled_ms` may be given as a Date; `contacted` as a boolean. */
export interface Feedback {
  feedback_no: string;
  result: string;
  handler_org: string;
  handler_name?: string | null;
  handled_ms: number | Date;
  contacted: 0 | 1 | boolean;
}

/** §5 success `data`. */
export interface FeedbackAccepted {
  ticketId: string;
  state: number;
  modifiedMs: number;
  /** true: a replay of the same feedback_no and body; nothing changed. */
  duplicate: boolean;
}

/** A feedback 12333 refused for a business reason (§6 400xx/404xx/409xx): do not retry as is. */
export class FeedbackRejectedError extends Error {
  constructor(
    readonly code: 'INVALID_PARAMETER' | 'TICKET_NOT_FOUND' | 'TICKET_REVOKED' | 'TICKET_CLOSED' | 'FEEDBACK_NO_CONFLICT' | 'UNEXPECTED_RESPONSE',
    /** The §6 envelope code (0 for an unexpected success body). */
    readonly apiCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'FeedbackRejectedError';
  }
}

export interface Client12333Options {
  /** Our clock: maintenance window, sweep start, future-watermark guard. Tests pass the simulator's clock. */
  now?: () => Date;
  /**
   * Whether the server keeps §6's daily maintenance window (default true, as the spec says). A
   * simulator started with `maintenance: false` keeps none, and the client then sends at any hour.
   */
  maintenanceWindow?: boolean;
}

interface Envelope {
  code: number;
  msg: string;
  data: unknown;
}

export class Connector12333 implements PullConnector {
  readonly manifest = manifest;
  private readonly agent: http.Agent;
  private readonly now: () => Date;
  private readonly maintenanceWindow: boolean;

  constructor(
    readonly config: Config12333,
    options: Client12333Options = {},
  ) {
    this.agent = keepAliveAgent(config.baseUrl);
    this.now = options.now ?? (() => new Date());
    this.maintenanceWindow = options.maintenanceWindow ?? true;
  }

  map(raw: RawRecord): MapResult {
    return mapTicket(raw);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  /** The checkpoint of a daily reconciliation sweep (§4): its own cursor, W carried but never moved. */
  sweepCheckpoint(watermark: number = this.config.startWatermark): Checkpoint12333 {
    return { watermark, cursor: null, tie: null, sweep: true };
  }

  /** The checkpoint to continue from after a RESTART: the same watermark, a fresh poll. */
  restartCheckpoint(checkpoint: Checkpoint): Checkpoint12333 {
    const w = checkpoint.watermark;
    const watermark = typeof w === 'number' && Number.isSafeInteger(w) ? w : this.config.startWatermark;
    return { watermark, cursor: null, tie: null, ...(checkpoint.sweep === true ? { sweep: true } : {}) };
  }

  /**
   * One request of the §4 keyset emulation. `done` after a short page (the poll ends; the next poll
   * starts at W − 2 min and re-reads the last millisecond).
   */
  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    const state = this.readCheckpoint(checkpoint);
    this.checkMaintenance('GET /tickets');
    const size = Math.min(this.config.pageSize, MAX_PAGE_SIZE);
    const sweep = state.sweep === true;
    const start = sweep ? this.now().getTime() - SWEEP_WINDOW_MS : state.watermark - WATERMARK_OVERLAP_MS;
    const cursor = state.cursor ?? start;
    const tie = state.tie;
    const page = tie ? tie.page : 1;
    const after = tie ? tie.m - 1 : cursor;

    const query = new URLSearchParams({ page: String(page), page_size: String(size), modified_after: String(after) });
    const response = await this.send('GET', `/tickets?${query.toString()}`);
    const envelope = this.readEnvelope(response, 'GET /tickets');
    const items = this.readItems(response.body, envelope);

    // W moves only forward, never past our clock (+ skew), never in a sweep.
    const moveW = (c: number) => (sweep ? state.watermark : Math.max(state.watermark, Math.min(c, this.now().getTime() + MAX_CLOCK_SKEW_MS)));
    const valid = items.filter((i) => i.ms !== null).map((i) => i.ms as number);
    const sweepFlag = sweep ? { sweep: true } : {};

    if (tie) {
      const seen = new Set(tie.seen);
      let fresh = tie.fresh;
      const records: RawRecord[] = [];
      for (const item of items) {
        if (item.ms === tie.m && item.id !== null) {
          if (seen.has(item.id)) continue; // (ticket_id, modified_ms) already landed in this tie group
          seen.add(item.id);
          fresh = true;
        }
        records.push(item.raw);
      }
      const passOver = items.length < size || valid.some((ms) => ms > tie.m);
      let next: Checkpoint12333;
      if (!passOver) next = { watermark: state.watermark, cursor, tie: { m: tie.m, page: page + 1, seen: [...seen], fresh }, ...sweepFlag };
      else if (fresh) next = { watermark: state.watermark, cursor, tie: { m: tie.m, page: 1, seen: [...seen], fresh: false }, ...sweepFlag };
      else next = { watermark: moveW(tie.m), cursor: tie.m, tie: null, ...sweepFlag };
      return { records, next: next as unknown as Checkpoint, done: false };
    }

    const records = items.map((i) => i.raw);
    if (items.length < size) {
      const c = valid.length ? Math.max(...valid) - 1 : cursor;
      const next: Checkpoint12333 = { watermark: moveW(Math.max(c, cursor)), cursor: null, tie: null, ...sweepFlag };
      return { records, next: next as unknown as Checkpoint, done: true };
    }
    if (valid.length === 0) {
      throw new ChannelError(
        'FATAL',
        `12333: a full page (modified_after=${after}) has no usable modified_ms; cannot advance / 整页工单均无有效 modified_ms，无法推进`,
      );
    }
    const first = Math.min(...valid);
    const last = Math.max(...valid);
    if (first !== last) {
      const next: Checkpoint12333 = { watermark: moveW(last - 1), cursor: last - 1, tie: null, ...sweepFlag };
      return { records, next: next as unknown as Checkpoint, done: false };
    }
    // A full page sharing one modified_ms: it is page 1 of the first tie-group pass (nothing lies between C and m).
    const ids = items.filter((i) => i.ms === last && i.id !== null).map((i) => i.id as string);
    const next: Checkpoint12333 = { watermark: state.watermark, cursor, tie: { m: last, page: 2, seen: [...new Set(ids)], fresh: true }, ...sweepFlag };
    return { records, next: next as unknown as Checkpoint, done: false };
  }

  /**
   * §5: posts the feedback. `feedback_no` is the idempotency key: retry with the same number and body
   * after any transport failure. Business refusals → FeedbackRejectedError; transport → ChannelError.
   */
  async postFeedback(ticketId: string, feedback: Feedback): Promise<FeedbackAccepted> {
    if (typeof ticketId !== 'string' || !TICKET_ID.test(ticketId)) throw new RangeError('ticket_id must match ^\\d{12,20}$ / 工单编号格式无效');
    const body = feedbackBody(feedback, this.now().getTime());
    this.checkMaintenance('POST feedback');
    const response = await this.send('POST', `/tickets/${ticketId}/feedback`, body);
    if (response.status !== 200) throw httpError(response, 'POST feedback');
    const envelope = parseEnvelope(response.body);
    if (!envelope) throw new ChannelError('RETRYABLE', '12333: POST feedback answered without a valid envelope / 反馈响应格式异常');
    const msg = oneLine(envelope.msg);
    switch (envelope.code) {
      case 0: {
        const d = envelope.data as Record<string, unknown> | null;
        if (!d || typeof d !== 'object' || typeof d.ticket_id !== 'string' || typeof d.modified_ms !== 'number' || typeof d.duplicate !== 'boolean') {
          throw new FeedbackRejectedError('UNEXPECTED_RESPONSE', 0, '12333: feedback accepted without the expected data / 反馈成功响应缺少数据');
        }
        return { ticketId: d.ticket_id, state: Number(d.state), modifiedMs: d.modified_ms, duplicate: d.duplicate };
      }
      case 40001:
        throw new FeedbackRejectedError('INVALID_PARAMETER', 40001, `12333: feedback rejected as invalid (40001: ${msg}) / 反馈参数错误`);
      case 40401:
        throw new FeedbackRejectedError('TICKET_NOT_FOUND', 40401, `12333: ticket ${ticketId} not found (40401) / 工单不存在`);
      case 40901:
        throw new FeedbackRejectedError('TICKET_REVOKED', 40901, `12333: ticket ${ticketId} is revoked (40901); no feedback possible / 工单已撤销，不能反馈`);
      case 40902:
        throw new FeedbackRejectedError('TICKET_CLOSED', 40902, `12333: ticket ${ticketId} is already closed (40902) / 工单已办结`);
      case 40903:
        throw new FeedbackRejectedError(
          'FEEDBACK_NO_CONFLICT',
          40903,
          '12333: feedback_no already used with a different body (40903); use a new feedback_no for a new feedback / feedback_no重复且内容不一致',
        );
      default:
        throw this.envelopeError(envelope, 'POST feedback');
    }
  }

  private readCheckpoint(checkpoint: Checkpoint): Checkpoint12333 {
    const watermark = checkpoint.watermark ?? this.config.startWatermark;
    if (typeof watermark !== 'number' || !Number.isSafeInteger(watermark) || watermark < 0) {
      throw new ChannelError('FATAL', '12333: checkpoint watermark is not epoch milliseconds / 检查点水位无效');
    }
    const sweep = checkpoint.sweep === true;
    const cursor = checkpoint.cursor ?? null;
    const tie = checkpoint.tie ?? null;
    const cursorOk = cursor === null || (typeof cursor === 'number' && Number.isSafeInteger(cursor));
    const t = tie as Partial<TieState> | null;
    const tieOk =
      t === null ||
      (typeof t === 'object' &&
        Number.isSafeInteger(t.m) &&
        Number.isSafeInteger(t.page) &&
        (t.page as number) >= 1 &&
        typeof t.fresh === 'boolean' &&
        Array.isArray(t.seen) &&
        t.seen.every((s) => typeof s === 'string') &&
        cursor !== null);
    if (!cursorOk || !tieOk) {
      throw new ChannelError(
        'RESTART',
        '12333: checkpoint cursor or tie-group state is unreadable; restart the poll from the watermark (restartCheckpoint) / 检查点游标无效，从水位重新拉取',
      );
    }
    return { watermark, cursor: cursor as number | null, tie: t as TieState | null, ...(sweep ? { sweep } : {}) };
  }

  /** §6: 00:30–01:30 Asia/Shanghai no request is sent; retry at 01:30. */
  private checkMaintenance(what: string): void {
    if (!this.maintenanceWindow) return;
    const wait = maintenanceRemainingMs(this.now());
    if (wait !== null) {
      throw new ChannelError(
        'RETRYABLE',
        `12333: ${what} not sent during the daily maintenance window 00:30–01:30 Asia/Shanghai; retry after 01:30 / 系统维护时段，01:30 后重试`,
        wait,
      );
    }
  }

  /** HTTP status and envelope → the envelope of a success, or a ChannelError. */
  private readEnvelope(response: HttpResponse, what: string): Envelope {
    if (response.status !== 200) throw httpError(response, what);
    const envelope = parseEnvelope(response.body);
    if (!envelope)
      throw new ChannelError('RETRYABLE', `12333: ${what} answered 200 without a valid JSON envelope (malformed or truncated) / 响应不是有效的 JSON 信封`);
    if (envelope.code !== 0) throw this.envelopeError(envelope, what);
    return envelope;
  }

  /** §6 codes → ChannelError. */
  private envelopeError(envelope: Envelope, what: string): ChannelError {
    const { code } = envelope;
    const msg = oneLine(envelope.msg);
    const tag = `12333: ${what} → ${code} ${msg}`;
    switch (code) {
      case 42901:
        return new ChannelError('RATE_LIMITED', `${tag}; wait ≥ 60 s (60 requests/min per key) / 请求过于频繁`, RATE_LIMIT_WAIT_MS);
      case 50001:
        return new ChannelError('RETRYABLE', `${tag}; retry with back-off / 系统内部错误，稍后重试`, BACKOFF_START_MS);
      case 50301:
        return new ChannelError(
          'RETRYABLE',
          `${tag}; maintenance, retry after 01:30 Asia/Shanghai / 系统维护中`,
          maintenanceRemainingMs(this.now()) ?? BACKOFF_START_MS * 12,
        );
      case 40101:
      case 40102:
        return new ChannelError('FATAL', `${tag}; the API key is invalid or expired — install a valid MINYI_12333_KEY / API Key无效或已过期，请更换`);
      case 40301:
        return new ChannelError('FATAL', `${tag}; the hub's source IP is not whitelisted — ask 12333 to add it / 来源 IP 不在白名单`);
      case 40001:
        return new ChannelError('FATAL', `${tag}; invalid parameter, not retried — check the configuration / 参数错误，请检查配置`);
      default:
        if (code >= 50000 && code < 60000) return new ChannelError('RETRYABLE', `${tag} / 服务端错误，稍后重试`, BACKOFF_START_MS);
        return new ChannelError('FATAL', `${tag}; unexpected error code / 未知错误码`);
    }
  }

  /** A success page → items with their exact text and untrusted identity. */
  private readItems(body: string, envelope: Envelope): Array<{ raw: RawRecord; id: string | null; ms: number | null }> {
    const data = envelope.data as { list?: unknown; total?: unknown } | null;
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray(data.list)) {
      throw new ChannelError('RETRYABLE', '12333: page has no data.list array / 分页响应缺少 data.list');
    }
    const list = data.list as unknown[];
    let texts: string[] | null = null;
    try {
      const dataText = propertyValueText(body, 'data');
      texts = dataText === null ? null : arrayElementTexts(dataText, 'list');
    } catch {
      texts = null;
    }
    if (!texts || texts.length !== list.length) throw new ChannelError('RETRYABLE', '12333: could not delimit the page items / 无法切分分页记录');
    return texts.map((text, i) => {
      const item = list[i] as Record<string, unknown> | null;
      const isObj = typeof item === 'object' && item !== null && !Array.isArray(item);
      const id = isObj && typeof item.ticket_id === 'string' && item.ticket_id.length <= 64 ? item.ticket_id : null;
      const ms = isObj && typeof item.modified_ms === 'number' && Number.isSafeInteger(item.modified_ms) ? item.modified_ms : null;
      return { raw: { text, externalId: id, version: ms === null ? null : String(ms) }, id, ms };
    });
  }

  private send(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResponse> {
    const url = new URL(this.config.baseUrl + path);
    const headers: Record<string, string | number> = {
      Accept: 'application/json',
      'X-Api-Key': this.config.apiKey,
      'User-Agent': 'minyi-hub-12333/1.0',
    };
    const what = `${method} ${url.pathname}`;
    return requestText({
      label: '12333',
      what,
      method,
      url,
      headers,
      body,
      contentType: 'application/json',
      agent: this.agent,
      timeoutMs: this.config.requestTimeoutMs,
    });
  }
}

/** Milliseconds until 01:30 Asia/Shanghai when `at` lies in the maintenance window, else null. */
export function maintenanceRemainingMs(at: Date): number | null {
  const dayMs = shanghaiMsOfDay(at);
  const from = MAINTENANCE_WINDOW.fromMinute * 60_000;
  const to = MAINTENANCE_WINDOW.toMinute * 60_000;
  return dayMs >= from && dayMs < to ? to - dayMs : null;
}

/** A feedback_no the hub can use: `HUB-FB-<YYYYMMDD>-<random>` (§5 pattern). */
export function newFeedbackNo(at: Date = new Date()): string {
  const random = Array.from({ length: 12 }, () => '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 34)]).join('');
  return `HUB-FB-${shanghaiDateStamp(at)}-${random}`;
}

/** §5 body with fixed key order (a retry with the same feedback_no sends the same body); RangeError when invalid. */
export function feedbackBody(f: Feedback, nowMs: number): string {
  if (typeof f?.feedback_no !== 'string' || !FEEDBACK_NO.test(f.feedback_no))
    throw new RangeError('feedback_no must match ^[A-Za-z0-9_-]{8,64}$ / feedback_no 格式无效');
  const len = (s: unknown) => (typeof s === 'string' ? codePointLength(s) : -1);
  if (len(f.result) < 1 || len(f.result) > 1000) throw new RangeError('result must be 1–1000 characters / 办理结果须为 1–1000 字');
  if (len(f.handler_org) < 1 || len(f.handler_org) > 100) throw new RangeError('handler_org must be 1–100 characters / 办理单位须为 1–100 字');
  const handlerName = f.handler_name ?? null;
  if (handlerName !== null && len(handlerName) > 20) throw new RangeError('handler_name must be at most 20 characters / 办理人不超过 20 字');
  const handled = f.handled_ms instanceof Date ? f.handled_ms.getTime() : f.handled_ms;
  if (typeof handled !== 'number' || !Number.isSafeInteger(handled) || handled <= 0)
    throw new RangeError('handled_ms must be epoch milliseconds / handled_ms 须为毫秒时间戳');
  if (handled > nowMs + FUTURE_TOLERANCE_MS) throw new RangeError('handled_ms must not be in the future / handled_ms 不得晚于当前时间');
  const contacted = f.contacted === true || f.contacted === 1 ? 1 : f.contacted === false || f.contacted === 0 ? 0 : null;
  if (contacted === null) throw new RangeError('contacted must be 0 or 1 / contacted 须为 0 或 1');
  return JSON.stringify({
    feedback_no: f.feedback_no,
    result: f.result,
    handler_org: f.handler_org,
    handler_name: handlerName,
    handled_ms: handled,
    contacted,
  });
}

/** Non-200 statuses come only from the gateway (§3): 502/504 HTML → retry with back-off. */
function httpError(response: HttpResponse, what: string): ChannelError {
  const { status } = response;
  if (status === 429) {
    return new ChannelError(
      'RATE_LIMITED',
      `12333: ${what} rate limited by the gateway (HTTP 429) / 请求过于频繁`,
      parseRetryAfter(response.headers['retry-after']) ?? RATE_LIMIT_WAIT_MS,
    );
  }
  if (status >= 500 || status === 408)
    return new ChannelError('RETRYABLE', `12333: ${what} gateway error HTTP ${status} / 网关错误，稍后重试`, BACKOFF_START_MS);
  return new ChannelError('FATAL', `12333: ${what} refused by the gateway (HTTP ${status}); check MINYI_12333_URL / 请求被网关拒绝，请检查接口地址`);
}

function parseEnvelope(text: string): Envelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { code, msg, data } = value as Record<string, unknown>;
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  return { code, msg: typeof msg === 'string' ? msg : '', data };
}
