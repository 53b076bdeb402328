import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestType, Urgency } from '../../src/work-orders/enums';
import type { WorkOrderService } from '../../src/work-orders/work-order.service';
import type { TextAnalyzer } from '../../src/hot-issues/analyzer';
import type { HotIssuePolicy } from '../../src/hot-issues/policy';
import { generateLabeledComplaints, type LabeledComplaint } from './labeled-data';
import { demoGazetteerEntries } from './gazetteer';

/**
 * `npm run eval:hot` and its test: a labeled stream (text/labeled-data.ts: bursts of paraphrased
 * complaints about one matter in one township across channels, repeat callers, background noise
 * in the same categories) goes through the real intake and the real analyser, one record at a
 * time in time order, and the detections are scored against the labels:
 *
 * - pairs (重复投诉 + 多头投诉): truth = for each record with a caller, the first earlier record of the
 *   same caller and matter within the repeat window (repeat); and every pair of the same matter from
 *   different channels in the same township within the duplicate window (multi-source). Predicted =
 *   the orders' `repeatOf` links and the duplicate candidates. Precision, recall, F1.
 * - hot issues: a detected hot issue is right when most of its members come from one burst;
 *   precision = right ones ÷ detected, recall = bursts with a right hot issue ÷ bursts; delay = how
 *   many records of its burst had arrived when the burst was first detected.
 */
