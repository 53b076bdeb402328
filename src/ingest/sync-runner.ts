import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { Channel, SyncRun } from '../entities';
import { ChannelError, type Checkpoint, type Page, type PullConnector, type Revisit } from './connector';
import { pgArray } from '../db/sql';
import type { IngestService } from './ingest.service';
import { mapSafely } from './registry';
import { SyncRunStatus } from './vocabulary';

export interface RetryPolicy {
  /** Consecutive failures of one page before the run gives up. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 12315 §6: exponential back-off from 2 s, at most 5 min; jitter keeps instances apart. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 6, baseDelayMs: 2000, maxDelayMs: 300_000 };

const STREAM = 'default';

/** Capped exponential back-off with full jitter. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * One pull run of a channel, the same for every connector: page by page from the stored
 * checkpoint, each page landed, mapped and applied with its checkpoint in one transaction (a crash
 * loses nothing and a replay duplicates nothing); 429 waits for Retry-After, 5xx and timeouts back
 * off, an expired cursor restarts from the watermark, an auth failure stops the run. Only one
 * instance pulls a channel at a time (a PostgreSQL advisory lock held by the run's own session).
 * Every run leaves a SyncRun record.
 */
export class SyncRunner {
  constructor(
    private readonly url: string,
    private readonly fork: () => EntityManager,
    private readonly ingest: IngestService,
    private readonly log?: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private stopping = false;
  private stop!: () => void;
  /** Resolves when the hub stops: a run waiting to retry ends at once (its checkpoint holds what it did). */
  private readonly stopped = new Promise<void>((resolve) => (this.stop = resolve));

  /** No run goes on after this: the ones under way end at their next page or retry. */
  shutdown(): void {
    this.stopping = true;
    this.stop();
  }

  /** Runs one sync; null when another instance is already pulling this channel. */
  async run(connector: PullConnector, trigger: 'SCHEDULE' | 'MANUAL' | 'CLI'): Promise<SyncRun | null> {
    return this.locked(connector.manifest.code, () => this.pull(connector, trigger));
  }

  /** Runs `body` holding the channel's advisory lock; null when another session holds it. */
  private async locked<T>(code: string, body: () => Promise<T>): Promise<T | null> {
    const lock = new Client({ connectionString: this.url, application_name: `minyi-sync-${code}` });
    lock.on('error', () => undefined); // a dropped connection fails the query under way; never an unhandled 'error'
    await lock.connect();
    try {
      const { rows } = await lock.query(`select pg_try_advisory_lock(hashtext('minyi:sync:' || $1)) as locked`, [code]);
      if (!rows[0].locked) return null;
      return await body();
    } finally {
      await lock.end().catch(() => undefined); // ends the session: the lock goes with it
    }
  }

  private async pull(connector: PullConnector, trigger: string): Promise<SyncRun> {
    const code = connector.manifest.code;
    const em = this.fork();
    const channel = await em.findOneOrFail(Channel, { code });
    const run = em.create(SyncRun, { channel, trigger });
    await em.flush();
    const started = Date.now();
    try {
      const [stored] = await em.execute('select cursor from ingest_checkpoint where channel_id = ? and stream = ?', [channel.id, STREAM]);
      let checkpoint: Checkpoint = (stored?.cursor as Checkpoint | null) ?? {};
      for (let failures = 0; ; ) {
        if (this.stopping) throw new Error('the hub is stopping; the run resumes from its checkpoint next time');
        let page;
        try {
          page = await connector.fetchPage(checkpoint);
          failures = 0;
        } catch (error) {
          const wait = this.handle(error, failures, run, checkpoint, connector);
          if (wait === 'restart') {
            checkpoint = restartFrom(connector, checkpoint);
            continue;
          }
          failures++;
          run.retries++;
          await Promise.race([this.sleep(wait), this.stopped]);
          continue;
        }
        await this.ingestPage(run, connector, page);
        checkpoint = page.next;
        if (page.done) break;
      }
      if (connector.revisit) await this.revisit(run, connector, connector.revisit);
      run.status = SyncRunStatus.SUCCEEDED;
    } catch (error) {
      run.status = SyncRunStatus.FAILED;
      const message = error instanceof Error ? error.message : String(error);
      if (run.errors.at(-1) !== message) run.errors = [...run.errors, message].slice(-20); // fetch errors are recorded as they happen
      this.log?.warn({ channel: code, err: error instanceof Error ? error.message : String(error) }, 'sync run failed');
    } finally {
      run.finishedAt = new Date();
      await em.flush();
      this.log?.info(
        { channel: code, ms: Date.now() - started, pages: run.pages, created: run.created, updated: run.updated, quarantined: run.quarantined },
        'sync run',
      );
    }
    return run;
  }

  /**
   * One page: mapped, landed and applied with the checkpoint that covers it. A large page (a
   * 12328 file) goes in chunks of `chunk` records, the checkpoint with the last one: a crash
   * in between leaves the checkpoint behind, and the re-run repeats the chunks idempotently.
   */
  private async ingestPage(
    run: SyncRun,
    connector: Pick<PullConnector, 'manifest' | 'map'>,
    page: Page,
    onProgress?: (done: number, total: number) => void,
    chunk = 1000,
  ): Promise<void> {
    const code = connector.manifest.code;
    if (page.notices?.length) run.notices = [...run.notices, ...page.notices].slice(-100);
    const watermark = typeof page.next.watermark === 'string' ? new Date(page.next.watermark) : null;
    const total = page.records.length;
    for (let start = 0; ; start += chunk) {
      const slice = page.records.slice(start, start + chunk);
      const items = slice.map((raw) => ({ raw, result: mapSafely((r) => connector.map(r), raw) }));
      const last = start + chunk >= total;
      const outcomes = await this.ingest.ingest(this.fork(), code, items, last ? { stream: STREAM, value: page.next, watermark } : undefined);
      for (const o of outcomes) {
        if (o.status === 'created') run.created++;
        else if (o.status === 'updated') run.updated++;
        else if (o.status === 'unchanged') run.unchanged++;
        else if (o.status === 'superseded') run.superseded++;
        else run.quarantined++;
      }
      onProgress?.(Math.min(total, start + chunk), total);
      if (last) break;
    }
    run.pages++;
  }

  /** Re-reads the records the pull does not bring back when they change (oldest first, 200 a run). */
  private async revisit(run: SyncRun, connector: PullConnector, revisit: Revisit): Promise<void> {
    const due: Array<{ external_id: string }> = await this.fork().execute(
      `select s.external_id from work_order_source s join channel c on c.id = s.channel_id
        where c.code = ? and s.channel_status = any(?::text[]) and s.last_seen_at < ?
        order by s.last_seen_at limit 200`,
      [connector.manifest.code, pgArray([...revisit.statuses]), new Date(Date.now() - revisit.everyMs)],
    );
    if (!due.length) return;
    const records = await revisit.read(due.map((d) => d.external_id));
    const outcomes = await this.ingest.ingest(
      this.fork(),
      connector.manifest.code,
      records.map((raw) => ({ raw, result: mapSafely((r) => connector.map(r), raw) })),
    );
    run.revisited += records.length;
    for (const o of outcomes) if (o.status === 'updated') run.updated++;
  }

  /**
   * Imports one page made outside the poll (`minyi import 12328 <file>`): under the channel's lock,
   * recorded as a run, with progress. `produce` gets the stored checkpoint and returns the page.
   */
  async importPage(
    connector: Pick<PullConnector, 'manifest' | 'map'>,
    produce: (checkpoint: Checkpoint) => Promise<Page>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncRun | null> {
    return this.locked(connector.manifest.code, async () => {
      const em = this.fork();
      const channel = await em.findOneOrFail(Channel, { code: connector.manifest.code });
      const run = em.create(SyncRun, { channel, trigger: 'CLI' });
      await em.flush();
      try {
        const [stored] = await em.execute('select cursor from ingest_checkpoint where channel_id = ? and stream = ?', [channel.id, STREAM]);
        await this.ingestPage(run, connector, await produce((stored?.cursor as Checkpoint | null) ?? {}), onProgress);
        run.status = SyncRunStatus.SUCCEEDED;
      } catch (error) {
        run.status = SyncRunStatus.FAILED;
        run.errors = [...run.errors, error instanceof Error ? error.message : String(error)].slice(-20);
      } finally {
        run.finishedAt = new Date();
        await em.flush();
      }
      return run;
    });
  }

  /** What to do about a failed fetch: wait this long and retry, restart from the watermark, or give up (throws). */
  private handle(error: unknown, failures: number, run: SyncRun, checkpoint: Checkpoint, connector: PullConnector): number | 'restart' {
    const message = error instanceof Error ? error.message : String(error);
    run.errors = [...run.errors, message].slice(-20);
    if (!(error instanceof ChannelError)) {
      if (failures >= this.retry.maxRetries) throw error;
      return backoffMs(failures, this.retry);
    }
    switch (error.kind) {
      case 'RATE_LIMITED':
        if (failures >= this.retry.maxRetries) throw error;
        return error.retryAfterMs ?? backoffMs(failures, this.retry);
      case 'RETRYABLE':
        if (failures >= this.retry.maxRetries) throw error;
        return Math.max(error.retryAfterMs ?? 0, backoffMs(failures, this.retry));
      case 'RESTART': {
        // Already at the watermark: nothing to restart from.
        if (JSON.stringify(restartFrom(connector, checkpoint)) === JSON.stringify(checkpoint)) throw error;
        return 'restart';
      }
      case 'FATAL':
        throw error;
    }
  }
}

/** The checkpoint to continue from after a RESTART error (the connector's own rule, or without `cursor`). */
function restartFrom(connector: PullConnector, checkpoint: Checkpoint): Checkpoint {
  if (connector.restartCheckpoint) return connector.restartCheckpoint(checkpoint) as Checkpoint;
  const { cursor: _dropped, ...rest } = checkpoint;
  return rest;
}
