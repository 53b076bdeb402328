import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { counts } from '../src/analytics/analytics.service';
import { buildMonthlyReport } from '../src/analytics/monthly-report.service';
import { rebuildRollup } from '../src/analytics/rollup/compactor';
import { generateAnalyticsData } from './analytics-data';
import { openSeededOrm, percentile, startBenchDatabase } from './harness';

/**
 * bench:analytics — 1,000,000 synthetic orders (COPY), then `stats` and `monthlyReport` from the
 * KPI rollup against the same queries as a naive GROUP BY over the raw tables (kpi-sql.ts), in the
 * same run on the same database. Prints p50/p95 of both and the ratio (issue target: ≥ 20× faster
 * than naive, p95 ≤ 200 ms). Both paths run in this process through the same service functions
 * (analytics.service.ts, monthly-report.service.ts) that the GraphQL resolvers call.
 *
 * BENCH_ORDERS (default 1,000,000), BENCH_MONTHS (13), BENCH_RUNS (rollup runs per query, 60),
 * BENCH_NAIVE_RUNS (naive runs per stats query, 5), BENCH_NAIVE_REPORT_RUNS (naive monthly reports, 3).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 13);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 5);
/** The naive monthly report takes minutes at 1,000,000 orders: fewer runs (its p95 is then close to its max). */
const NAIVE_REPORT_RUNS = Number(process.env.BENCH_NAIVE_REPORT_RUNS ?? 3);
const FIRST_MONTH = '2025-10';

async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** The months of the data after the first (so each has a previous month), cycled through by the runs. */
function months(): string[] {
  const [y, m] = FIRST_MONTH.split('-').map(Number);
  return Array.from({ length: MONTHS - 1 }, (_, i) => new Date(Date.UTC(y, m + i, 1)).toISOString().slice(0, 7));
}

async function main() {
  const database = await startBenchDatabase();
  try {
    const orm = await openSeededOrm(database.url, { poolMax: 4 });
    const em = () => orm.em.fork() as EntityManager;

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const generated = await generateAnalyticsData(client, { orders: ORDERS, seed: 20261122, firstMonth: FIRST_MONTH, months: MONTHS }, (done, total) => {
      if (done === total || done % 200_000 === 0) console.error(`generated ${done}/${total}`);
    });
    await client.end();
    console.log(
      `data: ${generated.orders} orders, ${generated.callbacks} callbacks, ${generated.extensions} extensions loaded by COPY in ${generated.seconds.toFixed(1)} s`,
    );
    const started = performance.now();
    await rebuildRollup(em());
    console.log(`rollup rebuilt from the raw tables in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const [{ n }] = await em().execute('select count(*)::int as n from kpi_daily');
    console.log(`kpi_daily: ${n} rows`);
    // Settle the freshly loaded tables (visibility maps, statistics) so autovacuum does not run during the timings.
    await em().execute('vacuum analyze');

    const list = months();
    const period = (i: number) => {
      const month = list[i % list.length];
      const [y, m] = month.split('-').map(Number);
      return { month, from: `${month}-01`, to: new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10) };
    };
    const results: Array<[string, { p50: number; p95: number }, { p50: number; p95: number }]> = [];
    for (const groupBy of ['TOTAL', 'DEPARTMENT', 'CATEGORY_L2'] as const) {
      await counts(em(), period(0), groupBy); // warm-up
      const rollup = await time(RUNS, (i) => counts(em(), period(i), groupBy));
      const naive = await time(NAIVE_RUNS, (i) => counts(em(), period(i), groupBy, {}, 'raw'));
      results.push([`stats(month, ${groupBy})`, rollup, naive]);
    }
    await buildMonthlyReport(em(), period(0).month); // warm-up
    const rollupReport = await time(RUNS, (i) => buildMonthlyReport(em(), period(i).month));
    const naiveReport = await time(NAIVE_REPORT_RUNS, (i) => buildMonthlyReport(em(), period(i).month, { source: 'raw' }));
    results.push(['monthlyReport(month)', rollupReport, naiveReport]);

    console.log(
      `\n${ORDERS.toLocaleString('en')} orders over ${MONTHS} months; rollup ${RUNS} runs, naive ${NAIVE_RUNS} runs per query (${NAIVE_REPORT_RUNS} of the report), months cycled`,
    );
    console.log('query                        rollup p50 / p95 (ms)    naive p50 / p95 (ms)    ratio p50 / p95');
    for (const [name, rollup, naive] of results) {
      console.log(
        `${name.padEnd(28)} ${rollup.p50.toFixed(1).padStart(8)} / ${rollup.p95.toFixed(1).padStart(7)}   ${naive.p50.toFixed(1).padStart(9)} / ${naive.p95.toFixed(1).padStart(8)}   ${(naive.p50 / rollup.p50).toFixed(1).padStart(7)}× / ${(naive.p95 / rollup.p95).toFixed(1)}×`,
      );
    }
    console.log('target: ≥ 20× faster than naive, p95 ≤ 200 ms');
    await orm.close(true);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
