import { sqlStatementsTotal } from './sql-logger';

/**
 * PostgreSQL array literal for a bound parameter ("{1,2}", "{"a","b"}"), used as `any(?::int[])`.
 * Knex expands a JS array bound to `?` into a list, so arrays travel as one literal instead.
 */
export function pgArray(values: ReadonlyArray<string | number | boolean | Date | null>): string {
  return `{${values.map(pgArrayElement).join(',')}}`;
}

function pgArrayElement(value: string | number | boolean | Date | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type SqlValue = string | number | boolean | Date | null;

/** A WHERE clause being built: SQL fragments joined by AND, with knex "?" parameters. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }
  /** Adds all of another's conditions. */
  and(other: Where): this {
    this.parts.push(...other.parts);
    this.params.push(...other.params);
    return this;
  }
  get sql(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}

type Executor = { execute(sql: string, params: unknown[]): Promise<unknown> };
type KnexCapable = Executor & {
  getConnection?: () => { getKnex(): { raw(sql: string, bindings: unknown[]): { transacting(ctx: unknown): unknown } & PromiseLike<{ rows?: unknown[] }> } };
  getTransactionContext?: () => unknown;
};

/**
 * Runs a statement with bound parameters sent as such ($1, $2 … over the wire). MikroORM's
 * `execute` inlines every parameter into the SQL text, escaping it character by character, which
 * costs more than the insert itself for the megabyte-sized array literals of a bulk insert.
 */
export async function executeBound<R = Record<string, unknown>>(em: Executor, sql: string, params: unknown[]): Promise<R[]> {
  const orm = em as KnexCapable;
  if (!orm.getConnection) {
    const result = await em.execute(sql, params);
    return Array.isArray(result) ? (result as R[]) : [];
  }
  const query = orm.getConnection().getKnex().raw(sql, params);
  const ctx = orm.getTransactionContext?.();
  if (ctx) query.transacting(ctx);
  sqlStatementsTotal.inc(); // knex directly: MikroORM's logger (sql-logger.ts) does not see it
  const result = await query;
  return (result.rows ?? []) as R[];
}

/**
 * Inserts many rows in one statement: `insert … select * from unnest(col1[], col2[], …)`, one
 * array literal per column. Used by the demo generator and importers where thousands of rows go in.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  em: Executor,
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: string]>,
  rows: ReadonlyArray<ReadonlyArray<SqlValue>>,
  /** What follows the select: `on conflict … do nothing returning id`, say. */
  tail = '',
): Promise<R[]> {
  if (!rows.length) return [];
  const arrays = columns.map((_, i) => pgArray(rows.map((row) => row[i])));
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const unnest = columns.map(([, type]) => `?::${type}[]`).join(', ');
  return executeBound<R>(em, `insert into "${table}" (${names}) select * from unnest(${unnest}) ${tail}`, arrays);
}
