import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { nameStatementsIn, prepared } from '../db/prepared';
import { pgArray } from '../db/sql';
import type { EventBus } from '../events/event-bus';
import { Topics } from '../events/topics';
import { WorkOrderEventType } from '../work-orders/enums';
import type { LifecycleService } from '../work-orders/lifecycle.service';
import { SYSTEM_VIEWER } from './system-viewer';
import { publishHotIssues, type HotIssueChange } from './publication';
import type { HotIssuePolicy } from './policy';
import { refreshHotIssues } from './clusters';
import { encodeSignature, getDefaultScheme } from './text/signature';
import { asStored, FingerprintCache, type StoredFingerprint } from './fingerprint-cache';
import { THRESHOLDS } from './thresholds';
import { CentroidMemory, centroidMatch, KeywordSumMemory, storedReportVector } from './centroids';
import { ClusterPairs, type Report } from './cluster-pairs';
import { Stragglers } from './stragglers';
import { ClusterMemberReads } from './cluster-members';
import { LOCAL_NAME_CLASSES } from './text/lexicon';
import { Gazetteer, type GazetteerEntry } from './text/gazetteer';
import {
  CLUSTER_SIMILARITY_PARAMS,
  DEFAULT_SIMILARITY_PARAMS,
  keywordCosine,
  fingerprint,
  placeWords as placeWordsOf,
  similarity,
  type SimilarityEvidence,
  type SimilarityParams,
  type TextFingerprint,
  verdict,
} from './text/similarity';
import { SessionLock } from '../db/session-lock';
import { PeriodicJob } from '../common/periodic';
import { COUNTY, TOWNSHIPS } from '../reference/townships';
import { CATEGORY_MISMATCH_CLUSTER_SCORE, suggestCategory } from './classify';

const TOWNSHIP_CODES = new Set(TOWNSHIPS.map((t) => t.code));

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** What a candidate row carries (Candidate): the facts the three decisions read; its fingerprint comes from the FingerprintCache. */
const CANDIDATE_COLUMNS = `wo.id, wo.received_at, coalesce(t.region_id, wo.region_id) as region_id,
       coalesce(wo.category_id, wo.suggested_category_id) as category_id, wo.channel_id,
       wo.citizen_phone_hash, wo.citizen_id_hash, wo.status, wo.repeat_of_id`;
/** Candidates examined per order (the most recent first): band lookups keep this small anyway. */
const MAX_CANDIDATES = 300;
/**
 * Orders analysed in one transaction (runOnce's default): each group commits on its own, so a hot
 * issue is published as soon as its group commits and locks stay short beside the intake; a
 * backlog is still worked off in groups (refreshHotIssues, publishHotIssues and the commit once a group).
 */
const GROUP = 16;
/** How long a new order's nudge waits for others (the intake writes pages of orders; each pass has a fixed cost). */
const NUDGE_DELAY_MS = 100;
/** Consolidation compares at most this many (latest) members of each cluster pair by pair. */
const FOLD_SAMPLE = 40;
/** Besides band-key lookups (GIN): the same township's orders this close in time (work_order_text (region_id, received_at) index). */
const NEARBY_MS = THRESHOLDS.nearbyHours * HOUR_MS;

interface OrderRow {
  id: number;
  /** The order's region code (a township, or only the county for some push channels). */
  region_code: string;
  title: string;
  content: string;
  received_at: Date;
  region_id: number;
  category_id: number | null;
  channel_id: number;
  citizen_phone_hash: string | null;
  citizen_id_hash: string | null;
}

interface Candidate extends Omit<OrderRow, 'title' | 'content'> {
  /** Its stored fingerprint (work_order_text), from the FingerprintCache. */
  fp: StoredFingerprint;
  status: string;
  repeat_of_id: number | null;
  hot_issue_id: number | null;
}

/** A nearby order, its pairwise evidence and the verdicts of the three presets. */
interface Match {
  other: Candidate;
  /** Pairwise (多头投诉) evidence; `evidence.similar` is the pairwise verdict. */
  evidence: SimilarityEvidence;
  /** Similar enough to join one cluster (the stricter preset: single links chain). */
  clusters: boolean;
  /** Similar for a repeat call of the same citizen (a caller's own wording may name no place). */
  repeats: boolean;
  /** Related through the cluster the order joined (not only directly). */
  viaCluster?: boolean;
  /** Joined through the cosine with its cluster's centroid (that cosine), not a single member. */
  viaCentroid?: number;
}

/** 重复投诉: the same caller is the link, so a text naming no place may still match. */
const REPEAT_SIMILARITY_PARAMS: SimilarityParams = { ...DEFAULT_SIMILARITY_PARAMS, unplacedThreshold: 0.25 };

/** Thrown inside a batch's transaction when the hub stops: the batch rolls back, to be redone later. */
class AnalysisAbandoned extends Error {
  constructor() {
    super('the hub is stopping; the batch is analysed after the next start');
  }
}

