import type { Logger } from 'pino';

/**
 * When a job runs:
 * - `everyMs`: a fixed rate, like setInterval: a tick every interval, skipped while a run is under way
 *   (a job slower than its interval must not queue up); `atStart` runs it once at start too. 0 or less:
 *   never on its own, only when asked (runNow), as tests do.
 * - `delayMs`: the next run this long after the last one ended, decided each time (a random trickle;
 *   "again at once while more is waiting"). `last` is null before the first run.
 */
export type Timing<T> = { everyMs: number; atStart?: boolean } | { delayMs(last: RunOutcome<T> | null): number };

/** How a run ended. */
export type RunOutcome<T> = { failed: false; result: T } | { failed: true };

/** How a failed run is logged: level, message and fields of the log line; the error goes in `err`. */
export interface FailureLog {
  /** Default `warn`. */
  level?: 'warn' | 'error';
  /** Default `<name> failed`. */
  message?: string;
  /** Fields beside `err` (a channel code …), never personal data. */
  fields?: Record<string, unknown>;
  /** Failures that are not failures (the job abandoned because the hub stops …): not logged. */
  ignore?: (error: unknown) => boolean;
}

export interface PeriodicJobOptions<T> {
  /** What the logs call it ("event log prune"). */
  name: string;
  /** One run. `signal` is aborted by stop(): a job working in steps ends at its next step. */
  run: (signal: AbortSignal) => Promise<T>;
  timing: Timing<T>;
  log?: Logger;
  failure?: FailureLog;
}

/**
 * The one scheduler of the hub's background jobs (SLA alert scan, outbox, text analyser, channel
 * pulls, event-log prune, rollup compaction, event relay, demo trickle). Each instance runs its own
 * jobs; a job that only one instance may do takes an advisory lock itself. Runs never overlap.
 * A failed run is logged (the `err` serializer keeps only what cannot quote values, common/log-safety.ts)
 * and the next runs happen as planned. stop() abandons the runs asked for and not started, aborts the
 * job's signal and waits for the run under way. Timers never keep the process alive.
 */
export class PeriodicJob<T = unknown> {
  private timer?: NodeJS.Timeout;
  /** A nudge waiting for its delay (nudge()). */
  private nudged?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Runs asked for and not finished (a fixed-rate tick is skipped while there is one). */
  private pending = 0;
  private started = false;
  private stopping = new AbortController();

  constructor(private readonly options: PeriodicJobOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  /** Starts the timing (a second start while started does nothing; after stop() it starts afresh). */
  start(): void {
    if (this.started) return;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.started = true;
    const { timing } = this.options;
    if ('delayMs' in timing) return this.after(null);
    if (timing.everyMs <= 0) return;
    this.timer = setInterval(() => void (this.pending ? undefined : this.runNow()), timing.everyMs);
    this.timer.unref();
    if (timing.atStart) void this.runNow();
  }

  /** Runs the job now (after the run under way, if any); resolves with its result, undefined when it failed or was abandoned. */
  async runNow(): Promise<T | undefined> {
    const outcome = await this.execute();
    return outcome && !outcome.failed ? outcome.result : undefined;
  }

  /**
   * A run soon, for work that just arrived (a fixed-rate job only, while started): after `delayMs`
   * (so that work arriving together is handled in one run), and nothing when a nudge is already
   * waiting or a run is already queued behind the one under way: nudges coalesce.
   */
  nudge(delayMs = 0): void {
    const { timing } = this.options;
    if (!this.started || !('everyMs' in timing) || timing.everyMs <= 0 || this.nudged || this.pending > 1) return;
    this.nudged = setTimeout(() => {
      this.nudged = undefined;
      if (this.started && this.pending <= 1) void this.execute();
    }, delayMs);
    this.nudged.unref();
  }

  /** No new runs; aborts the signal and waits for the run under way (its failure is logged, not thrown). */
  async stop(): Promise<void> {
    clearTimeout(this.timer); // an interval's timer too (Node clears either with either)
    clearTimeout(this.nudged);
    this.nudged = undefined;
    this.started = false;
    this.stopping.abort();
    await this.running;
  }

  /** Variable timing: the next run `delayMs(last)` after the last one ended. */
  private after(last: RunOutcome<T> | null): void {
    if (this.stopping.signal.aborted) return;
    const { timing } = this.options;
    if (!('delayMs' in timing)) return;
    this.timer = setTimeout(() => void this.execute().then((outcome) => outcome && this.after(outcome)), Math.max(0, timing.delayMs(last)));
    this.timer.unref();
  }

  /** One run, queued behind the run under way; null when stop() came first. */
  private execute(): Promise<RunOutcome<T> | null> {
    this.pending++;
    const run = (this.running ?? Promise.resolve())
      .then(async (): Promise<RunOutcome<T> | null> => {
        if (this.stopping.signal.aborted) return null;
        try {
          return { failed: false, result: await this.options.run(this.stopping.signal) };
        } catch (error) {
          this.logFailure(error);
          return { failed: true };
        }
      })
      .finally(() => this.pending--);
    this.running = run;
    return run;
  }

  private logFailure(error: unknown): void {
    const { log, name, failure = {} } = this.options;
    if (!log || failure.ignore?.(error)) return;
    log[failure.level ?? 'warn']({ ...failure.fields, err: error }, failure.message ?? `${name} failed`);
  }
}

/** What the hub starts and stops through its one list of background jobs. */
export interface BackgroundJob {
  start(): void;
  /** No new runs; resolves once the run under way has ended. */
  stop(): Promise<void>;
}
