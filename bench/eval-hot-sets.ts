import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubServices } from '../src/services';
import type { HotIssuePolicy } from '../src/hot-issues/policy';
import { generateLabeledComplaints } from './hot-data/labeled-data';
import { RequestType, Urgency } from '../src/work-orders/enums';
import type { EvalSetRecord } from './eval-sets';

/**
 * The hot-issue evaluation harness (issue 13): a labeled stream goes through the real intake, one
 * record at a time in receivedAt order, the text analyser runs after each, and the hub's output is
 * scored against the labels with one scoring function for every stream:
 *
 * - pairs: truth = every pair of records of the same matter at most `hotWindowDays` apart, or of the
 *   same caller at most `repeatWindowDays` apart. Predicted = the orders' `repeatOf` links, the
 *   duplicate candidates (merged or not), and co-membership in one hot-issue cluster (detected or not)
 *   of two orders at most `hotWindowDays` apart. Precision / recall / F1, also per source.
 * - hot issues: a detected hot issue matches a burst when ≥ 70 % of its members are that burst's and
 *   it holds ≥ 50 % of the burst's records (final membership). Precision = matching ÷ detected;
 *   recall = bursts with a matching hot issue ÷ bursts; delay = records of the burst received when
 *   the first matching hot issue was detected.
 *
 * Intake: 12345 records through WorkOrderService.createMany (the operator's category); every other
 * channel through the ingestion runtime (IngestService.ingest with the canonical record its
 * connector would map), so the channel's category hint goes through category_mapping; push channels
 * (wzjx, wzgz, gwy-dc, govcn-ly) have no mapping, hence no hub category.
 */
export interface StreamRecord {
  id: string;
  channel: string;
  receivedAt: Date;
  title: string;
  content: string;
  phone: string | null;
  regionCode: string;
  /** Resolved hub category (12345) — other channels get theirs from category_mapping via `categoryHint`. */
  categoryCode: string | null;
  categoryHint: string | null;
  /** Through the ingestion runtime (true) or WorkOrderService.createMany directly (false). */
  viaIngest: boolean;
  matter: string;
  burst: string | null;
}