/**
 * 文本研判 The text analyser: after intake, each new order gets its keywords and MinHash signature
 * (work_order_text), its similar orders are found by LSH band lookups (`band_keys && …`, a GIN
 * index — never a scan), and then:
 * - 重复投诉: similar orders of the same citizen (keyed phone / ID hash) within the repeat window
 *   → `repeatCount`, `repeatOf`;
 * - 多头投诉: a similar order from another channel in the same township within the duplicate window
 *   → a duplicate candidate with its evidence; at or above the auto-merge score the pair is merged
 *   (actor SYSTEM, undone with `unmergeWorkOrder`);
 * - 热点: similar orders of the same township and category within the hot window form a cluster;
 *   each batch consolidates the touched clusters as wholes (fragments folded, stragglers adopted:
 *   `consolidate`); clusters are scored against their baseline (hot-score.ts) and published when
 *   they turn hot.
 * It runs apart from intake (ingestion speed does not pay for it), one instance at a time
 * (advisory lock), in order of order id; an order is analysed once (its work_order_text row).
 */
export class TextAnalyzer {
  private stopping = false;
  private readonly lock: SessionLock;
  private readonly job: PeriodicJob;
  /** Stops the nudges of new orders (start / stop). */
  private unlisten?: () => void;
  /** Decoded fingerprints of recent orders (ids → work_order_text as read back). */
  private readonly fingerprints = new FingerprintCache();
  /** Fingerprints written by the group's transaction, remembered once it commits. */
  private pending = new Map<number, StoredFingerprint>();
  /** Verdicts of report pairs across clusters, remembered between groups (cluster-pairs.ts). */
  private readonly pairs = new ClusterPairs();
  /** Cluster centroids by their members, remembered between groups (centroids.ts). */
  private readonly centroids = new CentroidMemory();
  /** Clusters' summed keyword vectors by their members, remembered between orders (the centroid join of analyse). */
  private readonly keywordSums = new KeywordSumMemory();
  /** The county gazetteer from the reference tables (villages, departments), rebuilt when they change (loadGazetteer). */
  private gazetteer?: Gazetteer;
  private gazetteerStamp?: string;
  private extraGazetteer: readonly GazetteerEntry[] = [];

  constructor(
    url: string,
    private readonly fork: () => EntityManager,
    private readonly bus: EventBus,
    private readonly lifecycle: LifecycleService,
    private readonly policy: HotIssuePolicy,
    private readonly log?: Logger,
  ) {
    this.lock = new SessionLock(url, 'minyi:text-analyzer', 'minyi-text-analyzer', log);
    this.job = new PeriodicJob({
      name: 'text analysis',
      run: () => this.runOnce(),
      timing: { everyMs: policy.intervalMs },
      log,
      failure: { level: 'error', message: 'text analysis failed', ignore: (error) => error instanceof AnalysisAbandoned },
    });
  }

  /**
   * Every MINYI_TEXT_ANALYZER_INTERVAL_MS (0: only runOnce() when called), and at once when an order
   * is created (WORK_ORDER_EVENTS CREATED, on every instance: the one holding the lock analyses):
   * a new order does not wait for the next tick. Nudges coalesce (PeriodicJob.nudge) and wait
   * NUDGE_DELAY_MS, so that orders arriving together are analysed in one pass.
   */
  start(): void {
    this.stopping = false; // started again after a stop (bench:hot measures with and without it)
    this.job.start();
    this.unlisten ??= this.bus.listen(Topics.WORK_ORDER_EVENTS, (message) => {
      if ((message as { type?: string }).type === WorkOrderEventType.CREATED) this.job.nudge(NUDGE_DELAY_MS);
    });
  }

  /**
   * No new passes; the pass under way is abandoned at its next order (its batch rolls back: those
   * orders are analysed after the next start), waiting only for the statement in flight; then
   * gives the lead up.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unlisten?.();
    this.unlisten = undefined;
    await this.job.stop();
    await this.lock.release();
  }

  /**
   * Analyses every order not analysed yet (batches of `batch`); returns how many. Null when another
   * instance is the analyser: the first instance to take the advisory lock keeps it on its own
   * connection (leader) until it stops or dies, then another takes over.
   */
  async runOnce(batch = GROUP): Promise<number | null> {
    if (!(await this.lock.acquire())) return null;
    // Reference facts once per pass, not per group: region ids by code and the gazetteer.
    const em = this.fork();
    const regionIds = new Map<string, number>();
    for (const r of (await em.execute(`select id, code from region`)) as Array<{ id: number; code: string }>) regionIds.set(r.code, r.id);
    await this.loadGazetteer(em);
    let total = 0;
    for (;;) {
      if (this.stopping) return total;
      const done = await this.analyseBatch(batch, regionIds);
      total += done;
      if (done < batch) return total;
    }
  }

