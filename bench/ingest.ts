import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Connector12315 } from '../connectors/12315/client';
import { makeConfig12315 } from '../connectors/12315/config';
import { mapCase } from '../connectors/12315/mapping';
import { SAMPLE_TOKEN, sampleCases, Simulator12315 } from '../connectors/12315/simulator';
import { formatShanghaiIso } from '../src/common/time';
import { PgEventBus } from '../src/events/pg-event-bus';
import { Topics } from '../src/events/topics';
import { SyncRunner } from '../src/ingest/sync-runner';
import { ConnectorCatalog } from '../src/ingest/connector-catalog';
import { standaloneIngest } from '../src/ingest/standalone';
import { CONNECTORS } from '../connectors';
import { DataCipher } from '../src/pii/cipher';
import { TextAnalyzer } from '../src/hot-issues/analyzer';
import { DEFAULT_HOT_POLICY } from '../src/hot-issues/policy';
import { DemoContent } from '../src/demo/trickle/content';
import { Random } from '../src/demo/random';
import { ReferenceCache } from '../src/reference/reference-cache';
import { SlaService } from '../src/sla/sla.service';
import { LifecycleService } from '../src/work-orders/lifecycle.service';
import type { Case } from '../connectors/12315/simulator';
import { openSeededOrm, startBenchDatabase, type BenchDatabase } from './harness';

/**
 * `npm run bench:ingest` — records through the full pipeline (12315 simulator → connector → land +
 * map + upsert + checkpoint) against a raw PostgreSQL COPY of the same canonical rows into a plain
 * table, in the same run. Prints records/s for both and the ratio (issue target: within 3× of COPY).
 *
 *
 * Then the text pipeline's cost to ingestion (issue 13: ingest keeps ≥ 90 % of its throughput with
 * it): the same pipeline over BENCH_TEXT_RECORDS cases with realistic, varied complaint texts
 * (the demo channels' content, townships of the county, a fortnight of acceptance times), each run
 * into a fresh database, once with the text pipeline off (MINYI_TEXT_ANALYZER_INTERVAL_MS=0) and
 * once with the text analyser running beside the intake as the hub runs it (default interval:
 * fingerprints, candidate lookups, repeat / duplicate / hot-issue decisions). The analyser runs
 * apart from intake, so what ingest pays is the competition for CPU and the database; the backlog
 * it leaves and the time to work it off are printed too. BENCH_TEXT_ROUNDS pairs, alternating
 * off/on, on/off … (the medians are compared).
 *
 * Env: BENCH_RECORDS (100000; 0 skips the COPY comparison), BENCH_PAGE_SIZE (500),
 * BENCH_TEXT_RECORDS (5000; 0 skips the text-pipeline pair), BENCH_TEXT_ROUNDS (1).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 500);
const TEXT_RECORDS = Number(process.env.BENCH_TEXT_RECORDS ?? 5_000);
const TEXT_ROUNDS = Math.max(1, Number(process.env.BENCH_TEXT_ROUNDS ?? 1));

/** `n` 12315 cases with varied realistic texts, townships and consumers, accepted over two weeks. */
function variedCases(n: number, seed: number): Case[] {
  const template = sampleCases()[0];
  const content = new DemoContent(new Random(seed));
  const base = Date.parse('2024-03-02T00:00:00+08:00');
  const accepted = Date.parse('2024-02-16T08:00:00+08:00');
  return Array.from({ length: n }, (_, i) => {
    const m = content.matter(['10'], '消费者');
    const person = content.person();
    return {
      ...template,
      caseNo: `TEXT${String(i).padStart(10, '0')}`,
      acceptTime: formatShanghaiIso(new Date(accepted + Math.floor((i * 14 * 86_400_000) / n)), { millis: false })
        .slice(0, 19)
        .replace('T', ' '),
      consumer: { name: person.name, mobile: person.mobile },
      content: m.content,
      regionCode: m.township.code,
      updatedAt: formatShanghaiIso(new Date(base + i * 100), { millis: true }),
    };
  });
}

interface TextRun {
  seconds: number;
  created: number;
  /** Orders the analyser had fingerprinted when the last page was in. */
  analysedDuring: number;
  backlog: number;
  drainSeconds: number;
}

