import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { PeriodicJob } from '../../common/periodic';
import { executeBound } from '../../db/sql';
import { maintenanceTransaction } from '../../db/timeouts';

/** Transaction-level advisory lock: one instance folds at a time (the others skip that round). */
const COMPACT_LOCK_KEY = 36070412348;

/**
 * Folds the pending KPI deltas into kpi_daily (the SQL function kpi_compact of migration
 * …_kpi_rollup). Readers add kpi_delta anyway, so this only keeps their reads short. Returns the
 * number of delta rows folded, or null when another instance holds the lock.
 */
export async function compactRollup(fork: () => EntityManager): Promise<number | null> {
  // Maintenance: after a bulk load the fold may legitimately outlast the sessions' statement_timeout.
  return maintenanceTransaction(fork(), async (tx) => {
    const [{ locked }] = await executeBound<{ locked: boolean }>(tx, 'select pg_try_advisory_xact_lock(?) as locked', [COMPACT_LOCK_KEY]);
    if (!locked) return null;
    const [{ folded }] = await executeBound<{ folded: number }>(tx, 'select kpi_compact() as folded', []);
    return folded;
  });
}

/** Recomputes the whole rollup from the raw tables (after a bulk load with triggers off, or to repair). */
export async function rebuildRollup(em: EntityManager): Promise<void> {
  // Minutes per million orders: without the sessions' statement and lock timeouts.
  await maintenanceTransaction(em, async (tx) => {
    await tx.execute('select kpi_rollup_rebuild()');
    await tx.execute('analyze kpi_daily');
  });
}

/** 统计汇总 Folds KPI deltas every `intervalMs` on whichever instance gets the lock. */
export function rollupCompactor(fork: () => EntityManager, intervalMs: number, log?: Logger): PeriodicJob {
  return new PeriodicJob({
    name: 'KPI rollup compaction',
    run: async () => {
      const n = await compactRollup(fork);
      if (n) log?.debug({ folded: n }, 'KPI rollup compacted');
    },
    timing: { everyMs: intervalMs, atStart: true },
    log,
  });
}