  private async analyseBatch(batch: number, regionIds: ReadonlyMap<string, number>): Promise<number> {
    const merges: Array<{ primaryId: number; duplicateId: number; candidateId: number }> = [];
    const changes: HotIssueChange[] = [];
    this.pending = new Map();
    const count = await this.fork().transactional(async (tx) => {
      // Candidate lookups go through the indexes (GIN band keys, region, received_at) even while the
      // planner's statistics are missing or stale (a fresh or fast-growing table): a sequential scan
      // would test every row's band keys (64 × 64 comparisons each).
      await tx.execute(`set local enable_seqscan = off`);
      // Its statements are named (db/prepared.ts): parsing and planning were a third of the analyser's
      // database time; a group that fails on a refused one is analysed again at the next run.
      nameStatementsIn(tx);
      const orders: OrderRow[] = await tx.execute(
        prepared(`select wo.id, wo.title, wo.content, wo.received_at, wo.region_id, r.code as region_code, wo.category_id, wo.channel_id, wo.citizen_phone_hash, wo.citizen_id_hash
           from work_order wo join region r on r.id = wo.region_id where not exists (select 1 from work_order_text t where t.work_order_id = wo.id)
          order by wo.id limit ?`),
        [batch],
      );
      const touched = new Set<number>();
      for (const order of orders) {
        if (this.stopping) throw new AnalysisAbandoned();
        const { fp, matches } = await this.analyse(tx, order, regionIds);
        const joined = await this.cluster(tx, order, matches);
        if (joined) touched.add(joined.hotIssueId);
        // Related: the direct pairwise matches, and the members of the cluster it joined (a burst's
        // reports link through each other even where two of them share few words).
        const related = joined ? await this.withClusterMembers(tx, fp, order, joined, matches) : matches;
        await this.markRepeat(tx, order, related);
        merges.push(...(await this.recordDuplicates(tx, order, related)));
      }
      const folded = await this.consolidate(tx, touched, countyRegionIds(regionIds));
      for (const change of await refreshHotIssues(tx, [...touched], this.policy.hot)) {
        const mergedFrom = folded.get(change.hotIssueId);
        changes.push(mergedFrom ? { ...change, mergedFrom } : change);
      }
      await publishHotIssues(tx, this.bus, changes);
      return orders.length;
    });
    for (const [id, fp] of this.pending) this.fingerprints.set(id, fp);
    this.pairs.settle(this.pending);
    this.pending = new Map();
    for (const merge of merges) await this.autoMerge(merge);
    return count;
  }

  /** Fingerprints the order, stores it, and returns the nearby orders found through the band keys that any preset finds similar. */
  private async analyse(tx: EntityManager, order: OrderRow, regionIds: ReadonlyMap<string, number>): Promise<{ fp: TextFingerprint; matches: Match[] }> {
    const fp = fingerprint(`${order.title}\n${order.content}`, { gazetteer: this.gazetteer });
    // The township: the order's own, or (county code only, push channels) the one its text names.
    const ownTownship = TOWNSHIP_CODES.has(order.region_code) ? order.region_code : undefined;
    const township = ownTownship ?? (order.region_code === COUNTY.code || order.region_code.startsWith(COUNTY.code) ? fp.places.codes?.[0] : undefined);
    if (ownTownship) fp.places.codes = [ownTownship];
    const regionId = township ? (regionIds.get(township.padEnd(12, '0')) ?? order.region_id) : order.region_id;
    order.region_id = regionId;
    const keys = fp.bandKeys.map(bandKeyAsInt);
    this.pending.set(order.id, asStored(fp));
    const reach = Math.max(this.policy.hotWindowDays * DAY_MS, this.policy.repeatWindowDays * DAY_MS, this.policy.duplicateWindowHours * HOUR_MS);
    const at = new Date(order.received_at).getTime();
    const rows: Array<Omit<Candidate, 'fp'>> = await tx.execute(
      // The two lookups are materialised first (GIN band keys; the township's text rows newest first,
      // one range of the (region_id, received_at) index: not every order of the window, issue 15), so
      // the planner cannot turn them into a walk over every row with a filter; each
      // id found is then read by primary key (the lateral subquery, kept apart by `offset 0`): else
      // the planner may hash every order of the 30-day reach against them, for every order analysed.
      // The nearby orders pass every condition below, so only their latest `limit` can be among the
      // latest `limit` of the union: a busy township's window is not read whole for every order.
      // The order's own text row is written by the same statement (its first CTE; the lookups, which
      // leave the order out anyway, read the rows as they were before it): one round trip less an order.
      prepared(`with written as (insert into work_order_text (work_order_id, scheme, signature, band_keys, keywords, places, region_id, grams, received_at)
                          values (?, ?, ?, ?::bigint[], ?, ?, ?, ?::text[], ?) on conflict do nothing),
            band as materialized (select b.work_order_id from work_order_text b where b.band_keys && ?::bigint[]),
            near as materialized (select n.work_order_id from work_order_text n
                                   where n.received_at between ? and ? and n.region_id = ? and n.scheme = ? and n.work_order_id <> ?
                                   order by n.received_at desc, n.work_order_id desc limit ?)
       select x.*, (select m.hot_issue_id from hot_issue_member m where m.work_order_id = x.id) as hot_issue_id
         from (select work_order_id from band union select work_order_id from near) c
         cross join lateral (
           select ${CANDIDATE_COLUMNS} from work_order_text t join work_order wo on wo.id = t.work_order_id
            where t.work_order_id = c.work_order_id and t.scheme = ? and t.work_order_id <> ? and wo.received_at between ? and ?
              and (coalesce(t.region_id, wo.region_id) = ? or wo.citizen_phone_hash = ? or wo.citizen_id_hash = ?)
           offset 0) x
        order by x.received_at desc, x.id desc limit ?`),
      // Only the same township (多头投诉, 热点) or the same caller (重复投诉) can relate.
      [
        order.id,
        getDefaultScheme().id,
        encodeSignature(fp.minhash),
        pgArray(keys),
        JSON.stringify(fp.keywords),
        JSON.stringify(fp.places),
        regionId,
        pgArray(fp.grams ?? []),
        order.received_at,
        pgArray(keys),
        new Date(at - Math.min(NEARBY_MS, reach)),
        new Date(at + Math.min(NEARBY_MS, reach)),
        order.region_id,
        getDefaultScheme().id,
        order.id,
        MAX_CANDIDATES,
        getDefaultScheme().id,
        order.id,
        new Date(at - reach),
        new Date(at + reach),
        order.region_id,
        order.citizen_phone_hash,
        order.citizen_id_hash,
        MAX_CANDIDATES,
      ],
    );
    // After the candidate lookup (which reads other orders only): the clustering below reads the suggestion.
    if (order.category_id === null) {
      // 统一分拨: a category suggested from the text (similar orders that have one), for operators and dispatch.
      const suggestion = await suggestCategory(tx, order.id, fp, pgArray(keys), getDefaultScheme().id);
      if (suggestion) {
        await tx.execute(`update work_order set suggested_category_id = ?, suggested_category_confidence = ? where id = ?`, [
          suggestion.categoryId,
          suggestion.confidence,
          order.id,
        ]);
        order.category_id = suggestion.categoryId;
      }
    }
    const candidates = await this.withFingerprints(tx, rows);
    const judged = candidates.map((other) => judge(fp, other));
    const matches = judged.filter((m) => m.evidence.similar || m.clusters || m.repeats);
    // Centroid joins: a report that matches no single member well may match its cluster as a whole
    // (a burst's reports together use more of the ways people name the matter).
    const at2 = at;
    const clusterIds = [
      ...new Set(
        judged
          .filter(
            (m) =>
              m.other.hot_issue_id !== null &&
              !m.clusters &&
              m.other.region_id === order.region_id &&
              !namesOtherPlace(m.evidence) &&
              Math.abs(at2 - new Date(m.other.received_at).getTime()) <= this.policy.hotWindowDays * DAY_MS,
          )
          .map((m) => m.other.hot_issue_id!),
      ),
    ];
    if (clusterIds.length) {
      const rows: Array<{ hot_issue_id: number; work_order_id: number }> = await tx.execute(
        prepared(
          `select m.hot_issue_id, m.work_order_id from hot_issue_member m where m.hot_issue_id = any(?::int[]) order by m.hot_issue_id, m.work_order_id`,
        ),
        [pgArray(clusterIds)],
      );
      const stored = await this.fingerprints.load(
        tx,
        rows.map((r) => r.work_order_id),
        getDefaultScheme().id,
        this.pending,
      );
      // Each cluster's members with a text row, in row order (a member always has one); their keyword sums remembered by the members.
      const groups = new Map<number, Report[]>();
      for (const r of rows) {
        const member = stored.get(r.work_order_id);
        if (!member) continue; // (a member always has its text row)
        const g = groups.get(r.hot_issue_id) ?? [];
        g.push({ id: r.work_order_id, fp: member });
        groups.set(r.hot_issue_id, g);
      }
      const placeWords = new Set(placeWordsOf(fp.places));
      for (const [id, members] of groups) {
        const vector = this.keywordSums.of(members, this.pending);
        const { cosine, shared } = keywordCosine(fp.keywords, vector, { townshipWeight: 0, placeWeight: 0 });
        const content = shared.filter((k) => !LOCAL_NAME_CLASSES.has(k.word) && !placeWords.has(k.word)).length;
        if (cosine < THRESHOLDS.centroidClusterScore || content < THRESHOLDS.centroidSharedContent) continue;
        for (const m of judged)
          if (m.other.hot_issue_id === id && !m.clusters) {
            m.clusters = true;
            m.viaCentroid = cosine;
            if (!matches.includes(m)) matches.push(m);
          }
      }
    }
    return { fp, matches };
  }

