import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/sql';
import { HANDLING_BUCKETS, type KpiCounts } from '../kpi';
import {
  accumulate,
  backlogCounts,
  filterSql,
  GROUP_SQL,
  INTERVALS,
  mergeCounts,
  REFERENCE_JOINS,
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

/**
 * Whether the keyed rollup (kpi_daily / kpi_monthly: one row per grouping × lead department) can
 * answer; a filter on channel, region, category or request type is answered from the grain rollup.
 */
export function rollupCovers(filter: KpiFilter = {}): boolean {
  return filter.channelCode == null && filter.regionCode == null && filter.categoryCode == null && filter.requestType == null;
}

/**
 * The KPI counts of a period from the rollup (kpi_monthly for whole months, kpi_daily for the days
 * around them, and the deltas not yet folded), exact at the moment of reading, plus the live
 * backlog (open / overdue). Same result as countsFromRawTables (a test compares them on random
 * data); a filter on channel, region, category or request type reads the grain rollup instead
 * (countsFromGrain).
 */
export async function countsFromRollup(
  em: EntityManager,
  period: { from: string; to: string },
  groupBy: KpiGroupBy,
  filter: KpiFilter = {},
  options: CountOptions = {},
): Promise<Map<string, KpiCounts>> {
  if (!rollupCovers(filter)) return countsFromGrain(em, period, groupBy, filter, options);
  const interval = INTERVALS.has(groupBy);
  const dim = interval ? 'TOTAL' : groupBy;
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
  const months = monthsOf(period, groupBy, options);
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
  // The live backlog is read at the same time (another pooled connection).
  const [rows, backlog] = await Promise.all([
    em.execute(`select ${key} as k, ${SUMS} from (${parts.join(' union all ')}) r group by 1`, params),
    options.backlog === false ? null : backlogCounts(em, period, groupBy, filter, options.per, options.now),
  ]);
  const counts = accumulate(new Map(), rows);
  // A group whose orders all moved elsewhere (another department, a merge) keeps a row of zeros.
  for (const [key, c] of counts) if (isZero(c)) counts.delete(key);
  return backlog ? mergeCounts(counts, backlog) : counts;
}

/** The first day (yyyy-MM-dd) of the interval holding the date column `day`. */
const bucket = (interval: KpiInterval, day = 'day') => `to_char(date_trunc('${interval.toLowerCase()}', ${day}::timestamp), 'YYYY-MM-DD')`;

/** Whole months from the monthly table unless bucketed by day or week. */
const monthsOf = (period: { from: string; to: string }, groupBy: KpiGroupBy, options: CountOptions) =>
  groupBy === 'DAY' || groupBy === 'WEEK' || options.per === 'DAY' || options.per === 'WEEK' ? null : wholeMonths(period);

/** A grain row as an order of kpi-sql.ts's `wo` (lead_department_id …), for REFERENCE_JOINS, filterSql and GROUP_SQL. */
const GRAIN_AS_ORDER = 'department_id as lead_department_id, channel_id, category_id, region_id, request_type';

/**
 * The one filter kpi_filter_monthly answers, as its (fdim, fkey): exactly one of channel, region,
 * request type or a 2-, 4- or 6-digit category code, and no department; null otherwise.
 */
function singleFilterKey(filter: KpiFilter): [string, string] | null {
  if (filter.departmentCode != null || filter.departmentCodes != null) return null;
  const given = (
    [
      ['CHANNEL', filter.channelCode],
      ['REGION', filter.regionCode],
      ['CATEGORY', filter.categoryCode],
      ['REQUEST_TYPE', filter.requestType],
    ] as Array<[string, string | null | undefined]>
  ).filter((entry): entry is [string, string] => entry[1] != null);
  if (given.length !== 1) return null;
  const [fdim, fkey] = given[0];
  return fdim === 'CATEGORY' && ![2, 4, 6].includes(fkey.length) ? null : [fdim, fkey];
}

/**
 * The KPI counts of a period with any filter, from the rollups of migration …_kpi_grain_rollup:
 * whole months from kpi_filter_monthly when the filter is a single key it keeps (singleFilterKey),
 * else from kpi_grain_monthly; the days around them from kpi_grain_daily and the pending kpi_delta rows
 * (already at the grain). Grain rows are joined to their reference rows and filtered and grouped by
 * the very SQL of the raw tables (kpi-sql.ts filterSql, GROUP_SQL). Plus the live backlog, read at
 * the same time. Same result as countsFromRawTables (tests compare them).
 */
async function countsFromGrain(
  em: EntityManager,
  period: { from: string; to: string },
  groupBy: KpiGroupBy,
  filter: KpiFilter,
  options: CountOptions,
): Promise<Map<string, KpiCounts>> {
  const interval = INTERVALS.has(groupBy);
  const keyOf = (day: string, group: string) =>
    interval ? bucket(groupBy as KpiInterval, day) : options.per ? `${bucket(options.per, day)} || ' ' || ${group}` : group;
  const months = monthsOf(period, groupBy, options);
  const single = months ? singleFilterKey(filter) : null;
  const keyed: string[] = [];
  const grains: string[] = [];
  const params: unknown[] = [];
  if (single && months) {
    keyed.push(
      `select ${keyOf('month', 'key')} as k, ${SELECT_COLUMNS} from kpi_filter_monthly where fdim = ? and fkey = ? and dim = ? and month >= ?::date and month < ?::date`,
    );
    params.push(...single, interval ? 'TOTAL' : groupBy, months.from, months.to);
  }
  const grainParams: unknown[] = [];
  const read = (table: string, column: string, from: string, to: string) => {
    grains.push(`select ${column} as day, ${GRAIN_AS_ORDER}, ${SELECT_COLUMNS} from ${table} where ${column} >= ?::date and ${column} < ?::date`);
    grainParams.push(from, to);
  };
  if (months) {
    if (!single) read('kpi_grain_monthly', 'month', months.from, months.to);
    if (period.from < months.from) read('kpi_grain_daily', 'day', period.from, months.from);
    if (months.to < period.to) read('kpi_grain_daily', 'day', months.to, period.to);
  } else {
    read('kpi_grain_daily', 'day', period.from, period.to);
  }
  read('kpi_delta', 'day', period.from, period.to);
  const f = filterSql(filter);
  const group = interval ? '' : GROUP_SQL[groupBy as Exclude<KpiGroupBy, KpiInterval>];
  keyed.push(
    `select ${keyOf('wo.day', group)} as k, ${COLUMNS.map(([, c]) => `wo.${c}`).join(', ')} from (${grains.join(' union all ')}) wo ${REFERENCE_JOINS} where true${f.sql}`,
  );
  params.push(...grainParams, ...f.params);
  const [rows, backlog] = await Promise.all([
    em.execute(`select k, ${SUMS} from (${keyed.map((part) => `(${part})`).join(' union all ')}) r group by 1`, params),
    options.backlog === false ? null : backlogCounts(em, period, groupBy, filter, options.per, options.now),
  ]);
  const counts = accumulate(new Map(), rows);
  for (const [k, c] of counts) if (isZero(c)) counts.delete(k);
  return backlog ? mergeCounts(counts, backlog) : counts;
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
