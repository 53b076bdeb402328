import type * as http from 'node:http';
import type { MapResult, RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector } from '../../src/ingest/connector';
import { type HttpResponse, keepAliveAgent, oneLine, parseJsonObject, parseRetryAfter, requestText } from '../shared/http';
import { arrayElementTexts } from '../shared/json-items';
import { codePointLength } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime } from '../../src/common/time';
import type { Config12315 } from './config';
import { manifest } from './manifest';
import { mapCase } from './mapping';

/**
 * 12315 transport (12315.md §2, §3, §5, §6): Bearer auth with token rotation, cursor paging from a
 * watermark, error codes → ChannelError kinds, and the result write-back with an Idempotency-Key.
 */

/** README "Watermarks": each poll starts 2 minutes before the stored watermark. */
export const WATERMARK_OVERLAP_MS = 2 * 60_000;
/** A version this far ahead of our clock is not allowed to move the watermark (it would skip everything after). */
export const MAX_CLOCK_SKEW_MS = 24 * 3600_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,64}$/;
const CASE_NO_PATH = /^[0-9A-Z]{10,32}$/;

/**
 * The connector's checkpoint (stored as JSON by the runtime):
 * - `watermark`: W, the greatest `updatedAt` of a completed traversal (verbatim, ISO 8601 with offset);
 * - `cursor`: `nextCursor` while a traversal is under way, else null;
 * - `seen`: the greatest `updatedAt` seen so far in the traversal under way (becomes W when it ends).
 */
export interface Checkpoint12315 {
  watermark: string;
  cursor: string | null;
  seen?: string | null;
}

/** The result posted back (§5). `handledAt` as an instant, or an ISO 8601 text with offset. */
export interface CaseResult {
  result: string;
  handler: string;
  handledAt: Date | string;
}

/** §5 success body, plus whether it was a replay (`200` + `Idempotent-Replayed: true`). */
export interface ResultAccepted {
  caseNo: string;
  resultId: string;
  status: string;
  updatedAt: string;
  replayed: boolean;
}

/** A write-back the platform refused for a business reason (§5: 400/404/409): do not retry as is. */
export class ResultRejectedError extends Error {
  constructor(
    readonly code: 'IDEMPOTENCY_CONFLICT' | 'CASE_STATE_CONFLICT' | 'CASE_NOT_FOUND' | 'INVALID_PARAMETER' | 'UNEXPECTED_RESPONSE',
    readonly status: number,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ResultRejectedError';
  }
}

/**
 * §3.4 CURSOR_EXPIRED: restart from the watermark. `restartFrom` is the checkpoint to continue with; the
 * connector also remembers the cursor, so calling fetchPage again with the old checkpoint restarts too.
 */
export class CursorExpiredError extends ChannelError {
  constructor(
    readonly restartFrom: Checkpoint12315,
    requestId?: string,
  ) {
    super(
      'RESTART',
      `12315: cursor expired (CURSOR_EXPIRED${requestId ? `, requestId ${requestId}` : ''}); restart from the watermark / 游标已过期，从水位重新拉取`,
    );
    this.name = 'CursorExpiredError';
  }
}

export interface Client12315Options {
  /** Our clock, for the future-version guard (tests against a 2024 simulator may leave it). */
  now?: () => Date;
}

interface ErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

export class Connector12315 implements PullConnector {
  readonly manifest = manifest;
  /** Index of the token last accepted (rotation: §2 allows two valid tokens at once). */
  private activeToken = 0;
  private readonly expiredCursors = new Set<string>();
  private readonly agent: http.Agent;
  private readonly now: () => Date;

  constructor(
    readonly config: Config12315,
    options: Client12315Options = {},
  ) {
    this.agent = keepAliveAgent(config.baseUrl);
    this.now = options.now ?? (() => new Date());
  }