  /**
   * Adds the order to the cluster cluster() chose (`joined`: with its best similarity) and the
   * cluster's other members (within the windows) to the direct matches — one statement: the read
   * leaves the order out, so it does not need to see the order's new member row.
   */
  private async withClusterMembers(
    tx: EntityManager,
    fp: TextFingerprint,
    order: OrderRow,
    joined: { hotIssueId: number; similarity: number },
    matches: Match[],
  ): Promise<Match[]> {
    const { hotIssueId } = joined;
    const known = new Set(matches.map((m) => m.other.id));
    const members = await this.withFingerprints(
      tx,
      await tx.execute(
        prepared(`with joined as (insert into hot_issue_member (hot_issue_id, work_order_id, similarity) values (?, ?, ?) on conflict do nothing)
         select ${CANDIDATE_COLUMNS}, m.hot_issue_id
           from hot_issue_member m join work_order wo on wo.id = m.work_order_id join work_order_text t on t.work_order_id = wo.id
          where m.hot_issue_id = ? and wo.id <> ? order by wo.received_at desc limit ?`),
        [hotIssueId, order.id, joined.similarity, hotIssueId, order.id, MAX_CANDIDATES],
      ),
    );
    const extra = members.filter((m) => !known.has(m.id)).map((other) => ({ ...judge(fp, other), viaCluster: true }));
    return [...matches.map((m) => (m.other.hot_issue_id === hotIssueId || m.clusters ? { ...m, viaCluster: true } : m)), ...extra];
  }

