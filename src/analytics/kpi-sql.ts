import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import { WorkOrderStatus } from '../work-orders/enums';
import { addCounts, emptyCounts, HANDLING_BUCKETS, type KpiCounts } from './kpi';

/** What a KPI table is grouped by: a column of work_order, the whole period, or a time bucket (trend). */
export type KpiGroupBy = 'DEPARTMENT' | 'CHANNEL' | 'CATEGORY_L1' | 'CATEGORY_L2' | 'REGION' | 'REQUEST_TYPE' | 'TOTAL' | KpiInterval;
export type KpiInterval = 'DAY' | 'WEEK' | 'MONTH';
export const INTERVALS: ReadonlySet<string> = new Set<KpiInterval>(['DAY', 'WEEK', 'MONTH']);

/** The group key of an order, as SQL over `wo` and its ORDERS_SQL lookups (codes, so keys read the same in every table). */
export const GROUP_SQL: Record<Exclude<KpiGroupBy, KpiInterval>, string> = {
  DEPARTMENT: `coalesce(dep.code, '')`,
  CHANNEL: `ch.code`,
  CATEGORY_L1: `coalesce(left(cat.code, 2), '')`,
  CATEGORY_L2: `coalesce(left(cat.code, 4), '')`,
  REGION: `reg.code`,
  REQUEST_TYPE: `wo.request_type::text`,
  TOTAL: `'TOTAL'`,
};

/**
 * The reference rows the group keys and filters of `wo` come from (its lead_department_id, channel_id,
 * category_id, region_id): joined, one hash join each, not a lookup per order. The rollup's grain
 * rows (rollup-read.ts) are joined the same way, so both read the same keys.
 */
export const REFERENCE_JOINS = `left join department dep on dep.id = wo.lead_department_id
  join channel ch on ch.id = wo.channel_id
  left join category cat on cat.id = wo.category_id
  join region reg on reg.id = wo.region_id`;

/** work_order `wo` with its reference rows. */
const ORDERS_SQL = `work_order wo
  ${REFERENCE_JOINS}`;

/** A timestamp column on an Asia/Shanghai date in [from, to) (as a range of the column itself, so its indexes serve). */
export const inPeriod = (column: string) =>
  `${column} >= (?::date::timestamp at time zone 'Asia/Shanghai') and ${column} < (?::date::timestamp at time zone 'Asia/Shanghai')`;

/** Narrows statistics to some orders (codes as in the group keys; a category code matches its sub-categories). */
export interface KpiFilter {
  departmentCode?: string | null;
  /** A viewer's scope: the codes of its department subtree (with departmentCode, both apply). */
  departmentCodes?: readonly string[] | null;
  channelCode?: string | null;
  regionCode?: string | null;
  categoryCode?: string | null;
  requestType?: string | null;
}

/** The filter as SQL over `wo` (`and …`, with its parameters). */
export function filterSql(filter: KpiFilter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.departmentCode != null) add(`${GROUP_SQL.DEPARTMENT} = ?`, filter.departmentCode);
  if (filter.departmentCodes != null) add(`${GROUP_SQL.DEPARTMENT} = any(?::text[])`, pgArray(filter.departmentCodes));
  if (filter.channelCode != null) add(`${GROUP_SQL.CHANNEL} = ?`, filter.channelCode);
  if (filter.regionCode != null) add(`${GROUP_SQL.REGION} = ?`, filter.regionCode);
  if (filter.categoryCode != null) add(`starts_with(coalesce(cat.code, ''), ?)`, filter.categoryCode);
  if (filter.requestType != null) add(`${GROUP_SQL.REQUEST_TYPE} = ?`, filter.requestType);
  return { sql: parts.map((p) => ` and ${p}`).join(''), params };
}

