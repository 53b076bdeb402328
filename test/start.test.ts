import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../migrations';
import { createEmptyDatabase } from './support/database';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `node dist/src/main.js` (what `npm start` runs) and waits for it to print its URL. */
function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH!, PORT: '0', LOG_LEVEL: 'warn', ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /GraphiQL in a browser\): (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${out}`));
    });
  });
}

function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners('exit');
    running.child.on('exit', (code) => resolve(code));
    running.child.kill(signal);
  });
}

async function gql(url: string, token: string | null, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as any;
}

describe('npm start', () => {
  it('with no DATABASE_URL: runs its own PostgreSQL, seeds the demo county once, keeps data across restarts, shuts down cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'minyi-start-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
    // The demo trickle is off here: this test counts exactly the seeded orders (test/demo-trickle.test.ts covers it).
    const first = await start({ MINYI_DATA_DIR: dataDir, MINYI_DEMO_ORDERS: '40', MINYI_DEMO_TRICKLE_PER_MINUTE: '0' });
    expect(first.output()).toContain(join(dataDir, 'demo-tokens.json'));
    const tokens = JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8'));
    const roles = tokens.map((t: { role: string }) => t.role);
    for (const role of ['ADMIN', 'OPERATOR', 'HANDLER', 'DEPT_LEADER', 'PETITION_OFFICER', 'ANALYST', 'LEADER', 'CHANNEL']) expect(roles).toContain(role);
    expect(new Set(tokens.filter((t: { role: string }) => t.role === 'HANDLER').map((t: { department: string }) => t.department)).size).toBeGreaterThanOrEqual(
      3,
    );
    const operator = tokens.find((t: { role: string }) => t.role === 'OPERATOR').token;
    const before = await gql(first.url, operator, '{ workOrders(first: 3) { totalCount nodes { code citizen { name } } } }');
    expect(before.data.workOrders.totalCount).toBe(40);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'data-key'))).toBe(true);

    // GraphiQL for a browser, from assets bundled in the package (works offline: no CDN).
    const page = await fetch(first.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
    const assets = [...html.matchAll(/\/graphql\/ruru-static\/[^"']+/g)].map((m) => m[0]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect((await fetch(new URL(asset, first.url))).status).toBe(200);

    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false); // PostgreSQL stopped too

    const second = await start({ MINYI_DATA_DIR: dataDir, MINYI_DEMO_ORDERS: '40', MINYI_DEMO_TRICKLE_PER_MINUTE: '0' });
    const after = await gql(second.url, operator, '{ workOrders(first: 3) { totalCount nodes { code citizen { name } } } }');
    expect(after.data.workOrders.totalCount).toBe(40); // same data, not seeded twice, same key decrypts it
    expect(after.data.workOrders.nodes).toEqual(before.data.workOrders.nodes);
    expect(await stop(second, 'SIGINT')).toBe(0);
  }, 180_000);

  it('with DATABASE_URL: migrates that database and seeds nothing; the CLIs load reference data and make tokens; logs carry no personal data', async () => {
    const db = await createEmptyDatabase('minyi_start');
    const env = { DATABASE_URL: db.url, MINYI_DATA_KEY: randomBytes(32).toString('hex'), MINYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'minyi-ext-')) };
    const count = async (sql: string) => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows[0];
      } finally {
        await client.end();
      }
    };
    try {
      const running = await start(env);
      const ready = await fetch(running.url.replace('/graphql', '/readyz'));
      expect(ready.status).toBe(200);
      expect(running.output()).toContain('token create');
      expect(await gql(running.url, null, '{ __typename }')).toMatchObject({ data: { __typename: 'Query' } });
      expect(await count('select (select count(*) from region)::int as regions, (select count(*) from mikro_orm_migrations)::int as migrations')).toEqual({
        regions: 0,
        migrations: MIGRATIONS.length,
      });
      expect(await stop(running, 'SIGTERM')).toBe(0);

      const cli = (script: string, args: string[]) =>
        spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli', script), ...args], {
          env: { PATH: process.env.PATH!, ...env },
          encoding: 'utf8',
        });
      const seeded = cli('seed.js', ['--reference-only']);
      expect(seeded.status).toBe(0);
      expect(await count('select count(*)::int as n from department')).toEqual({ n: expect.any(Number) });
      const made = cli('minyi.js', ['token', 'create', '--role', 'OPERATOR', '--label', 'ci']);
      expect(made.status).toBe(0);
      const { token, role } = JSON.parse(made.stdout);
      expect(role).toBe('OPERATOR');
      expect(cli('minyi.js', ['token', 'create', '--role', 'HANDLER']).stderr).toMatch(/HANDLER 需要指定单位.*--department/);

      const again = await start({ ...env, LOG_LEVEL: 'debug' });
      const created = await fetch(again.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { code citizen { name } } }',
          variables: {
            i: {
              requestType: 'HELP',
              title: '路灯不亮',
              content: '小区路灯坏了一个月',
              regionCode: '360704',
              citizen: { name: '赵六六', phone: '13800001111', idNumber: '11010519491231002X' },
            },
          },
        }),
      }).then((r) => r.json() as Promise<any>);
      expect(created.data.createWorkOrder.citizen.name).toBe('赵**');
      await fetch(again.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ broken"}' });
      expect(await stop(again, 'SIGINT')).toBe(0);
      const logs = again.output();
      expect(logs).toContain('"requestId"'); // structured request logs at debug level
      for (const secret of ['赵六六', '13800001111', '11010519491231002X', token]) expect(logs).not.toContain(secret);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