  /** Candidate rows (ids and facts) with their stored fingerprints (memory first, the rest in one query). */
  private async withFingerprints(tx: EntityManager, rows: Array<Omit<Candidate, 'fp'>>): Promise<Candidate[]> {
    const stored = await this.fingerprints.load(
      tx,
      rows.map((r) => r.id),
      getDefaultScheme().id,
      this.pending,
    );
    return rows.flatMap((r) => {
      const fp = stored.get(r.id);
      return fp ? [{ ...r, fp }] : [];
    });
  }

  /** 重复投诉: earlier similar orders of the same citizen within the repeat window. */
  private async markRepeat(tx: EntityManager, order: OrderRow, matches: Match[]): Promise<void> {
    const at = new Date(order.received_at).getTime();
    const same = matches.filter(({ other, repeats, viaCluster }) => {
      if (!repeats && !viaCluster) return false;
      const gap = at - new Date(other.received_at).getTime();
      const citizen =
        (!!order.citizen_phone_hash && other.citizen_phone_hash === order.citizen_phone_hash) ||
        (!!order.citizen_id_hash && other.citizen_id_hash === order.citizen_id_hash);
      return citizen && (gap > 0 || (gap === 0 && other.id < order.id)) && gap <= this.policy.repeatWindowDays * DAY_MS;
    });
    if (!same.length) return;
    const first = same.reduce((a, b) => (new Date(a.other.received_at) <= new Date(b.other.received_at) ? a : b)).other;
    await tx.execute(`update work_order set repeat_count = ?, repeat_of_id = ? where id = ?`, [same.length, first.repeat_of_id ?? first.id, order.id]);
  }

  /**
   * 多头投诉: similar orders from another channel, same township, within the duplicate window — one
   * statement for all of the order's pairs (an order joining a large cluster pairs with many of its
   * members); the pairs already recorded are left as they are.
   */
  private async recordDuplicates(
    tx: EntityManager,
    order: OrderRow,
    matches: Match[],
  ): Promise<Array<{ primaryId: number; duplicateId: number; candidateId: number }>> {
    const at = new Date(order.received_at).getTime();
    const pairs: Array<{ primaryId: number; duplicateId: number; match: Match; values: unknown[] }> = [];
    for (const match of matches) {
      const { other, evidence, viaCluster } = match;
      // Through the cluster only when the two do not name different places themselves.
      if (!evidence.similar && (!viaCluster || namesOtherPlace(evidence))) continue;
      const gapMs = at - new Date(other.received_at).getTime();
      if (other.channel_id === order.channel_id || other.region_id !== order.region_id || Math.abs(gapMs) > this.policy.duplicateWindowHours * HOUR_MS)
        continue;
      const earlierIsOther = gapMs > 0 || (gapMs === 0 && other.id < order.id);
      const [primaryId, duplicateId] = earlierIsOther ? [other.id, order.id] : [order.id, other.id];
      const evidenceJson = JSON.stringify({
        sharedKeywords: evidence.sharedKeywords.slice(0, 10).map((k) => k.word),
        jaccard: round(evidence.jaccard),
        cosine: round(evidence.cosine),
        timeGapMinutes: Math.round(Math.abs(gapMs) / 60_000),
        placeMatch: evidence.placeMatch,
        viaHotIssue: !evidence.similar && !!viaCluster,
        sameRegion: true,
        channelIds: [other.channel_id, order.channel_id],
      });
      pairs.push({ primaryId, duplicateId, match, values: [primaryId, duplicateId, evidence.score, evidenceJson] });
    }
    if (!pairs.length) return [];
    // Rows are numbered in the order listed (as one insert each would); a pair met again returns no row.
    const inserted: Array<{ id: number; primary_id: number; duplicate_id: number }> = await tx.execute(
      `insert into duplicate_candidate (primary_id, duplicate_id, score, evidence) values ${pairs.map(() => '(?, ?, ?, ?)').join(', ')}
       on conflict do nothing returning id, primary_id, duplicate_id`,
      pairs.flatMap((p) => p.values),
    );
    const ids = new Map(inserted.map((r) => [`${r.primary_id}:${r.duplicate_id}`, r.id]));
    const merges = [];
    for (const { primaryId, duplicateId, match } of pairs) {
      const candidateId = ids.get(`${primaryId}:${duplicateId}`);
      // Only a direct, strong pair is merged without an operator; never an order already merged.
      if (candidateId !== undefined && match.evidence.similar && match.evidence.score >= this.policy.autoMergeScore && match.other.status !== 'MERGED')
        merges.push({ primaryId, duplicateId, candidateId });
    }
    return merges;
  }