  map(raw: RawRecord): MapResult {
    return mapCase(raw);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  /** The checkpoint to continue from after a RESTART: the same watermark, no cursor. */
  restartCheckpoint(checkpoint: Checkpoint): Checkpoint12315 {
    const state = this.readCheckpoint(checkpoint);
    return { watermark: state.watermark, cursor: null, seen: state.seen ?? null };
  }

  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    let state = this.readCheckpoint(checkpoint);
    if (state.cursor !== null && this.expiredCursors.has(state.cursor)) state = { ...state, cursor: null };

    const query = new URLSearchParams();
    if (state.cursor !== null) query.set('cursor', state.cursor);
    else {
      const w = parseIsoDateTime(state.watermark, { requireOffset: true })!.instant;
      query.set('updatedSince', formatShanghaiIso(new Date(w.getTime() - WATERMARK_OVERLAP_MS)));
    }
    query.set('limit', String(this.config.pageSize));

    const response = await this.send('GET', `/cases?${query.toString()}`);
    if (response.status !== 200) {
      const body = parseErrorBody(response.body);
      if (response.status === 400 && body?.code === 'CURSOR_EXPIRED') {
        if (state.cursor !== null) this.expiredCursors.add(state.cursor);
        throw new CursorExpiredError({ watermark: state.watermark, cursor: null, seen: state.seen ?? null }, body.requestId);
      }
      throw transportError(response, body, 'GET /cases');
    }

    const { records, nextCursor, maxVersion } = this.readPage(response.body);
    const seen = laterOf(state.seen ?? null, maxVersion);
    if (nextCursor !== null) {
      // Cursors encode a position, so the platform may issue the same text again: it is fresh now.
      this.expiredCursors.delete(nextCursor);
      return { records, next: { watermark: state.watermark, cursor: nextCursor, seen } satisfies Checkpoint12315, done: false };
    }
    return { records, next: { watermark: laterOf(state.watermark, seen)!, cursor: null } satisfies Checkpoint12315, done: true };
  }

  /**
   * §5: posts the handling result. Returns the success body (`replayed` for a `200` replay of the same
   * key and body). Business refusals → ResultRejectedError; transport failures → ChannelError.
   */
  async postResult(caseNo: string, result: CaseResult, idempotencyKey: string): Promise<ResultAccepted> {
    if (!CASE_NO_PATH.test(caseNo)) throw new RangeError('caseNo must match ^[0-9A-Z]{10,32}$ / 案件编号格式无效');
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new RangeError('Idempotency-Key must match ^[A-Za-z0-9-]{8,64}$ / 幂等键格式无效');
    const resultLength = codePointLength(result.result ?? '');
    if (typeof result.result !== 'string' || resultLength < 1 || resultLength > 2000)
      throw new RangeError('result must be 1–2000 characters / 处理结果须为 1–2000 字');
    const handlerLength = codePointLength(result.handler ?? '');
    if (typeof result.handler !== 'string' || handlerLength < 1 || handlerLength > 100)
      throw new RangeError('handler must be 1–100 characters / 处理人须为 1–100 字');
    const handledAt = result.handledAt instanceof Date ? formatHandledAt(result.handledAt) : result.handledAt;
    if (typeof handledAt !== 'string' || !parseIsoDateTime(handledAt, { requireOffset: true })) {
      throw new RangeError('handledAt must be a date-time with an offset / 处理时间须带时区偏移');
    }
    // Fixed key order: a retry with the same key sends the same body.
    const body = JSON.stringify({ result: result.result, handler: result.handler, handledAt });
    const response = await this.send('POST', `/cases/${caseNo}/results`, body, { 'Idempotency-Key': idempotencyKey });

    if (response.status === 200 || response.status === 201) {
      const accepted = parseJsonObject(response.body);
      if (!accepted || typeof accepted.caseNo !== 'string' || typeof accepted.resultId !== 'string' || typeof accepted.updatedAt !== 'string') {
        throw new ResultRejectedError(
          'UNEXPECTED_RESPONSE',
          response.status,
          `12315: ${response.status} to POST results without the expected body / 回传响应格式异常`,
        );
      }
      const replayed = response.status === 200 || String(response.headers['idempotent-replayed'] ?? '').toLowerCase() === 'true';
      return { caseNo: accepted.caseNo, resultId: accepted.resultId, status: String(accepted.status), updatedAt: accepted.updatedAt, replayed };
    }
    const error = parseErrorBody(response.body);
    const requestId = error?.requestId;
    const ref = requestId ? ` (requestId ${requestId})` : '';
    if (response.status === 409 && error?.code === 'IDEMPOTENCY_CONFLICT') {
      throw new ResultRejectedError(
        'IDEMPOTENCY_CONFLICT',
        409,
        `12315: Idempotency-Key already used with a different body${ref}; use a new key for a new result / 幂等键已用于不同内容`,
        requestId,
      );
    }
    if (response.status === 409) {
      throw new ResultRejectedError(
        'CASE_STATE_CONFLICT',
        409,
        `12315: case ${caseNo} no longer takes a result (NOT_ACCEPTED, TRANSFERRED or WITHDRAWN)${ref} / 案件状态不允许回传结果`,
        requestId,
      );
    }
    if (response.status === 404) {
      throw new ResultRejectedError(
        'CASE_NOT_FOUND',
        404,
        `12315: case ${caseNo} not found or outside the token's scope${ref} / 案件不存在或不在授权范围内`,
        requestId,
      );
    }
    if (response.status === 400) {
      const detail = error?.message ? `: ${oneLine(error.message)}` : '';
      throw new ResultRejectedError('INVALID_PARAMETER', 400, `12315: result rejected as invalid${detail}${ref} / 回传参数无效`, requestId);
    }
    throw transportError(response, error, 'POST results');
  }

