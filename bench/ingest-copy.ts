import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Topics } from '../src/events/topics';

/**
 * bench:ingest's physical limit: the rows one pipeline run wrote, taken out of its database as
 * PostgreSQL COPY text (pre-formatted, in memory), and COPYed into the same tables of a fresh
 * database migrated and seeded like the hub's — their real indexes (the search-grams GIN, the
 * unique keys), foreign keys and triggers (the KPI rollup's statement triggers, the event log's
 * commit trigger with its NOTIFY) — in one transaction. What COPY cannot skip, the pipeline cannot
 * either; the ratio between the two is what the pipeline's own work costs.
 */

/** One table's rows as COPY text, with the columns they fill. */
export interface TableDump {
  table: string;
  columns: string[];
  rows: number;
  chunks: Buffer[];
}

/** What one ingested record writes directly (triggers write the rest: kpi_delta, the event log's final ids). */
export const INGEST_TABLES: ReadonlyArray<{ table: string; where?: string }> = [
  { table: 'work_order' },
  { table: 'work_order_source' },
  { table: 'work_order_event' },
  { table: 'channel_record' },
  { table: 'event_log', where: `topic = '${Topics.WORK_ORDER_EVENTS}'` },
];

async function columnsOf(client: Client, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => `"${r.column_name}"`);
}

/** The rows of `tables` in the database at `url`, as COPY text. */
export async function dumpTables(url: string, tables: ReadonlyArray<{ table: string; where?: string }> = INGEST_TABLES): Promise<TableDump[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const dumps: TableDump[] = [];
    for (const { table, where } of tables) {
      const columns = await columnsOf(client, table);
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyTo(`copy (select ${columns.join(', ')} from "${table}" ${where ? `where ${where}` : ''} order by 1) to stdout`));
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      const rows = chunks.reduce((n, c) => n + countLines(c), 0);
      dumps.push({ table, columns, rows, chunks });
    }
    return dumps;
  } finally {
    await client.end();
  }
}

function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * COPYs the dumps into the database at `url` in one transaction; the seconds in all, and each
 * table's and the commit's (where the event log's deferred trigger renumbers and NOTIFYs its rows).
 */
export async function copyInto(url: string, dumps: readonly TableDump[]): Promise<{ seconds: number; parts: Array<[string, number]> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const parts: Array<[string, number]> = [];
    const started = performance.now();
    let last = started;
    const mark = (name: string) => {
      const now = performance.now();
      parts.push([name, (now - last) / 1000]);
      last = now;
    };
    await client.query('begin');
    for (const dump of dumps) {
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(`copy "${dump.table}" (${dump.columns.join(', ')}) from stdin`));
        stream.on('finish', resolve);
        stream.on('error', reject);
        for (const chunk of dump.chunks) stream.write(chunk);
        stream.end();
      });
      mark(dump.table);
    }
    await client.query('commit');
    mark('commit');
    return { seconds: (performance.now() - started) / 1000, parts };
  } finally {
    await client.end();
  }
}
