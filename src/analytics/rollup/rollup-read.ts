import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/sql';
import { HANDLING_BUCKETS, type KpiCounts } from '../kpi';
import {
  accumulate,
  backlogCounts,
  countsFromRawTables,
  INTERVALS,
  mergeCounts,
  type CountOptions,
  type KpiFilter,
  type KpiGroupBy,
  type KpiInterval,
} from '../kpi-sql';

/** KpiCounts field → rollup column (entities/kpi-rollup.ts); `open` and `overdue` are read live. */
const COLUMNS: Array<[keyof KpiCounts | string, string]> = [
  ['received', 'received'],
  ['receivedAndClosed', 'received_and_closed'],
  ['dispatched', 'dispatched'],
  ['signedOnTime', 'signed_on_time'],
  ['contactedOnTime', 'contacted_on_time'],
  ['returned', 'returned'],
  ['extended', 'extended'],
  ['due', 'due'],
  ['repliedOnTime', 'replied_on_time'],
  ['closed', 'closed'],
  ['reworked', 'reworked'],
  ['handlingHours', 'handling_hours'],
  ['callbacks', 'callbacks'],
  ['callbacksResolved', 'callbacks_resolved'],
  ['satisfied', 'satisfied'],
  ['basicallySatisfied', 'basically_satisfied'],
  ['unsatisfied', 'unsatisfied'],
  ...[...HANDLING_BUCKETS, Infinity].map((_, i): [string, string] => [`h${i}`, `h${i}`]),
];
const SELECT_COLUMNS = COLUMNS.map(([, c]) => c).join(', ');
const SUMS = COLUMNS.map(([field, c]) => `sum(${c})${c === 'handling_hours' ? '::float8' : '::int'} as "${field}"`).join(', ');

/** Whether the rollup can answer: it carries each order's group keys and its lead department, nothing else. */
export function rollupCovers(filter: KpiFilter = {}): boolean {
  return filter.channelCode == null && filter.regionCode == null && filter.categoryCode == null && filter.requestType == null;
}

/**
 * The KPI counts of a period from the rollup (kpi_monthly for whole months, kpi_daily for the days
 * around them, and the deltas not yet folded), exact at the moment of reading, plus the live
 * backlog (open / overdue). Same result as countsFromRawTables (a test compares them on random
 * data); a filter the rollup does not carry falls back to it.
 */
export async function countsFromRollup(
  em: EntityManager,
  period: { from: string; to: string },
  groupBy: KpiGroupBy,
  filter: KpiFilter = {},
  options: CountOptions = {},
): Promise<Map<string, KpiCounts>> {
  if (!rollupCovers(filter)) return countsFromRawTables(em, period, groupBy, filter, options);
  const interval = INTERVALS.has(groupBy);
  const dim = interval ? 'TOTAL' : groupBy;
  const bucket = (i: KpiInterval) => `to_char(date_trunc('${i.toLowerCase()}', day::timestamp), 'YYYY-MM-DD')`;
  const key = interval ? bucket(groupBy as KpiInterval) : options.per ? `${bucket(options.per)} || ' ' || key` : 'key';
  // Which rows: the group and the departments (without a department filter, the rows kept for all: '*').
  let rowsOf = 'dim = ?';
  const scope: unknown[] = [dim];
  if (filter.departmentCode == null && filter.departmentCodes == null) rowsOf += ` and department_code = '*'`;
  if (filter.departmentCode != null) {
    rowsOf += ' and department_code = ?';
    scope.push(filter.departmentCode);
  }
  if (filter.departmentCodes != null) {
    rowsOf += ' and department_code = any(?::text[])';
    scope.push(pgArray(filter.departmentCodes));
  }
  // Whole months from kpi_monthly (unless bucketed by day or week), the days around them from
  // kpi_daily, and the pending deltas expanded to the same groups (the compactor's kpi_group_keys).
  const months = groupBy === 'DAY' || groupBy === 'WEEK' || options.per === 'DAY' || options.per === 'WEEK' ? null : wholeMonths(period);
  const parts: string[] = [];
  const params: unknown[] = [];
  const daily = (from: string, to: string) => {
    parts.push(`select day, key, ${SELECT_COLUMNS} from kpi_daily where ${rowsOf} and day >= ?::date and day < ?::date`);
    params.push(...scope, from, to);
  };
  if (months) {
    parts.push(`select month as day, key, ${SELECT_COLUMNS} from kpi_monthly where ${rowsOf} and month >= ?::date and month < ?::date`);
    params.push(...scope, months.from, months.to);
    if (period.from < months.from) daily(period.from, months.from);
    if (months.to < period.to) daily(months.to, period.to);
  } else {
    daily(period.from, period.to);
  }
  parts.push(`select day, key, ${SELECT_COLUMNS}
                from (select d.*, g.dim, g.key, g.department_code
                        from kpi_delta d, lateral kpi_group_keys(d.department_id, d.channel_id, d.category_id, d.region_id, d.request_type) g) pending
               where ${rowsOf} and day >= ?::date and day < ?::date`);
  params.push(...scope, period.from, period.to);
  const rows = await em.execute(`select ${key} as k, ${SUMS} from (${parts.join(' union all ')}) r group by 1`, params);
  const counts = accumulate(new Map(), rows);
  // A group whose orders all moved elsewhere (another department, a merge) keeps a row of zeros.
  for (const [key, c] of counts) if (isZero(c)) counts.delete(key);
  return options.backlog === false ? counts : mergeCounts(counts, await backlogCounts(em, period, groupBy, filter, options.per));
}

/** The whole calendar months inside [from, to) as [first day, first day after), or null if none. */
function wholeMonths(period: { from: string; to: string }): { from: string; to: string } | null {
  const firstOfNext = (date: string) => {
    const [y, m] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  };
  const from = period.from.endsWith('-01') ? period.from : firstOfNext(period.from);
  const to = period.to.endsWith('-01') ? period.to : `${period.to.slice(0, 7)}-01`;
  return from < to ? { from, to } : null;
}

const isZero = (c: KpiCounts) => Object.values(c).every((v) => (Array.isArray(v) ? v.every((n) => n === 0) : Math.abs(v) < 1e-9));
