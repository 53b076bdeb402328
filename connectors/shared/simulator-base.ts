import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseIsoDateTime } from '../../src/common/time';

/**
 * What the channel simulators share (channels README "Simulator profile"): a loopback HTTP server
 * started on a free port and stopped with its hanging requests, a settable clock that ticks in real
 * time unless frozen, and faults armed for the next N matching requests. Each simulator keeps its
 * channel's routes, authentication, limits and answers in its own folder.
 */

interface ArmedFault<F, T> {
  fault: F;
  on: T;
  remaining: number;
}

export abstract class SimulatorBase<F extends { kind: string }, T extends string> {
  private server!: http.Server;
  private faults: Array<ArmedFault<F, T>> = [];
  private clockBase: number;
  private clockSetAt = Date.now();
  private frozen: boolean;
  /** Requests left hanging by a timeout fault; destroyed on stop. */
  protected readonly hanging = new Set<http.ServerResponse>();
  /** `http://127.0.0.1:<port><basePath>`, once started. */
  url = '';

  constructor(
    private readonly basePath: string,
    clockMs: number,
    frozen: boolean,
  ) {
    this.clockBase = clockMs;
    this.frozen = frozen;
  }

  async listen(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.basePath}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── clock ──────────────────────────────────────────────────────────────────────────────────────
  now(): Date {
    return new Date(this.frozen ? this.clockBase : this.clockBase + (Date.now() - this.clockSetAt));
  }

  protected setClockMs(ms: number, options: { frozen?: boolean } = {}): void {
    this.clockBase = ms;
    this.clockSetAt = Date.now();
    if (options.frozen !== undefined) this.frozen = options.frozen;
  }

  advanceClock(ms: number): void {
    this.setClockMs(this.now().getTime() + ms);
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────────
  /** Where a fault applies when `setFault` is not told. */
  protected abstract defaultTarget(fault: F): T;

  /** Arms a fault for the next `times` matching requests (Infinity: until cleared). */
  setFault(fault: F, options: { times?: number; on?: T } = {}): void {
    this.faults.push({ fault, on: options.on ?? this.defaultTarget(fault), remaining: options.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The first armed fault of one of `kinds` for `target` (or armed for / asked as 'any'), counted down. */
  protected takeFault(target: T, kinds: Array<F['kind']>): F | null {
    const i = this.faults.findIndex((f) => kinds.includes(f.fault.kind) && (f.on === 'any' || target === 'any' || f.on === target));
    if (i < 0) return null;
    const armed = this.faults[i];
    armed.remaining--;
    if (armed.remaining <= 0) this.faults.splice(i, 1);
    return armed.fault;
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────
  /** The channel's routing, with the request body read as UTF-8. */
  protected abstract route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void;

  /** The channel's answer when `route` throws. */
  protected abstract internalError(res: http.ServerResponse, error: Error): void;

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        this.route(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        this.internalError(res, error as Error);
      }
    });
  }

  /** The timeout fault: the request is never answered (until the client gives up or the simulator stops). */
  protected hang(res: http.ServerResponse): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  protected writeBody(res: http.ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}): void {
    const payload = Buffer.from(body, 'utf8');
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': payload.length, ...headers });
    res.end(payload);
  }
}

/** A fixture of `connectors/<channel>/fixtures` (also when running from dist/). `dirname`: the simulator's __dirname. */
export function readFixture<V>(dirname: string, channel: string, file: string): V {
  const candidates = [join(dirname, 'fixtures'), join(dirname, '..', '..', '..', 'connectors', channel, 'fixtures')];
  const dir = candidates.find((d) => existsSync(join(d, file)));
  if (!dir) throw new Error(`${channel} simulator: fixtures/${file} not found`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as V;
}

/** A simulator clock setting: an instant, or ISO 8601 text with an offset. */
export function clockMs(at: Date | string): number {
  if (at instanceof Date) return at.getTime();
  const parsed = parseIsoDateTime(at, { requireOffset: true });
  if (!parsed) throw new Error('simulator: clock must be an ISO 8601 date-time with offset');
  return parsed.instant.getTime();
}

/** "Equal as parsed JSON" (the specs' idempotency rule): same values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
