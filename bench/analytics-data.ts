import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Random } from '../src/demo/random';

/**
 * Synthetic data for the analytics benchmark: `orders` work orders (with their callbacks and
 * extension requests) loaded by PostgreSQL COPY into an already-migrated, reference-seeded database.
 *
 * Every order is simulated along the hub's own transitions (work-orders/transitions.ts) — intake,
 * dispatch, returns and re-dispatch, sign, first contact, extension, reply review, callback, rework
 * after an unsatisfied callback (the second one lists it for 会商), escalation, termination, merge —
 * and cut at `asOf` (default: the end of the last month): its status is the state it had reached
 * then, and no timestamp lies after it. As in the hub, an order is CLOSED by a satisfied callback
 * (called_at = closed_at) and an unsatisfied one sends it back to HANDLING with a new clock.
 *
 * Ids are explicit (appended after the largest existing id) and ascend with received_at, called_at
 * and requested_at as the hub's own inserts would; the three id sequences are moved past them
 * afterwards. The same seed gives the same rows. Orders stream to COPY as they are simulated;
 * callbacks (about one per order) wait in plain number arrays for their COPY, extensions as small
 * objects. Everything runs in one transaction with session_replication_role = replica (no triggers,
 * no FK checks: derived tables are the caller's to rebuild); the plain indexes of work_order and
 * callback are dropped for the COPY and built again before the commit (work_order is locked
 * meanwhile). Personal-data columns stay NULL: all of them are nullable.
 */
export interface AnalyticsDataOptions {
  orders: number;
  seed: number;
  /** first month, 'yyyy-MM' (Asia/Shanghai) */
  firstMonth: string;
  months: number;
  /** Snapshot time: statuses as of then, nothing later; default the end of the period. Receipts stop there too. */
  asOf?: Date;
}

