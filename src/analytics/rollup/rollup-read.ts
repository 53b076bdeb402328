import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/sql';
import { HANDLING_BUCKETS, type KpiCounts } from '../kpi';
import { accumulate, backlogCounts, countsFromRawTables, mergeCounts, type KpiFilter, type KpiGroupBy, type KpiInterval } from '../kpi-sql';

const INTERVALS: ReadonlySet<string> = new Set<KpiInterval>(['DAY', 'WEEK', 'MONTH']);

/** KpiCounts field → rollup column (entities/kpi-rollup.ts); `open` and `overdue` are read live. */
const COLUMNS: Array<[keyof KpiCounts | string, string]> = [
  ['received', 'received'], ['receivedAndClosed', 'received_and_closed'], ['dispatched', 'dispatched'], ['signedOnTime', 'signed_on_time'],
  ['contactedOnTime', 'contacted_on_time'], ['returned', 'returned'], ['extended', 'extended'], ['due', 'due'], ['repliedOnTime', 'replied_on_time'],
  ['closed', 'closed'], ['reworked', 'reworked'], ['handlingHours', 'handling_hours'], ['callbacks', 'callbacks'], ['callbacksResolved', 'callbacks_resolved'],
  ['satisfied', 'satisfied'], ['basicallySatisfied', 'basically_satisfied'], ['unsatisfied', 'unsatisfied'],
  ...[...HANDLING_BUCKETS, Infinity].map((_, i): [string, string] => [`h${i}`, `h${i}`]),
];
const SELECT_COLUMNS = COLUMNS.map(([, c]) => c).join(', ');
const SUMS = COLUMNS.map(([field, c]) => `sum(${c})${c === 'handling_hours' ? '::float8' : '::int'} as "${field}"`).join(', ');

/** Whether the rollup can answer: it carries each order's group keys and its lead department, nothing else. */
export function rollupCovers(filter: KpiFilter = {}): boolean {
  return filter.channelCode == null && filter.regionCode == null && filter.categoryCode == null && filter.requestType == null;
}

/**
 * The KPI counts of a period from the rollup (kpi_daily + the deltas not yet folded), exact at the
 * moment of reading, plus the live backlog (open / overdue). Same result as countsFromRawTables (a
 * test compares them on random data); a filter the rollup does not carry falls back to it.
 */
export async function countsFromRollup(em: EntityManager, period: { from: string; to: string }, groupBy: KpiGroupBy, filter: KpiFilter = {}): Promise<Map<string, KpiCounts>> {
  if (!rollupCovers(filter)) return countsFromRawTables(em, period, groupBy, filter);
  const interval = INTERVALS.has(groupBy);
  const dim = interval ? 'TOTAL' : groupBy;
  const key = interval ? `to_char(date_trunc('${groupBy.toLowerCase()}', day), 'YYYY-MM-DD')` : 'key';
  // Folded rows, plus pending deltas expanded to the same groups (the compactor's kpi_group_keys).
  let where = 'dim = ? and day >= ?::date and day < ?::date';
  const params: unknown[] = [dim, period.from, period.to];
  if (filter.departmentCode != null) {
    where += ' and department_code = ?';
    params.push(filter.departmentCode);
  }
  if (filter.departmentCodes != null) {
    where += ' and department_code = any(?::text[])';
    params.push(pgArray(filter.departmentCodes));
  }
  const rows = await em.execute(
    `select ${key} as k, ${SUMS}
       from (select day, key, ${SELECT_COLUMNS} from kpi_daily where ${where}
             union all
             select day, key, ${SELECT_COLUMNS}
               from (select d.*, g.dim, g.key, g.department_code
                       from kpi_delta d, lateral kpi_group_keys(d.department_id, d.channel_id, d.category_id, d.region_id, d.request_type) g) pending
              where ${where}) r
      group by 1`,
    [...params, ...params],
  );
  const counts = accumulate(new Map(), rows);
  // A group whose orders all moved elsewhere (another department, a merge) keeps a row of zeros.
  for (const [key, c] of counts) if (isZero(c)) counts.delete(key);
  return mergeCounts(counts, await backlogCounts(em, period, groupBy, filter));
}

const isZero = (c: KpiCounts) => Object.values(c).every((v) => (Array.isArray(v) ? v.every((n) => n === 0) : Math.abs(v) < 1e-9));
