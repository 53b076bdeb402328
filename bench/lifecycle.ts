import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { cpuAccounting, processCpuMs, treeCpuMs } from './cpu';
import { metricValue, openSeededOrm, percentile, startBenchDatabase, startHubProcess, stopChildren } from './harness';

/**
 * `npm run bench:lifecycle` — complete work-order lifecycles over HTTP, as the frontends drive them:
 * createWorkOrder → dispatchWorkOrder (lead SCJGJ) → signWorkOrder → recordContact → submitReply →
 * approveReply → recordCallback (satisfied) → CLOSED, each step with the version the previous one
 * returned. The hub runs as a child process on a fresh embedded PostgreSQL; this process only
 * generates load, on loopback, over one keep-alive connection pool. Figures, not a test.
 *
 * Phases, in one run:
 *  1. warm-up (not counted);
 *  2. BENCH_CLIENTS concurrent clients drive lifecycles for BENCH_SECONDS: count and exact p50/p95
 *     latency per mutation, lifecycles/s;
 *  3. the floor: the same clients send `{ viewer { role } }` (authenticated, trivial) over the same
 *     pool, half of BENCH_BASELINE_SECONDS just before phase 2 and half just after (so a machine
 *     whose load drifts during the run shows it); mutation p50s are also given as multiples of the
 *     floor's p50, since machines are noisy and the ratio is what compares across runs;
 *  4. BENCH_SQL_LIFECYCLES lifecycles one at a time, reading `minyi_sql_statements_total` (GET
 *     /metrics) before and after every single step: exact SQL statements per mutation (and the
 *     unloaded, sequential p50).
 * Also printed: the CPU ms per lifecycle of the hub's process and of PostgreSQL's during phase 2
 * (bench/cpu.ts), and the lifecycles/s those allow on this machine's cores.
 * Every GraphQL or HTTP error is counted per mutation and its first message printed.
 *
 * Env: BENCH_CLIENTS (8), BENCH_SECONDS (20), BENCH_BASELINE_SECONDS (5), BENCH_SQL_LIFECYCLES (30),
 * BENCH_PROFILE (a directory for a CPU profile of the hub).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 5);
const SQL_LIFECYCLES = Number(process.env.BENCH_SQL_LIFECYCLES ?? 30);
const WARMUP_SECONDS = Math.min(3, SECONDS);
const REQUEST_TIMEOUT_MS = 30_000;

// The documents of test/support/lifecycle.ts (DOCS), which the build does not ship to dist/.
const FIELDS = 'id version status leadDepartment { code }';
const DOCS = {
  create: `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { ${FIELDS} } }`,
  dispatch: `mutation($i: DispatchWorkOrderInput!) { dispatchWorkOrder(input: $i) { ${FIELDS} } }`,
  sign: `mutation($id: ID!, $v: Int!) { signWorkOrder(workOrderId: $id, version: $v) { ${FIELDS} } }`,
  contact: `mutation($id: ID!, $v: Int!, $at: DateTime!) { recordContact(workOrderId: $id, version: $v, method: PHONE, at: $at, note: "电话联系诉求人") { ${FIELDS} firstContactAt } }`,
  reply: `mutation($i: SubmitReplyInput!) { submitReply(input: $i) { ${FIELDS} } }`,
  review: `mutation($id: ID!, $v: Int!, $ok: Boolean!, $note: String) { approveReply(workOrderId: $id, version: $v, approve: $ok, note: $note) { ${FIELDS} } }`,
  callback: `mutation($i: RecordCallbackInput!) { recordCallback(input: $i) { ${FIELDS} reworkCount consultationListedAt } }`,
};
const FLOOR_QUERY = '{ viewer { role } }';
const FLOOR = 'viewer (floor)';

interface Order {
  id: string;
  version: number;
  status: string;
}

type Actor = 'operator' | 'handler' | 'leader';

interface Step {
  /** The mutation's name, which is also the field its answer comes under. */
  name: string;
  as: Actor;
  query: string;
  variables(order: Order, n: number): Record<string, unknown>;
  /** The status the order must be in afterwards. */
  expect: string;
}

