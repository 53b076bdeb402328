import type { EntityManager } from '@mikro-orm/postgresql';
import { readMapper } from '../db/read-model';
import { likeEscape, pgArray } from '../db/sql';
import { LeaderDutySchedule, WorkOrder } from '../entities';
import { HardCase } from './dispatch.types';
import { parseMonth, type DutyScheduleService } from './duty-schedule.service';
import { HardCaseReason } from './vocabulary';

/**
 * The hard-case tests of 000 二(二) and 003 二, per order received in the month, in one statement:
 * - REPEAT: the text analyser found it a repeat complaint (repeatCount, 重复投诉: same caller, similar
 *   content), or the same caller (phone hash) has another order received in the 90 days before it;
 * - MULTI_CHANNEL: more than one channel record behind it (多头投诉);
 * - TWICE_UNSATISFIED: listed for 会商 after two unsatisfied callbacks;
 * - RETURNED_TWICE: returned twice or more;
 * - CROSS_DEPARTMENT: more than one department among its non-cancelled assignments.
 * Merged duplicates are left out: their sources and assignments live on with the primary order.
 *
 * This is the only definition: `hard_cases` below (the month's hard cases: id, received_at, one column
 * per reason) is what both the dispatch desk's list (`hardCases(month)`, forMonth) and the monthly
 * report's count (countForMonth) select from, so the count is always the list's length.
 *
 * A month of ~80,000 orders: its orders are read once, narrow (no row is fetched whole until it is
 * known to be a case); the channel records and assignments of the month's id range ([min, max] of their
 * ids — every order of the month is in it) are grouped once, set-based, instead of two index probes per
 * order. The earlier order of the same caller stays an index probe, for orders with a phone hash only:
 * measured on 1,000,000 orders with 500,000 callers, a `lag()` over the callers' orders of the month and
 * the 90 days before (~255,000 rows to sort) took about twice as long as the ~70,000 probes.
 */
const HARD_CASES_CTE = `
with orders as materialized (
  select wo.id, wo.received_at, wo.citizen_phone_hash, wo.repeat_count, wo.consultation_listed_at, wo.return_count
    from work_order wo
   where wo.received_at >= ? and wo.received_at < ?
     and wo.status <> 'MERGED'
     and (cardinality(?::text[]) = 0 or wo.category_id in (select c.id from category c where c.code like any(?::text[])))
),
id_range as (select min(id) as lo, max(id) as hi from orders),
multi_channel as (
  select s.work_order_id as id from work_order_source s, id_range r
   where s.work_order_id between r.lo and r.hi
   group by s.work_order_id having count(*) > 1
),
cross_department as (
  select a.work_order_id as id from assignment a, id_range r
   where a.work_order_id between r.lo and r.hi and a.status <> 'CANCELLED'
   group by a.work_order_id having count(distinct a.department_id) > 1
),
cases as (
  select o.id, o.received_at,
         o.repeat_count > 0 or (o.citizen_phone_hash is not null and exists (
            select 1 from work_order p
             where p.citizen_phone_hash = o.citizen_phone_hash
               and (p.received_at, p.id) < (o.received_at, o.id)
               and p.received_at >= o.received_at - interval '90 days')) as hc_repeat,
         o.id in (select id from multi_channel) as hc_multi_channel,
         o.consultation_listed_at is not null as hc_twice_unsatisfied,
         o.return_count >= 2 as hc_returned_twice,
         o.id in (select id from cross_department) as hc_cross_department
    from orders o
),
hard_cases as (
  select *, hc_repeat::int + hc_multi_channel::int + hc_twice_unsatisfied::int + hc_returned_twice::int + hc_cross_department::int as hc_count
    from cases
   where hc_repeat or hc_multi_channel or hc_twice_unsatisfied or hc_returned_twice or hc_cross_department
)`;

/**
 * The list: each hard case's whole order and its reasons, most reasons first, then by received time.
 * The rows are fetched by primary key per case (`offset 0` keeps the lateral a parameterised lookup: the
 * planner cannot estimate how few of the month's orders pass the five tests, and would otherwise merge
 * the cases with a scan of the whole work_order table).
 */
const HARD_CASES_SQL = `${HARD_CASES_CTE}
select wo.*, h.hc_repeat, h.hc_multi_channel, h.hc_twice_unsatisfied, h.hc_returned_twice, h.hc_cross_department, h.hc_count
  from hard_cases h cross join lateral (select * from work_order w where w.id = h.id offset 0) wo
 order by h.hc_count desc, h.received_at, h.id`;

/** The count: how many rows HARD_CASES_SQL gives, without fetching or mapping any of them. */
const HARD_CASE_COUNT_SQL = `${HARD_CASES_CTE}
select count(*)::int as n from hard_cases`;

const REASON_COLUMNS: Array<[string, HardCaseReason]> = [
  ['hc_repeat', HardCaseReason.REPEAT],
  ['hc_multi_channel', HardCaseReason.MULTI_CHANNEL],
  ['hc_twice_unsatisfied', HardCaseReason.TWICE_UNSATISFIED],
  ['hc_returned_twice', HardCaseReason.RETURNED_TWICE],
  ['hc_cross_department', HardCaseReason.CROSS_DEPARTMENT],
];

/** 区长热线日: the month's hard cases within the categories of its schedule (all when none). */
export class HardCaseQueries {
  constructor(private readonly schedules: DutyScheduleService) {}

  async forMonth(em: EntityManager, month: string): Promise<HardCase[]> {
    const { params, schedule } = await this.monthParams(em, month);
    const rows = await em.execute(HARD_CASES_SQL, params);
    const orders = readMapper(em, WorkOrder);
    return rows.map((row) =>
      Object.assign(new HardCase(), {
        workOrder: orders.map(row),
        reasons: REASON_COLUMNS.filter(([column]) => row[column]).map(([, reason]) => reason),
        schedule,
      }),
    );
  }

  /** How many hard cases forMonth lists (the monthly report's 疑难件数), counted in the database. */
  async countForMonth(em: EntityManager, month: string, schedule?: LeaderDutySchedule | null): Promise<number> {
    const { params } = await this.monthParams(em, month, schedule);
    const [row] = await em.execute(HARD_CASE_COUNT_SQL, params);
    return Number(row.n);
  }

  /** The statement's parameters for the month and its schedule (read unless given). */
  private async monthParams(em: EntityManager, month: string, given?: LeaderDutySchedule | null) {
    const { month: key, start, end } = parseMonth(month);
    const schedule = given === undefined ? await this.schedules.byMonth(em, key) : given;
    const codes = schedule?.categoryCodes ?? [];
    return { schedule, params: [start, end, pgArray(codes), pgArray(codes.map((c) => `${likeEscape(c)}%`))] };
  }
}
