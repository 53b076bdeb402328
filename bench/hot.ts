import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import WebSocket from 'ws';
import { sign } from '../connectors/push/signature';
import { Role } from '../src/auth/roles';
import { createToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { seedReferenceData } from '../src/demo/reference-seed';
import { generateLabeledComplaints, type LabeledComplaint } from './hot-data/labeled-data';
import { startHub, type Hub } from '../src/hub';
import { benchHubEnv, percentile, startBenchDatabase } from './harness';

/**
 * `npm run bench:hot` — the text pipeline under ingestion, through the push intake over HTTP
 * (signed batches, as channel owners send them) on one hub:
 * 1. ingest throughput with the text analyser stopped, then running (same run, same hub, fresh
 *    records each phase): records/s acknowledged (202) and the analyser's backlog at the end;
 * 2. latency ingest → hotIssueDetected while ingesting a labeled stream at a steady BENCH_RATE
 *    (records/s): from the 202 of the record that made a cluster hot (its latest member acknowledged
 *    before the notification) to the graphql-ws subscriber's receipt; p50 / p99.
 * Env: BENCH_RECORDS (1500 per phase), BENCH_RATE (25).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1500);
const RATE = Number(process.env.BENCH_RATE ?? 25);
const CHANNELS = ['wzgz', 'wzjx', 'gwy-dc', 'govcn-ly'] as const;
const SECRET = randomBytes(32).toString('hex');

/** A labeled record as a push-api.md canonical record from one of the push channels, received now. */
function pushRecord(
  r: LabeledComplaint,
  n: number,
  at: Date,
  channel = CHANNELS[[...r.channel].reduce((h, c) => h + c.charCodeAt(0), 0) % CHANNELS.length],
): { channel: string; record: Record<string, unknown> } {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  return {
    channel,
    record: {
      externalId: `HOT-${n}-${r.id}`,
      version: 1,
      requestType: 'complaint',
      title: r.text.slice(0, 30),
      content: r.text,
      regionCode: r.regionCode,
      categoryHint: r.categoryCode,
      receivedAt: iso,
      updatedAt: iso,
      citizen: r.citizenKey ? { name: '市民', phone: `139${String(parseInt(r.citizenKey.slice(0, 8), 16) % 1e8).padStart(8, '0')}` } : { anonymous: true },
    },
  };
}

async function push(hub: Hub, channel: string, records: Array<Record<string, unknown>>): Promise<number> {
  const body = Buffer.from(JSON.stringify({ records }));
  for (;;) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`http://127.0.0.1:${hub.port}/intake/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': sign(SECRET, timestamp, body) },
      body,
    });
    if (response.status === 429) {
      await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (response.status !== 202) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
    return Date.now();
  }
}

/** Phase 1: as fast as the intake takes them, 100 a request, 4 channels in parallel. */
async function throughput(hub: Hub, records: LabeledComplaint[], offset: number): Promise<number> {
  const started = performance.now();
  const byChannel = new Map<string, Array<Record<string, unknown>>>();
  records.forEach((r, i) => {
    const { channel, record } = pushRecord(r, offset + i, new Date());
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), record]);
  });
  await Promise.all(
    [...byChannel].map(async ([channel, list]) => {
      for (let i = 0; i < list.length; i += 100) await push(hub, channel, list.slice(i, i + 100));
    }),
  );
  return records.length / ((performance.now() - started) / 1000);
}

async function main() {
  const db = await startBenchDatabase();
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    MINYI_DATA_KEY: randomBytes(32).toString('hex'),
    MINYI_DATA_DIR: db.dir,
    LOG_LEVEL: 'silent',
    MINYI_ALERT_INTERVAL_SECONDS: '0',
    MINYI_OUTBOX_INTERVAL_SECONDS: '0',
    MINYI_TEXT_ANALYZER_INTERVAL_MS: '200',
    ...benchHubEnv(),
  };
  const config = loadConfig(env);
  const database = await openDatabase(config, { migrate: true });
  try {
    await seedReferenceData(database.orm.em.fork() as EntityManager);
    // Channel secrets are read from the process environment (connectors/push/secrets.ts).
    for (const c of CHANNELS) process.env[`MINYI_CHANNEL_${c.toUpperCase().replace(/-/g, '_')}_SECRET`] = SECRET;
    const hub = await startHub(config, { database, logger: pino({ level: 'silent' }) });
    const fork = () => database.orm.em.fork() as EntityManager;
    const backlog = async () =>
      (await fork().execute(`select count(*)::int as n from work_order wo where not exists (select 1 from work_order_text t where t.work_order_id = wo.id)`))[0]
        .n as number;
    try {
      const stream = generateLabeledComplaints({ seed: 5, size: RECORDS * 3 });
      // 1. Throughput without and with the analyser.
      await hub.services.textAnalyzer.stop();
      const without = await throughput(hub, stream.slice(0, RECORDS), 0);
      // Phase 1's orders are analysed before phase 2 (runOnce after stop() would return at once).
      hub.services.textAnalyzer.start();
      while ((await backlog()) > 0) await new Promise((r) => setTimeout(r, 200));
      const withAnalysis = await throughput(hub, stream.slice(RECORDS, 2 * RECORDS), RECORDS);
      const left = await backlog();
      const drainStarted = Date.now();
      while ((await backlog()) > 0) await new Promise((r) => setTimeout(r, 200));
      const drainSeconds = (Date.now() - drainStarted) / 1000;

      // 2. Latency ingest → hotIssueDetected at a steady rate.
      const { token } = await createToken(fork(), { role: Role.OPERATOR, label: 'bench hot' });
      const receipts: Array<{ id: string; at: number }> = [];
      const ws = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
      await new Promise<void>((resolve, reject) => {
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
        ws.on('message', (data: Buffer) => {
          const m = JSON.parse(data.toString());
          if (m.type === 'connection_ack') {
            ws.send(JSON.stringify({ id: 'hot', type: 'subscribe', payload: { query: 'subscription { hotIssueDetected { id } }' } }));
            setTimeout(resolve, 200);
          } else if (m.type === 'next') receipts.push({ id: m.payload.data.hotIssueDetected.id, at: Date.now() });
        });
        ws.on('error', reject);
      });
      const acked = new Map<string, number>();
      const steady = stream.slice(2 * RECORDS).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
      const steadyStarted = Date.now();
      await Promise.all(
        steady.map(async (r, i) => {
          await new Promise((res) => setTimeout(res, (i * 1000) / RATE));
          // One record a request, the channels in turn: 25/s is ~6 requests/s a channel, under the push
          // API's 10/s (by the records' own channels one got ~17/s: a storm of 429 retries, not analysis).
          const { channel, record } = pushRecord(r, 2 * RECORDS + i, new Date(), CHANNELS[i % CHANNELS.length]);
          acked.set(record.externalId as string, await push(hub, channel, [record]));
        }),
      );
      const steadySeconds = (Date.now() - steadyStarted) / 1000;
      await new Promise((r) => setTimeout(r, 3000));
      ws.close();
      const latencies: number[] = [];
      for (const receipt of receipts) {
        const id = Number(Buffer.from(receipt.id, 'base64url').toString().split(':')[1]);
        const members: Array<{ external_id: string }> = await fork().execute(
          `select s.external_id from hot_issue_member m join work_order_source s on s.work_order_id = m.work_order_id where m.hot_issue_id = ?`,
          [id],
        );
        const trigger = Math.max(...members.map((m) => acked.get(m.external_id) ?? -Infinity).filter((t) => t <= receipt.at));
        if (Number.isFinite(trigger)) latencies.push(receipt.at - trigger);
      }
      latencies.sort((a, b) => a - b);

      console.log('');
      console.log(`bench:hot — push intake over HTTP (signed, 4 channels), ${RECORDS} records a phase; hub, load and PostgreSQL share the machine`);
      console.log(`ingest without the text analyser: ${without.toFixed(0)} records/s`);
      console.log(
        `ingest with the text analyser running: ${withAnalysis.toFixed(0)} records/s (${((withAnalysis / without) * 100).toFixed(0)}% of without); backlog at the end ${left} orders, analysed ${drainSeconds.toFixed(1)} s later`,
      );
      console.log(
        `steady ingest: ${steady.length} records at ${RATE}/s in ${steadySeconds.toFixed(1)} s; hot issues notified: ${receipts.length}, with a measurable trigger: ${latencies.length}`,
      );
      console.log(
        `latency ingest (202 of the triggering record) → hotIssueDetected received: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1) ?? '-'} ms`,
      );
    } finally {
      await hub.stop();
    }
  } finally {
    await database.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
