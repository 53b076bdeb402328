import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { seedDemoVillages, seedReferenceData } from '../src/demo/reference-seed';
import { demoGazetteerEntries } from './hot-data/gazetteer';
import { startHub } from '../src/hub';
import { progressBar } from '../src/cli/progress';
import { Client } from 'pg';
import type { HubServices } from '../src/services';
import type { HotIssuePolicy } from '../src/hot-issues/policy';
import { startBenchDatabase, type BenchDatabase } from './harness';
import { evaluateStream, generatedStream, setStream, type StreamResult } from './eval-hot-sets';
import { evalSetText, frozenHash, loadEvalSet, sha256, type EvalSetName } from './eval-sets';

/**
 * `npm run eval:hot` — labeled streams through the real intake and the text analyser, scored with one
 * function (bench/eval-hot-sets.ts): the hand-written frozen set (eval/hot/frozen.jsonl, never tuned
 * on; its SHA-256 is checked against eval/hot/FROZEN.sha256), the hand-written development set
 * (eval/hot/dev.jsonl), and the generated stream of src/hot-issues/text/labeled-data.ts (EVAL_SIZE
 * records, EVAL_SEED; EVAL_SIZE=0 skips it). EVAL_SETS=frozen,dev picks the hand-written sets.
 * Targets (issue 13, frozen set): pair F1 ≥ 0.90; hot-issue precision and recall ≥ 0.9; mean
 * detection within a burst's first 10 records.
 */
const SIZE = Number(process.env.EVAL_SIZE ?? 3000);
const SEED = Number(process.env.EVAL_SEED ?? 20261122);
const SETS = (process.env.EVAL_SETS ?? 'frozen,dev')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as EvalSetName[];

async function main() {
  const db = await startBenchDatabase();
  const lines: string[] = [];
  try {
    for (const name of SETS) {
      const text = evalSetText(name);
      const hash = sha256(text);
      const note =
        name === 'frozen'
          ? hash === frozenHash()
            ? `sha256 ${hash} (= FROZEN.sha256)`
            : `sha256 ${hash} ≠ FROZEN.sha256 ${frozenHash()}: THE FROZEN SET CHANGED`
          : `sha256 ${hash}`;
      const r = await withHub(db, `eval_${name}`, async (fork, services, policy) => {
        const { stream, unresolved, resolution } = await setStream(fork(), loadEvalSet(name));
        if (process.env.EVAL_VERBOSE) console.log(`${name}: hub categories chosen for the operator keywords: ${JSON.stringify(resolution)}`);
        if (unresolved.length) console.log(`${name}: hub category keywords matching no category (those records get none): ${unresolved.join(', ')}`);
        return evaluateStream({
          fork,
          services,
          policy,
          records: stream,
          onProgress: progressBar(`评测 ${name}`),
          debug: !!process.env.EVAL_DEBUG && name === 'dev',
        });
      });
      lines.push(report(`${name} ${note}`, r));
    }
    if (SIZE > 0) {
      const r = await withHub(
        db,
        'eval_generated',
        (fork, services, policy) =>
          (
            // The generated stream is written from the demo villages, roads and companies: its gazetteer.
            services.textAnalyzer.useGazetteerEntries(demoGazetteerEntries()),
            evaluateStream({ fork, services, policy, records: generatedStream(SEED, SIZE), onProgress: progressBar('评测 generated') })
          ),
      );
      lines.push(report(`generated (labeled-data.ts, seed ${SEED}, ${SIZE} records)`, r));
    }
  } finally {
    await db.stop();
  }
  console.log('');
  console.log('eval:hot — targets on the frozen set: pair F1 ≥ 0.90, hot-issue precision ≥ 0.9 and recall ≥ 0.9, mean delay ≤ 10 records');
  for (const l of lines) console.log(l);
}

/** A hub on a fresh database of the bench server (migrated, reference data seeded), for one stream. */
async function withHub<T>(
  db: BenchDatabase,
  database: string,
  run: (fork: () => EntityManager, services: HubServices, policy: HotIssuePolicy) => Promise<T>,
): Promise<T> {
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  try {
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(db.url);
  url.pathname = `/${database}`;
  const config = loadConfig({
    ...hotSettings(),
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url.toString(),
    MINYI_DATA_KEY: randomBytes(32).toString('hex'),
    MINYI_DATA_DIR: db.dir,
    LOG_LEVEL: 'silent',
    MINYI_ALERT_INTERVAL_SECONDS: '0',
    MINYI_OUTBOX_INTERVAL_SECONDS: '0',
    MINYI_TEXT_ANALYZER_INTERVAL_MS: '0',
  });
  const opened = await openDatabase(config, { migrate: true });
  await seedReferenceData(opened.orm.em.fork() as EntityManager);
  // The demo county's villages (VILLAGE regions), as `npm start` seeds them: the analyser's gazetteer (EVAL_VILLAGES=0: without).
  if (process.env.EVAL_VILLAGES !== '0') await seedDemoVillages(opened.orm.em.fork() as EntityManager);
  const hub = await startHub(config, { database: opened, logger: pino({ level: 'silent' }) });
  try {
    return await run(() => opened.orm.em.fork() as EntityManager, hub.services, config.hotPolicy);
  } finally {
    await hub.stop();
    await opened.close();
  }
}

function report(label: string, r: StreamResult): string {
  const f = (x: number) => x.toFixed(3);
  const src = Object.entries(r.pairs.bySource)
    .map(([k, v]) => `${k} ${v.correct}/${v.predicted}`)
    .join(', ');
  const missed = r.missed
    .map(
      (m) => `${m.burst}(${m.records}${m.best ? `; best cluster ${m.best.fromBurst}/${m.best.members}${m.best.detected ? ' detected' : ''}` : '; no cluster'})`,
    )
    .join(' ');
  return [
    `${label}: ${r.records} records, ${r.bursts} bursts, ${(r.ms / 1000).toFixed(1)} s`,
    `  pairs: truth ${r.pairs.truth}, predicted ${r.pairs.predicted} (${src}), correct ${r.pairs.correct} → P ${f(r.pairs.precision)} R ${f(r.pairs.recall)} F1 ${f(r.pairs.f1)}`,
    `  hot issues: detected ${r.hot.detected}, matching ${r.hot.matching}, bursts found ${r.hot.burstsFound}/${r.bursts} → P ${f(r.hot.precision)} R ${f(r.hot.recall)}; delay mean ${r.hot.meanDelay.toFixed(1)} max ${r.hot.maxDelay} records`,
    ...(missed ? [`  missed bursts: ${missed}`] : []),
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** MINYI_HOT_* / MINYI_REPEAT_* / MINYI_DUPLICATE_* from the environment, to try other thresholds. */
function hotSettings(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => /^MINYI_(HOT|REPEAT|DUPLICATE)_/.test(k) && v !== undefined)) as Record<
    string,
    string
  >;
}