  private readCheckpoint(checkpoint: Checkpoint): Checkpoint12315 {
    const watermark = checkpoint.watermark ?? this.config.startWatermark;
    if (typeof watermark !== 'string' || !parseIsoDateTime(watermark, { requireOffset: true })) {
      throw new ChannelError('FATAL', '12315: checkpoint watermark is not an ISO 8601 date-time with offset / 检查点水位无效');
    }
    const cursor = checkpoint.cursor ?? null;
    if (cursor !== null && (typeof cursor !== 'string' || cursor === ''))
      throw new ChannelError('FATAL', '12315: checkpoint cursor is not a string / 检查点游标无效');
    const seen = typeof checkpoint.seen === 'string' && parseIsoDateTime(checkpoint.seen, { requireOffset: true }) ? checkpoint.seen : null;
    return { watermark, cursor, seen };
  }

  /** A 200 page → raw records (exact item texts), nextCursor and the greatest plausible updatedAt. */
  private readPage(body: string): { records: RawRecord[]; nextCursor: string | null; maxVersion: string | null } {
    let page: unknown;
    try {
      page = JSON.parse(body);
    } catch {
      throw new ChannelError('RETRYABLE', '12315: page is not valid JSON (malformed or truncated) / 分页响应不是有效 JSON');
    }
    if (typeof page !== 'object' || page === null || Array.isArray(page) || !Array.isArray((page as { items?: unknown }).items)) {
      throw new ChannelError('RETRYABLE', '12315: page has no "items" array / 分页响应缺少 items 数组');
    }
    const { items, nextCursor } = page as { items: unknown[]; nextCursor?: unknown };
    if (nextCursor !== undefined && nextCursor !== null && (typeof nextCursor !== 'string' || nextCursor === '')) {
      throw new ChannelError('RETRYABLE', '12315: page has an invalid nextCursor / 分页游标无效');
    }
    const texts = arrayElementTexts(body, 'items');
    if (!texts || texts.length !== items.length) throw new ChannelError('RETRYABLE', '12315: could not delimit the page items / 无法切分分页记录');

    const horizon = this.now().getTime() + MAX_CLOCK_SKEW_MS;
    let maxVersion: string | null = null;
    const records = texts.map((text, i): RawRecord => {
      const item = items[i] as Record<string, unknown> | null;
      const isObj = typeof item === 'object' && item !== null && !Array.isArray(item);
      const externalId = isObj && typeof item.caseNo === 'string' && item.caseNo.length <= 64 ? item.caseNo : null;
      const version = isObj && typeof item.updatedAt === 'string' && item.updatedAt.length <= 64 ? item.updatedAt : null;
      const at = version ? parseIsoDateTime(version, { requireOffset: true }) : null;
      if (version && at && at.instant.getTime() <= horizon) maxVersion = laterOf(maxVersion, version);
      return { text, externalId, version };
    });
    return { records, nextCursor: (nextCursor as string | null | undefined) ?? null, maxVersion };
  }