const STEPS: Step[] = [
  {
    name: 'createWorkOrder',
    as: 'operator',
    query: DOCS.create,
    variables: (_, n) => ({
      i: {
        requestType: 'COMPLAINT',
        categoryCode: '100101',
        title: `压测工单 ${n}`,
        content: '来电人反映超市销售过期食品。',
        regionCode: '360704100000',
        citizen: { name: '张三', phone: `139${String(n % 100_000_000).padStart(8, '0')}` },
      },
    }),
    expect: 'RECEIVED',
  },
  {
    name: 'dispatchWorkOrder',
    as: 'operator',
    query: DOCS.dispatch,
    variables: (o) => ({ i: { workOrderId: o.id, version: o.version, leadDepartmentCode: 'SCJGJ' } }),
    expect: 'DISPATCHED',
  },
  { name: 'signWorkOrder', as: 'handler', query: DOCS.sign, variables: (o) => ({ id: o.id, v: o.version }), expect: 'HANDLING' },
  {
    name: 'recordContact',
    as: 'handler',
    query: DOCS.contact,
    variables: (o) => ({ id: o.id, v: o.version, at: new Date().toISOString() }),
    expect: 'HANDLING',
  },
  {
    name: 'submitReply',
    as: 'handler',
    query: DOCS.reply,
    variables: (o) => ({ i: { workOrderId: o.id, version: o.version, content: '经核实已责令整改', result: 'RESOLVED', handlerName: '李四' } }),
    expect: 'REPLY_REVIEW',
  },
  { name: 'approveReply', as: 'leader', query: DOCS.review, variables: (o) => ({ id: o.id, v: o.version, ok: true }), expect: 'REPLIED' },
  {
    name: 'recordCallback',
    as: 'operator',
    query: DOCS.callback,
    variables: (o) => ({
      i: {
        workOrderId: o.id,
        version: o.version,
        contacted: true,
        processSatisfaction: 'SATISFIED',
        resultSatisfaction: 'SATISFIED',
        resolved: true,
        comment: '满意',
      },
    }),
    expect: 'CLOSED',
  },
];

// ── HTTP: one keep-alive pool for every phase ─────────────────────────────────────────────────────

interface Answer {
  ms: number;
  data?: Record<string, any>;
  /** Set for a network error, a non-200 answer, an unreadable body or any GraphQL error. */
  error?: string;
}

class GraphqlClient {
  readonly agent: Agent;

  constructor(
    private readonly port: number,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send(token: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve) => {
      const started = performance.now();
      const req = request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (error) => resolve({ ms: performance.now() - started, error: `network: ${error.message}` }));
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let json: { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
            try {
              json = JSON.parse(text);
            } catch {
              return resolve({ ms, error: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` });
            }
            if (json.errors?.length) {
              const [first] = json.errors;
              return resolve({ ms, error: `${first.extensions?.code ?? 'ERROR'}: ${first.message}` });
            }
            if (res.statusCode !== 200) return resolve({ ms, error: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` });
            resolve({ ms, data: json.data ?? undefined });
          });
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (error) => resolve({ ms: performance.now() - started, error: `network: ${error.message}` }));
      req.end(body);
    });
  }
}

// ── recording ─────────────────────────────────────────────────────────────────────────────────────

class Stats {
  readonly samples = new Map<string, number[]>();
  readonly errors = new Map<string, { count: number; first: string }>();

  ok(name: string, ms: number): void {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
  }

  fail(name: string, message: string): void {
    const entry = this.errors.get(name);
    if (entry) entry.count++;
    else this.errors.set(name, { count: 1, first: message });
  }

  count(name: string): number {
    return this.samples.get(name)?.length ?? 0;
  }

  errorCount(name?: string): number {
    if (name) return this.errors.get(name)?.count ?? 0;
    return [...this.errors.values()].reduce((sum, e) => sum + e.count, 0);
  }

  pct(name: string, p: number): number {
    const sorted = [...(this.samples.get(name) ?? [])].sort((a, b) => a - b);
    return percentile(sorted, p);
  }
}

interface Tokens {
  operator: string;
  handler: string;
  leader: string;
}

let sequence = 0;

/**
 * One lifecycle, step by step, each with the version the previous step returned. A step that fails
 * (error, or the order not in the expected status) is recorded and ends this lifecycle.
 * `around` wraps each step (the sequential phase reads the SQL counter there).
 */
async function lifecycle(
  client: GraphqlClient,
  tokens: Tokens,
  stats: Stats,
  around?: (step: Step, run: () => Promise<Answer>) => Promise<Answer>,
): Promise<boolean> {
  const n = ++sequence;
  let order: Order = { id: '', version: 0, status: '' };
  for (const step of STEPS) {
    const run = () => client.send(tokens[step.as], step.query, step.variables(order, n));
    const answer = around ? await around(step, run) : await run();
    if (answer.error) {
      stats.fail(step.name, answer.error);
      return false;
    }
    const next = answer.data?.[step.name] as Order | undefined;
    if (!next || next.status !== step.expect) {
      stats.fail(step.name, `order is ${next?.status ?? 'missing'} after ${step.name}, expected ${step.expect}`);
      return false;
    }
    if (order.id && next.version <= order.version) {
      stats.fail(step.name, `version did not advance (${order.version} → ${next.version})`);
      return false;
    }
    stats.ok(step.name, answer.ms);
    order = next;
  }
  return true;
}

