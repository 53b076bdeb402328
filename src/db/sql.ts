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

/**
 * Inserts many rows in one statement: `insert … select * from unnest(col1[], col2[], …)`, one
 * array literal per column. Used by the demo generator and importers where thousands of rows go in.
 */
export async function bulkInsert(
  em: { execute(sql: string, params: unknown[]): Promise<unknown> },
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: string]>,
  rows: ReadonlyArray<ReadonlyArray<SqlValue>>,
): Promise<void> {
  if (!rows.length) return;
  const arrays = columns.map((_, i) => pgArray(rows.map((row) => row[i])));
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const unnest = columns.map(([, type]) => `?::${type}[]`).join(', ');
  await em.execute(`insert into "${table}" (${names}) select * from unnest(${unnest})`, arrays);
}