export interface PairScore {
  truth: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface StreamResult {
  records: number;
  bursts: number;
  pairs: PairScore & { bySource: Record<'repeat' | 'duplicate' | 'cluster', { predicted: number; correct: number }> };
  hot: { detected: number; matching: number; burstsFound: number; precision: number; recall: number; delays: number[]; meanDelay: number; maxDelay: number };
  missed: Array<{ burst: string; records: number; best: { members: number; fromBurst: number; detected: boolean } | null }>;
  ms: number;
}

const DAY_MS = 86_400_000;
const PUSH_CHANNELS = new Set(['wzjx', 'wzgz', 'gwy-dc', 'govcn-ly']);

/** The one scoring function: same-matter pairs against the hub's pairs, bursts against detected hot issues. */
export function scoreStream(
  records: StreamRecord[],
  policy: Pick<HotIssuePolicy, 'hotWindowDays' | 'repeatWindowDays'>,
  hub: {
    orderOf: Map<number, number>; // work order id → index in records
    repeatLinks: Array<[number, number]>;
    duplicates: Array<[number, number]>;
    clusters: Array<{ id: number; members: number[]; detectedAtIndex: number | null }>;
  },
): Omit<StreamResult, 'ms'> {
  const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  const hotWindow = policy.hotWindowDays * DAY_MS;
  const repeatWindow = policy.repeatWindowDays * DAY_MS;
  const truth = new Set<string>();
  const byMatter = new Map<string, number[]>();
  records.forEach((r, i) => byMatter.set(r.matter, [...(byMatter.get(r.matter) ?? []), i]));
  for (const list of byMatter.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = records[list[x]];
        const b = records[list[y]];
        const gap = Math.abs(a.receivedAt.getTime() - b.receivedAt.getTime());
        if (gap <= hotWindow || (a.phone && a.phone === b.phone && gap <= repeatWindow)) truth.add(key(list[x], list[y]));
      }
    }
  }
  const sources = { repeat: new Set<string>(), duplicate: new Set<string>(), cluster: new Set<string>() };
  const idx = (orderId: number) => hub.orderOf.get(orderId);
  for (const [a, b] of hub.repeatLinks) if (idx(a) !== undefined && idx(b) !== undefined) sources.repeat.add(key(idx(a)!, idx(b)!));
  for (const [a, b] of hub.duplicates) if (idx(a) !== undefined && idx(b) !== undefined) sources.duplicate.add(key(idx(a)!, idx(b)!));
  for (const c of hub.clusters) {
    const members = c.members.map(idx).filter((i): i is number => i !== undefined);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        if (Math.abs(records[members[x]].receivedAt.getTime() - records[members[y]].receivedAt.getTime()) <= hotWindow)
          sources.cluster.add(key(members[x], members[y]));
      }
    }
  }
  const predicted = new Set([...sources.repeat, ...sources.duplicate, ...sources.cluster]);
  const correct = [...predicted].filter((p) => truth.has(p)).length;
  const precision = predicted.size ? correct / predicted.size : 1;
  const recall = truth.size ? correct / truth.size : 1;
  const bySource = Object.fromEntries(
    Object.entries(sources).map(([name, set]) => [name, { predicted: set.size, correct: [...set].filter((p) => truth.has(p)).length }]),
  ) as StreamResult['pairs']['bySource'];

  // Hot issues: the 70 % / 50 % rule over final members.
  const burstIndexes = new Map<string, number[]>();
  records.forEach((r, i) => r.burst && burstIndexes.set(r.burst, [...(burstIndexes.get(r.burst) ?? []), i]));
  const detected = hub.clusters.filter((c) => c.detectedAtIndex !== null);
  const found = new Map<string, number>();
  let matching = 0;
  for (const c of detected) {
    const members = c.members.map(idx).filter((i): i is number => i !== undefined);
    const counts = new Map<string, number>();
    for (const i of members) if (records[i].burst) counts.set(records[i].burst!, (counts.get(records[i].burst!) ?? 0) + 1);
    const match = [...counts].find(([burst, n]) => n >= 0.7 * members.length && n >= 0.5 * burstIndexes.get(burst)!.length);
    if (!match) continue;
    matching++;
    const delay = burstIndexes.get(match[0])!.filter((i) => i <= c.detectedAtIndex!).length;
    found.set(match[0], Math.min(found.get(match[0]) ?? Infinity, delay));
  }
  const missed = [];
  for (const [burst, list] of burstIndexes) {
    if (found.has(burst)) continue;
    let best: StreamResult['missed'][number]['best'] = null;
    for (const c of hub.clusters) {
      const fromBurst = c.members.filter((m) => records[idx(m) ?? -1]?.burst === burst).length;
      if (fromBurst && (!best || fromBurst > best.fromBurst)) best = { members: c.members.length, fromBurst, detected: c.detectedAtIndex !== null };
    }
    missed.push({ burst, records: list.length, best });
  }
  const delays = [...found.values()];
  return {
    records: records.length,
    bursts: burstIndexes.size,
    pairs: {
      truth: truth.size,
      predicted: predicted.size,
      correct,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      bySource,
    },
    hot: {
      detected: detected.length,
      matching,
      burstsFound: found.size,
      precision: detected.length ? matching / detected.length : 1,
      recall: burstIndexes.size ? found.size / burstIndexes.size : 1,
      delays,
      meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : 0,
      maxDelay: delays.length ? Math.max(...delays) : 0,
    },
    missed,
  };
}

