import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { MapResult, RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector } from '../../src/ingest/connector';
import { type HttpResponse, oneLine, parseRetryAfter, requestText } from '../shared/http';
import { codePointLength } from '../shared/text';
import { formatShanghaiIso, parseIsoDateTime } from '../../src/common/time';
import type { ConfigXf } from './config';
import { formatCompactTime, parseCompactTime } from './dates';
import { manifest } from './manifest';
import { letterIdentity, mapLetter, XFJBH } from './mapping';
import { childElementTexts, element, envelope, isXmlChars, leafText, path, readFault, parseXml, type XmlObject } from './xml';

/**
 * 信访 transport (petition.md §1, §2, §6, §7): the XML envelope with SysCode/AuthCode header auth over
 * (mutual) TLS, QueryRequest page-token pulls from a watermark, faults → ChannelError kinds, and the
 * FeedbackRequest write-back keyed by FKBH. At most 2 requests/s per SysCode are sent (§1).
 * Nothing here logs or returns identity values: messages carry XFJBH and BBH at most (§8).
 */

/** README "Watermarks": each poll starts 2 minutes before the stored watermark. */
export const WATERMARK_OVERLAP_MS = 2 * 60_000;
/** A GXSJ further ahead of our clock than the ReqTime tolerance (§1: ±10 min) may not move the watermark. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** §1: 2 requests/s per SysCode → one request every 500 ms, plus 10 % for network jitter (the platform counts arrivals). */
export const MIN_REQUEST_INTERVAL_MS = 550;
/** §7 RATE_LIMITED without a usable Retry-After: wait one second (the limit is per second). */
export const RATE_LIMIT_WAIT_MS = 1000;
/** §2: a page token is at most 512 characters. */
const MAX_TOKEN_LENGTH = 512;
const FKBH = /^[A-Za-z0-9-]{8,40}$/;
const FEEDBACK_KINDS = ['01', '02', '03', '04'] as const;
const QUERY_RESPONSE_PATH = ['Envelope', 'Body', 'QueryResponse'] as const;

/**
 * The connector's checkpoint (stored as JSON by the runtime):
 * - `watermark`: W, the greatest GXSJ seen (ISO 8601 with +08:00, so the runtime can read it as a date);
 *   it moves after every page (letters arrive in GXSJ order, so everything before it has been seen);
 * - `since`: the `<Since>` of the traversal under way (§2: unchanged while a token is used);
 * - `pageToken`: `NextPageToken` while a traversal is under way; absent between polls.
 */
export interface CheckpointXf {
  watermark: string;
  since?: string;
  pageToken?: string;
}

/** §6 FeedbackRequest, with the spec's element names. FKSJ as an instant or `yyyyMMddHHmmss` text. */
export interface FeedbackXf {
  XFJBH: string;
  /** The idempotency key: unique per feedback; retry with the same FKBH and values. */
  FKBH: string;
  /** 01 受理告知, 02 不予受理告知, 03 延期申请, 04 办理结果. */
  FKLX: (typeof FEEDBACK_KINDS)[number];
  FKNR: string;
  CBDW: string;
  CBR: string;
  FKSJ: Date | string;
  /** FKLX 03 only: extension days 1–30. */
  YQTS?: number | null;
}

/** §6 success: `duplicate` for a replay of the same FKBH and values; `overdue` when recorded as 超期. */
export interface FeedbackAccepted {
  duplicate: boolean;
  overdue: boolean;
}

/** §6 ResultCode meanings. */
export const RESULT_CODES: Readonly<Record<number, string>> = {
  1001: 'letter does not exist / 信访件不存在',
  1002: 'the letter’s status does not allow this FKLX / 当前状态不允许该反馈类型',
  1003: 'invalid extension days or extension already requested / 延期天数不合法或已申请过延期',
  1004: 'FKBH already used with different values; use a new FKBH for a new feedback / 反馈编号重复且内容不一致',
  1005: 'field validation failed / 字段校验失败',
};

/**
 * A feedback the platform refused for a business reason (§6 ResultCode ≠ 0, HTTP 200): do not retry as
 * is. `local`: refused by the connector before sending (same rules as the platform's 1005).
 */
export class FeedbackRejectedError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly local = false,
  ) {
    super(message);
    this.name = 'FeedbackRejectedError';
  }
}

/**
 * §7 TOKEN_EXPIRED: restart from the watermark. `restartFrom` is the checkpoint to continue with; the
 * connector also remembers the token, so calling fetchPage again with the old checkpoint restarts too.
 */
