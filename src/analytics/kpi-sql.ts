import type { EntityManager } from '@mikro-orm/postgresql';
import { emptyCounts, HANDLING_BUCKETS, type KpiCounts } from './kpi';

/** What a KPI table is grouped by: a column of work_order, the whole period, or a time bucket (trend). */
export type KpiGroupBy = 'DEPARTMENT' | 'CHANNEL' | 'CATEGORY_L1' | 'CATEGORY_L2' | 'REGION' | 'REQUEST_TYPE' | 'TOTAL' | KpiInterval;
export type KpiInterval = 'DAY' | 'WEEK' | 'MONTH';
const INTERVALS: ReadonlySet<string> = new Set(['DAY', 'WEEK', 'MONTH']);

/** The group key of an order, as SQL over `wo` (codes, so keys read the same in every table). */
export const GROUP_SQL: Record<Exclude<KpiGroupBy, KpiInterval>, string> = {
  DEPARTMENT: `coalesce((select d.code from department d where d.id = wo.lead_department_id), '')`,
  CHANNEL: `(select c.code from channel c where c.id = wo.channel_id)`,
  CATEGORY_L1: `coalesce((select left(c.code, 2) from category c where c.id = wo.category_id), '')`,
  CATEGORY_L2: `coalesce((select left(c.code, 4) from category c where c.id = wo.category_id), '')`,
  REGION: `(select r.code from region r where r.id = wo.region_id)`,
  REQUEST_TYPE: `wo.request_type::text`,
  TOTAL: `'TOTAL'`,
};

/** A local (Asia/Shanghai) date of a timestamp column, in [from, to). */
const inPeriod = (column: string) => `(${column} at time zone 'Asia/Shanghai')::date >= ?::date and (${column} at time zone 'Asia/Shanghai')::date < ?::date`;

/**
 * The KPI counts of kpi.ts straight from the raw tables, one statement per date basis: the
 * reference the rollups are checked against, and the "naive GROUP BY" of bench:analytics. `from`
 * and `to` are Asia/Shanghai dates (yyyy-MM-dd), `to` exclusive; `asOf` is the period's end for
 * open / overdue (default: `to`, or now if earlier).
 */
export async function countsFromRawTables(em: EntityManager, period: { from: string; to: string }, groupBy: KpiGroupBy): Promise<Map<string, KpiCounts>> {
  // A time bucket is taken on each count's own date column (its first day, yyyy-MM-dd, Asia/Shanghai).
  const key = (column: string) =>
    INTERVALS.has(groupBy) ? `to_char(date_trunc('${groupBy.toLowerCase()}', ${column} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')` : GROUP_SQL[groupBy as Exclude<KpiGroupBy, KpiInterval>];
  const p = [period.from, period.to];
  const periodEnd = `least((?::date::timestamp at time zone 'Asia/Shanghai'), now())`;
  const buckets = `width_bucket(extract(epoch from wo.closed_at - wo.received_at) / 3600, array[${HANDLING_BUCKETS.map((b) => `${b}.000001`).join(',')}]::float8[])`;
  const queries: Array<[string, unknown[]]> = [
    // Received in the period (merged duplicates counted once, through their primary).
    [
      `select ${key('wo.received_at')} as k, count(*)::int as received,
              count(*) filter (where wo.status = 'CLOSED')::int as "receivedAndClosed",
              count(*) filter (where wo.status not in ('CLOSED', 'TERMINATED', 'MERGED'))::int as open,
              count(*) filter (where wo.status not in ('CLOSED', 'TERMINATED', 'MERGED') and wo.due_at < ${periodEnd})::int as overdue
         from work_order wo where wo.status <> 'MERGED' and ${inPeriod('wo.received_at')} group by 1`,
      [period.to, ...p],
    ],
    // Dispatched in the period: 签收 and 响应 within their limits, 退单, 延期.
    [
      `select ${key('wo.dispatched_at')} as k, count(*)::int as dispatched,
              count(*) filter (where wo.signed_at is not null and wo.signed_at <= wo.sign_due_at)::int as "signedOnTime",
              count(*) filter (where wo.first_contact_at is not null and wo.first_contact_at <= wo.first_contact_due_at)::int as "contactedOnTime",
              count(*) filter (where wo.return_count > 0)::int as returned,
              count(*) filter (where exists (select 1 from extension_request e where e.work_order_id = wo.id and e.status = 'APPROVED'))::int as extended
         from work_order wo where wo.status <> 'MERGED' and wo.dispatched_at is not null and ${inPeriod('wo.dispatched_at')} group by 1`,
      p,
    ],
    // Reply deadline in the period (terminated orders are out: they end without a reply).
    [
      `select ${key('wo.due_at')} as k, count(*)::int as due, count(*) filter (where wo.replied_at is not null and wo.replied_at <= wo.due_at)::int as "repliedOnTime"
         from work_order wo where wo.status not in ('MERGED', 'TERMINATED') and wo.due_at is not null and ${inPeriod('wo.due_at')} group by 1`,
      p,
    ],
    // Closed (办结) in the period, with rework and handling time.
    [
      `select ${key('wo.closed_at')} as k, count(*)::int as closed, count(*) filter (where wo.rework_count > 0)::int as reworked,
              coalesce(sum(extract(epoch from wo.closed_at - wo.received_at) / 3600), 0)::float8 as "handlingHours",
              array_agg(${buckets}) as bucket_list
         from work_order wo where wo.status = 'CLOSED' and ${inPeriod('wo.closed_at')} group by 1`,
      p,
    ],
    // Callbacks (回访) in the period; orders terminated as invalid are out of the satisfaction base.
    [
      `select ${key('cb.called_at')} as k, count(*)::int as callbacks, count(*) filter (where cb.resolved)::int as "callbacksResolved",
              count(*) filter (where cb.result_satisfaction = 'SATISFIED')::int as satisfied,
              count(*) filter (where cb.result_satisfaction = 'BASICALLY_SATISFIED')::int as "basicallySatisfied",
              count(*) filter (where cb.result_satisfaction = 'UNSATISFIED')::int as unsatisfied
         from callback cb join work_order wo on wo.id = cb.work_order_id
        where wo.status not in ('MERGED', 'TERMINATED') and ${inPeriod('cb.called_at')} group by 1`,
      p,
    ],
  ];
  const out = new Map<string, KpiCounts>();
  for (const [sql, params] of queries) {
    for (const row of await em.execute(sql, params)) {
      const key = String(row.k);
      const counts = out.get(key) ?? emptyCounts();
      for (const [field, value] of Object.entries(row)) {
        if (field === 'k') continue;
        if (field === 'bucket_list') {
          for (const b of value as number[]) counts.handlingBuckets[Math.min(Number(b), HANDLING_BUCKETS.length)]++;
        } else {
          (counts as unknown as Record<string, number>)[field] += Number(value);
        }
      }
      out.set(key, counts);
    }
  }
  return out;
}