export interface AnalyticsDataSummary {
  orders: number;
  callbacks: number;
  extensions: number;
  seconds: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;
const PROGRESS_EVERY = 50_000;
/** Rows per write to the COPY stream. */
const CHUNK_ROWS = 2_000;
/** Order rows per Buffer. */
const BUFFER_ROWS = 200;

// ── deterministic randomness ─────────────────────────────────────────────────────────────────

/** The hub's deterministic PRNG (demo/random.ts, mulberry32) with the distributions this generator needs. */
class Rng extends Random {
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  /** Log-normal with the given median, clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const u = 1 - this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
  }
}

/** Picks an index by weight in O(log n). */
class Weighted {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    if (!weights.length) throw new Error('nothing to pick from');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += Math.max(0, w)));
    if (!(sum > 0)) throw new Error('weights sum to zero');
  }
  pick(rng: Rng): number {
    const c = this.cumulative;
    const x = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// ── reference data ───────────────────────────────────────────────────────────────────────────

interface Reference {
  channels: Array<{ id: number; code: string; kind: string }>;
  channelPick: Weighted;
  categories: Array<{ id: number; code: string; name: string; leadDepartment: number }>;
  categoryPick: Weighted;
  regions: Array<{ id: number; name: string; township: number | null }>;
  regionPick: Weighted;
  countyDepartments: number[];
  countyDepartmentPick: Weighted;
  petitionBureau: number;
  requestTypes: string[];
  requestTypePick: Weighted;
}

/** Channel mix (as the demo generator's); channels not named here weigh 1. */
const CHANNEL_WEIGHTS: Record<string, number> = {
  '12345': 55,
  '12315': 10,
  '12333': 8,
  '12328': 5,
  board: 7,
  xf: 5,
  wzjx: 4,
  wzgz: 4,
  'gwy-dc': 1,
  'govcn-ly': 1,
};
const REQUEST_TYPE_WEIGHTS: Record<string, number> = { COMPLAINT: 30, HELP: 25, CONSULTATION: 20, REPORT: 9, SUGGESTION: 8, PRAISE: 2, OTHER: 6 };
const REQUEST_TYPE_ZH: Record<string, string> = {
  COMPLAINT: '投诉',
  HELP: '求助',
  CONSULTATION: '咨询',
  REPORT: '举报',
  SUGGESTION: '建议',
  PRAISE: '表扬',
  OTHER: '反映',
};

/** The statuses and satisfaction values this generator writes; checked against the database's enums. */
const S = {
  RECEIVED: 'RECEIVED',
  DISPATCHED: 'DISPATCHED',
  HANDLING: 'HANDLING',
  REPLY_REVIEW: 'REPLY_REVIEW',
  REPLIED: 'REPLIED',
  CLOSED: 'CLOSED',
  RETURNED: 'RETURNED',
  ESCALATED: 'ESCALATED',
  TERMINATED: 'TERMINATED',
  MERGED: 'MERGED',
} as const;
type Status = (typeof S)[keyof typeof S];
const SATISFACTION = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
const REQUEST_STATUS = ['PENDING', 'APPROVED', 'REJECTED'] as const;

async function enumValues(client: Client, type: string): Promise<string[]> {
  const { rows } = await client.query(`select unnest(enum_range(null::"${type}"))::text as v`);
  return rows.map((r) => r.v as string);
}

/** Zipf-like popularity over a deterministic shuffle, so rankings have a head and a tail. */
function zipfWeights(n: number, rng: Rng, s = 0.9): number[] {
  const ranks = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return ranks.map((r) => 1 / (r + 1) ** s);
}

async function loadReference(client: Client, rng: Rng): Promise<Reference> {
  const channels = (await client.query(`select id, code, kind::text as kind from channel order by id`)).rows as Reference['channels'];
  const leaves = (await client.query(`select id, code, name from category where level = (select max(level) from category) order by code`)).rows as Array<{
    id: number;
    code: string;
    name: string;
  }>;
  const regionRows = (await client.query(`select id, name, level::text as level from region order by id`)).rows as Array<{
    id: number;
    name: string;
    level: string;
  }>;
  const departments = (await client.query(`select id, code, kind::text as kind, region_id from department where active order by id`)).rows as Array<{
    id: number;
    code: string;
    kind: string;
    region_id: number;
  }>;
  const requestTypes = await enumValues(client, 'request_type');
  if (!channels.length || !leaves.length || !regionRows.length || !departments.length) {
    throw new Error('analytics data: reference data (channel, category, region, department) is missing; run the migrations and the reference seed first');
  }
  const township = new Map(departments.filter((d) => d.kind === 'TOWNSHIP').map((d) => [d.region_id, d.id]));
  // Lead units for county-level matters: the county departments and public utilities, not the centre itself.
  let county = departments
    .filter((d) => ['COUNTY_DEPARTMENT', 'ENTERPRISE', 'PEOPLE_ORGANISATION'].includes(d.kind) && d.code !== 'RX12345' && d.code !== 'XFJ')
    .map((d) => d.id);
  if (!county.length) county = departments.map((d) => d.id);
  const countyDepartmentPick = new Weighted(zipfWeights(county.length, rng, 0.8));
  const regions = regionRows.map((r) => ({ id: r.id, name: r.name, township: township.get(r.id) ?? null }));
  const hasTownships = regionRows.some((r) => r.level === 'TOWNSHIP');
  return {
    channels,
    channelPick: new Weighted(channels.map((c) => CHANNEL_WEIGHTS[c.code] ?? 1)),
    // Each leaf category has its usual county lead unit (职责清单-like), fixed by the seed.
    categories: leaves.map((c) => ({ ...c, leadDepartment: county[countyDepartmentPick.pick(rng)] })),
    categoryPick: new Weighted(zipfWeights(leaves.length, rng)),
    regions,
    // 92% in a township, the rest county-wide.
    regionPick: new Weighted(regionRows.map((r) => (!hasTownships ? 1 : r.level === 'TOWNSHIP' ? 92 : r.level === 'COUNTY' ? 8 : 0))),
    countyDepartments: county,
    countyDepartmentPick,
    petitionBureau: departments.find((d) => d.code === 'XFJ')?.id ?? county[0],
    requestTypes,
    requestTypePick: new Weighted(requestTypes.map((t) => REQUEST_TYPE_WEIGHTS[t] ?? 1)),
  };
}

// ── time ─────────────────────────────────────────────────────────────────────────────────────

/** Receipts by Asia/Shanghai hour of day (the daily rhythm of a hotline). */
const HOUR_WEIGHTS = [0.6, 0.35, 0.25, 0.2, 0.2, 0.3, 0.8, 2.2, 4.8, 7.5, 8.2, 7.4, 5.2, 4.6, 6.8, 7.4, 7.0, 6.2, 4.6, 3.9, 3.6, 3.0, 2.1, 1.2];
const HOUR_WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
/** Sunday .. Saturday. */
const WEEKDAY_WEIGHTS = [0.62, 1.08, 1.04, 1.0, 1.0, 0.97, 0.72];

function parseMonth(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`firstMonth must be yyyy-MM, got ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The share of a day's receipts (by HOUR_WEIGHTS) that falls before `until`. */
function dayShare(dayStart: number, until: number): number {
  if (until >= dayStart + DAY) return 1;
  let before = 0;
  for (let h = 0; h < 24; h++) before += HOUR_WEIGHTS[h] * Math.min(1, Math.max(0, (until - dayStart - h * HOUR) / HOUR));
  return before / HOUR_WEIGHT_SUM;
}

/** Orders per Asia/Shanghai day: weekday, season (summer utilities, the Spring Festival lull) and slow growth. */
function dailyCounts(total: number, dayStarts: number[], until: number): number[] {
  const weights = dayStarts.map((start, i) => {
    const local = new Date(start + SHANGHAI);
    const month = local.getUTCMonth(); // 0-based
    const season = month === 6 || month === 7 ? 1.18 : month === 1 ? 0.82 : month === 0 || month === 11 ? 0.95 : 1;
    const trend = 1 + (0.1 * i) / Math.max(1, dayStarts.length);
    return WEEKDAY_WEIGHTS[local.getUTCDay()] * season * trend * dayShare(start, until);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) counts[byRemainder[k][1]]++;
  return counts;
}

/** Time-limit classes: [sign window, first-contact window from intake, reply windows]. */
const CLASSES = [
  { cls: 'GENERAL', weight: 89, urgency: 'NORMAL', sign: 2 * HOUR, contact: 24 * HOUR },
  { cls: 'BASIC_LIVING', weight: 8, urgency: 'BASIC_LIVING', sign: 1 * HOUR, contact: 12 * HOUR },
  { cls: 'URGENT', weight: 3, urgency: 'URGENT', sign: 30 * MINUTE, contact: 1 * HOUR },
] as const;
const CLASS_PICK = new Weighted(CLASSES.map((c) => c.weight));

function replyWindow(rng: Rng, cls: number): number {
  if (cls === 1) return 24 * HOUR;
  if (cls === 2) return 3 * HOUR;
  const u = rng.next();
  return (u < 0.55 ? 5 : u < 0.75 ? 7 : u < 0.9 ? 10 : 15) * DAY;
}

// ── one simulated order ──────────────────────────────────────────────────────────────────────

/**
 * The callbacks of the whole load, column by column (about 1 per order: kept compact, and copied
 * after the orders since one connection runs one COPY at a time).
 */
class CallbackStore {
  readonly orderIds: number[] = [];
  readonly calledAt: number[] = [];
  /** process | result << 2 | contacted << 4 | resolved << 5 | comment << 6 (indexes into SATISFACTION, CALLBACK_COMMENTS + 1). */
  readonly packed: number[] = [];
  push(orderId: number, calledAt: number, process: number, result: number, contacted: boolean, resolved: boolean, comment: number): void {
    this.orderIds.push(orderId);
    this.calledAt.push(calledAt);
    this.packed.push(process | (result << 2) | (contacted ? 16 : 0) | (resolved ? 32 : 0) | (comment << 6));
  }
  get length(): number {
    return this.orderIds.length;
  }
}
const CALLBACK_COMMENTS = ['群众对办理结果不满意，要求重新办理', '群众表示问题仍未解决，要求承办单位再次核实'];

interface ExtensionRow {
  orderId: number;
  department: number;
  previousDueAt: number;
  newDueAt: number;
  reason: string;
  status: number;
  requestedAt: number;
  decidedAt: number | null;
  decisionNote: string | null;
}

/** Timestamps are epoch ms; null where the order never got there (by asOf). */
interface Order {
  id: number;
  requestType: number;
  category: number;
  region: number;
  channel: number;
  anonymous: boolean;
  restricted: boolean;
  cls: number;
  urgency: string;
  status: Status;
  lead: number | null;
  receivedAt: number;
  signDueAt: number;
  firstContactDueAt: number;
  dueAt: number;
  dispatchedAt: number | null;
  signedAt: number | null;
  firstContactAt: number | null;
  repliedAt: number | null;
  closedAt: number | null;
  reworkCount: number;
  returnCount: number;
  mergedInto: number | null;
  consultationListedAt: number | null;
  version: number;
  updatedAt: number;
  addressNo: number;
}

const EXTENSION_REASONS = [
  '涉及多个部门协调，需现场核实后统一处理',
  '需等待第三方检测结果，无法在原时限内办结',
  '涉及历史遗留问题，需调阅档案并组织会商',
  '施工受天气影响，整改需延后完成',
  '需报请上级部门审批，审批流程尚未完成',
];

/** How many recent orders a duplicate may be merged into. */
const MERGE_WINDOW = 4096;

class Simulator {
  private readonly rng: Rng;
  private nextId: number;
  /** Ring of recent orders not merged themselves (id, category, region): the primaries of 并单. */
  private readonly recentIds = new Int32Array(MERGE_WINDOW);
  private readonly recentCategories = new Int32Array(MERGE_WINDOW);
  private readonly recentRegions = new Int32Array(MERGE_WINDOW);
  private recentCount = 0;
  readonly callbacks = new CallbackStore();
  readonly extensions: ExtensionRow[] = [];

  constructor(
    seed: number,
    private readonly ref: Reference,
    firstId: number,
    private readonly asOf: number,
  ) {
    this.rng = new Rng(seed ^ 0x5eed_0a11);
    this.nextId = firstId;
  }

  /** Dispatch time: minutes later in the daytime, the next morning for night calls. */
  private dispatchTime(received: number): number {
    const r = this.rng;
    const localHour = Math.floor(((received + SHANGHAI) % DAY) / HOUR);
    if (localHour >= 8 && localHour < 22) return received + r.logNormal(20 * MINUTE, 0.9, 2 * MINUTE, 8 * HOUR);
    const localDay = Math.floor((received + SHANGHAI) / DAY) * DAY - SHANGHAI;
    const morning = localDay + (localHour >= 22 ? DAY : 0) + 8 * HOUR;
    return morning + r.between(0, 90 * MINUTE);
  }

  private leadFor(o: Order, except: number | null): number {
    const r = this.ref;
    const township = r.regions[o.region].township;
    for (let attempt = 0; attempt < 4; attempt++) {
      const d =
        township !== null && this.rng.chance(0.45)
          ? township
          : this.rng.chance(0.8)
            ? r.categories[o.category].leadDepartment
            : r.countyDepartments[r.countyDepartmentPick.pick(this.rng)];
      if (d !== except) return d;
    }
    return r.countyDepartments[this.rng.int(0, r.countyDepartments.length - 1)];
  }

  /** A satisfied (closing) or unsatisfied (rework) callback. */
  private callback(orderId: number, calledAt: number, satisfied: boolean): void {
    const r = this.rng;
    if (satisfied) {
      const result = r.chance(0.86) ? 0 : 1;
      const u = r.next();
      const process = result === 0 ? (u < 0.95 ? 0 : 1) : u < 0.6 ? 1 : u < 0.95 ? 0 : 2;
      this.callbacks.push(orderId, calledAt, process, result, r.chance(0.98), true, 0);
      return;
    }
    const u = r.next();
    const contacted = r.chance(0.85);
    const resolved = r.chance(0.15);
    this.callbacks.push(orderId, calledAt, u < 0.55 ? 2 : u < 0.9 ? 1 : 0, 2, contacted, resolved, r.chance(0.5) ? r.int(1, CALLBACK_COMMENTS.length) : 0);
  }

  /** The orders received on one Asia/Shanghai day, in time order. */
  day(dayStart: number, count: number, emit: (order: Order) => void): void {
    const r = this.rng;
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      // The last day may be cut by asOf (its count is already scaled down to the part before it).
      do times[i] = dayStart + HOUR_PICK.pick(r) * HOUR + Math.floor(r.next() * 3600) * 1000;
      while (times[i] > this.asOf);
    }
    times.sort();
    for (let i = 0; i < count; i++) {
      const o = this.order(times[i]);
      if (o.status !== S.MERGED) {
        const slot = this.recentCount++ % MERGE_WINDOW;
        this.recentIds[slot] = o.id;
        this.recentCategories[slot] = o.category;
        this.recentRegions[slot] = o.region;
      }
      emit(o);
    }
  }

  private order(receivedAt: number): Order {
    const r = this.rng;
    const ref = this.ref;
    const asOf = this.asOf;
    const id = this.nextId++;
    const channel = ref.channelPick.pick(r);
    const channelCode = ref.channels[channel].code;
    const channelKind = ref.channels[channel].kind;
    const cls = CLASS_PICK.pick(r);
    const klass = CLASSES[cls];
    const urgency = cls === 2 && r.chance(0.05) ? 'CRITICAL' : klass.urgency;
    const reply = replyWindow(r, cls);
    const o: Order = {
      id,
      requestType: ref.requestTypePick.pick(r),
      category: ref.categoryPick.pick(r),
      region: ref.regionPick.pick(r),
      channel,
      anonymous: (channelKind === 'MESSAGE_BOARD' || channelKind === 'WEB') && r.chance(0.3),
      restricted: channelCode === 'xf',
      cls,
      urgency,
      status: S.RECEIVED,
      lead: null,
      receivedAt,
      // Intake deadlines (from receipt); dispatch restarts the sign clock.
      signDueAt: receivedAt + klass.sign,
      firstContactDueAt: receivedAt + klass.contact,
      dueAt: receivedAt + reply,
      dispatchedAt: null,
      signedAt: null,
      firstContactAt: null,
      repliedAt: null,
      closedAt: null,
      reworkCount: 0,
      returnCount: 0,
      mergedInto: null,
      consultationListedAt: null,
      version: 1,
      updatedAt: receivedAt,
      addressNo: r.chance(0.7) ? r.int(1, 300) : 0,
    };

    // What will happen to it, rolled up front.
    const fate = r.next();
    const merged = fate < 0.02 && this.recentCount > 0;
    const mergedEarly = r.chance(0.6);
    const cancelledAtOrigin = fate >= 0.02 && fate < 0.025;
    const terminated = fate >= 0.025 && fate < 0.05;
    const escalated = fate >= 0.05 && fate < 0.06;
    const u = r.next();
    const reworks = u < 0.0035 ? 2 : u < 0.04 ? 1 : 0;
    const v = r.next();
    const returns = v < 0.01 ? 2 : v < 0.05 ? 1 : 0;
    const extension = r.chance(0.05);

    /** Moves to `status` at `t` unless that is after asOf; false stops the story there. */
    const step = (t: number, status: Status): boolean => {
      if (t > asOf) return false;
      o.status = status;
      o.version++;
      o.updatedAt = t;
      return true;
    };
    // 并单 into a recent earlier order of this load (the same matter: its category and region).
    const slot = merged ? r.int(0, Math.min(this.recentCount, MERGE_WINDOW) - 1) : 0;
    if (merged) {
      o.category = this.recentCategories[slot];
      o.region = this.recentRegions[slot];
    }
    const merge = (t: number): Order => {
      if (step(t, S.MERGED)) o.mergedInto = this.recentIds[slot];
      return o;
    };

    let dispatchAt = this.dispatchTime(receivedAt);
    if (merged && mergedEarly) return merge(receivedAt + r.between(5 * MINUTE, Math.max(6 * MINUTE, dispatchAt - receivedAt)));
    if (cancelledAtOrigin) {
      // 原平台已撤销: terminated before anyone took it up.
      const t = receivedAt + r.between(3 * MINUTE, Math.max(4 * MINUTE, dispatchAt - receivedAt));
      if (step(t, S.TERMINATED)) o.closedAt = t;
      return o;
    }

    // 分拨, and 退单 → 改派 rounds.
    const dispatch = (t: number): boolean => {
      if (!step(t, S.DISPATCHED)) return false;
      o.dispatchedAt = t;
      o.lead = this.leadFor(o, o.lead);
      o.signDueAt = t + klass.sign;
      if (o.dueAt <= t) o.dueAt = t + replyWindow(r, cls);
      return true;
    };
    const signTime = (from: number): number =>
      r.chance(0.9)
        ? from + 3 * MINUTE + r.next() ** 1.5 * Math.max(0, o.signDueAt - from - 3 * MINUTE)
        : o.signDueAt + r.logNormal(90 * MINUTE, 1, 5 * MINUTE, 2 * DAY);
    if (!dispatch(dispatchAt)) return o;
    for (let k = 0; k < returns; k++) {
      let t = dispatchAt;
      if (r.chance(0.5)) {
        t = signTime(t);
        if (!step(t, S.HANDLING)) return o;
        o.signedAt = t;
      }
      t += r.logNormal(2 * HOUR, 0.8, 15 * MINUTE, 20 * HOUR);
      if (!step(t, S.RETURNED)) return o;
      o.returnCount++;
      dispatchAt = t + r.logNormal(40 * MINUTE, 0.9, 5 * MINUTE, 12 * HOUR);
      if (!dispatch(dispatchAt)) return o;
    }
    if (merged) return merge(dispatchAt + r.logNormal(3 * HOUR, 1, 10 * MINUTE, 3 * DAY));

    // 签收, 联系群众.
    let t = signTime(dispatchAt);
    if (!step(t, S.HANDLING)) return o;
    o.signedAt = t;
    let start = t;
    if (r.chance(0.96)) {
      const contact =
        r.chance(0.9) && o.firstContactDueAt > t + 2 * MINUTE
          ? t + 2 * MINUTE + r.next() * 0.9 * (o.firstContactDueAt - t - 2 * MINUTE)
          : Math.max(t, o.firstContactDueAt) + r.logNormal(4 * HOUR, 1, 10 * MINUTE, 3 * DAY);
      if (contact <= asOf) {
        o.firstContactAt = contact;
        o.version++;
        o.updatedAt = Math.max(o.updatedAt, contact);
      }
      start = Math.max(start, contact);
    }

    // 提级转办: the petition bureau takes it over on 信访 time limits.
    if (escalated) {
      t = o.signedAt + r.logNormal(2 * DAY, 0.6, 6 * HOUR, 6 * DAY);
      if (!step(t, S.ESCALATED)) return o;
      o.lead = ref.petitionBureau;
      o.signDueAt = t + HOUR;
      o.dueAt = t + 60 * DAY;
      t += r.logNormal(4 * HOUR, 1, 20 * MINUTE, 3 * DAY);
      if (!step(t, S.HANDLING)) return o;
      o.signedAt = t;
      start = Math.max(start, t);
    }

    // 终结归档.
    if (terminated) {
      t = o.signedAt + r.logNormal(3 * DAY, 0.8, 4 * HOUR, 20 * DAY);
      if (step(t, S.TERMINATED)) o.closedAt = t;
      return o;
    }

    // 延期: asked during handling, decided by the centre within the day.
    if (extension) {
      const requestedAt = o.signedAt + (0.3 + 0.6 * r.next()) * Math.max(HOUR, o.dueAt - o.signedAt);
      const days = [3, 5, 7, 10, 15][r.int(0, 4)];
      const decidedAt = requestedAt + r.logNormal(3 * HOUR, 0.9, 10 * MINUTE, 2 * DAY);
      const rejected = r.chance(0.1);
      if (requestedAt <= asOf) {
        const decided = decidedAt <= asOf;
        this.extensions.push({
          orderId: id,
          department: o.lead!,
          previousDueAt: o.dueAt,
          newDueAt: o.dueAt + days * DAY,
          reason: EXTENSION_REASONS[r.int(0, EXTENSION_REASONS.length - 1)],
          status: !decided ? 0 : rejected ? 2 : 1,
          requestedAt,
          decidedAt: decided ? decidedAt : null,
          decisionNote: decided ? (rejected ? '延期理由不充分，请按原时限办结' : r.chance(0.3) ? '同意延期，请按承诺时间办结' : null) : null,
        });
        o.version += decided ? 2 : 1;
        o.updatedAt = Math.max(o.updatedAt, decided ? decidedAt : requestedAt);
        if (decided && !rejected) o.dueAt += days * DAY;
        // No reply while the request is pending (so none at all by asOf if it is still pending then).
        start = Math.max(start, decidedAt);
      }
    }

    // 答复 (submitted, then approved by the unit's leader) → 回访; unsatisfied means 重办 on a new clock.
    for (let round = 0; ; round++) {
      const earliest = start + 30 * MINUTE;
      const replied =
        r.chance(0.88) && o.dueAt > earliest
          ? earliest + (0.15 + 0.85 * r.next() ** 0.8) * (o.dueAt - earliest)
          : Math.max(earliest, o.dueAt) + r.logNormal(12 * HOUR, 1.2, HOUR, 12 * DAY);
      const submitted = Math.max(start + 10 * MINUTE, replied - r.logNormal(3 * HOUR, 1, 15 * MINUTE, 2 * DAY));
      if (!step(submitted, S.REPLY_REVIEW)) return o;
      if (!step(replied, S.REPLIED)) return o;
      o.repliedAt = replied;
      const calledAt = replied + r.logNormal(DAY, 0.6, HOUR, 3 * DAY);
      const satisfied = round >= reworks;
      if (!step(calledAt, satisfied ? S.CLOSED : S.HANDLING)) return o;
      this.callback(id, calledAt, satisfied);
      if (satisfied) {
        o.closedAt = calledAt;
        return o;
      }
      o.reworkCount++;
      if (o.reworkCount === 2 && !o.consultationListedAt) o.consultationListedAt = calledAt;
      o.dueAt = calledAt + replyWindow(r, cls);
      start = calledAt;
    }
  }
}

const HOUR_PICK = new Weighted(HOUR_WEIGHTS);

// ── COPY text format ─────────────────────────────────────────────────────────────────────────

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;

function text(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DATE_PREFIX = new Map<number, string>();
/** timestamptz in UTC, 'yyyy-MM-dd HH:mm:ss.SSS+00' (Date.toISOString is most of the generator's time otherwise). */
function ts(ms: number | null): string {
  if (ms === null) return NULL;
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  let prefix = DATE_PREFIX.get(day);
  if (prefix === undefined) DATE_PREFIX.set(day, (prefix = `${new Date(day * DAY).toISOString().slice(0, 10)} `));
  let rest = t - day * DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  return `${prefix}${PAD2[hour]}:${PAD2[minute]}:${PAD2[second]}.${PAD3[milli]}+00`;
}
function num(value: number | null): string {
  return value === null ? NULL : String(value);
}
function bool(value: boolean): string {
  return value ? 't' : 'f';
}

const WORK_ORDER_COLUMNS = [
  'id',
  'code',
  'request_type',
  'category_id',
  'title',
  'content',
  'citizen_anonymous',
  'restricted_identity',
  'region_id',
  'address',
  'urgency',
  'time_limit_class',
  'status',
  'channel_id',
  'lead_department_id',
  'received_at',
  'sign_due_at',
  'first_contact_due_at',
  'due_at',
  'dispatched_at',
  'signed_at',
  'first_contact_at',
  'replied_at',
  'closed_at',
  'rework_count',
  'return_count',
  'merged_into_id',
  'consultation_listed_at',
  'version',
  'created_at',
  'updated_at',
];
const CALLBACK_COLUMNS = ['id', 'work_order_id', 'contacted', 'process_satisfaction', 'result_satisfaction', 'resolved', 'comment', 'called_at'];
const EXTENSION_COLUMNS = [
  'id',
  'work_order_id',
  'department_id',
  'previous_due_at',
  'new_due_at',
  'reason',
  'status',
  'requested_at',
  'decided_at',
  'decision_note',
];

/** Title and content pieces per (category, request type), escaped once. */
class Texts {
  private readonly titles: string[][];
  private readonly regionNames: string[];
  private readonly categoryNames: string[];
  constructor(ref: Reference) {
    this.regionNames = ref.regions.map((r) => text(r.name));
    this.categoryNames = ref.categories.map((c) => text(c.name));
    this.titles = ref.categories.map((c) => ref.requestTypes.map((t) => text(`关于${c.name}的${REQUEST_TYPE_ZH[t] ?? '反映'}`.slice(0, 180))));
  }
  orderRow(o: Order, ref: Reference): string {
    const region = this.regionNames[o.region];
    const category = this.categoryNames[o.category];
    const title = this.titles[o.category][o.requestType];
    const content = `诉求人反映：${region}${o.addressNo ? `${o.addressNo}号附近` : ''}${category}问题，希望有关部门尽快核实处理并予以答复。（分析基准合成工单 ${o.id}）`;
    const address = o.addressNo ? `${region}${o.addressNo}号` : NULL;
    return (
      `${o.id}\tBENCH${String(o.id).padStart(12, '0')}\t${ref.requestTypes[o.requestType]}\t${ref.categories[o.category].id}\t${title}\t${content}\t` +
      `${bool(o.anonymous)}\t${bool(o.restricted)}\t${ref.regions[o.region].id}\t${address}\t${o.urgency}\t${CLASSES[o.cls].cls}\t${o.status}\t` +
      `${ref.channels[o.channel].id}\t${num(o.lead)}\t${ts(o.receivedAt)}\t${ts(o.signDueAt)}\t${ts(o.firstContactDueAt)}\t${ts(o.dueAt)}\t` +
      `${ts(o.dispatchedAt)}\t${ts(o.signedAt)}\t${ts(o.firstContactAt)}\t${ts(o.repliedAt)}\t${ts(o.closedAt)}\t${o.reworkCount}\t${o.returnCount}\t` +
      `${num(o.mergedInto)}\t${ts(o.consultationListedAt)}\t${o.version}\t${ts(o.receivedAt)}\t${ts(o.updatedAt)}\n`
    );
  }
}

// ── loading ──────────────────────────────────────────────────────────────────────────────────

/** Fails early, with the column names, if a migration added a NOT NULL column without a default that this generator does not fill. */
async function checkColumns(client: Client, table: string, columns: readonly string[]): Promise<void> {
  const { rows } = await client.query(
    `select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = $1 and is_nullable = 'NO' and column_default is null
        and is_identity = 'NO' and is_generated = 'NEVER'`,
    [table],
  );
  const missing = rows.map((r) => r.column_name as string).filter((c) => !columns.includes(c));
  if (missing.length)
    throw new Error(`analytics data: ${table} has NOT NULL column(s) without default that the generator does not fill: ${missing.join(', ')}`);
}

/**
 * Runs `body` with the table's plain indexes (those not backing a constraint) dropped and builds
 * them again afterwards, inside the caller's transaction: one sort per index instead of a million
 * insertions each. The definitions are read from the catalog, so indexes added by later
 * migrations come back as they were.
 */
async function withoutPlainIndexes<T>(client: Client, table: string, body: () => Promise<T>): Promise<T> {
  const { rows } = await client.query(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [table],
  );
  for (const r of rows) await client.query(`drop index ${r.name}`);
  const result = await body();
  for (const r of rows) await client.query(r.def);
  return result;
}

/** One COPY ... FROM STDIN; `produce` writes chunks through `write`, which waits while the stream is full. */
async function copy(
  client: Client,
  table: string,
  columns: readonly string[],
  produce: (write: (chunk: string | Buffer) => Promise<void>) => Promise<void>,
): Promise<void> {
  const stream = client.query(copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
  let failure: unknown = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error) => {
      failure = error;
      reject(error);
    });
  });
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection while producing
  const write = async (chunk: string | Buffer) => {
    if (failure) throw failure;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
  };
  try {
    await produce(write);
  } catch (error) {
    if (!failure) stream.destroy(error as Error);
    await finished.catch(() => undefined);
    throw error;
  }
  stream.end();
  await finished;
}

/** The days of the period (Asia/Shanghai), each one's order count, and the snapshot time. */
function plan(options: AnalyticsDataOptions) {
  const { year, month } = parseMonth(options.firstMonth);
  if (!Number.isInteger(options.months) || options.months < 1) throw new Error('months must be a positive integer');
  if (!Number.isInteger(options.orders) || options.orders < 0) throw new Error('orders must be a non-negative integer');
  const start = Date.UTC(year, month - 1, 1) - SHANGHAI;
  const end = Date.UTC(year, month - 1 + options.months, 1) - SHANGHAI;
  const asOf = Math.min(end, options.asOf ? options.asOf.getTime() : end) - 1;
  if (asOf < start) throw new Error('asOf is before the first month');
  const dayStarts: number[] = [];
  for (let d = start; d < end && d <= asOf; d += DAY) dayStarts.push(d);
  const counts = dailyCounts(options.orders, dayStarts, asOf);
  return { start, end, asOf, dayStarts, counts };
}

export async function generateAnalyticsData(
  client: Client,
  options: AnalyticsDataOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<AnalyticsDataSummary> {
  const started = performance.now();
  const { asOf, dayStarts, counts } = plan(options);

  for (const [type, values] of [
    ['work_order_status', Object.values(S)],
    ['satisfaction', SATISFACTION],
    ['request_status', REQUEST_STATUS],
  ] as const) {
    const known = new Set(await enumValues(client, type));
    const unknown = values.filter((v) => !known.has(v));
    if (unknown.length) throw new Error(`analytics data: enum ${type} lacks ${unknown.join(', ')}`);
  }
  await checkColumns(client, 'work_order', WORK_ORDER_COLUMNS);
  await checkColumns(client, 'callback', CALLBACK_COLUMNS);
  await checkColumns(client, 'extension_request', EXTENSION_COLUMNS);

  const ref = await loadReference(client, new Rng(options.seed));
  const texts = new Texts(ref);
  const maxId = async (table: string) => Number((await client.query(`select coalesce(max(id), 0)::bigint as n from "${table}"`)).rows[0].n);
  const firstOrderId = (await maxId('work_order')) + 1;
  let callbackId = await maxId('callback');
  let extensionId = await maxId('extension_request');

  const sim = new Simulator(options.seed, ref, firstOrderId, asOf);
  let orders = 0;
  let reported = 0;
  await client.query('begin');
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query(`set local synchronous_commit = off`);

    let nextReport = PROGRESS_EVERY;
    await client.query(`set local maintenance_work_mem = '256MB'`);
    await withoutPlainIndexes(client, 'work_order', () =>
      copy(client, 'work_order', WORK_ORDER_COLUMNS, async (write) => {
        // Orders are serialised as soon as they are simulated and every few hundred rows turned into
        // a Buffer (flat, off the JS heap): a long-lived tree of small strings makes every GC scavenge slow.
        let chunk = '';
        let rows = 0;
        const pending: Buffer[] = [];
        const emit = (o: Order) => {
          chunk += texts.orderRow(o, ref);
          if (++rows % BUFFER_ROWS === 0) {
            pending.push(Buffer.from(chunk));
            chunk = '';
          }
        };
        for (let d = 0; d < dayStarts.length; d++) {
          sim.day(dayStarts[d], counts[d], emit);
          if (chunk) pending.push(Buffer.from(chunk));
          chunk = '';
          for (const buffer of pending) await write(buffer);
          pending.length = 0;
          orders += rows;
          rows = 0;
          if (orders >= nextReport) {
            onProgress?.(orders, options.orders);
            reported = orders;
            while (nextReport <= orders) nextReport += PROGRESS_EVERY;
          }
        }
      }),
    );

    // Ids ascend with called_at / requested_at, as the hub's own inserts would.
    const cb = sim.callbacks;
    const byTime = Uint32Array.from({ length: cb.length }, (_, i) => i).sort((a, b) => cb.calledAt[a] - cb.calledAt[b] || a - b);
    await withoutPlainIndexes(client, 'callback', () =>
      copy(client, 'callback', CALLBACK_COLUMNS, async (write) => {
        for (let from = 0; from < byTime.length; from += CHUNK_ROWS) {
          let chunk = '';
          for (let k = from; k < Math.min(byTime.length, from + CHUNK_ROWS); k++) {
            const i = byTime[k];
            const p = cb.packed[i];
            const comment = p >> 6 ? text(CALLBACK_COMMENTS[(p >> 6) - 1]) : NULL;
            chunk += `${++callbackId}\t${cb.orderIds[i]}\t${bool((p & 16) !== 0)}\t${SATISFACTION[p & 3]}\t${SATISFACTION[(p >> 2) & 3]}\t${bool((p & 32) !== 0)}\t${comment}\t${ts(cb.calledAt[i])}\n`;
          }
          await write(chunk);
        }
      }),
    );
    const ext = sim.extensions.sort((a, b) => a.requestedAt - b.requestedAt || a.orderId - b.orderId);
    await copy(client, 'extension_request', EXTENSION_COLUMNS, async (write) => {
      for (let from = 0; from < ext.length; from += CHUNK_ROWS) {
        let chunk = '';
        for (const e of ext.slice(from, from + CHUNK_ROWS)) {
          chunk +=
            `${++extensionId}\t${e.orderId}\t${e.department}\t${ts(e.previousDueAt)}\t${ts(e.newDueAt)}\t${text(e.reason)}\t${REQUEST_STATUS[e.status]}\t` +
            `${ts(e.requestedAt)}\t${ts(e.decidedAt)}\t${text(e.decisionNote)}\n`;
        }
        await write(chunk);
      }
    });

    // Later inserts (the hub's own) must not collide with the explicit ids.
    for (const table of ['work_order', 'callback', 'extension_request']) {
      await client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 1), max(id) is not null) from "${table}"`, [table]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.query(`set session_replication_role = origin`).catch(() => undefined);
  }
  if (reported < orders) onProgress?.(orders, options.orders);
  await client.query('analyze work_order');
  await client.query('analyze callback');
  await client.query('analyze extension_request');
  return { orders, callbacks: sim.callbacks.length, extensions: sim.extensions.length, seconds: (performance.now() - started) / 1000 };
}