export class TokenExpiredError extends ChannelError {
  constructor(readonly restartFrom: CheckpointXf) {
    super('RESTART', 'xf: page token expired (TOKEN_EXPIRED); restart from the watermark / 分页令牌已过期，从水位重新拉取');
    this.name = 'TokenExpiredError';
  }
}

export interface ClientXfOptions {
  /** Our clock: ReqTime (§1: within ±10 min of the platform) and the future-GXSJ guard. Tests pass the simulator's. */
  now?: () => Date;
  /** Spacing between requests of one SysCode (default 550 ms: under 2/s); 0 turns it off (tests). */
  minRequestIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Next free request slot per endpoint + SysCode, shared by every connector instance of this process. */
const nextSlot = new Map<string, number>();

export class ConnectorXf implements PullConnector {
  readonly manifest = manifest;
  private readonly agent: http.Agent;
  private readonly now: () => Date;
  private readonly minIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly expiredTokens = new Set<string>();

  constructor(
    readonly config: ConfigXf,
    options: ClientXfOptions = {},
  ) {
    this.agent = makeAgent(config);
    this.now = options.now ?? (() => new Date());
    this.minIntervalMs = options.minRequestIntervalMs ?? MIN_REQUEST_INTERVAL_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  map(raw: RawRecord): MapResult {
    return mapLetter(raw);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  /** The checkpoint to continue from after a RESTART: the same watermark, no token. */
  restartCheckpoint(checkpoint: Checkpoint): CheckpointXf {
    return { watermark: this.readCheckpoint(checkpoint).watermark };
  }

  /** §2: one QueryRequest. `done` once `NextPageToken` is empty. */
  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    let state = this.readCheckpoint(checkpoint);
    if (state.pageToken !== undefined && this.expiredTokens.has(state.pageToken)) state = { watermark: state.watermark };
    const token = state.pageToken;
    const since = token !== undefined ? state.since! : sinceFor(state.watermark);
    const request = `<QueryRequest>${element('Since', since)}${element('PageSize', String(this.config.pageSize))}${element('PageToken', token)}</QueryRequest>`;

    let response: { doc: XmlObject; body: string };
    try {
      response = await this.exchange('QueryRequest', request);
    } catch (error) {
      if (error instanceof ChannelError && error.kind === 'RESTART') {
        if (token === undefined) throw new ChannelError('RETRYABLE', 'xf: TOKEN_EXPIRED without a page token; retry / 未使用令牌却返回令牌过期');
        this.expiredTokens.add(token);
        throw new TokenExpiredError({ watermark: state.watermark });
      }
      throw error;
    }

    const { records, nextToken, maxGxsj, notices } = this.readPage(response.doc, response.body);
    const watermark = laterWatermark(state.watermark, maxGxsj);
    const page: Page = nextToken
      ? { records, next: { watermark, since, pageToken: nextToken } satisfies CheckpointXf, done: false }
      : { records, next: { watermark } satisfies CheckpointXf, done: true };
    if (notices.length) page.notices = notices;
    return page;
  }

  /**
   * §6: sends one feedback. FKBH is the idempotency key: after any transport failure retry with the
   * same FKBH and values (a replay answers `duplicate: true`). Business refusals (ResultCode 1001–1005,
   * or the same checks before sending) → FeedbackRejectedError; transport and faults → ChannelError.
   */
  async postFeedback(feedback: FeedbackXf): Promise<FeedbackAccepted> {
    const request = feedbackXml(feedback);
    const { doc } = await this.exchange('FeedbackRequest', request, { tokenExpiredIsRetryable: true });
    const answer = path(doc, 'Envelope', 'Body', 'FeedbackResponse');
    const resultCode = leafText(path(answer, 'ResultCode'))?.trim() ?? '';
    if (!/^[0-9]{1,6}$/.test(resultCode))
      throw new ChannelError('RETRYABLE', 'xf: FeedbackRequest answered without a FeedbackResponse ResultCode / 反馈响应格式异常');
    const code = Number(resultCode);
    if (code === 0) {
      const flag = (name: string) => leafText(path(answer, name))?.trim() === 'true';
      return { duplicate: flag('Duplicate'), overdue: flag('Overdue') };
    }
    const detail = this.safeText(leafText(path(answer, 'ResultMsg')) ?? '');
    const meaning = RESULT_CODES[code] ?? 'unknown result code / 未知结果码';
    throw new FeedbackRejectedError(code, `xf: feedback ${feedback.FKBH} for ${feedback.XFJBH} refused (${code}: ${meaning})${detail ? `: ${detail}` : ''}`);
  }

  private readCheckpoint(checkpoint: Checkpoint): CheckpointXf {
    const watermark = checkpoint.watermark ?? this.config.startWatermark;
    if (typeof watermark !== 'string' || !parseIsoDateTime(watermark, { requireOffset: true })) {
      throw new ChannelError('FATAL', 'xf: checkpoint watermark is not an ISO 8601 date-time with offset / 检查点水位无效');
    }
    const { pageToken, since } = checkpoint;
    const tokenOk = typeof pageToken === 'string' && pageToken !== '' && pageToken.length <= MAX_TOKEN_LENGTH;
    const sinceOk = typeof since === 'string' && parseCompactTime(since) !== null;
    // A token without its Since cannot be continued (§2): the traversal restarts from the watermark.
    return tokenOk && sinceOk ? { watermark, since, pageToken } : { watermark };
  }

  /** A QueryResponse → raw records (exact `<Letter>` texts, de-duplicated), the next token and the greatest plausible GXSJ. */
  private readPage(doc: XmlObject, body: string): { records: RawRecord[]; nextToken: string | null; maxGxsj: Date | null; notices: string[] } {
    const response = path(doc, ...QUERY_RESPONSE_PATH);
    const tokenNode = path(response, 'NextPageToken');
    const nextToken = leafText(tokenNode)?.trim() ?? null;
    if (nextToken === null || nextToken.length > MAX_TOKEN_LENGTH) {
      throw new ChannelError('RETRYABLE', 'xf: QueryResponse has no single NextPageToken of at most 512 characters / 分页响应缺少有效的 NextPageToken');
    }
    const parsedLetters = path(response, 'Letter');
    const count = parsedLetters === undefined ? 0 : Array.isArray(parsedLetters) ? parsedLetters.length : 1;
    const texts = childElementTexts(body, QUERY_RESPONSE_PATH, 'Letter');
    if (!texts || texts.length !== count) throw new ChannelError('RETRYABLE', 'xf: could not delimit the letters of the page / 无法切分分页中的信访件');

    const letters = texts.map((text) => ({ text, ...letterIdentity(text) }));
    // W: the greatest GXSJ of a letter with a usable identity, not beyond our clock + skew (a letter
    // that will be quarantined does not move W: the next poll simply reads it again).
    const horizon = this.now().getTime() + MAX_CLOCK_SKEW_MS;
    let maxGxsj: Date | null = null;
    for (const l of letters) {
      if (l.xfjbh !== null && l.bbh !== null && l.gxsj && l.gxsj.getTime() <= horizon && (!maxGxsj || l.gxsj > maxGxsj)) maxGxsj = l.gxsj;
    }
    // §2: de-duplicate on (XFJBH, BBH) and keep the highest BBH of a letter within the page.
    const highest = new Map<string, number>();
    for (const l of letters) if (l.xfjbh !== null && l.bbh !== null) highest.set(l.xfjbh, Math.max(highest.get(l.xfjbh) ?? 0, l.bbh));
    const kept = new Set<string>();
    const notices: string[] = [];
    const records: RawRecord[] = [];
    for (const l of letters) {
      if (l.xfjbh !== null && l.bbh !== null) {
        const top = highest.get(l.xfjbh)!;
        if (l.bbh < top || kept.has(l.xfjbh)) {
          notices.push(`xf: letter ${l.xfjbh} BBH ${l.bbh} skipped: the page also has BBH ${top} / 同页重复信访件，保留最高版本`);
          continue;
        }
        kept.add(l.xfjbh);
      }
      records.push({ text: l.text, externalId: l.xfjbh, version: l.bbh === null ? null : String(l.bbh) });
    }
    return { records, nextToken: nextToken || null, maxGxsj, notices };
  }

  /**
   * One request/response: header auth, spacing, then the answer → its parsed document, or a ChannelError
   * (§7 faults; HTTP status; non-XML bodies = SYSTEM_ERROR).
   */
  private async exchange(
    operation: 'QueryRequest' | 'FeedbackRequest',
    request: string,
    options: { tokenExpiredIsRetryable?: boolean } = {},
  ): Promise<{ doc: XmlObject; body: string }> {
    await this.spaceRequests();
    const header: Array<[string, string]> = [
      ['SysCode', this.config.sysCode],
      ['AuthCode', this.config.authCode],
      ['ReqId', randomUUID()],
      ['ReqTime', formatCompactTime(this.now())],
    ];
    const what = `POST ${operation}`;
    const response = await requestText({
      label: 'xf',
      what,
      method: 'POST',
      url: new URL(this.config.url),
      headers: { Accept: 'text/xml', 'User-Agent': 'minyi-hub-xf/1.0' },
      body: envelope(header, request),
      contentType: 'text/xml; charset=UTF-8',
      agent: this.agent,
      timeoutMs: this.config.requestTimeoutMs,
    });
    const parsed = parseXml(response.body, 'queryResponse');
    const fault = parsed.ok ? readFault(parsed.doc) : null;
    if (fault) throw this.faultError(fault, what, response, options.tokenExpiredIsRetryable === true);
    if (response.status !== 200) throw this.statusError(response, what, parsed.ok);
    if (!parsed.ok) {
      const why =
        parsed.problem === 'NOT_XML'
          ? 'a non-XML body (SYSTEM_ERROR)'
          : parsed.problem === 'DOCTYPE'
            ? 'XML with a DOCTYPE (refused)'
            : 'XML that is not well-formed (malformed or truncated)';
      throw new ChannelError('RETRYABLE', `xf: ${what} answered 200 with ${why} / 响应不是有效的 XML`);
    }
    const expected = operation === 'QueryRequest' ? 'QueryResponse' : 'FeedbackResponse';
    if (path(parsed.doc, 'Envelope', 'Body', expected) === undefined) {
      throw new ChannelError('RETRYABLE', `xf: ${what} answered without a ${expected} / 响应缺少 ${expected}`);
    }
    return { doc: parsed.doc, body: response.body };
  }

  /** §7 FaultCode → what the runtime should do. */
  private faultError(fault: { code: string; text: string }, what: string, response: HttpResponse, tokenExpiredIsRetryable: boolean): ChannelError {
    const detail = this.safeText(fault.text);
    const code = /^[A-Z_]{1,32}$/.test(fault.code) ? fault.code : 'unknown';
    const tag = `xf: ${what} → ${code}${detail ? ` (${detail})` : ''}`;
    switch (code) {
      case 'AUTH_FAILED':
        return new ChannelError(
          'FATAL',
          `${tag}; check MINYI_XF_SYS_CODE, MINYI_XF_AUTH_CODE and the client certificate; not retried / 认证失败，请检查系统编码、授权码与客户端证书`,
        );
      case 'INVALID_REQUEST':
        return new ChannelError('FATAL', `${tag}; the hub sent a request the platform cannot read (a connector bug); not retried / 请求无效`);
      case 'CLOCK_SKEW':
        return new ChannelError('RETRYABLE', `${tag}; the hub's clock differs from the platform's by more than 10 min, check NTP / 时钟偏差超过 10 分钟`);
      case 'TOKEN_EXPIRED':
        return tokenExpiredIsRetryable ? new ChannelError('RETRYABLE', `${tag} / 令牌过期`) : new ChannelError('RESTART', `${tag} / 分页令牌已过期`);
      case 'RATE_LIMITED': {
        const wait = parseRetryAfter(response.headers['retry-after']) ?? RATE_LIMIT_WAIT_MS;
        return new ChannelError('RATE_LIMITED', `${tag}; retry after ${wait / 1000} s (2 requests/s per SysCode) / 请求过于频繁`, wait);
      }
      default: // SYSTEM_ERROR, and codes this spec version does not know: back off and retry
        return new ChannelError('RETRYABLE', `${tag}; retry with back-off / 平台系统错误，稍后重试`, parseRetryAfter(response.headers['retry-after']));
    }
  }

  /** A non-200 answer without a §7 fault body (a gateway, a proxy, the TLS terminator). */
  private statusError(response: HttpResponse, what: string, isXml: boolean): ChannelError {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    const body = isXml ? 'an XML body without a Fault' : 'a non-XML body';
    if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
      return new ChannelError(
        'RATE_LIMITED',
        `xf: ${what} answered ${status} with ${body}; retry after ${(retryAfterMs ?? RATE_LIMIT_WAIT_MS) / 1000} s / 请求过于频繁`,
        retryAfterMs ?? RATE_LIMIT_WAIT_MS,
      );
    }
    if (status >= 500 || status === 408)
      return new ChannelError('RETRYABLE', `xf: ${what} answered ${status} with ${body} (SYSTEM_ERROR) / 平台服务暂不可用`, retryAfterMs);
    if (status === 401 || status === 403)
      return new ChannelError('FATAL', `xf: ${what} refused (${status}): check the client certificate and SysCode / 访问被拒绝，请检查客户端证书`);
    return new ChannelError('FATAL', `xf: ${what} answered ${status} with ${body}; check MINYI_XF_URL / 请求被拒绝，请检查接口地址`);
  }