/** `clients` loops, each starting lifecycles until `seconds` are up (the last one is finished). */
async function concurrentLifecycles(client: GraphqlClient, tokens: Tokens, clients: number, seconds: number, stats: Stats) {
  let completed = 0;
  let abandoned = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        if (await lifecycle(client, tokens, stats)) completed++;
        else abandoned++;
      }
    }),
  );
  return { completed, abandoned, seconds: (performance.now() - started) / 1000 };
}

/** `clients` loops sending the floor query until `seconds` are up. */
async function concurrentFloor(client: GraphqlClient, token: string, clients: number, seconds: number, stats: Stats): Promise<{ seconds: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const answer = await client.send(token, FLOOR_QUERY);
        if (answer.error) stats.fail(FLOOR, answer.error);
        else if (answer.data?.viewer?.role !== 'OPERATOR') stats.fail(FLOOR, `unexpected answer ${JSON.stringify(answer.data)}`);
        else stats.ok(FLOOR, answer.ms);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000 };
}

// ── output ────────────────────────────────────────────────────────────────────────────────────────

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

function sqlFigure(deltas: number[] | undefined): string {
  if (!deltas?.length) return '–';
  const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
  const min = Math.min(...deltas);
  const max = Math.max(...deltas);
  return min === max ? String(min) : `${mean.toFixed(2)} (${min}–${max})`;
}

function printErrors(title: string, stats: Stats): void {
  if (stats.errorCount() === 0) return;
  console.log(`${title}: ${stats.errorCount()} error(s)`);
  for (const [name, e] of stats.errors) console.log(`  ${name}: ${e.count} × first: ${e.first}`);
}

