import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { seedReferenceData } from '../src/demo/reference-seed';
import { startHub } from '../src/hub';
import { evaluateHotIssues } from '../src/hot-issues/evaluation';
import { progressBar } from '../src/cli/progress';
import { startBenchDatabase } from './harness';

/**
 * `npm run eval:hot` — the labeled stream (EVAL_SIZE records, EVAL_SEED) through the real intake and
 * the text analyser, scored against its labels (src/hot-issues/evaluation.ts). Prints precision,
 * recall and F1 of repeat / multi-source detection and of hot-issue detection, and the detection
 * delay in records. Targets (issue 5): F1 ≥ 0.95 for duplicates; hot-issue precision and recall
 * ≥ 0.9; detected within a burst's first 10 records.
 */
const SIZE = Number(process.env.EVAL_SIZE ?? 3000);
const SEED = Number(process.env.EVAL_SEED ?? 20261122);

async function main() {
  const db = await startBenchDatabase();
  try {
    const config = loadConfig({ ...hotSettings(), PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, MINYI_DATA_KEY: randomBytes(32).toString('hex'), MINYI_DATA_DIR: db.dir, LOG_LEVEL: 'silent', MINYI_ALERT_INTERVAL_SECONDS: '0', MINYI_OUTBOX_INTERVAL_SECONDS: '0', MINYI_TEXT_ANALYZER_INTERVAL_MS: '0' });
    const database = await openDatabase(config, { migrate: true });
    await seedReferenceData(database.orm.em.fork() as EntityManager);
    const hub = await startHub(config, { database, logger: pino({ level: 'silent' }) });
    try {
      const s = hub.services;
      const r = await evaluateHotIssues({
        fork: () => database.orm.em.fork() as EntityManager,
        workOrders: s.workOrders,
        analyzer: s.textAnalyzer,
        policy: config.hotPolicy,
        seed: SEED,
        size: SIZE,
        onProgress: progressBar('评测 evaluating'),
      });
      const pct = (x: number) => x.toFixed(3);
      console.log('');
      console.log(`eval:hot — ${r.records} labeled records (seed ${SEED}), ${r.bursts} bursts, ${(r.ms / 1000).toFixed(1)} s (${(r.ms / r.records).toFixed(1)} ms a record: intake + analysis)`);
      console.log(`repeat + multi-source pairs: truth ${r.pairs.truth}, predicted ${r.pairs.predicted}, correct ${r.pairs.correct} → precision ${pct(r.pairs.precision)} recall ${pct(r.pairs.recall)} F1 ${pct(r.pairs.f1)} (target F1 ≥ 0.95)`);
      console.log(`hot issues: detected ${r.hot.detected}, right ${r.hot.correct}, bursts found ${r.hot.burstsFound}/${r.bursts} → precision ${pct(r.hot.precision)} recall ${pct(r.hot.recall)} (targets ≥ 0.9)`);
      for (const m of r.missed) console.log(`  missed burst ${m.burstId}: ${m.records} records over ${m.spanHours} h; clusters ${JSON.stringify(m.clusters)}`);
      console.log(`detection delay (records of the burst when first detected): mean ${r.hot.meanDelay.toFixed(1)}, max ${r.hot.maxDelay} (target ≤ 10)`);
    } finally {
      await hub.stop();
      await database.close();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** MINYI_HOT_* / MINYI_REPEAT_* / MINYI_DUPLICATE_* from the environment, to try other thresholds. */
function hotSettings(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => /^MINYI_(HOT|REPEAT|DUPLICATE)_/.test(k) && v !== undefined)) as Record<string, string>;
}
