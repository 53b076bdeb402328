import { createLogger } from '../src/common/logger';
import { PeriodicJob, type RunOutcome } from '../src/common/periodic';

/**
 * The one scheduler of the background jobs (common/periodic.ts), on jest's fake timers: the clock
 * only moves when the test moves it, and each run ends when the test says so.
 */

/** A promise the test resolves or rejects. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The hub's logger (its serializers and redaction), writing JSON lines into an array. */
function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** A job whose runs wait for the test: `runs` are their releases, in order; `active`/`maxActive` count overlaps. */
function controlledJob() {
  const runs: Array<ReturnType<typeof deferred<void>>> = [];
  const signals: AbortSignal[] = [];
  const state = { active: 0, maxActive: 0 };
  const run = async (signal: AbortSignal) => {
    const release = deferred();
    runs.push(release);
    signals.push(signal);
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    try {
      await release.promise;
    } finally {
      state.active--;
    }
  };
  return { run, runs, signals, state };
}

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at a fixed rate and never overlaps: ticks while a run is under way are skipped, not queued', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob({ name: 'test job', run: job.run, timing: { everyMs: 1000 } });
    periodic.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(job.runs).toHaveLength(0); // no run at start unless asked
    await jest.advanceTimersByTimeAsync(1);
    expect(job.runs).toHaveLength(1);
    // The run outlasts five intervals: no second run starts meanwhile, none is queued behind it.
    await jest.advanceTimersByTimeAsync(5000);
    expect(job.runs).toHaveLength(1);
    job.runs[0].resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1000); // the next tick after the run ended
    expect(job.runs).toHaveLength(2);
    job.runs[1].resolve();
    await periodic.stop();
    expect(job.state.maxActive).toBe(1);
  });

  it('runs once at start when asked to, and an interval of 0 runs only on demand', async () => {
    const atStart = controlledJob();
    const first = new PeriodicJob({ name: 'at start', run: atStart.run, timing: { everyMs: 60_000, atStart: true } });
    first.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(atStart.runs).toHaveLength(1);
    atStart.runs[0].resolve();
    await first.stop();

    let runs = 0;
    const manual = new PeriodicJob({ name: 'manual', run: async () => ++runs, timing: { everyMs: 0, atStart: true } });
    manual.start();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toBe(0);
    expect(await manual.runNow()).toBe(1);
    await manual.stop();
    expect(await manual.runNow()).toBeUndefined(); // stopped: nothing runs any more
    expect(runs).toBe(1);
  });

  it('nudge(delay) runs after its delay, queues at most one run behind the one under way, coalesces, and does nothing unless started at a fixed rate', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob({ name: 'nudged', run: job.run, timing: { everyMs: 60_000 } });
    periodic.nudge(); // not started: nothing
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(0);
    periodic.start();
    periodic.nudge(100);
    periodic.nudge(100); // waiting already: coalesced
    await jest.advanceTimersByTimeAsync(99);
    expect(job.runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(job.runs).toHaveLength(1); // after its delay, not at the next tick a minute later
    for (let i = 0; i < 5; i++) periodic.nudge(); // while it runs: one run queued, the rest coalesce
    job.runs[0].resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(2);
    job.runs[1].resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(2);
    await periodic.stop();
    periodic.nudge(); // stopped: nothing
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(2);
    expect(job.state.maxActive).toBe(1);

    let runs = 0;
    const manual = new PeriodicJob({ name: 'manual', run: async () => ++runs, timing: { everyMs: 0 } });
    manual.start();
    manual.nudge(); // an interval of 0 runs only on demand
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toBe(0);
    await manual.stop();
  });

  it('runNow waits for the run under way: runs asked for at once still do not overlap', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob({ name: 'test job', run: job.run, timing: { everyMs: 0 } });
    const a = periodic.runNow();
    const b = periodic.runNow();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(1);
    job.runs[0].resolve();
    await a;
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(2);
    job.runs[1].resolve();
    await b;
    expect(job.state.maxActive).toBe(1);
  });

  it('stop() aborts the signal, waits for the run under way, abandons the runs not started and stops the timer', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob({ name: 'test job', run: job.run, timing: { everyMs: 1000, atStart: true } });
    periodic.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(1);
    const queued = periodic.runNow(); // asked for, behind the run under way
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(job.signals[0].aborted).toBe(true); // a job working in steps sees it at its next step
    expect(stopped).toBe(false); // still waiting for the run under way
    job.runs[0].resolve();
    await stopping;
    expect(stopped).toBe(true);
    expect(await queued).toBeUndefined();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(job.runs).toHaveLength(1); // the queued run and later ticks never started
  });

  it('starts afresh after stop() when started again (a second start while running adds no timer)', async () => {
    let runs = 0;
    const periodic = new PeriodicJob({ name: 'test job', run: async () => ++runs, timing: { everyMs: 1000 } });
    periodic.start();
    periodic.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    await periodic.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(1);
    periodic.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    await periodic.stop();
  });

  it('a failed run is logged (safely: no SQL text or values) and later runs go on as planned', async () => {
    const { log, lines } = capturedLog();
    let calls = 0;
    const periodic = new PeriodicJob({
      name: 'test job',
      run: async () => {
        calls++;
        if (calls === 1) {
          // What a driver error looks like: the statement and a value in the message, the row in `detail`.
          throw Object.assign(new Error('insert into t values ($1) - duplicate key 13800138000'), {
            code: '23505',
            detail: 'Key (phone)=(13800138000) already exists',
          });
        }
        return calls;
      },
      timing: { everyMs: 1000 },
      log,
      failure: { level: 'error', message: 'test job failed', fields: { channel: '12315' } },
    });
    periodic.start();
    await jest.advanceTimersByTimeAsync(1000);
    await jest.advanceTimersByTimeAsync(1000);
    await jest.advanceTimersByTimeAsync(1000);
    await periodic.stop();
    expect(calls).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'test job failed', channel: '12315', err: { type: 'Error', code: '23505' } });
    expect(JSON.stringify(lines[0])).not.toContain('13800138000');
  });

  it('logs a failure at warn as "<name> failed" by default, and not at all when the job says it is no failure', async () => {
    const { log, lines } = capturedLog();
    class Abandoned extends Error {}
    const errors = [new Error('connection refused'), new Abandoned('stopping')];
    const periodic = new PeriodicJob({
      name: 'test job',
      run: async () => {
        throw errors.shift();
      },
      timing: { everyMs: 1000 },
      log,
      failure: { ignore: (error) => error instanceof Abandoned },
    });
    periodic.start();
    await jest.advanceTimersByTimeAsync(2000);
    await periodic.stop();
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'test job failed', err: expect.objectContaining({ message: 'connection refused' }) })]);
  });

  it('variable timing: each delay is decided after the last run ended, from how it ended', async () => {
    const seen: Array<RunOutcome<boolean> | null> = [];
    const script: Array<boolean | Error> = [true, false, new Error('gone')];
    const started: number[] = [];
    const periodic = new PeriodicJob<boolean>({
      name: 'relay',
      run: async () => {
        started.push(Date.now());
        const next = script.shift() ?? false;
        if (next instanceof Error) throw next;
        return next;
      },
      // At once first and while more is waiting, else 500 ms; after a failure 300 ms.
      timing: {
        delayMs: (last) => {
          seen.push(last);
          return last === null || (!last.failed && last.result) ? 0 : last.failed ? 300 : 500;
        },
      },
    });
    periodic.start();
    await jest.advanceTimersByTimeAsync(1500);
    await periodic.stop();
    const gaps = started.slice(1).map((t, i) => t - started[i]);
    // Again at once (more was waiting; the fake clock may have moved 1 ms meanwhile), then 500 ms, then 300 ms after the failure, then 500 ms.
    expect(gaps[0]).toBeLessThanOrEqual(1);
    expect(gaps.slice(1, 4)).toEqual([500, 300, 500]);
    expect(seen.slice(0, 4)).toEqual([null, { failed: false, result: true }, { failed: false, result: false }, { failed: true }]);
    const runs = started.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(runs); // stopped: no more runs
  });
});
