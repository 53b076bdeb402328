import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { generateDemoOrders } from '../src/demo/generator';
import { DataCipher } from '../src/pii/cipher';
import { metricValue, openSeededOrm, startBenchDatabase, startChild, startHubProcess, stopChildren } from './harness';
import { runLoad, type LoadResult } from './load';

/**
 * `npm run bench:api` — the frontend list query (workOrders(first: 50) with channel, lead
 * department, category, latest reply, dueAt) against 100k orders, over HTTP, for the hub and for a
 * hand-written SQL baseline with the same result shape, in the same run. Both servers run as child
 * processes; this process only generates load. Figures, not a test.
 *
 * Env: BENCH_ORDERS (100000), BENCH_SECONDS (15), BENCH_CONNECTIONS (16), BENCH_PROFILE (a directory for
 * a CPU profile of the hub).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const QUERY = `query FrontendList {
  workOrders(first: 50) {
    edges { cursor node { id code title status requestType urgency receivedAt dueAt
      channel { code name } leadDepartment { code name } category { code name } latestReply { content submittedAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function row(name: string, r: LoadResult, sqlPerRequest: number): string {
  return `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${sqlPerRequest.toFixed(2).padStart(9)} ${String(r.errors).padStart(7)}`;
}

async function main() {
  const db = await startBenchDatabase();
  const children: ChildProcess[] = [];
  try {
    const key = randomBytes(32);
    const orm = await openSeededOrm(db.url);
    console.log(`seeding ${ORDERS} work orders …`);
    const seeded = await generateDemoOrders(orm.em.fork(), new DataCipher(key), { orders: ORDERS, seed: 42 });
    console.log(`seeded ${seeded.orders} orders in ${(seeded.ms / 1000).toFixed(1)} s`);
    const { token } = await createToken(orm.em.fork(), { role: Role.OPERATOR, label: 'bench' });
    await orm.close(true);

    const hub = await startHubProcess(
      db,
      key,
      // BENCH_PROFILE=dir writes a V8 CPU profile of the hub there (open it in Chrome DevTools).
      process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    );
    children.push(hub.child);
    const baseline = await startChild('baseline-server.js', { DATABASE_URL: db.url, PORT: '0' }, /baseline listening on (\d+)/);
    children.push(baseline.child);

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const body = JSON.stringify({ query: QUERY });
    const check = (status: number, text: string) => status === 200 && text.startsWith('{"data":{"workOrders"') && !text.includes('"errors"');

    // Same answer from both (first page), then warm-up.
    const [hubAnswer, baseAnswer] = await Promise.all(
      [hub.port, baseline.port].map(async (port) => (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers, body })).json()),
    );
    const same = JSON.stringify(hubAnswer) === JSON.stringify(baseAnswer);
    console.log(`same result shape and values from hub and baseline: ${same ? 'yes' : 'NO'}`);
    for (const port of [hub.port, baseline.port]) {
      await runLoad({ url: `http://127.0.0.1:${port}/graphql`, body, headers, connections: CONNECTIONS, seconds: 3 });
    }

    const hubSqlBefore = await metricValue(hub.port);
    const hubResult = await runLoad({ url: `http://127.0.0.1:${hub.port}/graphql`, body, headers, connections: CONNECTIONS, seconds: SECONDS, check });
    const hubSql = ((await metricValue(hub.port)) - hubSqlBefore) / hubResult.requests;

    const baseSqlBefore = ((await (await fetch(`http://127.0.0.1:${baseline.port}/stats`)).json()) as { statements: number }).statements;
    const baseResult = await runLoad({ url: `http://127.0.0.1:${baseline.port}/graphql`, body, headers, connections: CONNECTIONS, seconds: SECONDS, check });
    const baseSql = (((await (await fetch(`http://127.0.0.1:${baseline.port}/stats`)).json()) as { statements: number }).statements - baseSqlBefore) / baseResult.requests;

    console.log('');
    console.log(`bench:api — workOrders(first: 50) + channel, leadDepartment, category, latestReply, dueAt; ${seeded.orders} orders; ${CONNECTIONS} connections × ${SECONDS} s`);
    console.log(`${'server'.padEnd(22)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'SQL/req'.padStart(9)} ${'errors'.padStart(7)}`);
    console.log(row('hub (GraphQL)', hubResult, hubSql));
    console.log(row('baseline (pg, SQL)', baseResult, baseSql));
    console.log(`ratio hub/baseline: throughput ${(hubResult.rps / baseResult.rps).toFixed(2)}×, p95 latency ${(hubResult.p95 / baseResult.p95).toFixed(2)}×`);
  } finally {
    await stopChildren(children);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