/** The first day (yyyy-MM-dd, Asia/Shanghai) of the interval holding a timestamp. */
const bucketSql = (interval: KpiInterval, column: string) =>
  `to_char(date_trunc('${interval.toLowerCase()}', ${column} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;

/**
 * The group key of a count taken on `column`: a time bucket's first day, or the order's group —
 * prefixed by its bucket ("2026-10-01 SCJGJ") when counting per group and per interval at once.
 */
export function keySql(groupBy: KpiGroupBy, column: string, per?: KpiInterval): string {
  if (INTERVALS.has(groupBy)) return bucketSql(groupBy as KpiInterval, column);
  const group = GROUP_SQL[groupBy as Exclude<KpiGroupBy, KpiInterval>];
  return per ? `${bucketSql(per, column)} || ' ' || ${group}` : group;
}

/** Adds result rows (a key `k`, KpiCounts fields, and `bucket_list` or `h0`…`h13`) into `out`. */
export function accumulate(out: Map<string, KpiCounts>, rows: Array<Record<string, unknown>>): Map<string, KpiCounts> {
  for (const row of rows) {
    const key = String(row.k);
    const counts = out.get(key) ?? emptyCounts();
    for (const [field, value] of Object.entries(row)) {
      if (field === 'k' || value == null) continue;
      if (field === 'bucket_list') {
        for (const b of value as number[]) counts.handlingBuckets[Math.min(Number(b), HANDLING_BUCKETS.length)]++;
      } else if (/^h\d+$/.test(field)) {
        counts.handlingBuckets[Number(field.slice(1))] += Number(value);
      } else {
        (counts as unknown as Record<string, number>)[field] += Number(value);
      }
    }
    out.set(key, counts);
  }
  return out;
}

/**
 * 在办 / 超期 at the period's end: orders received in the period that are still open (neither closed,
 * terminated nor merged), and those of them past their reply deadline at the period's end (or now,
 * if earlier). Read live, from the open orders only (index work_order(status, due_at)): a count
 * against the clock cannot be kept in a daily rollup.
 */
export async function backlogCounts(
  em: EntityManager,
  period: { from: string; to: string },
  groupBy: KpiGroupBy,
  filter: KpiFilter = {},
  per?: KpiInterval,
  now?: Date,
): Promise<Map<string, KpiCounts>> {
  return (await backlogCountsBy(em, period, [groupBy], filter, per, now)).get(groupBy)!;
}

/** backlogCounts for several groupings at once, in one pass over the open orders. */
export async function backlogCountsBy(
  em: EntityManager,
  period: { from: string; to: string },
  groupBys: readonly KpiGroupBy[],
  filter: KpiFilter = {},
  per?: KpiInterval,
  now?: Date,
): Promise<Map<KpiGroupBy, Map<string, KpiCounts>>> {
  const f = filterSql(filter);
  // Counted once per combination of the groupings' keys (a few hundred), then spread to each grouping:
  // not every open order once per grouping (4 × ~17,000 rows to hash in a recent month at 1,000,000 orders).
  const keys = groupBys.map((groupBy, i) => `(${keySql(groupBy, 'wo.received_at', per)})::text as k${i}`).join(', ');
  const spread = groupBys.map((_, i) => `(${i}, c.k${i})`).join(', ');
  const rows = await em.execute(
    `select g.i, g.k, sum(c.open)::int as open, sum(c.overdue)::int as overdue
       from (select ${keys}, count(*) as open,
                    count(*) filter (where wo.due_at < least((?::date::timestamp at time zone 'Asia/Shanghai'), ${now ? '?::timestamptz' : 'now()'})) as overdue
               from ${ORDERS_SQL}
              where wo.status in (${OPEN_STATUSES}) and ${inPeriod('wo.received_at')}${f.sql}
              group by ${groupBys.map((_, i) => i + 1).join(', ')}) c,
            lateral (values ${spread}) g(i, k)
      group by 1, 2`,
    [period.to, ...(now ? [now.toISOString()] : []), period.from, period.to, ...f.params],
  );
  const out = new Map(groupBys.map((groupBy) => [groupBy, new Map<string, KpiCounts>()]));
  for (const { i, ...row } of rows) accumulate(out.get(groupBys[Number(i)])!, [row]);
  return out;
}
const OPEN_STATUSES = Object.values(WorkOrderStatus)
  .filter((s) => !['CLOSED', 'TERMINATED', 'MERGED'].includes(s))
  .map((s) => `'${s}'`)
  .join(', ');

/**
 * The KPI counts of kpi.ts straight from the raw tables, one statement per date basis: the
 * reference the rollups are checked against, the "naive GROUP BY" of bench:analytics, and the path
 * for filters the rollup does not carry. `from` and `to` are Asia/Shanghai dates (yyyy-MM-dd), `to`
 * exclusive; open / overdue are as of the period's end (backlogCounts).
 */
export interface CountOptions {
  /** Also count 在办 / 超期 (backlogCounts). Default true; the ranking does without them. */
  backlog?: boolean;
  /** Group per interval too: keys become "<first day> <group key>" (a year of department rankings in one read). */
  per?: KpiInterval;
  /** The clock 超期 is measured against when the period ends later (default the database's now()). */
  now?: Date;
}

export async function countsFromRawTables(
  em: EntityManager,
  period: { from: string; to: string },
  groupBy: KpiGroupBy,
  filter: KpiFilter = {},
  options: CountOptions = {},
): Promise<Map<string, KpiCounts>> {
  const key = (column: string) => keySql(groupBy, column, options.per);
  const f = filterSql(filter);
  const p = [period.from, period.to, ...f.params];
  const buckets = `width_bucket(extract(epoch from wo.closed_at - wo.received_at) / 3600, array[${HANDLING_BUCKETS.map((b) => `${b}.000001`).join(',')}]::float8[])`;
  const queries: string[] = [
    // Received in the period (merged duplicates counted once, through their primary).
    `select ${key('wo.received_at')} as k, count(*)::int as received, count(*) filter (where wo.status = 'CLOSED')::int as "receivedAndClosed"
       from ${ORDERS_SQL} where wo.status <> 'MERGED' and ${inPeriod('wo.received_at')}${f.sql} group by 1`,
    // Dispatched in the period: 签收 and 响应 within their limits, 退单, 延期.
    `select ${key('wo.dispatched_at')} as k, count(*)::int as dispatched,
            count(*) filter (where wo.signed_at is not null and wo.signed_at <= wo.sign_due_at)::int as "signedOnTime",
            count(*) filter (where wo.first_contact_at is not null and wo.first_contact_at <= wo.first_contact_due_at)::int as "contactedOnTime",
            count(*) filter (where wo.return_count > 0)::int as returned,
            count(*) filter (where exists (select 1 from extension_request e where e.work_order_id = wo.id and e.status = 'APPROVED'))::int as extended
       from ${ORDERS_SQL} where wo.status <> 'MERGED' and wo.dispatched_at is not null and ${inPeriod('wo.dispatched_at')}${f.sql} group by 1`,
    // Reply deadline in the period (terminated orders are out: they end without a reply).
    `select ${key('wo.due_at')} as k, count(*)::int as due, count(*) filter (where wo.replied_at is not null and wo.replied_at <= wo.due_at)::int as "repliedOnTime"
       from ${ORDERS_SQL} where wo.status not in ('MERGED', 'TERMINATED') and wo.due_at is not null and ${inPeriod('wo.due_at')}${f.sql} group by 1`,
    // Closed (办结) in the period, with rework and handling time.
    `select ${key('wo.closed_at')} as k, count(*)::int as closed, count(*) filter (where wo.rework_count > 0)::int as reworked,
            coalesce(sum(extract(epoch from wo.closed_at - wo.received_at) / 3600), 0)::float8 as "handlingHours",
            array_agg(${buckets}) as bucket_list
       from ${ORDERS_SQL} where wo.status = 'CLOSED' and ${inPeriod('wo.closed_at')}${f.sql} group by 1`,
    // Callbacks (回访) in the period; orders terminated as invalid are out of the satisfaction base.
    `select ${key('cb.called_at')} as k, count(*)::int as callbacks, count(*) filter (where cb.resolved)::int as "callbacksResolved",
            count(*) filter (where cb.result_satisfaction = 'SATISFIED')::int as satisfied,
            count(*) filter (where cb.result_satisfaction = 'BASICALLY_SATISFIED')::int as "basicallySatisfied",
            count(*) filter (where cb.result_satisfaction = 'UNSATISFIED')::int as unsatisfied
       from callback cb join (${ORDERS_SQL}) on wo.id = cb.work_order_id
      where wo.status not in ('MERGED', 'TERMINATED') and ${inPeriod('cb.called_at')}${f.sql} group by 1`,
  ];
  const out = new Map<string, KpiCounts>();
  for (const sql of queries) accumulate(out, await em.execute(sql, p));
  return options.backlog === false ? out : mergeCounts(out, await backlogCounts(em, period, groupBy, filter, options.per, options.now));
}

/** `into` plus `more`, key by key. */
export function mergeCounts(into: Map<string, KpiCounts>, more: Map<string, KpiCounts>): Map<string, KpiCounts> {
  for (const [key, counts] of more) into.set(key, into.has(key) ? addCounts(into.get(key)!, counts) : counts);
  return into;
}