export interface EvaluationResult {
  records: number;
  bursts: number;
  pairs: { truth: number; predicted: number; correct: number; precision: number; recall: number; f1: number };
  hot: { detected: number; correct: number; burstsFound: number; precision: number; recall: number; delays: number[]; maxDelay: number; meanDelay: number };
  /** Bursts not found: their size, time span, and the clusters their records ended up in. */
  missed: Array<{
    burstId: string;
    records: number;
    spanHours: number;
    clusters: Array<{ id: number; members: number; fromBurst: number; score: number; detected: boolean }>;
  }>;
  ms: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A caller key as a real mobile number, so the hub's keyed phone hash groups the same caller. */
function phoneOf(citizenKey: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(citizenKey).digest('hex').slice(0, 12)}`)
    .toString()
    .padStart(8, '0')
    .slice(-8);
  return `139${digits}`;
}

export async function evaluateHotIssues(options: {
  fork: () => EntityManager;
  workOrders: WorkOrderService;
  analyzer: TextAnalyzer;
  policy: HotIssuePolicy;
  seed: number;
  size: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<EvaluationResult> {
  const started = Date.now();
  // The stream is written from the demo county's villages, roads and companies: the analyser gets them as its gazetteer.
  options.analyzer.useGazetteerEntries(demoGazetteerEntries());
  const records = generateLabeledComplaints({ seed: options.seed, size: options.size }).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const orderOf = new Map<number, LabeledComplaint>();
  const burstSeen = new Map<string, number>();
  const detectedAt = new Map<number, number>(); // hot issue id → records of its burst seen when detected
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const [created] = await options.fork().transactional((tx) =>
      options.workOrders.createMany(tx, { role: null, label: r.channel }, r.channel, [
        {
          input: {
            requestType: RequestType.COMPLAINT,
            categoryCode: r.categoryCode,
            title: r.text.slice(0, 30),
            content: r.text,
            citizen: r.citizenKey ? { phone: phoneOf(r.citizenKey) } : { anonymous: true },
            regionCode: r.regionCode,
            urgency: Urgency.NORMAL,
            receivedAt: r.receivedAt,
          },
          source: { externalId: `EVAL-${r.id}`, version: '1', versionOrder: 1 },
        },
      ]),
    );
    orderOf.set(created.id, r);
    if (r.burstId) burstSeen.set(r.burstId, (burstSeen.get(r.burstId) ?? 0) + 1);
    await options.analyzer.runOnce();
    const fresh: Array<{ id: number }> = await options
      .fork()
      .execute(`select id from hot_issue where detected_at is not null and not (id = any(?::int[]))`, [`{${[...detectedAt.keys()].join(',')}}`]);
    for (const { id } of fresh) {
      const burst = await majorityBurst(options.fork(), id, orderOf);
      detectedAt.set(id, burst ? (burstSeen.get(burst) ?? 0) : -1);
    }
    options.onProgress?.(i + 1, records.length);
  }

  // Pairs.
  const idOfRecord = new Map([...orderOf].map(([orderId, r]) => [r.id, orderId]));
  const truth = new Set<string>();
  const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    let firstRepeat: LabeledComplaint | undefined;
    for (let j = 0; j < i; j++) {
      const e = records[j];
      if (e.matterId !== r.matterId) continue;
      const gap = r.receivedAt.getTime() - e.receivedAt.getTime();
      if (r.citizenKey && e.citizenKey === r.citizenKey && gap <= options.policy.repeatWindowDays * DAY_MS && !firstRepeat) firstRepeat = e;
      if (e.channel !== r.channel && e.regionCode === r.regionCode && gap <= options.policy.duplicateWindowHours * HOUR_MS) {
        truth.add(key(idOfRecord.get(e.id)!, idOfRecord.get(r.id)!));
      }
    }
    if (firstRepeat) truth.add(key(idOfRecord.get(firstRepeat.id)!, idOfRecord.get(r.id)!));
  }
  const em = options.fork();
  const predicted = new Set<string>();
  for (const row of await em.execute(`select id, repeat_of_id from work_order where repeat_of_id is not null`)) predicted.add(key(row.id, row.repeat_of_id));
  for (const row of await em.execute(`select primary_id, duplicate_id from duplicate_candidate`)) predicted.add(key(row.primary_id, row.duplicate_id));
  const correct = [...predicted].filter((p) => truth.has(p)).length;
  const precision = predicted.size ? correct / predicted.size : 1;
  const recall = truth.size ? correct / truth.size : 1;

  // Hot issues.
  const bursts = new Set(records.filter((r) => r.burstId).map((r) => r.burstId!));
  const found = new Map<string, number>();
  let right = 0;
  for (const [id, delay] of detectedAt) {
    const burst = await majorityBurst(em, id, orderOf);
    if (!burst) continue;
    right++;
    if (!found.has(burst)) found.set(burst, delay);
  }
  const delays = [...found.values()];
  const missed = [];
  for (const burst of bursts) {
    if (found.has(burst)) continue;
    const mine = records.filter((r) => r.burstId === burst);
    const ids = mine.map((r) => idOfRecord.get(r.id)!);
    const clusters: Array<{ id: number; members: number; from_burst: number; score: number; detected: boolean }> = await em.execute(
      `select h.id, h.member_count as members, count(*)::int as from_burst, h.score, h.detected_at is not null as detected
         from hot_issue_member m join hot_issue h on h.id = m.hot_issue_id where m.work_order_id = any(?::int[]) group by h.id`,
      [`{${ids.join(',')}}`],
    );
    const times = mine.map((r) => r.receivedAt.getTime());
    missed.push({
      burstId: burst,
      records: mine.length,
      spanHours: Math.round((Math.max(...times) - Math.min(...times)) / HOUR_MS),
      clusters: clusters.map((c) => ({ id: c.id, members: c.members, fromBurst: c.from_burst, score: Math.round(c.score * 100) / 100, detected: c.detected })),
    });
  }
  return {
    records: records.length,
    bursts: bursts.size,
    pairs: {
      truth: truth.size,
      predicted: predicted.size,
      correct,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    },
    hot: {
      detected: detectedAt.size,
      correct: right,
      burstsFound: found.size,
      precision: detectedAt.size ? right / detectedAt.size : 1,
      recall: bursts.size ? found.size / bursts.size : 1,
      delays,
      maxDelay: delays.length ? Math.max(...delays) : 0,
      meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : 0,
    },
    missed,
    ms: Date.now() - started,
  };
}

/** The burst most members of a hot issue come from, when they are the majority (else null). */
async function majorityBurst(em: EntityManager, hotIssueId: number, orderOf: Map<number, LabeledComplaint>): Promise<string | null> {
  const members: Array<{ work_order_id: number }> = await em.execute(`select work_order_id from hot_issue_member where hot_issue_id = ?`, [hotIssueId]);
  const counts = new Map<string, number>();
  for (const m of members) {
    const burst = orderOf.get(m.work_order_id)?.burstId;
    if (burst) counts.set(burst, (counts.get(burst) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] * 2 > members.length ? best[0] : null;
}
