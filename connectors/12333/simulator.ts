import type * as http from 'node:http';
import { jsonEqual, readFixture, SimulatorBase } from '../shared/simulator-base';
import { codePointLength } from '../shared/text';
import { shanghaiWallClock } from '../../src/common/time';

/**
 * A local 12333 system speaking 12333.md byte for byte (channels README "Simulator profile"): the §2
 * test key in `X-Api-Key`, the §3 envelope (HTTP 200 even for errors, `code ≠ 0`), GET /openapi/tickets
 * with the §4 offset paging re-executed per page (moved tickets shift the pages), the silent
 * page_size cap at 100, the daily maintenance window 00:30–01:30 Asia/Shanghai, 60 requests/min per
 * key, POST feedback with feedback_no idempotency (§5), a settable clock and switchable faults.
 * Tickets are stored as parsed objects and served as compact JSON in their own key order.
 */

/** §2 test key. */
export const SAMPLE_KEY = 'b43aad876812466fbaa60fb16d49e588133d8b4e';
/** Default clock: the instant of the §7 feedback answer (2024-03-05T16:30:02.554+08:00). */
export const DEFAULT_CLOCK_MS = 1_709_627_402_554;
const TICKET_ID = /^[0-9]{12,20}$/;
const FEEDBACK_NO = /^[A-Za-z0-9_-]{8,64}$/;
const INT = /^-?[0-9]{1,16}$/;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type Ticket = Record<string, unknown> & { ticket_id: string; modified_ms: number };

/** Switchable faults. Gateway faults answer before authentication, like a reverse proxy. */
export type Fault =
  /** Gateway failure: HTTP 502/504 (or 500/503) with an HTML body. */
  | { kind: 'gateway'; status: 500 | 502 | 503 | 504 }
  /** A gateway 429 (not in the spec's API, which never answers 429; kept to test the client's handling). */
  | { kind: 'http429'; retryAfter?: number }
  /** An envelope error (§6), HTTP 200 and `data: null`; `msg` defaults to the spec's example text. */
  | { kind: 'error'; code: number; msg?: string }
  | { kind: 'timeout' }
  /** A 200 whose body is cut short. */
  | { kind: 'malformedPage' }
  /** After serving the next tickets page, run `change` (e.g. update tickets so they move to the end, §4 item 4). */
  | { kind: 'changeWhilePaging'; change: (sim: Simulator12333) => void };

export type FaultTarget = 'tickets' | 'feedback' | 'any';

export interface SimulatorOptions {
  /** Accepted keys (default: the §2 test key). */
  keys?: string[];
  /** Keys answered with 40102 (expired). */
  expiredKeys?: string[];
  /** Initial clock (epoch ms or Date); it ticks in real time unless frozen. */
  clock?: number | Date;
  frozen?: boolean;
  /** Requests per minute per key (§6: 60). */
  ratePerMinute?: number;
  /** Seed the §7 sample tickets (default true). */
  seed?: boolean;
  /** Answer 50301 during 00:30–01:30 Asia/Shanghai by the simulator clock (default true). */
  maintenance?: boolean;
}

export interface SimulatorStats {
  requests: number;
  byCode: Record<string, number>;
  last?: { method: string; url: string; headers: http.IncomingHttpHeaders };
  /** Query of every tickets request, in order. */
  pages: Array<{ page: number; pageSize: number; modifiedAfter: number; returned: number; total: number }>;
}

interface StoredFeedback {
  ticketId: string;
  body: unknown;
  data: Record<string, unknown>;
}

export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  40001: '参数错误',
  40101: 'API Key无效',
  40102: 'API Key已过期',
  40301: 'IP不在白名单',
  40401: '工单不存在',
  40901: '工单已撤销，不能反馈',
  40902: '工单已办结',
  40903: 'feedback_no重复且内容不一致',
  42901: '请求过于频繁',
  50001: '系统内部错误',
  50301: '系统维护中，请于01:30后重试',
};