  /** 热点 clustering: same township (the text's when the order has only the county), similar text, within the hot window; category soft. */
  private async cluster(tx: EntityManager, order: OrderRow, matches: Match[]): Promise<{ hotIssueId: number; similarity: number } | null> {
    const at = new Date(order.received_at).getTime();
    const near = matches.filter(
      ({ other, clusters, evidence }) =>
        clusters &&
        other.region_id === order.region_id &&
        // The category is a soft signal: different categories (one may be a suggestion) need a stronger text match.
        (other.category_id === order.category_id ||
          other.category_id === null ||
          order.category_id === null ||
          evidence.score >= CATEGORY_MISMATCH_CLUSTER_SCORE) &&
        Math.abs(at - new Date(other.received_at).getTime()) <= this.policy.hotWindowDays * DAY_MS,
    );
    if (!near.length) return null;
    const clustered = near.filter((m) => m.other.hot_issue_id !== null).sort((a, b) => b.evidence.score - a.evidence.score);
    let hotIssueId = clustered[0]?.other.hot_issue_id ?? null;
    if (hotIssueId === null) {
      const [created] = await tx.execute(
        `insert into hot_issue (title, keywords, region_id, category_id, first_seen_at, last_seen_at, band_keys) values ('', '[]', ?, ?, ?, ?, '{}') returning id`,
        [order.region_id, order.category_id, order.received_at, order.received_at],
      );
      hotIssueId = created.id as number;
    }
    // The order links clusters that are one matter: fold the others (not yet hot) into this one —
    // unless most pairs across them name different places or parties (one report between two
    // matters of a township, 欠薪 at a 工地 and at a 厂, is not a bridge).
    const others = [...new Set(clustered.map((m) => m.other.hot_issue_id!))].filter((h) => h !== hotIssueId);
    if (others.length) {
      const candidates: Array<{ id: number }> = await tx.execute(`select id from hot_issue where id = any(?::int[]) and detected_at is null`, [
        pgArray(others),
      ]);
      const movable: Array<{ id: number }> = [];
      if (candidates.length) {
        const groups = await this.clusterMembers(tx, [hotIssueId, ...candidates.map((c) => c.id)]);
        const sampleOf = async (id: number) => {
          const members = (groups.get(id)?.members ?? []).slice(-FOLD_SAMPLE).map((m) => m.id);
          return this.storedReports(tx, members);
        };
        const keeper = await sampleOf(hotIssueId);
        for (const c of candidates) if (!keeper.length || !this.pairs.conflictAbove(keeper, await sampleOf(c.id), 0.5, this.pending)) movable.push(c);
      }
      if (movable.length) {
        const ids = pgArray(movable.map((m) => m.id));
        await tx.execute(`update hot_issue_member set hot_issue_id = ? where hot_issue_id = any(?::int[])`, [hotIssueId, ids]);
        await tx.execute(`delete from hot_issue where id = any(?::int[])`, [ids]);
      }
    }
    // Single link: the order's similar reports in no cluster yet join with it (an early report
    // that matched none of the first members is linked through a later one) — not one naming another
    // place or party than the order (such a pair is similar only at the stricter bar, a bridge between two matters).
    for (const { other, evidence } of near) {
      if (other.hot_issue_id !== null || namesOtherPlace(evidence)) continue;
      await tx.execute(`insert into hot_issue_member (hot_issue_id, work_order_id, similarity) values (?, ?, ?) on conflict do nothing`, [
        hotIssueId,
        other.id,
        evidence.score,
      ]);
    }
    // The order itself joins with the read of the cluster's members (withClusterMembers): one statement.
    const best = clustered[0]?.evidence.score ?? near[0].evidence.score;
    return { hotIssueId, similarity: best };
  }