/** Feeds a stream through the intake and the analyser (one record, then one analyser pass) and scores it. */
export async function evaluateStream(options: {
  fork: () => EntityManager;
  services: Pick<HubServices, 'workOrders' | 'ingest' | 'textAnalyzer'>;
  policy: HotIssuePolicy;
  records: StreamRecord[];
  onProgress?: (done: number, total: number) => void;
  /** Print each burst's records and clusters (development set only; never the frozen set). */
  debug?: boolean;
}): Promise<StreamResult> {
  const started = Date.now();
  const records = [...options.records].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const orderOf = new Map<number, number>();
  const detectedAtIndex = new Map<number, number>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const citizen = r.phone ? { phone: r.phone } : { anonymous: true };
    let orderId: number;
    if (!r.viaIngest) {
      const [created] = await options.fork().transactional((tx) =>
        options.services.workOrders.createMany(tx, { role: null, label: r.channel }, r.channel, [
          {
            input: {
              requestType: RequestType.COMPLAINT,
              categoryCode: r.categoryCode,
              title: r.title,
              content: r.content,
              citizen,
              regionCode: r.regionCode,
              urgency: Urgency.NORMAL,
              receivedAt: r.receivedAt,
            },
            source: { externalId: `EVAL-${r.id}`, version: '1', versionOrder: 1, categoryHint: r.categoryHint },
          },
        ]),
      );
      orderId = created.id;
    } else {
      const record = {
        externalId: `EVAL-${r.id}`,
        version: '1',
        versionOrder: 1,
        requestType: RequestType.COMPLAINT,
        title: r.title,
        content: r.content,
        citizen,
        regionCode: r.regionCode,
        receivedAt: r.receivedAt,
        urgency: Urgency.NORMAL,
        categoryHint: r.categoryHint,
        channelStatus: null,
        warnings: [],
      };
      const [outcome] = await options.services.ingest.ingest(options.fork(), r.channel, [
        {
          raw: { text: JSON.stringify({ ...record, receivedAt: r.receivedAt.toISOString() }), externalId: record.externalId, version: '1' },
          result: { ok: true, record },
        },
      ]);
      if (outcome.status !== 'created') throw new Error(`eval record ${r.id} not created: ${JSON.stringify(outcome)}`);
      orderId = outcome.workOrderId;
    }
    orderOf.set(orderId, i);
    await options.services.textAnalyzer.runOnce();
    const fresh: Array<{ id: number }> = await options
      .fork()
      .execute(`select id from hot_issue where detected_at is not null and not (id = any(?::int[]))`, [`{${[...detectedAtIndex.keys()].join(',')}}`]);
    for (const { id } of fresh) detectedAtIndex.set(id, i);
    options.onProgress?.(i + 1, records.length);
  }
  const em = options.fork();
  const repeatRows: Array<{ id: number; repeat_of_id: number }> = await em.execute(`select id, repeat_of_id from work_order where repeat_of_id is not null`);
  const repeatLinks = repeatRows.map((r) => [r.id, r.repeat_of_id] as [number, number]);
  const duplicateRows: Array<{ primary_id: number; duplicate_id: number }> = await em.execute(`select primary_id, duplicate_id from duplicate_candidate`);
  const duplicates = duplicateRows.map((r) => [r.primary_id, r.duplicate_id] as [number, number]);
  const memberRows: Array<{ hot_issue_id: number; work_order_id: number }> = await em.execute(`select hot_issue_id, work_order_id from hot_issue_member`);
  const clusters = new Map<number, number[]>();
  for (const m of memberRows) clusters.set(m.hot_issue_id, [...(clusters.get(m.hot_issue_id) ?? []), m.work_order_id]);
  if (options.debug) {
    // Development only (EVAL_DEBUG=1 with EVAL_SETS=dev): each burst's records with the cluster they ended in.
    const clusterOf = new Map<number, number>();
    for (const m of memberRows) clusterOf.set(m.work_order_id, m.hot_issue_id);
    const texts: Array<{ id: number; t: { region_id: number; places: unknown } }> = await em.execute(
      `select work_order_id as id, json_build_object('region_id', region_id, 'places', places) as t from work_order_text`,
    );
    const textOf = new Map(texts.map((x) => [x.id, x.t]));
    for (const [orderId, i] of [...orderOf].sort((a, b) => (records[a[1]].burst ?? '~').localeCompare(records[b[1]].burst ?? '~') || a[1] - b[1])) {
      const r = records[i];
      if (!r.burst && !clusterOf.has(orderId)) continue;
      console.log(
        [
          r.burst ?? '-',
          r.matter,
          `c${clusterOf.get(orderId) ?? '-'}${detectedAtIndex.has(clusterOf.get(orderId) ?? -1) ? '*' : ''}`,
          r.channel,
          r.regionCode.slice(6, 9),
          JSON.stringify(textOf.get(orderId)).slice(0, 120),
          r.content.slice(0, 60),
        ].join(' | '),
      );
    }
  }
  const hub = {
    orderOf,
    repeatLinks,
    duplicates,
    clusters: [...clusters].map(([id, members]) => ({ id, members, detectedAtIndex: detectedAtIndex.get(id) ?? null })),
  };
  const result = scoreStream(records, options.policy, hub);
  if (options.debug) printPairDiagnostics(records, options.policy, hub);
  return { ...result, ms: Date.now() - started };
}

