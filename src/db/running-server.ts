import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded cluster of a data directory may already be running: the hub (`npm start`) owns it
 * while it runs, and a second postmaster on the same directory is refused ("postmaster.pid already
 * exists"). Tools beside the hub read postmaster.pid to find that server and connect to it instead.
 *
 * postmaster.pid (PostgreSQL's lock file): line 1 the postmaster's pid, 2 the data directory, 3 start
 * time, 4 the port, 5 the socket directory, 6 the listen address, 7 the shared-memory key, 8 the
 * status (starting, ready, stopping …).
 */
export interface PostmasterPid {
  pid: number;
  port: number;
  listenAddress: string | null;
  status: string | null;
}

export type RunningServer =
  /** No lock file: nothing runs on this directory. */
  | { state: 'none' }
  /** A lock file whose process is gone (killed, crashed, machine restarted). PostgreSQL replaces it at start. */
  | { state: 'stale'; pid: number; reason: 'dead' | 'not-postgres' }
  /** A live postmaster: connect to it on `port`. */
  | { state: 'running'; pid: number; port: number; host: string; status: string | null };

export function readPostmasterPid(clusterDir: string): PostmasterPid | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return null; // removed between the check and the read: the server just stopped
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null; // half-written by a postmaster starting right now
  return {
    pid,
    port: Number.isInteger(port) && port > 0 ? port : 0,
    listenAddress: lines[5]?.trim() || null,
    status: lines[7]?.trim() || null,
  };
}

/** Whether `pid` is alive (EPERM: alive, owned by another user, e.g. `postgres` when the CLI is not root). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On Linux, whether a live pid is a PostgreSQL server at all: after a machine or container restart a
 * stale lock file's pid may belong to an unrelated process, which PostgreSQL itself would take for
 * a running postmaster and refuse to start. Unknown (no /proc): assume it is.
 */
function isPostgresProcess(pid: number): boolean {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return /postgres|postmaster/.test(comm);
  } catch {
    return !existsSync('/proc/self/comm');
  }
}

/** What runs on the embedded cluster in `clusterDir` (MINYI_DATA_DIR/postgres). */
export function findRunningServer(clusterDir: string): RunningServer {
  const lock = readPostmasterPid(clusterDir);
  if (!lock) return { state: 'none' };
  if (!processAlive(lock.pid)) return { state: 'stale', pid: lock.pid, reason: 'dead' };
  if (!isPostgresProcess(lock.pid)) return { state: 'stale', pid: lock.pid, reason: 'not-postgres' };
  const address = lock.listenAddress && lock.listenAddress !== '*' ? lock.listenAddress.split(/[\s,]+/)[0] : '127.0.0.1';
  return { state: 'running', pid: lock.pid, port: lock.port, host: address === '0.0.0.0' ? '127.0.0.1' : address, status: lock.status };
}

/**
 * Before starting a postmaster: a lock file naming a live process that is not PostgreSQL would make
 * PostgreSQL refuse to start ("lock file already exists"), although no server runs; remove it.
 * (A dead pid PostgreSQL handles itself: it overwrites the file.)
 */
export function removeForeignLockFile(clusterDir: string): boolean {
  const found = findRunningServer(clusterDir);
  if (found.state !== 'stale' || found.reason !== 'not-postgres') return false;
  try {
    unlinkSync(join(clusterDir, 'postmaster.pid'));
    return true;
  } catch {
    return false;
  }
}
