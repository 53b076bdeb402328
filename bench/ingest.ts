import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Connector12315 } from '../connectors/12315/client';
import { makeConfig12315 } from '../connectors/12315/config';
import { mapCase } from '../connectors/12315/mapping';
import { SAMPLE_TOKEN, sampleCases, Simulator12315 } from '../connectors/12315/simulator';
import { formatShanghaiIso } from '../connectors/shared/time';
import { PgEventBus } from '../src/events/pg-event-bus';
import { Topics } from '../src/events/topics';
import { SyncRunner } from '../src/ingest/sync-runner';
import { ConnectorCatalog } from '../src/ingest/connector-catalog';
import { standaloneIngest } from '../src/ingest/standalone';
import { CONNECTORS } from '../connectors';
import { DataCipher } from '../src/pii/cipher';
import { openSeededOrm, startBenchDatabase } from './harness';

/**
 * `npm run bench:ingest` — records through the full pipeline (12315 simulator → connector → land +
 * map + upsert + checkpoint) against a raw PostgreSQL COPY of the same canonical rows into a plain
 * table, in the same run. Prints records/s for both and the ratio (issue target: within 3× of COPY).
 *
 * Env: BENCH_RECORDS (100000), BENCH_PAGE_SIZE (500).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 500);

function tsv(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function main() {
  const database = await startBenchDatabase();
  const sim = await Simulator12315.start({ frozen: true, seed: false, ratePerSecond: 1e9, ratePerDay: 1e12 });
  try {
    const orm = await openSeededOrm(database.url, { poolMax: 4 });
    const template = sampleCases()[0];
    const base = Date.parse('2024-03-02T00:00:00+08:00');
    const cases = Array.from({ length: RECORDS }, (_, i) => ({
      ...template,
      caseNo: `BENCH${String(i).padStart(10, '0')}`,
      content: `${template.content}（第 ${i} 件）`,
      updatedAt: formatShanghaiIso(new Date(base + i * 100), { millis: true }),
    }));
    for (const c of cases) sim.addCase(c);

    // Baseline: COPY the same canonical rows into a plain table.
    const rows = cases.map((c) => {
      const mapped = mapCase({ text: JSON.stringify(c) });
      if (!mapped.ok) throw new Error(mapped.message);
      const r = mapped.record;
      return [r.externalId, r.version, r.requestType, r.title, r.content, r.regionCode, r.receivedAt.toISOString(), r.categoryHint, r.channelStatus].map(tsv).join('\t') + '\n';
    });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`create table copy_baseline (external_id text, version text, request_type text, title text, content text,
      region_code text, received_at timestamptz, category_hint text, channel_status text)`);
    const copyStarted = performance.now();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom('copy copy_baseline from stdin'));
      stream.on('finish', resolve);
      stream.on('error', reject);
      for (const row of rows) stream.write(row);
      stream.end();
    });
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await client.end();

    // The pipeline: connector pages → land + map + upsert + checkpoint, one transaction a page.
    const fork = () => orm.em.fork() as EntityManager;
    const bus = await PgEventBus.start(database.url, Object.values(Topics));
    const cipher = new DataCipher(randomBytes(32));
    const ingest = standaloneIngest(cipher, bus, fork, new ConnectorCatalog(CONNECTORS), { returnWindowHours: 2 });
    const runner = new SyncRunner(database.url, fork, ingest);
    const connector = new Connector12315(makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], pageSize: PAGE_SIZE, requestTimeoutMs: 60_000 }));
    // Where the time goes: fetching pages (simulator + HTTP + JSON) against landing and applying them.
    const spent = { fetch: 0, ingest: 0 };
    const timed = <A extends unknown[], R>(key: keyof typeof spent, fn: (...args: A) => Promise<R>) => async (...args: A) => {
      const t0 = performance.now();
      try {
        return await fn(...args);
      } finally {
        spent[key] += performance.now() - t0;
      }
    };
    connector.fetchPage = timed('fetch', connector.fetchPage.bind(connector));
    ingest.ingest = timed('ingest', ingest.ingest.bind(ingest));
    const statementsBefore = Number((await orm.em.fork().execute(`select sum(xact_commit + xact_rollback)::bigint as n from pg_stat_database`))[0].n);
    const started = performance.now();
    const run = (await runner.run(connector, 'CLI'))!;
    const pipelineSeconds = (performance.now() - started) / 1000;
    const transactions = Number((await orm.em.fork().execute(`select sum(xact_commit + xact_rollback)::bigint as n from pg_stat_database`))[0].n) - statementsBefore;
    const [{ n }] = await orm.em.fork().execute(`select count(*)::int as n from work_order_source`);
    connector.close();
    await bus.close();
    await orm.close(true);

    console.log('');
    console.log(`bench:ingest — ${RECORDS} 12315 cases, pages of ${PAGE_SIZE}; simulator, hub code and PostgreSQL share the machine`);
    console.log(`pipeline: ${run.status}, ${run.created} orders created, ${n} sources, ${run.pages} pages, ${transactions} transactions, ${pipelineSeconds.toFixed(1)} s = ${(RECORDS / pipelineSeconds).toFixed(0)} records/s`);
    console.log(`  of which fetching pages ${(spent.fetch / 1000).toFixed(1)} s, landing + mapping + applying ${(spent.ingest / 1000).toFixed(1)} s`);
    console.log(`COPY baseline: ${RECORDS} rows in ${copySeconds.toFixed(2)} s = ${(RECORDS / copySeconds).toFixed(0)} records/s`);
    console.log(`ratio pipeline/COPY: ${(pipelineSeconds / copySeconds).toFixed(1)}× the time (target: within 3×)`);
  } finally {
    await sim.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
