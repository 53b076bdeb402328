import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { PeriodicJob } from '../common/periodic';
import { executeBound } from '../db/sql';

/** Transaction-level advisory lock: one instance prunes at a time (the others skip that round). */
const PRUNE_LOCK_KEY = 36070412347;
/** Rows deleted per statement, so a long-idle log is trimmed in short transactions. */
const BATCH = 10_000;
const HOUR_MS = 3_600_000;

/**
 * Deletes event-log rows older than `retentionMs` (a client reconnecting with an older cursor
 * gets only what is still kept). Returns the number of rows deleted, or null when another
 * instance holds the prune lock.
 */
export async function pruneEventLog(fork: () => EntityManager, retentionMs: number, signal?: AbortSignal): Promise<number | null> {
  let total = 0;
  for (;;) {
    if (signal?.aborted) return total; // the hub is stopping: the rest waits for the next start
    const deleted = await fork().transactional(async (tx) => {
      const [{ locked }] = await executeBound<{ locked: boolean }>(tx, 'select pg_try_advisory_xact_lock(?) as locked', [PRUNE_LOCK_KEY]);
      if (!locked) return null;
      const rows = await executeBound<{ n: number }>(
        tx,
        `with gone as (delete from event_log where id in (
           select id from event_log where created_at < now() - ?::interval order by id limit ?) returning 1)
         select count(*)::int as n from gone`,
        [`${Math.floor(retentionMs)} milliseconds`, BATCH],
      );
      return rows[0].n;
    });
    if (deleted === null) return total ? total : null;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/** 事件日志保留 Prunes the event log every hour (and once at start), on whichever instance gets the lock. */
export function eventLogPruner(fork: () => EntityManager, retentionMs: number, log?: Logger, intervalMs = HOUR_MS): PeriodicJob {
  return new PeriodicJob({
    name: 'event log prune',
    run: async (signal) => {
      const n = await pruneEventLog(fork, retentionMs, signal);
      if (n) log?.info({ deleted: n }, 'event log pruned');
    },
    timing: { everyMs: intervalMs, atStart: true },
    log,
  });
}
