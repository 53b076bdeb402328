import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { rebuildRollup } from '../src/analytics/rollup/compactor';
import type { Orm } from '../src/db/orm';
import { generateAnalyticsData } from './analytics-data';
import { openSeededOrm } from './harness';

/** The bench:analytics data set's first month; BENCH_ORDERS / BENCH_MONTHS size it. */
export const FIRST_MONTH = '2025-10';

/**
 * Loads the bench:analytics data set (fixed seed) into the migrated database `url` by COPY, rebuilds
 * the rollup from it, and settles the tables (visibility maps, statistics) so that autovacuum does not
 * run during the timings — on a connection of its own, without the hub sessions' statement timeout
 * (minutes on a busy machine).
 */
export async function loadAnalyticsData(url: string, orm: Orm, size: { orders: number; months: number }): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const generated = await generateAnalyticsData(client, { ...size, seed: 20261122, firstMonth: FIRST_MONTH }, (done, total) => {
    if (done === total || done % 200_000 === 0) console.error(`generated ${done}/${total}`);
  });
  await client.end();
  console.log(
    `data: ${generated.orders} orders, ${generated.callbacks} callbacks, ${generated.extensions} extensions loaded by COPY in ${generated.seconds.toFixed(1)} s`,
  );
  const started = performance.now();
  await rebuildRollup(orm.em.fork() as EntityManager);
  console.log(`rollup rebuilt from the raw tables in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const maintenance = new Client({ connectionString: url });
  await maintenance.connect();
  await maintenance.query('set statement_timeout = 0');
  await maintenance.query('vacuum analyze');
  await maintenance.end();
}

/**
 * `node dist/bench/analytics-load.js`: loads the data set into an existing, empty database named by
 * BENCH_LOAD_URL and keeps it, so bench:analytics can then time it over and over with
 * BENCH_DATABASE_URL (no reload per iteration). BENCH_ORDERS / BENCH_MONTHS as there.
 *   node scripts/build.mjs && BENCH_LOAD_URL=postgres://… node dist/bench/analytics-load.js
 */
async function main() {
  const url = process.env.BENCH_LOAD_URL;
  if (!url) throw new Error('BENCH_LOAD_URL is required');
  const orm = await openSeededOrm(url, { poolMax: 4 });
  await loadAnalyticsData(url, orm, { orders: Number(process.env.BENCH_ORDERS ?? 1_000_000), months: Number(process.env.BENCH_MONTHS ?? 13) });
  await orm.close(true);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