/** The §7 sample tickets, from fixtures/tickets-page.json (also when running from dist/). */
export function sampleTickets(): Ticket[] {
  return readFixture<{ data: { list: Ticket[] } }>(__dirname, '12333', 'tickets-page.json').data.list;
}

export class Simulator12333 extends SimulatorBase<Fault, FaultTarget> {
  private readonly tickets = new Map<string, Ticket>();
  private readonly keys: Set<string>;
  private readonly expiredKeys: Set<string>;
  private readonly feedbackByNo = new Map<string, StoredFeedback>();
  private readonly feedbackByTicket = new Map<string, unknown[]>();
  private ratePerMinute: number;
  private readonly recent = new Map<string, number[]>();
  maintenance: boolean;
  readonly stats: SimulatorStats = { requests: 0, byCode: {}, pages: [] };

  constructor(options: SimulatorOptions = {}) {
    super('/openapi', options.clock instanceof Date ? options.clock.getTime() : (options.clock ?? DEFAULT_CLOCK_MS), options.frozen ?? false);
    this.keys = new Set(options.keys ?? [SAMPLE_KEY]);
    this.expiredKeys = new Set(options.expiredKeys ?? []);
    this.ratePerMinute = options.ratePerMinute ?? 60;
    this.maintenance = options.maintenance ?? true;
    if (options.seed ?? true) for (const t of sampleTickets()) this.addTicket(t);
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator12333> {
    const sim = new Simulator12333(options);
    await sim.listen();
    return sim;
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────────
  setClock(at: number | Date, options: { frozen?: boolean } = {}): void {
    this.setClockMs(at instanceof Date ? at.getTime() : at, options);
  }

  // ── data ───────────────────────────────────────────────────────────────────────────────────────
  /** Adds (or replaces) a ticket as given; ticket_id and modified_ms must be valid so it can be ordered. */
  addTicket(t: Record<string, unknown>): Ticket {
    if (typeof t.ticket_id !== 'string' || !TICKET_ID.test(t.ticket_id)) throw new Error('simulator: ticket needs a valid ticket_id');
    if (typeof t.modified_ms !== 'number' || !Number.isSafeInteger(t.modified_ms)) throw new Error('simulator: ticket needs an integer modified_ms');
    const stored = structuredClone(t) as Ticket;
    this.tickets.set(stored.ticket_id, stored);
    return structuredClone(stored);
  }

  seed(tickets: Array<Record<string, unknown>>): void {
    this.tickets.clear();
    for (const t of tickets) this.addTicket(t);
  }

  getTicket(id: string): Ticket | undefined {
    const t = this.tickets.get(id);
    return t && structuredClone(t);
  }

  /** All tickets in the §4 order. */
  listTickets(): Ticket[] {
    return this.ordered().map((t) => structuredClone(t));
  }

  /** Changes a ticket as 12333 would: fields patched, modified_ms = the clock (strictly increasing per ticket). */
  updateTicket(id: string, patch: Record<string, unknown> = {}): Ticket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`simulator: no ticket ${id}`);
    const at = Math.max(this.now().getTime(), t.modified_ms + 1);
    Object.assign(t, patch, { ticket_id: id, modified_ms: at });
    return structuredClone(t);
  }

  /** A batch operation (§4 item 5, e.g. nightly auto-revoke): every ticket stamped with the same modified_ms. */
  batchUpdate(ids: string[], patch: Record<string, unknown> = {}, at = this.now().getTime()): void {
    for (const id of ids) {
      const t = this.tickets.get(id);
      if (!t) throw new Error(`simulator: no ticket ${id}`);
      Object.assign(t, patch, { ticket_id: id, modified_ms: at });
    }
  }

  /** Feedback bodies accepted for a ticket (new feedback_no only), oldest first. */
  feedbackFor(id: string): unknown[] {
    return structuredClone(this.feedbackByTicket.get(id) ?? []);
  }

  // ── faults, keys, limits ───────────────────────────────────────────────────────────────────────
  protected defaultTarget(fault: Fault): FaultTarget {
    return fault.kind === 'malformedPage' || fault.kind === 'changeWhilePaging' ? 'tickets' : 'any';
  }

