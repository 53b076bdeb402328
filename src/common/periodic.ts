import type { Logger } from 'pino';

/**
 * A job run every `intervalMs` (and once at start) on each instance; the job itself takes an
 * advisory lock when only one instance may do the work. Runs never overlap. stop() abandons the
 * runs asked for and not started, aborts the job's signal (a job working in steps ends at its next
 * step) and waits for the step under way. An interval of 0 runs it only when asked (runNow), as tests do.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Runs asked for and not finished (a tick is skipped while there is one). */
  private pending = 0;
  private readonly stopping = new AbortController();

  constructor(
    private readonly name: string,
    private readonly job: (signal: AbortSignal) => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly log?: Logger,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    // A tick while a run is under way is skipped: a job slower than its interval must not queue up.
    this.timer = setInterval(() => void (this.pending ? undefined : this.runNow()), this.intervalMs);
    this.timer.unref();
    void this.runNow();
  }

  /** Runs the job now (after the run under way, if any); failures are logged, not thrown. */
  runNow(): Promise<unknown> {
    this.pending++;
    const run = (this.running ?? Promise.resolve())
      .then(() => (this.stopping.signal.aborted ? undefined : this.job(this.stopping.signal)))
      .catch((error) => this.log?.warn({ err: error }, `${this.name} failed`))
      .finally(() => this.pending--);
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }
}