/**
 * The hand-written set as a stream: 12345 records get the operator's category (`hubCategory`
 * keywords resolved against the hub's category names); each pulled channel's hint is mapped to the
 * same category in category_mapping, as the channel's administrator would; push records keep their
 * hint unmapped. Returns the keywords that matched no category.
 */
export async function setStream(
  em: EntityManager,
  records: EvalSetRecord[],
): Promise<{ stream: StreamRecord[]; unresolved: string[]; resolution: Record<string, string | null> }> {
  const categories: Array<{ id: number; code: string; name: string; level: number }> = await em.execute(
    `select id, code, name, level from category order by level desc, code`,
  );
  const resolved = new Map<string, { id: number; code: string; name: string } | null>();
  const resolve = (keywords: string | null) => {
    if (!keywords) return null;
    if (!resolved.has(keywords)) {
      let hit: { id: number; code: string; name: string } | null = null;
      for (const word of keywords.split('/')) {
        const c = categories.find((x) => x.name.includes(word));
        if (c) {
          hit = { id: c.id, code: c.code, name: c.name };
          break;
        }
      }
      resolved.set(keywords, hit);
    }
    return resolved.get(keywords)!;
  };
  const mappings = new Map<string, number>();
  const stream = records.map((r): StreamRecord => {
    const category = PUSH_CHANNELS.has(r.channel) ? null : resolve(r.hubCategory);
    if (r.channel !== '12345' && !PUSH_CHANNELS.has(r.channel) && r.categoryHint && category && !mappings.has(`${r.channel}\u0000${r.categoryHint}`)) {
      mappings.set(`${r.channel}\u0000${r.categoryHint}`, category.id);
    }
    return {
      id: r.id,
      channel: r.channel,
      receivedAt: new Date(r.receivedAt),
      title: r.title,
      content: r.content,
      phone: r.caller?.phone ?? null,
      regionCode: r.regionCode,
      categoryCode: r.channel === '12345' ? (category?.code ?? null) : null,
      categoryHint: r.categoryHint,
      viaIngest: r.channel !== '12345',
      matter: r.labels.matter,
      burst: r.labels.burst,
    };
  });
  for (const [k, categoryId] of mappings) {
    const [channel, hint] = k.split('\u0000');
    await em.execute(`insert into category_mapping (channel_id, hint, category_id, active, version) select id, ?, ?, true, 1 from channel where code = ?`, [
      hint,
      categoryId,
      channel,
    ]);
  }
  return {
    stream,
    unresolved: [...resolved].filter(([, v]) => !v).map(([k]) => k),
    resolution: Object.fromEntries([...resolved].map(([k, v]) => [k, v ? `${v.code} ${v.name}` : null])),
  };
}