  /**
   * 簇合并 Consolidation of the touched clusters, as wholes (centroids.ts), in their township and time
   * window — what single links between two reports miss:
   * - fragments: another cluster of the same township whose reports lie within `foldHours` of this
   *   one's (and within the hot window together) is folded in when the two centroids match
   *   (cosine ≥ `foldClusterScore`, ≥ `foldCoreWords` core words in common),
   *   or when at least `foldPairShare` of the pairs across them are similar (average link), and at
   *   most half of those pairs name different places (名称冲突); the keeper is the one detected first
   *   (else the larger); a fragment an operator has acted on (status not NEW) is left alone;
   * - stragglers: reports of the township in no cluster, within `foldHours` of the cluster's, join
   *   when their content matches the centroid (cosine ≥ `adoptScore`, ≥ `adoptCoreWords` core words)
   *   and they name no different place than most members — an early report that matched none of
   *   the first members is adopted once the cluster has gathered the matter's words; a report
   *   placed only in the county (a push channel's text naming no township) at a stricter bar
   *   (`adoptUnplacedScore`, `adoptUnplacedCoreWords`); the stragglers of all touched townships are
   *   read once a group (stragglers.ts).
   * Folded clusters are deleted (their members moved); `touched` then holds the keepers. Returns, per
   * keeper, the folded clusters that had been published as detected: the keeper's update names them
   * (`mergedFrom`), so their hotIssueUpdated subscribers learn where they went; no event follows
   * for their ids. Place checks read at most the latest `FOLD_SAMPLE` members of each side.
   */
  private async consolidate(tx: EntityManager, touched: Set<number>, county: readonly number[]): Promise<Map<number, number[]>> {
    const absorbed = new Map<number, number[]>();
    const fold = THRESHOLDS.foldHours * HOUR_MS;
    const window = this.policy.hotWindowDays * DAY_MS;
    const queue = [...touched];
    const stragglers = new Stragglers(tx, county, getDefaultScheme().id, MAX_CANDIDATES);
    const reads = new ClusterMemberReads(tx);
    const spans = await reads.load(queue);
    await stragglers.prefetch(
      [...spans.values()].map((c) => ({
        regionId: c.regionId,
        from: Math.min(...c.members.map((m) => m.at)) - fold,
        to: Math.max(...c.members.map((m) => m.at)) + fold,
      })),
    );
    let rounds = 0;
    while (queue.length && rounds++ < 4 * touched.size + 8) {
      const id = queue.shift()!;
      const own = (await reads.load([id])).get(id);
      if (!own) {
        touched.delete(id);
        continue;
      }
      const first = Math.min(...own.members.map((m) => m.at));
      const last = Math.max(...own.members.map((m) => m.at));
      // Its detection and status, and the fragments of the same township near in time.
      const facts = await reads.facts(id, own.regionId, new Date(first - window), new Date(last + fold));
      if (!facts.self) {
        touched.delete(id);
        continue;
      }
      const mine = { ...own, ...facts.self };
      const memberReports = await this.storedReports(
        tx,
        mine.members.map((m) => m.id),
      );
      const centroid = this.centroids.of(memberReports, this.pending);
      const others = new Map([...(await reads.load([...facts.others.keys()]))].map(([otherId, c]) => [otherId, { ...c, ...facts.others.get(otherId)! }]));
      let folded = false;
      for (const [otherId, other] of others) {
        const oFirst = Math.min(...other.members.map((m) => m.at));
        const oLast = Math.max(...other.members.map((m) => m.at));
        if (oFirst - last > fold || first - oLast > fold || Math.max(last, oLast) - Math.min(first, oFirst) > window) continue;
        // The keeper first: a fragment an operator has acted on is left alone whatever the match.
        const keepThis =
          mine.detectedAt !== null && (other.detectedAt === null || mine.detectedAt <= other.detectedAt)
            ? true
            : other.detectedAt !== null
              ? false
              : mine.members.length >= other.members.length;
        const [keeper, gone] = keepThis ? [id, otherId] : [otherId, id];
        const goneCluster = keepThis ? other : mine;
        if (goneCluster.status !== 'NEW') continue;
        const otherReports = await this.storedReports(
          tx,
          other.members.map((m) => m.id),
        );
        const match = centroidMatch(centroid, this.centroids.of(otherReports, this.pending));
        // Alike by the centroids or by the share of similar pairs across, and most pairs naming no other place.
        const sample = memberReports.slice(-FOLD_SAMPLE);
        const otherSample = otherReports.slice(-FOLD_SAMPLE);
        const alike =
          (match.cosine >= THRESHOLDS.foldClusterScore && match.core >= THRESHOLDS.foldCoreWords) ||
          this.pairs.similarAtLeast(sample, otherSample, THRESHOLDS.foldPairShare, this.pending);
        if (!alike || this.pairs.conflictAbove(sample, otherSample, 0.5, this.pending)) continue;
        await tx.execute(`update hot_issue_member set hot_issue_id = ? where hot_issue_id = ?`, [keeper, gone]);
        await tx.execute(`delete from hot_issue where id = ?`, [gone]);
        reads.forget(keeper, gone);
        const carried = [...(absorbed.get(gone) ?? []), ...(goneCluster.detectedAt !== null ? [gone] : [])];
        absorbed.delete(gone);
        if (carried.length) absorbed.set(keeper, [...(absorbed.get(keeper) ?? []), ...carried]);
        touched.delete(gone);
        touched.add(keeper);
        queue.push(keeper);
        folded = true;
        break;
      }
      if (folded) continue;
      // Stragglers: reports of the township in no cluster, near in time.
      // (Also reports placed only in the county — push channels whose text names no township — at a stricter bar.)
      const loose = await stragglers.near(mine.regionId, first - fold, last + fold);
      if (!loose.length) continue;
      const lfps = await this.fingerprints.load(
        tx,
        loose.map((r) => r.id),
        getDefaultScheme().id,
        this.pending,
      );
      for (const { id: orderId, region_id: looseRegion } of loose) {
        const fp = lfps.get(orderId);
        if (!fp) continue;
        const unplaced = looseRegion !== mine.regionId;
        const match = centroidMatch(storedReportVector(fp), centroid);
        if (
          unplaced
            ? match.cosine < THRESHOLDS.adoptUnplacedScore || match.core < THRESHOLDS.adoptUnplacedCoreWords
            : match.cosine < THRESHOLDS.adoptScore || match.core < THRESHOLDS.adoptCoreWords
        )
          continue;
        if (this.pairs.conflictAbove([{ id: orderId, fp }], memberReports.slice(-FOLD_SAMPLE), 0.5, this.pending)) continue;
        await tx.execute(`insert into hot_issue_member (hot_issue_id, work_order_id, similarity) values (?, ?, ?) on conflict do nothing`, [
          id,
          orderId,
          match.cosine,
        ]);
        stragglers.adopt(orderId);
        reads.forget(id);
      }
    }
    return absorbed;
  }

  /** The orders' stored fingerprints (this group's pending ones included), in the order given; orders without one left out. */
  private async storedReports(tx: EntityManager, ids: number[]): Promise<Report[]> {
    return reportsOf(ids, await this.fingerprints.load(tx, ids, getDefaultScheme().id, this.pending));
  }

