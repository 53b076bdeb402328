import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMinyi } from './support/cli';
import { startHubProcess, type HubProcess } from './support/hub-process';

async function gql(url: string, token: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as any;
}

function postmasterPid(dir: string): number | null {
  const file = join(dir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

/** A pid that surely belongs to no process any more: a child that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('command-line tools beside a running hub (embedded PostgreSQL)', () => {
  let dir: string;
  let hub: HubProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'minyi-cli-beside-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('token create and report connect to the running server and leave it running; alone, a tool starts and stops its own', async () => {
    hub = await startHubProcess({ MINYI_DATA_DIR: dir, MINYI_DEMO_ORDERS: '30', MINYI_DEMO_TRICKLE_PER_MINUTE: '0' });
    const env = { MINYI_DATA_DIR: dir };
    const postmaster = postmasterPid(dir);
    expect(postmaster).not.toBeNull();

    const created = await runMinyi(['token', 'create', '--role', 'OPERATOR', '--label', 'beside the hub'], env);
    expect(created.stderr).not.toMatch(/postmaster\.pid/);
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout);
    // The token was written into the hub's own database: the running hub accepts it.
    expect((await gql(hub.url, token, '{ viewer { role } }')).data.viewer.role).toBe('OPERATOR');

    const out = join(dir, 'report.html');
    const report = await runMinyi(['report', '--month', '2026-10', '--format', 'html', '--out', out], env);
    expect(report.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/<html/i);

    // The tools did not stop the hub's server: same postmaster, the hub still answers from the database.
    expect(postmasterPid(dir)).toBe(postmaster);
    const after = await gql(hub.url, token, '{ workOrders(first: 1) { totalCount } }');
    expect(after.data.workOrders.totalCount).toBe(30);

    expect(await hub.stop()).toBe(0);
    hub = undefined;
    expect(postmasterPid(dir)).toBeNull();

    // Alone: the tool starts the cluster itself and stops it at the end.
    const alone = await runMinyi(['token', 'create', '--role', 'ANALYST'], env);
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout).role).toBe('ANALYST');
    expect(postmasterPid(dir)).toBeNull();
  });

  it('starts normally over a stale postmaster.pid (its process dead, or not PostgreSQL at all)', async () => {
    const env = { MINYI_DATA_DIR: dir };
    const lockFile = join(dir, 'postgres', 'postmaster.pid');
    const lock = (pid: number) => `${pid}\n${join(dir, 'postgres')}\n1700000000\n5999\n/tmp\n127.0.0.1\n  1234567    32768\nready   \n`;

    writeFileSync(lockFile, lock(await deadPid()));
    const dead = await runMinyi(['token', 'create', '--role', 'LEADER'], env);
    expect(dead.stderr).not.toMatch(/postmaster|lock file/);
    expect(dead.code).toBe(0);

    // After a machine restart the old pid may belong to some other process: PostgreSQL alone would refuse.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFile, lock(other.pid!));
      const foreign = await runMinyi(['token', 'create', '--role', 'LEADER'], env);
      expect(foreign.code).toBe(0);
    } finally {
      other.kill();
    }
    expect(postmasterPid(dir)).toBeNull();
  });
});
