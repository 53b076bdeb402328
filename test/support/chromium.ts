import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Headless Chromium over the DevTools protocol (--remote-debugging-pipe: NUL-separated JSON on
// fds 3 and 4), so that console messages and exceptions are captured as events.

/** A request the page made, with the status of its response (null: none, e.g. blocked by CORS). */
export interface NetworkExchange {
  url: string;
  method: string;
  postData?: string;
  status: number | null;
}

export interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, any>;
  result?: Record<string, any>;
  error?: { message: string };
  sessionId?: string;
}

export class Chromium {
  private nextId = 0;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly listeners = new Set<(m: CdpMessage) => void>();
  private stderr = '';
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    proc.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    (proc.stdio[4] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => this.onData(chunk));
    this.exit = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        this.exited = true;
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(new Error(`chromium exited (${code ?? signal}): ${this.stderr}`));
        }
        this.pending.clear();
        resolve();
      }),
    );
  }

  static launch(): Chromium {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the report test needs Debian's chromium package (apt-get install -y chromium), or CHROMIUM_PATH`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'minyi-chromium-'));
    const proc = spawn(
      CHROMIUM,
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--disable-background-networking',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    return new Chromium(proc, profile);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (let end = this.buffer.indexOf(0); end >= 0; end = this.buffer.indexOf(0)) {
      const message = JSON.parse(this.buffer.subarray(0, end).toString('utf8')) as CdpMessage;
      this.buffer = this.buffer.subarray(end + 1);
      const waiting = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (waiting) {
        this.pending.delete(message.id!);
        clearTimeout(waiting.timer);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result ?? {});
      } else {
        for (const l of this.listeners) l(message);
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    if (this.exited) return Promise.reject(new Error(`chromium is not running: ${this.stderr}`));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} timed out; chromium stderr: ${this.stderr}`));
      }, 15_000);
      this.pending.set(id, { resolve, reject, timer });
      (this.proc.stdio[3] as NodeJS.WritableStream).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Opens `url` in a new tab and returns what the page logged and the value of `probe` (a JS expression) after load. */
  async open(url: string, probe: string): Promise<{ errors: string[]; value: any; requests: NetworkExchange[] }> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const errors: string[] = [];
    const requests = new Map<string, NetworkExchange>();
    let onLoad!: () => void;
    const loaded = new Promise<void>((resolve) => (onLoad = resolve));
    const listener = (m: CdpMessage) => {
      if (m.sessionId !== sessionId || !m.params) return;
      if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert')) {
        errors.push(`console.${m.params.type}: ${m.params.args.map((a: any) => a.value ?? a.description).join(' ')}`);
      } else if (m.method === 'Runtime.exceptionThrown') {
        errors.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
      } else if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') {
        errors.push(`log (${m.params.entry.source}): ${m.params.entry.text} ${m.params.entry.url ?? ''}`);
      } else if (m.method === 'Network.requestWillBeSent') {
        requests.set(m.params.requestId, { url: m.params.request.url, method: m.params.request.method, postData: m.params.request.postData, status: null });
      } else if (m.method === 'Network.responseReceived') {
        const exchange = requests.get(m.params.requestId);
        if (exchange) exchange.status = m.params.response.status;
      } else if (m.method === 'Page.loadEventFired') {
        onLoad();
      }
    };
    this.listeners.add(listener);
    try {
      const s = (method: string, params: Record<string, unknown> = {}) => this.send(method, params, sessionId);
      await s('Runtime.enable');
      await s('Log.enable');
      await s('Page.enable');
      await s('Network.enable');
      await s('Emulation.setDeviceMetricsOverride', { width: 1000, height: 800, deviceScaleFactor: 1, mobile: false });
      const nav = await s('Page.navigate', { url });
      if (nav.errorText) throw new Error(`navigation to ${url} failed: ${nav.errorText}`);
      await loaded;
      const { result, exceptionDetails } = await s('Runtime.evaluate', { expression: probe, returnByValue: true, awaitPromise: true });
      if (exceptionDetails) throw new Error(`probe failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      // Let late messages (e.g. CSP reports) arrive.
      await s('Runtime.evaluate', { expression: 'new Promise((r) => setTimeout(r, 100))', awaitPromise: true });
      return { errors, value: result.value, requests: [...requests.values()] };
    } finally {
      this.listeners.delete(listener);
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.exited) {
      await this.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await this.exit;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}
