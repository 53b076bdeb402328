import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { generateDemoOrders } from '../src/demo/generator';
import { DataCipher } from '../src/pii/cipher';
import { metricValue, openSeededOrm, startBenchDatabase, startChild, startHubProcess, stopChildren, type StartedChild } from './harness';
import { runLoad, type LoadResult } from './load';
import { cpuAccounting, processCpuMs, treeCpuMs } from './cpu';

/**
 * `npm run bench:api` — the hub against PostGraphile v5 (a dev dependency, bench/postgraphile-server.ts)
 * and a hand-written SQL baseline (bench/baseline-server.ts), over HTTP, on the same seeded database,
 * each server in its own process (this one only generates load), for three shapes:
 *
 * - list: the frontend list, workOrders(first: 50) with channel, lead department, category, latest
 *   reply, dueAt (newest received first); PostGraphile: allWorkOrders(first: 50, orderBy:
 *   [RECEIVED_AT_DESC, ROW_ID_DESC]) with the same content.
 * - order: the order page, one order with its timeline, assignments, replies, callbacks and sources,
 *   each request the next of BENCH_ORDER_CODES order codes (so no server is flattered by one cached row).
 * - scoped: the list as a HANDLER of one department sees it (the hub's row scope: orders assigned to the
 *   department or its sub-units); PostGraphile: the list with `condition: { leadDepartmentId }` — no
 *   authentication and no row-level security there, so it is an upper bound. The SQL baseline has no
 *   scoped list.
 *
 * Before the load, the answers are compared (the first list page; BENCH_COMPARE orders of the order
 * page) after mapping PostGraphile's names onto the hub's. Figures, not a test. Beside latency, each
 * run prints the CPU ms per request of the server's process and of the database (bench/cpu.ts): on
 * shared cores, what a request costs the machine.
 *
 * Env: BENCH_ORDERS (100000), BENCH_SECONDS (15), BENCH_CONNECTIONS (16), BENCH_WARMUP_SECONDS (3),
 * BENCH_SHAPES (list,order,scoped), BENCH_ORDER_CODES (5000), BENCH_COMPARE (20), BENCH_PROFILE (a
 * directory for a CPU profile of the hub; with BENCH_SHAPES=list it profiles the list alone).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const SHAPES = (process.env.BENCH_SHAPES ?? 'list,order,scoped')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const ORDER_CODES = Number(process.env.BENCH_ORDER_CODES ?? 5000);
const COMPARE = Number(process.env.BENCH_COMPARE ?? 20);
const SQL_SAMPLES = 20;

// ── Queries ────────────────────────────────────────────────────────────────────────────────────────

const HUB_LIST = `query FrontendList {
  workOrders(first: 50) {
    edges { cursor node { id code title status requestType urgency receivedAt dueAt
      channel { code name } leadDepartment { code name } category { code name } latestReply { content submittedAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PGL_LIST_SELECTION = `
    edges { cursor node { id code title status requestType urgency receivedAt dueAt
      channelByChannelId { code name } departmentByLeadDepartmentId { code name } categoryByCategoryId { code name }
      repliesByWorkOrderId(first: 1, orderBy: [SUBMITTED_AT_DESC, ROW_ID_DESC]) { nodes { content submittedAt } } } }
    pageInfo { hasNextPage endCursor }`;

const PGL_LIST = `query FrontendList {
  allWorkOrders(first: 50, orderBy: [RECEIVED_AT_DESC, ROW_ID_DESC]) {${PGL_LIST_SELECTION}
  }
}`;

const PGL_SCOPED_LIST = `query ScopedList($department: Int!) {
  allWorkOrders(first: 50, orderBy: [RECEIVED_AT_DESC, ROW_ID_DESC], condition: { leadDepartmentId: $department }) {${PGL_LIST_SELECTION}
  }
}`;

const HUB_ORDER = `query OrderPage($code: String!) {
  workOrder(code: $code) {
    id code title content status requestType urgency receivedAt dueAt
    channel { code name } leadDepartment { code name } category { code name }
    timeline { type occurredAt fromStatus toStatus actorRole actorLabel reason }
    assignments { role status assignedAt signedAt dueAt department { code name } }
    replies { content result reviewStatus handlerName submittedAt department { code name } }
    callbacks { calledAt contacted resolved processSatisfaction resultSatisfaction comment }
    sources { externalId channelStatus firstSeenAt lastSeenAt channel { code name } }
  }
}`;

const PGL_ORDER = `query OrderPage($code: String!) {
  workOrderByCode(code: $code) {
    id code title content status requestType urgency receivedAt dueAt
    channelByChannelId { code name } departmentByLeadDepartmentId { code name } categoryByCategoryId { code name }
    workOrderEventsByWorkOrderId(orderBy: ROW_ID_ASC) { nodes { type occurredAt fromStatus toStatus actorRole actorLabel reason } }
    assignmentsByWorkOrderId(orderBy: [ASSIGNED_AT_ASC, ROW_ID_ASC]) { nodes { role status assignedAt signedAt dueAt departmentByDepartmentId { code name } } }
    repliesByWorkOrderId(orderBy: [SUBMITTED_AT_ASC, ROW_ID_ASC]) { nodes { content result reviewStatus handlerName submittedAt departmentByDepartmentId { code name } } }
    callbacksByWorkOrderId(orderBy: [CALLED_AT_ASC, ROW_ID_ASC]) { nodes { calledAt contacted resolved processSatisfaction resultSatisfaction comment } }
    workOrderSourcesByWorkOrderId(orderBy: [FIRST_SEEN_AT_ASC, ROW_ID_ASC]) { nodes { externalId channelStatus firstSeenAt lastSeenAt channelByChannelId { code name } } }
  }
}`;

// ── Comparing answers: PostGraphile's names mapped onto the hub's, timestamps as ISO instants ──────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Sorted keys, timestamps (`…At` strings) as `Date#toISOString()`, PostGraphile's names renamed to
 * the hub's, its connections' `nodes` unwrapped; in a list (`list`), its `repliesByWorkOrderId(first: 1)`
 * is the hub's `latestReply`.
 */
