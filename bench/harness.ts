import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { migrate, openOrm, type Orm } from '../src/db/orm';
import { seedReferenceData } from '../src/demo/reference-seed';

/**
 * What the benchmarks share: a fresh embedded PostgreSQL in a temporary directory, servers started
 * as child processes (this process only generates load), and the hub's SQL statement counter.
 */

export interface BenchDatabase {
  /** The temporary directory (PostgreSQL data under it; also usable as MINYI_DATA_DIR). */
  dir: string;
  url: string;
  /** The postmaster's process id (its backends are its children: bench/cpu.ts). */
  pid?: number;
  /** Stops PostgreSQL and removes the directory. */
  stop(): Promise<void>;
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-bench-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
  const pg = await startEmbeddedPostgres(join(dir, 'postgres'), { database: 'bench' });
  return {
    dir,
    url: pg.url,
    pid: pg.pid,
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The hub's schema on a bench database, migrated and with the reference data (departments, channels …). */
export async function openSeededOrm(url: string, options: { poolMax?: number } = {}): Promise<Orm> {
  const orm = await openOrm(url, options);
  await migrate(orm);
  await seedReferenceData(orm.em.fork() as EntityManager);
  return orm;
}

/**
 * Starts `node [nodeArgs] <script>` (a path relative to dist/bench) with only PATH and `env`, and
 * resolves with the port captured by the first group of `ready` from its output.
 */
export interface StartedChild {
  child: ChildProcess;
  port: number;
  /** The last 64 KB of its stdout and stderr (for reporting a failure). */
  output(): string;
}

export function startChild(script: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<StartedChild> {
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, script)], {
    env: { PATH: process.env.PATH!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out = (out + chunk).slice(-64 * 1024); // keep the tail only: a long run must not grow this
      if (started) return;
      const match = ready.exec(out);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      if (!started) reject(new Error(`${script} exited ${code ?? signal}:\n${out}`));
      else if (signal !== 'SIGTERM' && code !== 0) console.error(`${script} exited ${code ?? signal} during the run:\n${out}`);
    });
  });
}

/** BENCH_HUB_ENV="NAME=value,…": more configuration for the benchmarked hub, for A/B runs (e.g. DATABASE_PREPARED_STATEMENTS=0). */
export function benchHubEnv(): Record<string, string> {
  return Object.fromEntries(
    (process.env.BENCH_HUB_ENV ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]),
  );
}

/**
 * The hub (`node dist/src/main.js`) on a free loopback port over the bench database (DATABASE_URL);
 * `env` adds or overrides variables.
 */
export function startHubProcess(database: BenchDatabase, dataKey: Buffer, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<StartedChild> {
  return startChild(
    '../src/main.js',
    {
      DATABASE_URL: database.url,
      MINYI_DATA_KEY: dataKey.toString('hex'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MINYI_DATA_DIR: database.dir,
      // Measure the request path alone: the SLA scan and the outbox worker would add their own statements.
      MINYI_ALERT_INTERVAL_SECONDS: '0',
      MINYI_OUTBOX_INTERVAL_SECONDS: '0',
      // One token and one address open every bench socket and send every request: lift the
      // per-token / per-address limits meant for hostile clients (http/graphql-ws.ts, rate-limit.ts).
      MINYI_WS_MAX_CONNECTIONS: '1000000',
      MINYI_WS_MAX_CONNECTIONS_PER_TOKEN: '1000000',
      MINYI_WS_MAX_SUBSCRIPTIONS_PER_TOKEN: '1000000',
      MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS: '100000',
      MINYI_RATE_LIMIT_PER_SECOND: '0',
      MINYI_RATE_LIMIT_ANONYMOUS_PER_SECOND: '0',
      ...env,
      ...benchHubEnv(),
    },
    /http:\/\/[^:]+:(\d+)\/graphql/,
    nodeArgs,
  );
}

/** Sends SIGTERM and waits (at most 10 s each) for the children to exit. */
export async function stopChildren(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** The hub's `minyi_sql_statements_total` (GET /metrics). */
export async function metricValue(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^minyi_sql_statements_total (\d+(?:\.\d+)?)/m.exec(text)?.[1] ?? NaN);
}

/** Exact percentile (nearest rank, as bench/load.ts) of ascending-sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
