import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import type { Orm } from '../src/db/orm';
import { Topics } from '../src/events/topics';
import type { EventBus } from '../src/events/event-bus';
import { appendToEventLog } from '../src/events/event-log';
import { openSeededOrm, percentile, startBenchDatabase, startHubProcess, stopChildren } from './harness';

/**
 * `npm run bench:subscriptions` — BENCH_SUBSCRIBERS (10,000) graphql-ws subscribers on one hub
 * process, held by BENCH_CLIENT_PROCESSES (5) client processes (bench/subscription-clients.ts);
 * this process publishes BENCH_EVENTS (30) events, one every BENCH_INTERVAL_MS (1000; 0 = a
 * back-to-back burst), and prints the delivery latency from commit (the clock read right after the
 * publishing transaction commits) to each client's receipt (same machine, same clock): p50, p95,
 * p99, max, delivered/expected, and the hub's RSS (VmRSS) before and after the clients connect.
 * BENCH_PROFILE=dir: a CPU profile of the hub; BENCH_HEAP_SNAPSHOT=dir: a heap snapshot of the hub
 * with every subscriber connected; BENCH_HUB_NODE_ARGS: node flags for the hub. It also prints the
 * figures against issue 15's targets (p99 ≤ 250 ms, ≤ 12 KB RSS per idle subscriber: the RSS after
 * BENCH_SETTLE_MS (10,000) of idling with every subscriber connected, minus the RSS before connecting,
 * per subscriber; also printed as read right after connecting).
 * Figures, not a test. Every socket is a file descriptor: the hub needs more than
 * BENCH_SUBSCRIBERS of them (`ulimit -n 65536` first if the limit printed is too low).
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 5);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 30);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 1000);
/** Issue 15's targets: commit → client p99, and the hub's RSS per idle subscriber. */
const TARGET_P99_MS = 250;
const TARGET_KB_PER_SUBSCRIBER = 12;
/** How long the hub idles with every subscriber connected before its idle RSS is read (its RSS is printed every 5 s meanwhile). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);

/** What every client subscribes to (an operator sees every hot issue). */
const QUERY = 'subscription { hotIssueDetected { id title memberCount score cursor } }';

/** Publishing as the hub does (an event-log row in the writing transaction), without a bus of our own. */
const LOG_ONLY: EventBus = {
  publishInTransaction: (em, topic, message) => appendToEventLog(em, topic, [message]),
  publishManyInTransaction: appendToEventLog,
} as EventBus;

/**
 * 事件来源 The event source, one small function: a hot issue detected (a row, and its DETECTED
 * message in the same transaction, as the text analyser publishes it); returns the clock right
 * after the commit.
 */
async function publishEvent(orm: Orm, seq: number): Promise<number> {
  await orm.em.fork().transactional(async (tx) => {
    const [issue] = await tx.execute(
      `insert into hot_issue (title, keywords, region_id, first_seen_at, last_seen_at, band_keys, member_count, score, detected_at)
       select ?, '[]', id, now(), now(), '{}', 3, 2.5, now() from region where code = '360704100000' returning id`,
      [`梅林镇：bench ${seq}`],
    );
    await LOG_ONLY.publishManyInTransaction(tx as EntityManager, Topics.HOT_ISSUES, [
      { hotIssueId: issue.id, type: 'DETECTED', regionCode: '360704100000', categoryCode: null, departmentPaths: [] },
    ]);
  });
  return Date.now();
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/** Asks the hub (started with --heapsnapshot-signal) for a heap snapshot and waits until it is written. */
async function heapSnapshot(pid: number, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 300_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const written = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // Node writes the file in place: done once its size stops changing.
    if (written) {
      const size = statSync(join(dir, written)).size;
      await new Promise((r) => setTimeout(r, 1000));
      if (size > 0 && statSync(join(dir, written)).size === size) {
        console.log(`heap snapshot: ${join(dir, written)}`);
        return;
      }
    }
  }
}