function canonical(value: Json, list: boolean, key = ''): Json {
  if (Array.isArray(value)) return value.map((v) => canonical(v, list));
  if (value && typeof value === 'object') {
    const renamed: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const nodes = PGL_CONNECTIONS.has(k) && v && typeof v === 'object' && !Array.isArray(v) ? ((v as JsonObject).nodes ?? null) : v;
      if (list && k === 'repliesByWorkOrderId') renamed.latestReply = Array.isArray(nodes) ? (nodes[0] ?? null) : null;
      else renamed[PGL_NAMES[k] ?? k] = nodes;
    }
    return Object.fromEntries(
      Object.keys(renamed)
        .sort()
        .map((k) => [k, canonical(renamed[k]!, list, k)]),
    );
  }
  if (typeof value === 'string' && /At$/.test(key) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return value;
}
const PGL_NAMES: Record<string, string> = {
  allWorkOrders: 'workOrders',
  workOrderByCode: 'workOrder',
  channelByChannelId: 'channel',
  departmentByLeadDepartmentId: 'leadDepartment',
  departmentByDepartmentId: 'department',
  categoryByCategoryId: 'category',
  workOrderEventsByWorkOrderId: 'timeline',
  assignmentsByWorkOrderId: 'assignments',
  repliesByWorkOrderId: 'replies',
  callbacksByWorkOrderId: 'callbacks',
  workOrderSourcesByWorkOrderId: 'sources',
};
/** PostGraphile connections read through `nodes`. */
const PGL_CONNECTIONS = new Set(Object.keys(PGL_NAMES).filter((k) => k.endsWith('ByWorkOrderId')));

/** Drops what legitimately differs: node IDs and cursors (each server's own encoding). */
function withoutIds(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'id' && k !== 'cursor' && k !== 'endCursor')
        .map(([k, v]) => [k, withoutIds(v)]),
    );
  }
  return value;
}

function firstDifference(a: Json, b: Json, path = '$'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as JsonObject)[k] ?? null, (b as JsonObject)[k] ?? null, `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

function codesOf(answer: Json): string[] {
  const list = canonical(answer, true) as { data?: { workOrders?: { edges?: { node: { code: string } }[] } } };
  return (list.data?.workOrders?.edges ?? []).map((e) => e.node.code);
}

// ── Servers, shapes, runs ──────────────────────────────────────────────────────────────────────────

interface Server {
  name: string;
  started: StartedChild;
  /** Statements sent so far (the hub's metric; the others' GET /stats). */
  statements(): Promise<number>;
}

interface Run {
  server: Server;
  token: string;
  body: string | ((i: number) => string);
  /** The answer's root field, for checking each response. */
  root: string;
}

interface Shape {
  key: string;
  title: string;
  runs: Run[];
}

interface Measured {
  shape: Shape;
  run: Run;
  result: LoadResult;
  sqlPerRequest: number;
  /** CPU ms per request (bench/cpu.ts): the server's process, the database's (postmaster and backends). */
  cpuPerRequest: { server: number; database: number };
}

async function post(server: Server, token: string, body: string): Promise<Json> {
  const res = await fetch(`http://127.0.0.1:${server.started.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  // `extensions` (the hub's cost report) is not part of the answer's content.
  const { data = null, errors } = (await res.json()) as { data?: Json; errors?: Json };
  return errors ? { data, errors } : { data };
}

