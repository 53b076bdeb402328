import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubProcess } from './support/hub-process';

const ROOT = join(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A data directory of this test's own (as root, PostgreSQL runs as the postgres user and must enter it). */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-faults-proc-'));
  chmodSync(dir, 0o755);
  return dir;
}

function postmasterPid(dir: string): number {
  return Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pids: number[], ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Spawns `command` on `env.MINYI_DATA_DIR`, waits for the hub's URL; the hub is the parent of its postmaster. */
function startServing(command: string, args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; hubPid: number; output: () => string }> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? tmpdir(),
      LANG: process.env.LANG ?? 'C.UTF-8',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let out = '';
  let settled = false;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 120_000);
    child.stdout!.on('data', () => {
      if (!settled && /GraphiQL in a browser\)/.test(out)) {
        settled = true;
        clearTimeout(timer);
        const hubPid = parentPid(postmasterPid(env.MINYI_DATA_DIR));
        expect(readFileSync(`/proc/${hubPid}/cmdline`, 'utf8')).toContain('dist/src/main.js');
        resolve({ child, hubPid, output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
}

const DEMO = { MINYI_DEMO_ORDERS: '20', MINYI_DEMO_TRICKLE_PER_MINUTE: '0' };

describe('the hub as a process: its PostgreSQL dies, signals', () => {
  it('exits non-zero (3) with a fatal log when its embedded PostgreSQL is killed', async () => {
    const dir = dataDir();
    // With the locale: initdb takes the database encoding (UTF8) from it.
    const hub = await startHubProcess({ MINYI_DATA_DIR: dir, LOG_LEVEL: 'info', LANG: process.env.LANG ?? 'C.UTF-8', ...DEMO });
    try {
      const exited = new Promise<number | null>((resolve) => {
        hub.child.removeAllListeners('exit');
        hub.child.on('exit', (code) => resolve(code));
      });
      process.kill(postmasterPid(dir), 'SIGKILL');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
      expect(code).toBe(3);
      expect(hub.output()).toMatch(/"level":60[^\n]*embedded PostgreSQL exited unexpectedly/);
    } finally {
      if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('SIGTERM to `npm start` stops the hub and its PostgreSQL (the start script execs node)', async () => {
    const dir = dataDir();
    const running = await startServing('npm', ['start', '--silent'], { MINYI_DATA_DIR: dir, ...DEMO });
    const pids = [running.hubPid, postmasterPid(dir)];
    try {
      expect(running.hubPid).not.toBe(running.child.pid); // the hub itself, not npm
      running.child.kill('SIGTERM');
      expect(await gone(pids, 15_000)).toBe(true);
      expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('`node dist/src/main.js` (after `npm run build`) stops cleanly on SIGINT too', async () => {
    const dir = dataDir();
    const running = await startServing(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], { MINYI_DATA_DIR: dir, ...DEMO });
    const pids = [running.hubPid, postmasterPid(dir)];
    try {
      expect(running.hubPid).toBe(running.child.pid);
      running.child.removeAllListeners('exit');
      const exited = new Promise<number | null>((resolve) => running.child.on('exit', (code) => resolve(code)));
      running.child.kill('SIGINT');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'still running')]);
      if (code !== 0) console.error(running.output().slice(-3000));
      expect(code).toBe(0);
      expect(await gone(pids, 5_000)).toBe(true);
    } finally {
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