  /** The clusters' township, detection, status and members (id, received_at in ms). */
  private async clusterMembers(
    tx: EntityManager,
    ids: number[],
  ): Promise<Map<number, { regionId: number; detectedAt: number | null; status: string; members: Array<{ id: number; at: number }> }>> {
    const out = new Map<number, { regionId: number; detectedAt: number | null; status: string; members: Array<{ id: number; at: number }> }>();
    if (!ids.length) return out;
    const rows: Array<{ hot_issue_id: number; region_id: number; detected_at: Date | null; status: string; work_order_id: number; received_at: Date }> =
      await tx.execute(
        `select h.id as hot_issue_id, h.region_id, h.detected_at, h.status, m.work_order_id, wo.received_at
           from hot_issue h join hot_issue_member m on m.hot_issue_id = h.id join work_order wo on wo.id = m.work_order_id
          where h.id = any(?::int[]) order by h.id, wo.received_at, wo.id`,
        [pgArray(ids)],
      );
    for (const r of rows) {
      const c = out.get(r.hot_issue_id) ?? {
        regionId: r.region_id,
        detectedAt: r.detected_at ? new Date(r.detected_at).getTime() : null,
        status: r.status,
        members: [],
      };
      c.members.push({ id: r.work_order_id, at: new Date(r.received_at).getTime() });
      out.set(r.hot_issue_id, c);
    }
    return out;
  }

  /**
   * Extra gazetteer entries (roads, estates, companies the reference tables do not hold) merged with
   * the villages and departments read from the database; the next batch uses them.
   */
  useGazetteerEntries(entries: readonly GazetteerEntry[]): void {
    this.extraGazetteer = entries;
    this.gazetteerStamp = undefined;
  }

  /**
   * The gazetteer of the text layer: the active VILLAGE regions under their townships and the active
   * departments' names (whole words), plus the extra entries. One small query per pass checks whether
   * the reference tables changed (row count and versions); the segmenter is rebuilt only then.
   */
  private async loadGazetteer(tx: EntityManager): Promise<void> {
    const [{ stamp }] = await tx.execute(
      `select (select count(*) || ':' || coalesce(sum(version), 0) from region where level = 'VILLAGE' and active) || '/' ||
              (select count(*) || ':' || coalesce(sum(version), 0) from department where active) as stamp`,
    );
    const key = `${stamp}/${this.extraGazetteer.length}`;
    if (this.gazetteer && key === this.gazetteerStamp) return;
    const villages: Array<{ name: string; township: string | null }> = await tx.execute(
      `select v.name, t.code as township from region v left join region t on t.id = v.parent_id where v.level = 'VILLAGE' and v.active`,
    );
    const departments: Array<{ name: string }> = await tx.execute(`select name from department where active`);
    const entries: GazetteerEntry[] = [
      ...villages.map((v) => ({ name: v.name, kind: 'village' as const, townshipCode: v.township ?? undefined })),
      ...departments.map((d) => ({ name: d.name, kind: 'department' as const })),
      ...this.extraGazetteer,
    ];
    const next = new Gazetteer(entries);
    if (next.key !== this.gazetteer?.key) this.gazetteer = next;
    this.gazetteerStamp = key;
  }

  /** Merges a pair above the auto-merge score in its own transaction, as SYSTEM; skipped when either order has moved on. */
  private async autoMerge({ primaryId, duplicateId, candidateId }: { primaryId: number; duplicateId: number; candidateId: number }): Promise<void> {
    const em = this.fork();
    const [primary] = await em.execute('select version from work_order where id = ?', [primaryId]);
    try {
      await this.lifecycle.merge(em, SYSTEM_VIEWER, { primaryId, version: primary.version, duplicateIds: [duplicateId] });
      await this.fork().execute(`update duplicate_candidate set status = 'MERGED', decided_by = ?, decided_at = now() where id = ?`, [
        SYSTEM_VIEWER.label,
        candidateId,
      ]);
    } catch (error) {
      this.log?.info(
        { primaryId, duplicateId, err: error instanceof Error ? error.message : String(error) },
        'automatic merge skipped; the candidate waits for an operator',
      );
    }
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The two texts name different places (vetoed, or a known (gazetteer) spot on one side and none in common) or different parties (工地 / 厂). */
function namesOtherPlace(e: SimilarityEvidence): boolean {
  return !!e.placeConflict || e.placeMatch === 'gazetteer-spot' || !!e.partyConflict;
}

/** The county's own region rows (code 360704, padded or not): orders placed in no township. */
function countyRegionIds(regionIds: ReadonlyMap<string, number>): number[] {
  return [regionIds.get(COUNTY.code), regionIds.get(COUNTY.code.padEnd(12, '0'))].filter((id): id is number => id !== undefined);
}

/** The orders of `ids` that have a stored fingerprint, in the order given. */
function reportsOf(ids: readonly number[], fps: ReadonlyMap<number, StoredFingerprint>): Report[] {
  return ids.flatMap((id) => {
    const fp = fps.get(id);
    return fp ? [{ id, fp }] : [];
  });
}

/** The three verdicts on one nearby order (one similarity computation each; cheap next to the SQL). */
function judge(fp: TextFingerprint, other: Candidate): Match {
  const evidence = similarity(fp, other.fp, { gramWeight: THRESHOLDS.gramWeight });
  return { other, evidence, clusters: verdict(evidence, CLUSTER_SIMILARITY_PARAMS), repeats: verdict(evidence, REPEAT_SIMILARITY_PARAMS) };
}

/** A band key (16 hex digits) as a signed 64-bit integer, the form stored in `band_keys bigint[]`. */
export function bandKeyAsInt(key: string): string {
  return BigInt.asIntN(64, BigInt(`0x${key}`)).toString();
}
