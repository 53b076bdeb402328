import type { EntityManager } from '@mikro-orm/postgresql';
import { readMapper } from '../db/read-model';
import { likeEscape, pgArray } from '../db/sql';
import { WorkOrder } from '../entities';
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
 */
const HARD_CASES_SQL = `
with cases as (
  select wo.*,
         wo.repeat_count > 0 or (wo.citizen_phone_hash is not null and exists (
            select 1 from work_order p
             where p.citizen_phone_hash = wo.citizen_phone_hash
               and (p.received_at, p.id) < (wo.received_at, wo.id)
               and p.received_at >= wo.received_at - interval '90 days')) as hc_repeat,
         (select count(*) from work_order_source s where s.work_order_id = wo.id) > 1 as hc_multi_channel,
         wo.consultation_listed_at is not null as hc_twice_unsatisfied,
         wo.return_count >= 2 as hc_returned_twice,
         (select count(distinct a.department_id) from assignment a
           where a.work_order_id = wo.id and a.status <> 'CANCELLED') > 1 as hc_cross_department
    from work_order wo
   where wo.received_at >= ? and wo.received_at < ?
     and wo.status <> 'MERGED'
     and (cardinality(?::text[]) = 0 or wo.category_id in (select c.id from category c where c.code like any(?::text[])))
)
select *, hc_repeat::int + hc_multi_channel::int + hc_twice_unsatisfied::int + hc_returned_twice::int + hc_cross_department::int as hc_count
  from cases
 where hc_repeat or hc_multi_channel or hc_twice_unsatisfied or hc_returned_twice or hc_cross_department
 order by hc_count desc, received_at, id`;

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
    const { month: key, start, end } = parseMonth(month);
    const schedule = await this.schedules.byMonth(em, key);
    const codes = schedule?.categoryCodes ?? [];
    const rows = await em.execute(HARD_CASES_SQL, [start, end, pgArray(codes), pgArray(codes.map((c) => `${likeEscape(c)}%`))]);
    const orders = readMapper(em, WorkOrder);
    return rows.map((row) =>
      Object.assign(new HardCase(), {
        workOrder: orders.map(row),
        reasons: REASON_COLUMNS.filter(([column]) => row[column]).map(([, reason]) => reason),
        schedule,
      }),
    );
  }
}
