import type { Logger } from 'pino';
import { PeriodicJob } from '../common/periodic';
import type { PullConnector } from './connector';
import type { SyncRunner } from './sync-runner';

/** A pull channel's polling interval when neither its definition nor the environment says otherwise (5 min). */
export const DEFAULT_POLL_SECONDS = 300;

/** `MINYI_<CODE>_POLL_SECONDS` (code upper-cased); else the definition's interval (its spec's), else 5 min; 0 = off. */
export function pollSeconds(code: string, env: NodeJS.ProcessEnv = process.env, defaultSeconds = DEFAULT_POLL_SECONDS): number {
  const raw = env[`MINYI_${code.toUpperCase().replace(/-/g, '_')}_POLL_SECONDS`];
  const value = raw === undefined || raw === '' ? defaultSeconds : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`MINYI_${code.toUpperCase()}_POLL_SECONDS must be a whole number of seconds`);
  return value;
}

/**
 * Each pull channel polls on its own interval (one PeriodicJob each). Every instance schedules every
 * channel; the runner's advisory lock lets only one of them pull a given channel at a time, the
 * others skip. A channel's runs never overlap on this instance.
 */
export class PullScheduler {
  private readonly jobs = new Map<string, PeriodicJob>();
  private started = false;

  constructor(
    private readonly runner: SyncRunner,
    private readonly log?: Logger,
    /** The channel's own polling interval (its connector definition's), when it declares one. */
    private readonly defaultPollSeconds: (code: string) => number | undefined = () => undefined,
  ) {}

  /** Schedules these channels (running at once if the scheduler is started); a channel already scheduled keeps its job. */
  add(connectors: ReadonlyMap<string, PullConnector>, env: NodeJS.ProcessEnv = process.env): void {
    for (const [code, connector] of connectors) {
      const seconds = pollSeconds(code, env, this.defaultPollSeconds(code));
      if (!seconds || this.jobs.has(code)) continue;
      const job = new PeriodicJob({
        name: `scheduled sync ${code}`,
        run: () => this.runner.run(connector, 'SCHEDULE'),
        timing: { everyMs: seconds * 1000 },
        log: this.log,
        failure: { level: 'error', message: 'scheduled sync failed', fields: { channel: code } },
      });
      this.jobs.set(code, job);
      if (this.started) job.start();
    }
  }

  start(): void {
    this.started = true;
    for (const job of this.jobs.values()) job.start();
  }

  /** No new runs; resolves once the runs under way have finished (each ends with its SyncRun record). */
  async stop(): Promise<void> {
    this.started = false;
    const stopped = [...this.jobs.values()].map((job) => job.stop()); // timers cleared at once
    this.runner.shutdown(); // runs waiting to retry end now
    await Promise.all(stopped);
  }
}