  setRateLimit(perMinute: number): void {
    this.ratePerMinute = perMinute;
    this.recent.clear();
  }

  addKey(key: string): void {
    this.keys.add(key);
  }

  expireKey(key: string): void {
    this.keys.delete(key);
    this.expiredKeys.add(key);
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────
  protected internalError(res: http.ServerResponse): void {
    this.error(res, 50001);
  }

  protected route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.stats.requests++;
    this.stats.last = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    const target: FaultTarget = url.pathname === '/openapi/tickets' ? 'tickets' : 'feedback';

    const gateway = this.takeFault(target, ['timeout', 'gateway', 'http429']);
    if (gateway?.kind === 'timeout') {
      this.hang(res);
      return; // never answers
    }
    if (gateway?.kind === 'gateway') return this.sendGateway(res, gateway.status);
    if (gateway?.kind === 'http429') {
      return this.sendRaw(
        res,
        429,
        '<html><body><h1>429 Too Many Requests</h1></body></html>',
        'text/html',
        gateway.retryAfter ? { 'Retry-After': String(gateway.retryAfter) } : {},
      );
    }

    // §2: the key, then the limit, then maintenance and injected envelope errors.
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !this.keys.has(key)) return this.error(res, typeof key === 'string' && this.expiredKeys.has(key) ? 40102 : 40101);
    if (!this.rateAllows(key)) return this.error(res, 42901);
    if (this.maintenance && inMaintenance(this.now())) return this.error(res, 50301);
    const injected = this.takeFault(target, ['error']);
    if (injected?.kind === 'error') return this.error(res, injected.code, injected.msg);