async function main(): Promise<number> {
  const db = await startBenchDatabase();
  const children: ChildProcess[] = [];
  try {
    const key = randomBytes(32);
    const orm = await openSeededOrm(db.url);
    const tokens: Tokens = {
      operator: (await createToken(orm.em.fork(), { role: Role.OPERATOR, label: 'bench operator' })).token,
      handler: (await createToken(orm.em.fork(), { role: Role.HANDLER, departmentCode: 'SCJGJ', label: 'bench handler' })).token,
      leader: (await createToken(orm.em.fork(), { role: Role.DEPT_LEADER, departmentCode: 'SCJGJ', label: 'bench leader' })).token,
    };
    await orm.close(true);
    console.log('seeded reference data and tokens (OPERATOR, HANDLER SCJGJ, DEPT_LEADER SCJGJ)');

    // BENCH_PROFILE=dir writes a V8 CPU profile of the hub there (open it in Chrome DevTools).
    const hub = await startHubProcess(db, key, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
    children.push(hub.child);
    const client = new GraphqlClient(hub.port, CLIENTS);
    for (const [actor, token] of Object.entries(tokens)) {
      const answer = await client.send(token, FLOOR_QUERY);
      if (answer.error) throw new Error(`${actor} token does not work: ${answer.error}\nhub output:\n${hub.output().slice(-4000)}`);
    }

    // 1. Warm-up (JIT, pools, caches); its errors are shown too.
    const warmStats = new Stats();
    const warm = await concurrentLifecycles(client, tokens, CLIENTS, WARMUP_SECONDS, warmStats);
    await concurrentFloor(client, tokens.operator, CLIENTS, 1, warmStats);
    console.log(`warm-up: ${warm.completed} lifecycles in ${warm.seconds.toFixed(1)} s`);

    // 2. Measured concurrency, between the two halves of 3. the floor (same clients and pool).
    console.log(`running ${CLIENTS} clients × ${SECONDS} s of lifecycles, with ${BASELINE_SECONDS / 2} s of the floor query before and after …`);
    const stats = new Stats();
    const floorBefore = new Stats();
    const floorAfter = new Stats();
    const floor1 = await concurrentFloor(client, tokens.operator, CLIENTS, BASELINE_SECONDS / 2, floorBefore);
    const cpuBefore = { hub: processCpuMs(hub.child.pid ?? 0), database: db.pid ? treeCpuMs(db.pid) : 0 };
    const run = await concurrentLifecycles(client, tokens, CLIENTS, SECONDS, stats);
    const cpuPerLifecycle = {
      hub: (processCpuMs(hub.child.pid ?? 0) - cpuBefore.hub) / run.completed,
      database: ((db.pid ? treeCpuMs(db.pid) : 0) - cpuBefore.database) / run.completed,
    };
    const floor2 = await concurrentFloor(client, tokens.operator, CLIENTS, BASELINE_SECONDS / 2, floorAfter);
    const floorSeconds = floor1.seconds + floor2.seconds;
    for (const half of [floorBefore, floorAfter]) {
      for (const value of half.samples.get(FLOOR) ?? []) stats.ok(FLOOR, value);
      for (const [name, e] of half.errors) for (let i = 0; i < e.count; i++) stats.fail(name, e.first);
    }

    // 4. Sequential: SQL statements per mutation, read around each single step.
    const idleBefore = await metricValue(hub.port);
    await new Promise((r) => setTimeout(r, 500));
    const idleStatements = (await metricValue(hub.port)) - idleBefore;
    const seqStats = new Stats();
    const sql = new Map<string, number[]>();
    const measure = async (name: string, run: () => Promise<Answer>): Promise<Answer> => {
      const before = await metricValue(hub.port);
      const answer = await run();
      const after = await metricValue(hub.port);
      if (!answer.error) {
        let list = sql.get(name);
        if (!list) sql.set(name, (list = []));
        list.push(after - before);
      }
      return answer;
    };
    let seqCompleted = 0;
    for (let i = 0; i < SQL_LIFECYCLES; i++) {
      if (await lifecycle(client, tokens, seqStats, (step, run) => measure(step.name, run))) seqCompleted++;
      const answer = await measure(FLOOR, () => client.send(tokens.operator, FLOOR_QUERY));
      if (answer.error) seqStats.fail(FLOOR, answer.error);
      else seqStats.ok(FLOOR, answer.ms);
    }
    client.agent.destroy();

    // ── report ──
    const floorP50 = stats.pct(FLOOR, 50);
    console.log('');
    console.log(
      `bench:lifecycle — create → dispatch (SCJGJ) → sign → contact → reply → approve → callback → CLOSED; ${CLIENTS} clients × ${SECONDS} s; ` +
        `node ${process.version}, ${availableParallelism()} cores (load generator, hub and PostgreSQL share them)`,
    );
    console.log(
      `lifecycles completed: ${run.completed} in ${run.seconds.toFixed(1)} s = ${(run.completed / run.seconds).toFixed(1)} lifecycles/s; abandoned after an error: ${run.abandoned}`,
    );
    if (cpuAccounting) {
      console.log(
        `CPU per lifecycle during the measured run (bench/cpu.ts): hub ${cpuPerLifecycle.hub.toFixed(1)} ms, PostgreSQL ${cpuPerLifecycle.database.toFixed(1)} ms ` +
          `(${availableParallelism()} cores: at most ${((availableParallelism() * 1000) / (cpuPerLifecycle.hub + cpuPerLifecycle.database)).toFixed(1)} lifecycles/s if CPU-bound)`,
      );
    }
    console.log(
      `${'operation'.padEnd(18)} ${'count'.padStart(7)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p50/floor'.padStart(10)} ${'seq p50 ms'.padStart(11)}  SQL/mutation`,
    );
    for (const name of [...STEPS.map((s) => s.name), FLOOR]) {
      const p50 = stats.pct(name, 50);
      console.log(
        `${name.padEnd(18)} ${String(stats.count(name)).padStart(7)} ${String(stats.errorCount(name)).padStart(7)} ${ms(p50).padStart(8)} ${ms(stats.pct(name, 95)).padStart(8)} ` +
          `${(Number.isFinite(p50 / floorP50) ? `${(p50 / floorP50).toFixed(1)}×` : '–').padStart(10)} ${ms(seqStats.pct(name, 50)).padStart(11)}  ${sqlFigure(sql.get(name))}`,
      );
    }
    const lifecycleSql = STEPS.reduce((sum, s) => {
      const d = sql.get(s.name) ?? [];
      return sum + d.reduce((a, b) => a + b, 0) / (d.length || NaN);
    }, 0);
    console.log(
      `floor: p50 of ${FLOOR_QUERY} (OPERATOR) with ${CLIENTS} clients on the same pool over ${floorSeconds.toFixed(1)} s = ${ms(floorP50)} ms ` +
        `(${ms(floorBefore.pct(FLOOR, 50))} ms before the lifecycles, ${ms(floorAfter.pct(FLOOR, 50))} ms after; ${(stats.count(FLOOR) / floorSeconds).toFixed(0)} req/s); ` +
        `sequential ${ms(seqStats.pct(FLOOR, 50))} ms`,
    );
    console.log(
      `SQL: read around each step of ${seqCompleted}/${SQL_LIFECYCLES} sequential lifecycles; ${Number.isFinite(lifecycleSql) ? lifecycleSql.toFixed(1) : '–'} statements per lifecycle` +
        (idleStatements !== 0 ? `; WARNING: ${idleStatements} statements counted while idle, figures may include background work` : ''),
    );
    printErrors('warm-up', warmStats);
    printErrors('measured run', stats);
    printErrors('sequential SQL pass', seqStats);
    const errors = warmStats.errorCount() + stats.errorCount() + seqStats.errorCount();
    if (errors === 0) console.log('errors: none');
    return errors === 0 ? 0 : 1; // figures are printed either way; a run with errors says so in its exit code
  } finally {
    await stopChildren(children);
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