/** The generated labeled stream (src/hot-issues/text/labeled-data.ts) as before issue 13: every channel through createMany with its category. */
export function generatedStream(seed: number, size: number): StreamRecord[] {
  return generateLabeledComplaints({ seed, size }).map((r) => ({
    id: String(r.id),
    channel: r.channel,
    receivedAt: r.receivedAt,
    title: r.text.slice(0, 30),
    content: r.text,
    phone: r.citizenKey ? phoneOf(r.citizenKey) : null,
    regionCode: r.regionCode,
    categoryCode: r.categoryCode,
    categoryHint: null,
    viaIngest: false,
    matter: String(r.matterId),
    burst: r.burstId ?? null,
  }));
}

/** A caller key as a mobile number (as src/hot-issues/evaluation.ts does), so the hub's keyed phone hash groups the same caller. */
function phoneOf(citizenKey: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(citizenKey).digest('hex').slice(0, 12)}`)
    .toString()
    .padStart(8, '0')
    .slice(-8);
  return `139${digits}`;
}

/**
 * Development only (EVAL_DEBUG=1 with EVAL_SETS=dev): the missed same-matter pairs by matter and the
 * predicted pairs of two matters (with their source), to see where recall and precision go.
 */
function printPairDiagnostics(
  records: StreamRecord[],
  policy: Pick<HotIssuePolicy, 'hotWindowDays' | 'repeatWindowDays'>,
  hub: Parameters<typeof scoreStream>[2],
): void {
  const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  const idx = (orderId: number) => hub.orderOf.get(orderId);
  const source = new Map<string, string[]>();
  const add = (a: number | undefined, b: number | undefined, s: string) => {
    if (a === undefined || b === undefined) return;
    const k = key(a, b);
    source.set(k, [...(source.get(k) ?? []), s]);
  };
  for (const [a, b] of hub.repeatLinks) add(idx(a), idx(b), 'repeat');
  for (const [a, b] of hub.duplicates) add(idx(a), idx(b), 'duplicate');
  for (const c of hub.clusters) {
    const m = c.members.map(idx).filter((i): i is number => i !== undefined);
    for (let x = 0; x < m.length; x++)
      for (let y = x + 1; y < m.length; y++)
        if (Math.abs(records[m[x]].receivedAt.getTime() - records[m[y]].receivedAt.getTime()) <= policy.hotWindowDays * DAY_MS) add(m[x], m[y], `c${c.id}`);
  }
  const short = (i: number) => `${records[i].id} ${records[i].channel} ${records[i].content.slice(0, 50)}`;
  const byMatter = new Map<string, number[]>();
  records.forEach((r, i) => byMatter.set(r.matter, [...(byMatter.get(r.matter) ?? []), i]));
  let missedTotal = 0;
  const lines: string[] = [];
  for (const [matter, list] of byMatter) {
    if (list.length < 2) continue;
    const missed: string[] = [];
    let truth = 0;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const a = records[list[x]];
        const b = records[list[y]];
        const gap = Math.abs(a.receivedAt.getTime() - b.receivedAt.getTime());
        if (!(gap <= policy.hotWindowDays * DAY_MS || (a.phone && a.phone === b.phone && gap <= policy.repeatWindowDays * DAY_MS))) continue;
        truth++;
        if (!source.has(key(list[x], list[y]))) missed.push(`      ${short(list[x])}\n    ~ ${short(list[y])}`);
      }
    if (!missed.length) continue;
    missedTotal += missed.length;
    lines.push(`  ${matter} (${list.length} records${records[list[0]].burst ? ', burst' : ''}): missed ${missed.length}/${truth}`);
    lines.push(...missed.slice(0, 6));
  }
  console.log(`missed same-matter pairs: ${missedTotal}`);
  for (const l of lines) console.log(l);
  console.log('predicted pairs of two matters:');
  for (const [k, s] of source) {
    const [a, b] = k.split(':').map(Number);
    if (records[a].matter === records[b].matter) continue;
    console.log(`  ${s.join(',')} ${records[a].matter} / ${records[b].matter}\n      ${short(a)}\n    ~ ${short(b)}`);
  }
}
