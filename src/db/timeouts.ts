import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * 数据库时限 Deadlines of the hub's database sessions, so that a hung or unreachable database turns
 * into a prompt UNAVAILABLE (db/unavailable.ts) instead of a request that never ends:
 * - `statement_timeout` and `lock_timeout` on every session (startup options, server side);
 * - a client-side deadline per statement (`clientDeadlineMs`), because a stopped server cannot
 *   enforce its own statement_timeout: past it the connection is dropped from the pool;
 * - the wait for a pooled connection (knex `acquireConnectionTimeout`) and for a new connection
 *   (pg `connectionTimeoutMillis`).
 * Maintenance that legitimately runs longer (migrations, kpi_compact / kpi_rollup_rebuild) runs in
 * `maintenanceTransaction`, which lifts both limits for its own transaction only.
 */
export interface DbTimeouts {
  statementMs: number;
  lockMs: number;
  acquireMs: number;
  connectMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { statementMs: 15_000, lockMs: 5_000, acquireMs: 10_000, connectMs: 10_000 };

/** The client-side deadline of one statement: the server's statement_timeout plus a grace of up to 5 s (0: none). */
export function clientDeadlineMs(statementMs: number): number {
  return statementMs > 0 ? statementMs + Math.min(5_000, statementMs) : 0;
}

/** Longest timer Node accepts (about 24.8 days): "no client deadline" for a maintenance statement. */
const UNBOUNDED_MS = 2 ** 31 - 1;
/** The statement maintenanceTransaction starts with; the pool hook recognises it. */
const LIFT = /^\s*set\s+local\s+statement_timeout\s*(=|to)\s*'?0'?\s*;?\s*$/i;
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;
const QUERY_READ_TIMEOUT = 'Query read timeout';

interface PgConnection {
  query: (...args: unknown[]) => unknown;
  connection?: { stream?: { destroy(): void } };
  __knex__disposed?: unknown;
}

/**
 * The knex pool's `afterCreate` hook: gives each statement of the connection the client-side
 * deadline (none inside a maintenance transaction, until it commits or rolls back), and when a
 * statement misses it, closes the connection so the pool never hands out a session stuck behind a
 * statement that may still be running (or a transaction left open).
 */
export function connectionDeadlineHook(deadlineMs: number) {
  return (conn: PgConnection, done: (error: Error | null, conn: PgConnection) => void): void => {
    if (deadlineMs > 0) {
      const query = conn.query.bind(conn);
      let unbounded = false;
      conn.query = (config: unknown, ...rest: unknown[]) => {
        const plain = !!config && typeof config === 'object' && typeof (config as { submit?: unknown }).submit !== 'function';
        const text = typeof config === 'string' ? config : plain ? String((config as { text?: unknown }).text ?? '') : '';
        if (LIFT.test(text)) unbounded = true;
        const ending = TRANSACTION_END.test(text);
        const timeout = unbounded ? UNBOUNDED_MS : deadlineMs;
        if (ending) unbounded = false;
        const withDeadline =
          typeof config === 'string' ? { text: config, query_timeout: timeout } : plain ? { ...(config as object), query_timeout: timeout } : config;
        const at = rest.findIndex((a) => typeof a === 'function');
        if (at >= 0) {
          const callback = rest[at] as (error: Error | null, result?: unknown) => void;
          rest[at] = (error: Error | null, result?: unknown) => {
            if (error?.message === QUERY_READ_TIMEOUT) drop(conn, error);
            callback(error, result);
          };
        }
        return query(withDeadline, ...rest);
      };
    }
    done(null, conn);
  };
}

function drop(conn: PgConnection, error: Error): void {
  conn.__knex__disposed = error; // knex's pool validation refuses it from now on
  conn.connection?.stream?.destroy();
}

/**
 * Runs `body` in a transaction without statement_timeout and lock_timeout (and without the
 * client-side deadline): for maintenance that legitimately runs long. The limits return with the
 * transaction's end; other sessions keep theirs.
 */
export async function maintenanceTransaction<T>(em: EntityManager, body: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    await tx.execute('set local statement_timeout = 0');
    await tx.execute('set local lock_timeout = 0');
    return body(tx as EntityManager);
  });
}