  /** One request; on 401 the other configured tokens are tried in turn (rotation, §2). */
  private async send(method: 'GET' | 'POST', path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const tokens = this.config.tokens;
    let response: HttpResponse | null = null;
    for (let attempt = 0; attempt < tokens.length; attempt++) {
      const index = (this.activeToken + attempt) % tokens.length;
      response = await this.request(method, path, tokens[index], body, headers);
      if (response.status !== 401) {
        this.activeToken = index;
        return response;
      }
    }
    return response!;
  }

  private request(method: string, path: string, token: string, body: string | undefined, extra: Record<string, string>): Promise<HttpResponse> {
    const url = new URL(this.config.baseUrl + path);
    const headers: Record<string, string | number> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      'User-Agent': 'minyi-hub-12315/1.0',
      ...extra,
    };
    return requestText({
      label: '12315',
      what: `${method} ${url.pathname}`,
      method,
      url,
      headers,
      body,
      agent: this.agent,
      timeoutMs: this.config.requestTimeoutMs,
    });
  }
}

/** §6: HTTP status → what the runtime should do. */
function transportError(response: HttpResponse, body: ErrorBody | null, what: string): ChannelError {
  const { status } = response;
  const code = body?.code ? ` ${oneLine(body.code)}` : '';
  const ref = body?.requestId ? `, requestId ${oneLine(body.requestId)}` : '';
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  if (status === 429) {
    return new ChannelError(
      'RATE_LIMITED',
      `12315: ${what} rate limited (429${code}${ref}); retry after ${(retryAfterMs ?? 1000) / 1000} s / 请求过于频繁`,
      retryAfterMs ?? 1000,
    );
  }
  if (status >= 500 || status === 408) {
    const kind = body ? `${code}` : ' (non-JSON body)';
    return new ChannelError('RETRYABLE', `12315: ${what} server error ${status}${kind}${ref} / 平台服务暂不可用`, retryAfterMs);
  }
  if (status === 401)
    return new ChannelError(
      'FATAL',
      `12315: ${what} unauthorized (401${code}${ref}): every configured token was refused; install a valid token / 令牌无效或已过期，请更换令牌`,
    );
  if (status === 403) return new ChannelError('FATAL', `12315: ${what} forbidden (403${code}${ref}): the token lacks scope 360704 / 令牌无权访问`);
  const detail = body?.message ? `: ${oneLine(body.message)}` : '';
  return new ChannelError('FATAL', `12315: ${what} refused (${status}${code}${ref})${detail} / 请求被拒绝，请检查配置`);
}

/** §6 error body, when the platform (not a gateway) produced it. */
function parseErrorBody(text: string): ErrorBody | null {
  const value = parseJsonObject(text);
  if (!value) return null;
  const pick = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : undefined);
  return { code: pick('code'), message: pick('message'), requestId: pick('requestId') };
}

function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const ta = parseIsoDateTime(a, { requireOffset: true })?.instant.getTime() ?? -Infinity;
  const tb = parseIsoDateTime(b, { requireOffset: true })?.instant.getTime() ?? -Infinity;
  return tb > ta ? b : a;
}

/** handledAt as §5 wants it: ISO 8601 with offset; millis only when there are any. */
function formatHandledAt(at: Date): string {
  return formatShanghaiIso(at, { millis: at.getUTCMilliseconds() !== 0 });
}