/** One pipeline run of `cases` into a fresh database `name`, with or without the text analyser running beside it. */
async function textPipelineRun(database: BenchDatabase, name: string, cases: Case[], textPipeline: boolean): Promise<TextRun> {
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  const orm = await openSeededOrm(url.toString(), { poolMax: 4 });
  const sim = await Simulator12315.start({ frozen: true, seed: false, ratePerSecond: 1e9, ratePerDay: 1e12 });
  for (const c of cases) sim.addCase(c);
  const fork = () => orm.em.fork() as EntityManager;
  const bus = await PgEventBus.start(url.toString(), Object.values(Topics));
  const cipher = new DataCipher(randomBytes(32));
  const catalog = new ConnectorCatalog(CONNECTORS);
  const ingest = standaloneIngest(cipher, bus, fork, catalog, { returnWindowHours: 2 });
  const runner = new SyncRunner(url.toString(), fork, ingest);
  const connector = new Connector12315(makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], pageSize: PAGE_SIZE, requestTimeoutMs: 60_000 }));
  const lifecycle = new LifecycleService(bus, new SlaService(new ReferenceCache(fork)), {
    returnWindowHours: 2,
    writeBackTargets: (kind) => catalog.writeBackTargets(kind),
  });
  const analyzer = new TextAnalyzer(url.toString(), fork, bus, lifecycle, DEFAULT_HOT_POLICY);
  const count = async (sql: string) => Number((await fork().execute(sql))[0].n);
  try {
    // The hub's default: the analyser looks for new orders every DEFAULT_HOT_POLICY.intervalMs beside the intake.
    if (textPipeline) analyzer.start();
    const started = performance.now();
    const run = (await runner.run(connector, 'CLI'))!;
    const seconds = (performance.now() - started) / 1000;
    const analysedDuring = await count(`select count(*)::int as n from work_order_text`);
    await analyzer.stop();
    const backlog = await count(
      `select count(*)::int as n from work_order wo where not exists (select 1 from work_order_text t where t.work_order_id = wo.id)`,
    );
    let drainSeconds = 0;
    if (textPipeline) {
      const drainStarted = performance.now();
      const drain = new TextAnalyzer(url.toString(), fork, bus, lifecycle, DEFAULT_HOT_POLICY);
      await drain.runOnce();
      await drain.stop();
      drainSeconds = (performance.now() - drainStarted) / 1000;
    }
    return { seconds, created: run.created, analysedDuring, backlog, drainSeconds };
  } finally {
    connector.close();
    await bus.close();
    await orm.close(true);
    await sim.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function textPipelinePair(database: BenchDatabase): Promise<void> {
  const cases = variedCases(TEXT_RECORDS, 13);
  const rates: Record<'off' | 'on', number[]> = { off: [], on: [] };
  const lines: string[] = [];
  for (let round = 0; round < TEXT_ROUNDS; round++) {
    const order: Array<'off' | 'on'> = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
    for (const mode of order) {
      const r = await textPipelineRun(database, `bench_text_${round}_${mode}`, cases, mode === 'on');
      const rate = TEXT_RECORDS / r.seconds;
      rates[mode].push(rate);
      lines.push(
        `  round ${round + 1}, text pipeline ${mode.padEnd(3)}: ${r.created} orders in ${r.seconds.toFixed(1)} s = ${rate.toFixed(0)} records/s` +
          (mode === 'on' ? `; analysed during ingest ${r.analysedDuring}, backlog at the end ${r.backlog}, worked off in ${r.drainSeconds.toFixed(1)} s` : ''),
      );
    }
  }
  const off = median(rates.off);
  const on = median(rates.on);
  console.log('');
  console.log(`text pipeline — ${TEXT_RECORDS} 12315 cases with varied texts, ${TEXT_ROUNDS} round(s), each run into a fresh database:`);
  for (const line of lines) console.log(line);
  console.log(
    `ingest with the text pipeline ${on.toFixed(0)} records/s, without ${off.toFixed(0)} records/s: ${((on / off) * 100).toFixed(0)} % (target: ≥ 90 %)`,
  );
}

function tsv(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function main() {
  const database = await startBenchDatabase();
  const sim = await Simulator12315.start({ frozen: true, seed: false, ratePerSecond: 1e9, ratePerDay: 1e12 });
  try {
    if (RECORDS > 0) await copyComparison(database, sim);
    if (TEXT_RECORDS > 0) await textPipelinePair(database);
  } finally {
    await sim.stop();
    await database.stop();
  }
}

/** The pipeline against a COPY of the same rows (the first measurement). */
async function copyComparison(database: BenchDatabase, sim: Simulator12315): Promise<void> {
  {
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
      return `${[r.externalId, r.version, r.requestType, r.title, r.content, r.regionCode, r.receivedAt.toISOString(), r.categoryHint, r.channelStatus]
        .map(tsv)
        .join('\t')}\n`;
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
    const timed =
      <A extends unknown[], R>(key: keyof typeof spent, fn: (...args: A) => Promise<R>) =>
      async (...args: A) => {
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
    const transactions =
      Number((await orm.em.fork().execute(`select sum(xact_commit + xact_rollback)::bigint as n from pg_stat_database`))[0].n) - statementsBefore;
    const [{ n }] = await orm.em.fork().execute(`select count(*)::int as n from work_order_source`);
    connector.close();
    await bus.close();
    await orm.close(true);

    console.log('');
    console.log(`bench:ingest — ${RECORDS} 12315 cases, pages of ${PAGE_SIZE}; simulator, hub code and PostgreSQL share the machine`);
    console.log(
      `pipeline: ${run.status}, ${run.created} orders created, ${n} sources, ${run.pages} pages, ${transactions} transactions, ${pipelineSeconds.toFixed(1)} s = ${(RECORDS / pipelineSeconds).toFixed(0)} records/s`,
    );
    console.log(`  of which fetching pages ${(spent.fetch / 1000).toFixed(1)} s, landing + mapping + applying ${(spent.ingest / 1000).toFixed(1)} s`);
    console.log(`COPY baseline: ${RECORDS} rows in ${copySeconds.toFixed(2)} s = ${(RECORDS / copySeconds).toFixed(0)} records/s`);
    console.log(`ratio pipeline/COPY: ${(pipelineSeconds / copySeconds).toFixed(1)}× the time (target: within 3×)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
