import type { Logger } from 'pino';
import type { PullConnector } from './connector';
import type { SyncRunner } from './sync-runner';

/** Each spec's polling interval: 12315.md §3 every 5 min, petition.md §2 every 10 min; others 5 min. */
const DEFAULT_POLL_SECONDS: Readonly<Record<string, number>> = { xf: 600 };

/** `MINYI_<CODE>_POLL_SECONDS` (code upper-cased); default per spec (above); 0 = off. */
export function pollSeconds(code: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`MINYI_${code.toUpperCase().replace(/-/g, '_')}_POLL_SECONDS`];
  const value = raw === undefined || raw === '' ? (DEFAULT_POLL_SECONDS[code] ?? 300) : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`MINYI_${code.toUpperCase()}_POLL_SECONDS must be a whole number of seconds`);
  return value;
}

/**
 * Each pull channel polls on its own interval. Every instance schedules every channel; the
 * runner's advisory lock lets only one of them pull a given channel at a time, the others skip.
 */
export class PullScheduler {
  private timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly runner: SyncRunner,
    private readonly log?: Logger,
  ) {}

  start(connectors: ReadonlyMap<string, PullConnector>, env: NodeJS.ProcessEnv = process.env): void {
    for (const [code, connector] of connectors) {
      const seconds = pollSeconds(code, env);
      if (!seconds) continue;
      const timer = setInterval(() => void this.tick(code, connector), seconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  private async tick(code: string, connector: PullConnector): Promise<void> {
    if (this.running.has(code)) return; // this instance is still on the previous run
    const run = this.runner
      .run(connector, 'SCHEDULE')
      .then(() => undefined)
      .catch((error) => this.log?.error({ channel: code, err: error instanceof Error ? error.message : String(error) }, 'scheduled sync failed'))
      .finally(() => this.running.delete(code));
    this.running.set(code, run);
    await run;
  }

  /** No new runs; resolves once the runs under way have finished (each ends with its SyncRun record). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.runner.shutdown(); // runs waiting to retry end now
    await Promise.all(this.running.values());
  }
}