function statsOf(started: StartedChild): () => Promise<number> {
  return async () => ((await (await fetch(`http://127.0.0.1:${started.port}/stats`)).json()) as { statements: number }).statements;
}

function row({ shape, run, result: r, sqlPerRequest, cpuPerRequest: cpu }: Measured): string {
  const sql = Number.isNaN(sqlPerRequest) ? '–' : sqlPerRequest.toFixed(2);
  const ms = (v: number) => (cpuAccounting ? v.toFixed(2) : '–').padStart(9);
  return `${shape.key.padEnd(7)} ${run.server.name.padEnd(22)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${sql.padStart(9)} ${ms(cpu.server)} ${ms(cpu.database)} ${String(r.errors).padStart(7)}`;
}

/** CPU ms used so far by a server's process and by the database's processes. */
function cpuOf(server: Server, databasePid: number | undefined): { server: number; database: number } {
  return { server: processCpuMs(server.started.child.pid ?? 0), database: databasePid ? treeCpuMs(databasePid) : 0 };
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

async function main() {
  const db = await startBenchDatabase();
  const children: ChildProcess[] = [];
  try {
    const key = randomBytes(32);
    const orm = await openSeededOrm(db.url);
    console.log(`seeding ${ORDERS} work orders …`);
    const seeded = await generateDemoOrders(orm.em.fork(), new DataCipher(key), { orders: ORDERS, seed: 42 });
    console.log(`seeded ${seeded.orders} orders in ${(seeded.ms / 1000).toFixed(1)} s`);
    const { token: operatorToken } = await createToken(orm.em.fork(), { role: Role.OPERATOR, label: 'bench' });
    // The order page cycles over these codes, in a fixed pseudo-random order (the same for every server).
    const codes = ((await orm.em.fork().execute(`select code from work_order order by md5(code) limit ?`, [ORDER_CODES])) as { code: string }[]).map(
      (r) => r.code,
    );
    // The HANDLER's department: a department without sub-units (its scope is then itself) that leads the most orders.
    const [department] = (await orm.em.fork().execute(
      `select d.id, d.code, d.name, count(*)::int as led,
              (select count(distinct a.work_order_id)::int from assignment a where a.department_id = d.id and a.status <> 'CANCELLED') as assigned
         from work_order wo join department d on d.id = wo.lead_department_id
        where not exists (select 1 from department c where c.parent_id = d.id)
        group by d.id order by count(*) desc, d.id limit 1`,
    )) as { id: number; code: string; name: string; led: number; assigned: number }[];
    const { token: handlerToken } = await createToken(orm.em.fork(), { role: Role.HANDLER, departmentCode: department!.code, label: 'bench-handler' });
    await orm.close(true);

    const hubChild = await startHubProcess(
      db,
      key,
      // BENCH_PROFILE=dir writes a V8 CPU profile of the hub there (open it in Chrome DevTools).
      process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
      // Only the request path sends statements: no text analyser polling, no rollup compaction.
      { MINYI_TEXT_ANALYZER_INTERVAL_MS: '0', MINYI_ROLLUP_COMPACT_SECONDS: '0' },
    );
    children.push(hubChild.child);
    const pglChild = await startChild(
      'postgraphile-server.js',
      { DATABASE_URL: db.url, PORT: '0', GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
      /postgraphile listening on (\d+)/,
    );
    children.push(pglChild.child);
    const baseChild = await startChild('baseline-server.js', { DATABASE_URL: db.url, PORT: '0' }, /baseline listening on (\d+)/);
    children.push(baseChild.child);

    const hub: Server = { name: 'hub (GraphQL)', started: hubChild, statements: () => metricValue(hubChild.port) };
    const pgl: Server = { name: 'PostGraphile v5', started: pglChild, statements: statsOf(pglChild) };
    const base: Server = { name: 'baseline (pg, SQL)', started: baseChild, statements: statsOf(baseChild) };

    const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, operationName: /query (\w+)/.exec(query)![1], variables });
    const orderBody = (query: string) => {
      const bodies = codes.map((code) => body(query, { code }));
      return (i: number) => bodies[i % bodies.length]!;
    };

    // ── Same answers (before any load) ──
    const notes: string[] = [];
    if (SHAPES.includes('list')) {
      const [h, p, b] = await Promise.all([
        post(hub, operatorToken, body(HUB_LIST)),
        post(pgl, operatorToken, body(PGL_LIST)),
        post(base, operatorToken, body(HUB_LIST)),
      ]);
      const pd = firstDifference(withoutIds(canonical(h, true)), withoutIds(canonical(p, true)));
      const bd = firstDifference(canonical(h, true), canonical(b, true));
      console.log(`list: same content from hub and PostGraphile (IDs and cursors aside): ${pd ? `NO — ${pd}` : 'yes'}`);
      console.log(`list: same answer from hub and baseline (with IDs and cursors): ${bd ? `NO — ${bd}` : 'yes'}`);
    }
    if (SHAPES.includes('order')) {
      let pglSame = 0;
      let baseSame = 0;
      let firstPgl: string | null = null;
      let firstBase: string | null = null;
      const sample = codes.slice(0, COMPARE);
      const rows = { timeline: 0, assignments: 0, replies: 0, callbacks: 0, sources: 0 };
      for (const code of sample) {
        const [h, p, b] = await Promise.all([
          post(hub, operatorToken, body(HUB_ORDER, { code })),
          post(pgl, operatorToken, body(PGL_ORDER, { code })),
          post(base, operatorToken, body(HUB_ORDER, { code })),
        ]);
        const order = (h as { data?: { workOrder?: Record<keyof typeof rows, unknown[]> | null } }).data?.workOrder;
        for (const k of Object.keys(rows) as (keyof typeof rows)[]) rows[k] += order?.[k]?.length ?? 0;
        const pd = firstDifference(withoutIds(canonical(h, false)), withoutIds(canonical(p, false)));
        const bd = firstDifference(canonical(h, false), canonical(b, false));
        if (!pd) pglSame++;
        else firstPgl ??= `${code} ${pd}`;
        if (!bd) baseSame++;
        else firstBase ??= `${code} ${bd}`;
      }
      console.log(
        `order: compared ${sample.length} orders with ${Object.entries(rows)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')} (hub's answers)`,
      );
      console.log(
        `order: same content from hub and PostGraphile (IDs aside): ${pglSame}/${sample.length} orders${firstPgl ? ` — first difference: ${firstPgl}` : ''}`,
      );
      console.log(`order: same answer from hub and baseline: ${baseSame}/${sample.length} orders${firstBase ? ` — first difference: ${firstBase}` : ''}`);
    }
    if (SHAPES.includes('scoped')) {
      const [h, p] = await Promise.all([
        post(hub, handlerToken, body(HUB_LIST)),
        post(pgl, operatorToken, body(PGL_SCOPED_LIST, { department: department!.id })),
      ]);
      const hubCodes = codesOf(h);
      const pglCodes = new Set(codesOf(p));
      const common = hubCodes.filter((c) => pglCodes.has(c)).length;
      const difference = firstDifference(withoutIds(canonical(h, true)), withoutIds(canonical(p, true)));
      console.log(`scoped: same content from hub (HANDLER) and PostGraphile (condition) (IDs and cursors aside): ${difference ? `NO — ${difference}` : 'yes'}`);
      notes.push(
        `scoped: HANDLER of ${department!.code} (${department!.name}, no sub-units): leads ${department!.led} orders, has live assignments on ${department!.assigned}; ` +
          `the hub's scope is "assigned to the department" (lead or co-handler), PostGraphile's condition is lead department only — ` +
          `first pages share ${common} of ${hubCodes.length} orders (hub) / ${pglCodes.size} (PostGraphile).`,
      );
    }
    notes.push(
      "PostGraphile runs with no authentication and no row-level security (nor the hub's masking and field authorisation): its figures are an upper bound.",
    );

    const shapes: Shape[] = [
      {
        key: 'list',
        title: 'workOrders(first: 50) + channel, leadDepartment, category, latestReply, dueAt (OPERATOR, newest received first)',
        runs: [
          { server: hub, token: operatorToken, body: body(HUB_LIST), root: 'workOrders' },
          { server: pgl, token: operatorToken, body: body(PGL_LIST), root: 'allWorkOrders' },
          { server: base, token: operatorToken, body: body(HUB_LIST), root: 'workOrders' },
        ],
      },
      {
        key: 'order',
        title: `workOrder(code) + timeline, assignments, replies, callbacks, sources (OPERATOR, ${codes.length} orders cycled)`,
        runs: [
          { server: hub, token: operatorToken, body: orderBody(HUB_ORDER), root: 'workOrder' },
          { server: pgl, token: operatorToken, body: orderBody(PGL_ORDER), root: 'workOrderByCode' },
          { server: base, token: operatorToken, body: orderBody(HUB_ORDER), root: 'workOrder' },
        ],
      },
      {
        key: 'scoped',
        title: `the list as a HANDLER of ${department!.code} sees it (hub: row scope; PostGraphile: condition leadDepartmentId, no RLS)`,
        runs: [
          { server: hub, token: handlerToken, body: body(HUB_LIST), root: 'workOrders' },
          { server: pgl, token: operatorToken, body: body(PGL_SCOPED_LIST, { department: department!.id }), root: 'allWorkOrders' },
        ],
      },
    ].filter((s) => SHAPES.includes(s.key));

    const measured: Measured[] = [];
    for (const shape of shapes) {
      for (const run of shape.runs) {
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${run.token}` };
        const url = `http://127.0.0.1:${run.server.started.port}/graphql`;
        const prefix = `{"data":{"${run.root}":{`;
        const check = (status: number, text: string) => status === 200 && text.startsWith(prefix) && !text.includes('"errors"');
        if (WARMUP_SECONDS > 0) await runLoad({ url, body: run.body, headers, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
        // Statements per request, exactly: SQL_SAMPLES requests one after the other (none in flight around them).
        const before = await run.server.statements();
        for (let i = 0; i < SQL_SAMPLES; i++) {
          await post(run.server, run.token, typeof run.body === 'string' ? run.body : run.body(i));
        }
        const sqlPerRequest = ((await run.server.statements()) - before) / SQL_SAMPLES;
        const cpuBefore = cpuOf(run.server, db.pid);
        const result = await runLoad({ url, body: run.body, headers, connections: CONNECTIONS, seconds: SECONDS, check });
        const cpu = cpuOf(run.server, db.pid);
        measured.push({
          shape,
          run,
          result,
          sqlPerRequest,
          cpuPerRequest: { server: (cpu.server - cpuBefore.server) / result.requests, database: (cpu.database - cpuBefore.database) / result.requests },
        });
      }
    }

    console.log('');
    console.log(
      `bench:api — ${seeded.orders} orders; ${CONNECTIONS} connections × ${SECONDS} s per server and shape (after ${WARMUP_SECONDS} s warm-up); SQL/req counted over ${SQL_SAMPLES} sequential requests; CPU srv / CPU db: CPU ms per request of the server's process and of the database's (postmaster and backends) during the load`,
    );
    for (const shape of shapes) console.log(`  ${shape.key}: ${shape.title}`);
    console.log(
      `${'shape'.padEnd(7)} ${'server'.padEnd(22)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'SQL/req'.padStart(9)} ${'CPU srv'.padStart(9)} ${'CPU db'.padStart(9)} ${'errors'.padStart(7)}`,
    );
    for (const m of measured) console.log(row(m));
    for (const note of notes) console.log(`note: ${note}`);
    console.log('');
    console.log('ratios (hub / PostGraphile v5: req/s, p99 latency; hub / SQL baseline: req/s):');
    for (const shape of shapes) {
      const of = (server: Server) => measured.find((m) => m.shape === shape && m.run.server === server)?.result;
      const h = of(hub)!;
      const p = of(pgl);
      const b = of(base);
      console.log(
        `  ${shape.key.padEnd(7)} hub/PostGraphile req/s ${p ? ratio(h.rps, p.rps) : '–'}, p99 ${p ? ratio(h.p99, p.p99) : '–'}; hub/baseline req/s ${b ? ratio(h.rps, b.rps) : '–'}`,
      );
    }
  } finally {
    await stopChildren(children);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