    if (url.pathname === '/openapi/tickets' && req.method === 'GET') return this.listPage(url.searchParams, res);
    const post = /^\/openapi\/tickets\/([^/]+)\/feedback$/.exec(url.pathname);
    if (post && req.method === 'POST') return this.postFeedback(decodeURIComponent(post[1]), body, res);
    this.sendGateway(res, 404 as 502);
  }

  /** §6: 60 requests per minute per key (sliding minute, real time). */
  private rateAllows(key: string): boolean {
    const t = Date.now();
    const recent = (this.recent.get(key) ?? []).filter((at) => t - at < 60_000);
    this.recent.set(key, recent);
    if (recent.length >= this.ratePerMinute) return false;
    recent.push(t);
    return true;
  }

  /** §4: the query re-executed for this page; OFFSET (page-1)*page_size LIMIT page_size. */
  private listPage(params: URLSearchParams, res: http.ServerResponse): void {
    const page = intParam(params, 'page');
    const pageSizeAsked = intParam(params, 'page_size');
    const after = intParam(params, 'modified_after');
    if (page === null || page < 1) return this.error(res, 40001, '参数错误: page');
    if (pageSizeAsked === null || pageSizeAsked < 1) return this.error(res, 40001, '参数错误: page_size');
    if (after === null) return this.error(res, 40001, '参数错误: modified_after');
    const pageSize = Math.min(pageSizeAsked, 100); // silently capped
    const matching = this.ordered().filter((t) => t.modified_ms > after);
    const list = matching.slice((page - 1) * pageSize, page * pageSize);
    this.stats.pages.push({ page, pageSize: pageSizeAsked, modifiedAfter: after, returned: list.length, total: matching.length });
    const json = JSON.stringify({ code: 0, msg: 'ok', data: { total: matching.length, list } });
    if (this.takeFault('tickets', ['malformedPage'])) this.sendRaw(res, 200, json.slice(0, Math.max(1, Math.floor(json.length * 0.6))));
    else this.sendRaw(res, 200, json);
    const change = this.takeFault('tickets', ['changeWhilePaging']);
    if (change?.kind === 'changeWhilePaging') change.change(this);
  }

  /** §5. feedback_no is checked before anything about the ticket. */
  private postFeedback(ticketId: string, text: string, res: http.ServerResponse): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.error(res, 40001, '参数错误: body');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return this.error(res, 40001, '参数错误: body');
    const fields = body as Record<string, unknown>;
    if (typeof fields.feedback_no !== 'string' || !FEEDBACK_NO.test(fields.feedback_no)) return this.error(res, 40001, '参数错误: feedback_no');
    const stored = this.feedbackByNo.get(fields.feedback_no);
    if (stored) {
      if (stored.ticketId === ticketId && jsonEqual(stored.body, body)) return this.ok(res, { ...stored.data, duplicate: true });
      return this.error(res, 40903);
    }
    const problem = validateFeedback(fields, this.now().getTime());
    if (problem) return this.error(res, 40001, `参数错误: ${problem}`);
    const t = this.tickets.get(ticketId);
    if (!t) return this.error(res, 40401);
    if (typeof t.created_ms === 'number' && (fields.handled_ms as number) < t.created_ms) return this.error(res, 40001, '参数错误: handled_ms');
    if (t.state === 9) return this.error(res, 40901);
    if (t.state === 2) return this.error(res, 40902);
    const updated = this.updateTicket(ticketId, { state: 2 });
    const data = { ticket_id: ticketId, state: 2, modified_ms: updated.modified_ms, duplicate: false };
    this.feedbackByNo.set(fields.feedback_no, { ticketId, body, data });
    const list = this.feedbackByTicket.get(ticketId) ?? [];
    list.push(body);
    this.feedbackByTicket.set(ticketId, list);
    this.ok(res, data);
  }

  private ordered(): Ticket[] {
    return [...this.tickets.values()].sort((a, b) => a.modified_ms - b.modified_ms || (a.ticket_id < b.ticket_id ? -1 : a.ticket_id > b.ticket_id ? 1 : 0));
  }

  private ok(res: http.ServerResponse, data: unknown): void {
    this.stats.byCode['0'] = (this.stats.byCode['0'] ?? 0) + 1;
    this.sendRaw(res, 200, JSON.stringify({ code: 0, msg: 'ok', data }));
  }

  /** §3 failure envelope, HTTP 200. */
  private error(res: http.ServerResponse, code: number, msg?: string): void {
    this.stats.byCode[String(code)] = (this.stats.byCode[String(code)] ?? 0) + 1;
    this.sendRaw(res, 200, JSON.stringify({ code, msg: msg ?? ERROR_MESSAGES[code] ?? '错误', data: null }));
  }

  private sendRaw(res: http.ServerResponse, status: number, body: string, type = 'application/json;charset=UTF-8', headers: Record<string, string> = {}): void {
    this.writeBody(res, status, body, type, headers);
  }

  /** What an nginx gateway in front of 12333 answers (§6: 502/504 with an HTML body). */
  private sendGateway(res: http.ServerResponse, status: number): void {
    const reason =
      (
        { 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' } as Record<
          number,
          string
        >
      )[status] ?? 'Error';
    const html = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    this.sendRaw(res, status, html, 'text/html');
  }
}

/** 00:30–01:30 Asia/Shanghai. */
export function inMaintenance(at: Date): boolean {
  const local = shanghaiWallClock(at);
  const minute = local.hour * 60 + local.minute;
  return minute >= 30 && minute < 90;
}

function intParam(params: URLSearchParams, name: string): number | null {
  const text = params.get(name);
  if (text === null || !INT.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** §5 field rules; the parameter name or null. */
function validateFeedback(f: Record<string, unknown>, now: number): string | null {
  const len = (v: unknown) => (typeof v === 'string' ? codePointLength(v) : -1);
  if (len(f.result) < 1 || len(f.result) > 1000) return 'result';
  if (len(f.handler_org) < 1 || len(f.handler_org) > 100) return 'handler_org';
  if (f.handler_name !== undefined && f.handler_name !== null && (len(f.handler_name) < 0 || len(f.handler_name) > 20)) return 'handler_name';
  if (typeof f.handled_ms !== 'number' || !Number.isSafeInteger(f.handled_ms) || f.handled_ms > now + FUTURE_TOLERANCE_MS) return 'handled_ms';
  if (f.contacted !== 0 && f.contacted !== 1) return 'contacted';
  return null;
}
