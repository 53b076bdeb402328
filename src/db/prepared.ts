import { createHash } from 'node:crypto';

/**
 * Named (prepared) statements for the hot read paths (issue 15). An unnamed statement is parsed and
 * planned by PostgreSQL on every execution; the order page's statement (five json_agg children)
 * took 1.4–4.7 ms to plan and 0.5 ms to run. A named one is parsed once per connection, and after
 * five executions PostgreSQL keeps a generic plan when it is no worse than the custom ones
 * (plan_cache_mode = auto): planning then costs ~0.02 ms.
 *
 * Opt-in per statement text: `em.execute(prepared(sql), params)`. Only texts built from code
 * shapes (never values: db/bound-driver.ts binds them) are registered, at most
 * MAX_PREPARED_TEXTS per process — each is kept by PostgreSQL per pooled connection until the
 * connection closes. Beyond the cap, texts run unnamed as before.
 *
 * db/bound-driver.ts names a registered text outside a transaction (where a failed named statement
 * can be retried unnamed), and inside a transaction marked by nameStatementsIn; only when the ORM was
 * opened with prepared statements on
 * (DATABASE_PREPARED_STATEMENTS; 0 behind PgBouncer in transaction mode before 1.21).
 */
export const MAX_PREPARED_TEXTS = 200;

const names = new Map<string, string>();

/** Registers `sql` for a named statement (while under the cap) and returns it unchanged. */
export function prepared(sql: string): string {
  if (names.size < MAX_PREPARED_TEXTS && !names.has(sql)) names.set(sql, createHash('sha1').update(sql).digest('hex').slice(0, 24));
  return sql;
}

/** Marks a transaction in which registered texts are named (see nameStatementsIn). */
const NAMING = Symbol('minyi named statements');

/**
 * Lets the registered texts run as named statements inside `tx`'s transaction too: for a background
 * job whose transaction may fail and is run again (the text analyser's groups), since inside a
 * transaction a refused named statement cannot be retried unnamed — the transaction fails once and
 * the flags are set for the next (db/bound-driver.ts). Texts that vary with a row count (a VALUES
 * list per row) stay unregistered: each count would be one more statement on every connection.
 */
export function nameStatementsIn(tx: { getTransactionContext(): unknown }): void {
  const ctx = tx.getTransactionContext();
  // A knex transaction is a function object.
  if (ctx && (typeof ctx === 'object' || typeof ctx === 'function')) (ctx as unknown as Record<symbol, boolean>)[NAMING] = true;
}

/** Whether the transaction `ctx` was marked by nameStatementsIn. */
export function namesStatements(ctx: unknown): boolean {
  return !!ctx && (typeof ctx === 'object' || typeof ctx === 'function') && (ctx as Record<symbol, boolean>)[NAMING] === true;
}

/** The statement name of a registered text (its hash), with the caller's generation; undefined when unregistered. */
export function preparedName(sql: string, generation: number): string | undefined {
  const hash = names.get(sql);
  return hash === undefined ? undefined : `minyi_${generation}_${hash}`;
}

/**
 * SQLSTATEs after which a named statement is retried unnamed:
 * - 26000 invalid_sql_statement_name, 42P05 duplicate_prepared_statement: a pooler in transaction
 *   mode put the statement on another server connection: named statements are then turned off for
 *   this ORM;
 * - 0A000 feature_not_supported ("cached plan must not change result type"): a migration changed a
 *   table under a `select *` kept by a connection (another instance migrated during a rolling
 *   upgrade): the ORM's names get a new generation, so every statement is prepared afresh.
 */
export type PreparedFailure = 'pooler' | 'stale' | null;

export function preparedFailure(error: unknown): PreparedFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '26000' || code === '42P05') return 'pooler';
  if (code === '0A000' && /cached plan must not change result type/.test(String((error as { message?: unknown }).message))) return 'stale';
  return null;
}