/** CPU time (user + system, ms) the process has used so far: /proc/<pid>/stat utime and stime, in clock ticks of 10 ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function openFilesLimit(): string {
  return /Max open files\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? '?';
}

interface Clients {
  child: ChildProcess;
  request<T>(type: string): Promise<T>;
}

function startClients(count: number, wsUrl: string, token: string): Promise<Clients & { connected: number; failed: number }> {
  const child = fork(join(__dirname, 'subscription-clients.js'), [], {
    env: { PATH: process.env.PATH!, WS_URL: wsUrl, TOKEN: token, CLIENT_COUNT: String(count), QUERY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const request = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: string; connected: number; failed: number }) => resolve({ child, request, connected: m.connected, failed: m.failed }));
    child.once('exit', (code) => reject(new Error(`client process exited ${code}`)));
  });
}

async function main() {
  const db = await startBenchDatabase();
  const children: ChildProcess[] = [];
  try {
    const key = randomBytes(32);
    const orm = await openSeededOrm(db.url);
    const { token } = await createToken(orm.em.fork(), { role: Role.OPERATOR, label: 'bench' });

    // BENCH_PROFILE=dir writes a V8 CPU profile of the hub there (open it in Chrome DevTools).
    // BENCH_HUB_NODE_ARGS: extra node flags for the hub (e.g. "--max-semi-space-size=64").
    // BENCH_HEAP_SNAPSHOT=dir: a heap snapshot of the hub there once every subscriber is connected.
    const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT;
    const hubArgs = [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      ...(snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
      ...(process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ];
    const hub = await startHubProcess(db, key, hubArgs);
    children.push(hub.child);
    const hubPid = hub.child.pid!;
    const wsUrl = `ws://127.0.0.1:${hub.port}/graphql`;
    const rssBefore = rssMb(hubPid);

    console.log(`open files limit (ulimit -n): ${openFilesLimit()}; connecting ${SUBSCRIBERS} subscribers from ${PROCESSES} client processes …`);
    const connectStarted = Date.now();
    const per = Math.ceil(SUBSCRIBERS / PROCESSES);
    const clients = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startClients(Math.min(per, SUBSCRIBERS - i * per), wsUrl, token)));
    children.push(...clients.map((c) => c.child));
    const connected = clients.reduce((n, c) => n + c.connected, 0);
    const failed = clients.reduce((n, c) => n + c.failed, 0);
    const connectSeconds = (Date.now() - connectStarted) / 1000;

    const received = async () => (await Promise.all(clients.map((c) => c.request<{ received: number }>('count')))).reduce((n, c) => n + c.received, 0);
    const waitForDeliveries = async (expected: number, ms: number) => {
      const until = Date.now() + ms;
      while ((await received()) < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    };
    // Warm-up (seq 0, not measured): proves every subscription is registered.
    await publishEvent(orm, 0);
    await waitForDeliveries(connected, 60_000);
    const warmed = await received();
    const rssConnected = rssMb(hubPid);
    const settled: string[] = [];
    for (let waited = 0; waited < SETTLE_MS; waited += 5000) {
      await new Promise((r) => setTimeout(r, Math.min(5000, SETTLE_MS - waited)));
      settled.push(`${rssMb(hubPid).toFixed(0)} after ${((waited + Math.min(5000, SETTLE_MS - waited)) / 1000).toFixed(0)} s`);
    }
    const rssIdle = rssMb(hubPid);
    if (snapshotDir) await heapSnapshot(hubPid, snapshotDir);

    const cpuBefore = cpuMs(hubPid);
    const committedAt = new Map<number, number>();
    for (let seq = 1; seq <= EVENTS; seq++) {
      const started = Date.now();
      committedAt.set(seq, await publishEvent(orm, seq));
      if (INTERVAL_MS > 0) await new Promise((r) => setTimeout(r, Math.max(0, INTERVAL_MS - (Date.now() - started))));
    }
    const expected = connected * EVENTS;
    await waitForDeliveries(warmed + expected, 120_000);
    const cpuPerEvent = (cpuMs(hubPid) - cpuBefore) / Math.max(1, EVENTS);
    const rssAfter = rssMb(hubPid);

    const latencies: number[] = [];
    for (const client of clients) {
      const { receipts } = await client.request<{ receipts: Record<string, number[]> }>('report');
      for (const [seq, times] of Object.entries(receipts)) {
        const at = committedAt.get(Number(seq));
        if (at !== undefined) for (const t of times) latencies.push(t - at);
      }
    }
    latencies.sort((a, b) => a - b);
    await orm.close(true);

    const pattern = INTERVAL_MS > 0 ? `one every ${INTERVAL_MS} ms` : 'back to back';
    console.log('');
    console.log(
      `bench:subscriptions — hotIssueDetected (OPERATOR: sees every hot issue); 1 hub process, ${PROCESSES} client processes, ${require('node:os').cpus().length} CPUs`,
    );
    console.log(`subscribers: ${connected} connected (${failed} failed) in ${connectSeconds.toFixed(1)} s`);
    console.log(`events: ${EVENTS}, ${pattern}; delivered ${latencies.length}/${expected}`);
    console.log(
      `latency commit → client (ms): p50 ${percentile(latencies, 50)}  p95 ${percentile(latencies, 95)}  p99 ${percentile(latencies, 99)}  max ${latencies[latencies.length - 1]}  min ${latencies[0]}`,
    );
    console.log(
      `hub RSS (MB): ${rssBefore.toFixed(0)} before connecting, ${rssConnected.toFixed(0)} with ${connected} subscribers (idle: ${settled.join(', ') || '—'}), ${rssAfter.toFixed(0)} after the events`,
    );
    console.log(`hub CPU (user + system) during the events: ${cpuPerEvent.toFixed(0)} ms per event (${connected} deliveries each)`);
    const p99 = percentile(latencies, 99);
    const kbPerSubscriber = ((rssIdle - rssBefore) * 1024) / Math.max(1, connected);
    const kbRightAfter = ((rssConnected - rssBefore) * 1024) / Math.max(1, connected);
    const verdict = (value: number, target: number) => `${(value / target).toFixed(2)}× the target${value <= target ? ' (met)' : ' (not met)'}`;
    console.log(`target p99 ≤ ${TARGET_P99_MS} ms: p99 ${p99} ms = ${verdict(p99, TARGET_P99_MS)}`);
    console.log(
      `target ≤ ${TARGET_KB_PER_SUBSCRIBER} KB RSS per idle subscriber: ${kbPerSubscriber.toFixed(1)} KB after ${SETTLE_MS / 1000} s idle = ${verdict(kbPerSubscriber, TARGET_KB_PER_SUBSCRIBER)}; right after connecting ${kbRightAfter.toFixed(1)} KB = ${verdict(kbRightAfter, TARGET_KB_PER_SUBSCRIBER)}`,
    );
    for (const c of clients) c.child.send({ type: 'close' });
  } finally {
    await stopChildren(children);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