  /** Text from the platform, safe for one log line: never the AuthCode, never a long digit run (a phone or ID number). */
  private safeText(text: string): string {
    return oneLine(
      text
        .split(this.config.authCode)
        .join('[redacted]')
        .replace(/[0-9\uff10-\uff19]{7,}/g, '#'),
    );
  }

  /** §1: at most 2 requests/s per SysCode; a request waits for its slot (shared by the connectors of this process). */
  private async spaceRequests(): Promise<void> {
    if (this.minIntervalMs <= 0) return;
    const key = `${this.config.url}|${this.config.sysCode}`;
    const now = Date.now();
    const at = Math.max(now, nextSlot.get(key) ?? 0);
    nextSlot.set(key, at + this.minIntervalMs);
    if (at > now) await this.sleep(at - now);
  }
}

/** §1 mutual TLS: the client certificate, key and CA go to the HTTPS agent (an http URL is the local simulator). */
function makeAgent(config: ConfigXf): http.Agent {
  if (!config.url.startsWith('https:')) return new http.Agent({ keepAlive: true, maxSockets: 4 });
  const { certFile, keyFile, caFile } = config.tls;
  return new https.Agent({
    keepAlive: true,
    maxSockets: 4,
    ...(certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : {}),
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
  });
}

/** README "Watermarks": Since = W − 2 min, as `yyyyMMddHHmmss` Asia/Shanghai (inclusive, §2). */
export function sinceFor(watermark: string): string {
  const w = parseIsoDateTime(watermark, { requireOffset: true })!.instant;
  return formatCompactTime(new Date(w.getTime() - WATERMARK_OVERLAP_MS));
}

/** W moves forward only; stored as ISO 8601 with +08:00 (second precision, like GXSJ). */
function laterWatermark(watermark: string, seen: Date | null): string {
  const w = parseIsoDateTime(watermark, { requireOffset: true })!.instant;
  return seen && seen > w ? formatShanghaiIso(seen, { millis: false }) : watermark;
}

/**
 * §6 FeedbackRequest, elements in the spec's order; checked first with the platform's rules so a
 * request that would get 1003/1005 is refused without a round trip.
 */
export function feedbackXml(f: FeedbackXf): string {
  const refuse = (code: number, message: string) => new FeedbackRejectedError(code, `xf: feedback not sent: ${message} / 反馈未发送：字段校验失败`, true);
  if (typeof f.XFJBH !== 'string' || !XFJBH.test(f.XFJBH)) throw refuse(1005, 'XFJBH must match ^\\d{17}$');
  if (typeof f.FKBH !== 'string' || !FKBH.test(f.FKBH)) throw refuse(1005, 'FKBH must match ^[A-Za-z0-9-]{8,40}$');
  if (!(FEEDBACK_KINDS as readonly string[]).includes(f.FKLX)) throw refuse(1005, 'FKLX must be 01, 02, 03 or 04');
  for (const [name, max] of [
    ['FKNR', 4000],
    ['CBDW', 200],
    ['CBR', 100],
  ] as const) {
    const value = f[name];
    if (typeof value !== 'string' || value.trim() === '' || codePointLength(value) > max) throw refuse(1005, `${name} must be 1–${max} characters`);
    if (!isXmlChars(value)) throw refuse(1005, `${name} contains characters XML 1.0 cannot carry`);
  }
  const fksj = f.FKSJ instanceof Date ? formatCompactTime(f.FKSJ) : f.FKSJ;
  if (typeof fksj !== 'string' || !parseCompactTime(fksj)) throw refuse(1005, 'FKSJ must be a valid yyyyMMddHHmmss time');
  let yqts = '';
  if (f.FKLX === '03') {
    if (!Number.isInteger(f.YQTS) || f.YQTS! < 1 || f.YQTS! > 30) throw refuse(1003, 'YQTS must be a whole number 1–30 for FKLX 03');
    yqts = element('YQTS', String(f.YQTS));
  } else if (f.YQTS !== undefined && f.YQTS !== null) throw refuse(1005, 'YQTS is only sent with FKLX 03');
  const elements = [
    element('XFJBH', f.XFJBH),
    element('FKBH', f.FKBH),
    element('FKLX', f.FKLX),
    element('FKNR', f.FKNR),
    element('CBDW', f.CBDW),
    element('CBR', f.CBR),
    element('FKSJ', fksj),
  ];
  return `<FeedbackRequest>${elements.join('')}${yqts}</FeedbackRequest>`;
}
