import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CountSource, counts } from '../src/analytics/analytics.service';
import type { KpiFilter, KpiGroupBy } from '../src/analytics/kpi-sql';
import { buildMonthlyReport } from '../src/analytics/monthly-report.service';
import { FIRST_MONTH, loadAnalyticsData } from './analytics-load';
import { openSeededOrm, percentile, startBenchDatabase } from './harness';

/**
 * bench:analytics — 1,000,000 synthetic orders (COPY), then `stats` and `monthlyReport` from the
 * KPI rollup against the same queries as a naive GROUP BY over the raw tables (kpi-sql.ts), in the
 * same run on the same database: stats by three groupings, stats filtered by channel, township,
 * category and request type (the grain rollup), and the monthly report. Prints p50/p95 of both and
 * the ratio (issue target: ≥ 20× faster than naive, p95 ≤ 200 ms), and checks every naive result
 * against the rollup's for the same month (exit code 1 on a difference). Both paths run in this process through the same service functions
 * (analytics.service.ts, monthly-report.service.ts) that the GraphQL resolvers call.
 *
 * BENCH_ORDERS (default 1,000,000), BENCH_MONTHS (13), BENCH_RUNS (rollup runs per query, 60),
 * BENCH_NAIVE_RUNS (naive runs per stats query, 5), BENCH_NAIVE_REPORT_RUNS (naive monthly reports, 3);
 * BENCH_DATABASE_URL: time an already loaded database instead (no load, no rebuild; ORDERS then only labels the output;
 * bench/analytics-load.ts loads and keeps one).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 13);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 5);
/** The naive monthly report takes minutes at 1,000,000 orders: fewer runs (its p95 is then close to its max). */
const NAIVE_REPORT_RUNS = Number(process.env.BENCH_NAIVE_REPORT_RUNS ?? 3);

async function time<T>(runs: number, fn: (i: number) => Promise<T>): Promise<{ p50: number; p95: number; results: T[] }> {
  const ms: number[] = [];
  const results: T[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    results.push(await fn(i));
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), results };
}

/**
 * The first difference between two results (counts maps, reports), or null: numbers exactly equal,
 * except sums of hours and the rates and averages made of them, equal up to float rounding (they are
 * added in another order). `generatedAt` (the report's clock) is not compared.
 */
function difference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (!Number.isInteger(a) || !Number.isInteger(b) ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : false)) return null;
    return `${path}: ${a} ≠ ${b}`;
  }
  if (a instanceof Map && b instanceof Map)
    return difference(Object.fromEntries([...a].sort(([x], [y]) => cmp(x, y))), Object.fromEntries([...b].sort(([x], [y]) => cmp(x, y))), path);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'generatedAt');
    for (const k of keys) {
      if (!(k in a) || !(k in b)) return `${path}.${k}: only in ${k in a ? 'the rollup' : 'the naive'} result`;
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The months of the data after the first (so each has a previous month), cycled through by the runs. */
function months(): string[] {
  const [y, m] = FIRST_MONTH.split('-').map(Number);
  return Array.from({ length: MONTHS - 1 }, (_, i) => new Date(Date.UTC(y, m + i, 1)).toISOString().slice(0, 7));
}

async function main() {
  // BENCH_DATABASE_URL: a database this bench already loaded (kept between runs while iterating): no load, no rebuild.
  const database = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL, stop: async () => {} } : await startBenchDatabase();
  try {
    const orm = await openSeededOrm(database.url, { poolMax: 4 });
    const em = () => orm.em.fork() as EntityManager;

    if (!process.env.BENCH_DATABASE_URL) await loadAnalyticsData(database.url, orm, { orders: ORDERS, months: MONTHS });
    const [{ n, g }] = await em().execute('select (select count(*) from kpi_daily)::int as n, (select count(*) from kpi_grain_daily)::int as g');
    console.log(`kpi_daily: ${n} rows, kpi_grain_daily: ${g} rows`);

    const list = months();
    const period = (i: number) => {
      const month = list[i % list.length];
      const [y, m] = month.split('-').map(Number);
      return { month, from: `${month}-01`, to: new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10) };
    };
    type Timing = { p50: number; p95: number };
    const results: Array<[string, Timing, Timing]> = [];
    const mismatches: string[] = [];
    /** Times the rollup and the naive path of one query, and checks each naive result against the rollup's for the same month. */
    async function compare<T>(name: string, naiveRuns: number, run: (i: number, source: CountSource) => Promise<T>): Promise<void> {
      await run(0, 'rollup'); // warm-up
      const rollup = await time(RUNS, (i) => run(i, 'rollup'));
      const naive = await time(naiveRuns, (i) => run(i, 'raw'));
      naive.results.forEach((result, i) => {
        const d = difference(rollup.results[i], result);
        if (d) mismatches.push(`${name} ${period(i).month}${d}`);
      });
      results.push([name, rollup, naive]);
    }
    for (const groupBy of ['TOTAL', 'DEPARTMENT', 'CATEGORY_L2'] as const) {
      await compare(`stats(month, ${groupBy})`, NAIVE_RUNS, (i, source) => counts(em(), period(i), groupBy, {}, source));
    }
    // Filtered by what the keyed rollup does not carry: answered from the grain rollup.
    const filtered: Array<[string, KpiGroupBy, KpiFilter]> = [
      ['DEPARTMENT, channel', 'DEPARTMENT', { channelCode: '12345' }],
      ['CHANNEL, township', 'CHANNEL', { regionCode: '360704200000' }],
      ['REGION, category', 'REGION', { categoryCode: '05' }],
      ['CATEGORY_L2, type', 'CATEGORY_L2', { requestType: 'COMPLAINT' }],
    ];
    for (const [name, groupBy, filter] of filtered) {
      await compare(`stats(month, ${name})`, NAIVE_RUNS, (i, source) => counts(em(), period(i), groupBy, filter, source));
    }
    await compare('monthlyReport(month)', NAIVE_REPORT_RUNS, (i, source) => buildMonthlyReport(em(), period(i).month, { source }));

    console.log(
      `\n${ORDERS.toLocaleString('en')} orders over ${MONTHS} months; rollup ${RUNS} runs, naive ${NAIVE_RUNS} runs per query (${NAIVE_REPORT_RUNS} of the report), months cycled`,
    );
    console.log('query                                 rollup p50 / p95 (ms)    naive p50 / p95 (ms)    ratio p50 / p95');
    for (const [name, rollup, naive] of results) {
      console.log(
        `${name.padEnd(37)} ${rollup.p50.toFixed(1).padStart(8)} / ${rollup.p95.toFixed(1).padStart(7)}   ${naive.p50.toFixed(1).padStart(9)} / ${naive.p95.toFixed(1).padStart(8)}   ${(naive.p50 / rollup.p50).toFixed(1).padStart(7)}× / ${(naive.p95 / rollup.p95).toFixed(1)}×`,
      );
    }
    console.log('target: ≥ 20× faster than naive, p95 ≤ 200 ms');
    console.log(
      mismatches.length
        ? `results DIFFER from the naive computation:\n${mismatches.join('\n')}`
        : 'results: every naive run equal to the rollup result for the same month',
    );
    if (mismatches.length) process.exitCode = 1;
    await orm.close(true);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
