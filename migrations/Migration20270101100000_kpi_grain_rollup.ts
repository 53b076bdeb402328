import { Migration } from '@mikro-orm/migrations';

/*
 * The KPI rollup at the order grain (统计筛选汇总), so statistics filtered by channel, township,
 * category or request type are answered from a rollup too.
 *
 * kpi_daily / kpi_monthly (migration …_kpi_rollup) hold one row per grouping × lead department: they
 * cannot answer "by department, channel 12345 only" or "by channel, category 05 only". kpi_grain_daily
 * and kpi_grain_monthly hold the same measures per day (month) × order grain — lead department,
 * channel, category, region ids and request type, exactly the grain of kpi_delta — so any filter and
 * any grouping is a sum over the grain rows joined to the (small) reference tables, with the same
 * filter and group-key SQL as the raw tables (analytics/kpi-sql.ts). A missing lead department or
 * category is stored as 0 (ids start at 1; the left join finds nothing, as for NULL). Rows are written
 * in day (month) order, so a period's rows lie together and a read touches few pages; the rebuild
 * writes kpi_daily, kpi_monthly and kpi_filter_monthly in their key order for the same reason.
 *
 * A grain row is nearly an order (a month has almost as many grains as orders), so kpi_filter_monthly
 * also keeps, per month, the counts under each single filter key — channel, region, request type and
 * each 2-, 4- and 6-digit category prefix (fdim, fkey) — × grouping (dim, key), for all departments:
 * "this month by department, channel 12345 only" is a few hundred rows. Department-scoped, combined
 * or day-bucketed filtered reads, and the days around whole months, sum the grain rows.
 *
 * kpi_compact() now folds the pending deltas into all five tables in one statement, and
 * kpi_rollup_rebuild() recomputes all five; emptying work_order empties them. The contribution rules
 * (kpi_order_facts, the triggers, kpi_delta) are unchanged.
 *
 * These definitions are frozen here; a later rule change is a new migration replacing the functions.
 */

/** The additive measures, in column order (as migration …_kpi_rollup); h0–h13 are the handling-time buckets. */
const BUCKETS = Array.from({ length: 14 }, (_, i) => `h${i}`);
const MEASURES = ['received', 'received_and_closed', 'dispatched', 'signed_on_time', 'contacted_on_time', 'returned', 'extended', 'due', 'replied_on_time', 'closed', 'reworked', 'handling_hours', ...BUCKETS, 'callbacks', 'callbacks_resolved', 'satisfied', 'basically_satisfied', 'unsatisfied'];
const MEASURE_COLUMNS = MEASURES.map((m) => `"${m}" ${m === 'handling_hours' ? 'double precision' : 'int'} not null default 0`).join(', ');

const GRAIN = 'department_id, channel_id, category_id, region_id, request_type';
const GRAIN_COLUMNS = `"department_id" int not null, "channel_id" int not null, "category_id" int not null, "region_id" int not null, "request_type" request_type not null`;
/** The grain of `g` as stored: no lead department / no category as 0. */
const storedGrain = (g: string) => `coalesce(${g}.department_id, 0), ${g}.channel_id, coalesce(${g}.category_id, 0), ${g}.region_id, ${g}.request_type`;

/** Signed sums of fact rows `f` (kpi_order_facts), named as the measures (the bucket becomes h0–h13). */
function sums(sign: string): string {
  return MEASURES.map((m) => {
    const bucket = BUCKETS.indexOf(m);
    return `${bucket >= 0 ? `sum(${sign} * (f.bucket is not distinct from ${bucket})::int)` : `sum(${sign} * f.${m})`} as ${m}`;
  }).join(', ');
}

/** The whole contribution of every order, by day and grain (as orderDeltas of …_kpi_rollup, sign 1). */
const ALL_ORDERS = `
  select f.day, o.lead_department_id as department_id, o.channel_id, o.category_id, o.region_id, o.request_type, ${sums('1')}
    from work_order o, lateral kpi_order_facts(o) f
   group by 1, 2, 3, 4, 5, 6`;

/** The reference rows of grain rows `g` (as analytics/kpi-sql.ts REFERENCE_JOINS: a stored 0 finds nothing, as NULL). */
const refs = (g: string) => `left join department dep on dep.id = ${g}.department_id join channel ch on ch.id = ${g}.channel_id
  left join category cat on cat.id = ${g}.category_id join region reg on reg.id = ${g}.region_id`;
/** The group keys of a grain row (as kpi_group_keys and kpi-sql.ts GROUP_SQL), county-wide only. */
const GROUP_KEYS = `lateral (values ('DEPARTMENT', coalesce(dep.code, '')::text), ('CHANNEL', ch.code::text), ('CATEGORY_L1', coalesce(left(cat.code, 2), '')),
  ('CATEGORY_L2', coalesce(left(cat.code, 4), '')), ('REGION', reg.code::text), ('REQUEST_TYPE', g.request_type::text), ('TOTAL', 'TOTAL')) x(dim, key)`;
/**
 * The filter keys of a grain row: its channel, region and request type, and each 2-, 4- and 6-digit
 * prefix of its category code (a category filter takes the sub-categories: starts_with(code, filter)).
 */
const FILTER_KEYS = `lateral (values ('CHANNEL', ch.code::text), ('REGION', reg.code::text), ('REQUEST_TYPE', g.request_type::text),
  ('CATEGORY', case when length(cat.code) >= 2 then left(cat.code, 2) end), ('CATEGORY', case when length(cat.code) >= 4 then left(cat.code, 4) end),
  ('CATEGORY', case when length(cat.code) >= 6 then left(cat.code, 6) end)) f(fdim, fkey)`;

/** Adds grain rows `source` (month `at`) to kpi_filter_monthly: per filter key × grouping, all departments. */
const filterMonthly = (source: string, at: string) => `
    insert into kpi_filter_monthly (fdim, fkey, dim, month, key, ${MEASURES.join(', ')})
    select f.fdim, f.fkey, x.dim, ${at}, x.key, ${MEASURES.map((m) => `sum(g.${m})`).join(', ')}
      from ${source} g ${refs('g')}, ${GROUP_KEYS}, ${FILTER_KEYS}
     where f.fkey is not null
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
    ${upsert('kpi_filter_monthly', 'month', 'fdim, fkey, dim, key')}`;

const upsert = (table: string, period: string, conflict: string) =>
  `on conflict (${period}, ${conflict}) do update set ${MEASURES.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')}`;

/**
 * Adds grain rows (`grains`: day, GRAIN, MEASURES — signed deltas, or whole contributions) to the
 * rollup: kpi_daily and kpi_monthly one row per grouping and department (kpi_group_keys), and, with
 * `grain`, kpi_grain_daily and kpi_grain_monthly per grain. One statement of data-modifying CTEs, so
 * `grains` is read once. `monthly` false: the monthly tables are left to the caller (the rebuild
 * sums the daily ones).
 */
function fold(options: { grains: string; before?: string; result: string; monthly: boolean; grain: boolean }): string {
  const keyed = (table: string, period: string, at: string) => `
    insert into ${table} (dim, department_code, ${period}, key, ${MEASURES.join(', ')})
    select k.dim, k.department_code, ${at}, k.key, ${MEASURES.map((m) => `sum(g.${m})`).join(', ')}
      from grains g, lateral kpi_group_keys(${GRAIN.split(', ').map((c) => `g.${c}`).join(', ')}) k
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4
    ${upsert(table, period, 'dim, department_code, key')}
    returning 1`;
  const grained = (table: string, period: string, at: string) => `
    insert into ${table} (${period}, ${GRAIN}, ${MEASURES.join(', ')})
    select ${at}, ${storedGrain('g')}, ${MEASURES.map((m) => `sum(g.${m})`).join(', ')}
      from grains g
     group by 1, 2, 3, 4, 5, 6
     order by 1
    ${upsert(table, period, GRAIN)}
    returning 1`;
  const month = `date_trunc('month', g.day::timestamp)::date`;
  const ctes = [
    `${options.before ?? ''}grains as materialized (select day, ${GRAIN}, ${MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ')} from (${options.grains}) x group by 1, 2, 3, 4, 5, 6)`,
    `daily as (${keyed('kpi_daily', 'day', 'g.day')})`,
  ];
  if (options.monthly) ctes.push(`monthly as (${keyed('kpi_monthly', 'month', month)})`);
  if (options.grain) ctes.push(`grain_daily as (${grained('kpi_grain_daily', 'day', 'g.day')})`);
  if (options.grain && options.monthly) ctes.push(`grain_monthly as (${grained('kpi_grain_monthly', 'month', month)})`);
  if (options.grain && options.monthly) ctes.push(`filter_monthly as (${filterMonthly('grains', month)} returning 1)`);
  return `with ${ctes.join(',\n')}\n  select ${options.result}`;
}

/** Sums daily rows (`key`: their key columns) into months, written in the order of `order` (as the table is read). */
const monthlyFromDaily = (from: string, into: string, key: string, order: string) => `
  insert into ${into} (month, ${key}, ${MEASURES.join(', ')})
  select date_trunc('month', day::timestamp)::date, ${key}, ${MEASURES.map((m) => `sum(${m})`).join(', ')}
    from ${from} group by ${['1', ...key.split(', ').map((_, i) => String(i + 2))].join(', ')} order by ${order}`;

/** kpi_compact, kpi_rollup_rebuild and kpi_rollup_cleared over the keyed tables, and the grain tables when `grain`. */
function maintenance(grain: boolean): string[] {
  const tables = ['kpi_delta', 'kpi_daily', 'kpi_monthly', ...(grain ? ['kpi_grain_daily', 'kpi_grain_monthly', 'kpi_filter_monthly'] : [])].join(', ');
  return [
    `create or replace function kpi_rollup_cleared() returns trigger language plpgsql as $$ begin truncate ${tables}; return null; end $$;`,
    // Folds the pending deltas: summed by grain first, then added to every rollup table. Returns the number of delta rows folded.
    `create or replace function kpi_compact() returns int language sql set jit = off set work_mem = '256MB' as $$
      ${fold({ grains: 'select * from moved', before: 'moved as (delete from kpi_delta returning *), ', result: '(select count(*) from moved)::int', monthly: true, grain })}
    $$;`,
    `create or replace function kpi_rollup_rebuild() returns void language sql set jit = off set work_mem = '256MB' as $$
      truncate ${tables};
      ${fold({ grains: ALL_ORDERS, result: '(select count(*) from daily)::int', monthly: false, grain })};
      ${monthlyFromDaily('kpi_daily', 'kpi_monthly', 'dim, department_code, key', '2, 3, 1, 4')};
      ${grain ? `${monthlyFromDaily('kpi_grain_daily', 'kpi_grain_monthly', GRAIN, '1')}; ${filterMonthly('kpi_grain_monthly', 'g.month')};` : ''}
    $$;`,
  ];
}

/** The grain and filter tables, and the rollup maintenance covering them (see above). */
export class Migration20270101100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kpi_grain_daily" ("day" date not null, ${GRAIN_COLUMNS}, ${MEASURE_COLUMNS}, constraint "kpi_grain_daily_pkey" primary key ("day", ${GRAIN.split(', ').map((c) => `"${c}"`).join(', ')}));`);
    this.addSql(`create table "kpi_filter_monthly" ("fdim" varchar(16) not null, "fkey" varchar(32) not null, "dim" varchar(16) not null, "month" date not null, "key" varchar(32) not null, ${MEASURE_COLUMNS}, constraint "kpi_filter_monthly_pkey" primary key ("fdim", "fkey", "dim", "month", "key"));`);
    this.addSql(`create table "kpi_grain_monthly" ("month" date not null, ${GRAIN_COLUMNS}, ${MEASURE_COLUMNS}, constraint "kpi_grain_monthly_pkey" primary key ("month", ${GRAIN.split(', ').map((c) => `"${c}"`).join(', ')}));`);
    // Filled from the orders as they are now, without the cost of a whole rebuild: the pending deltas are
    // folded first (by the kpi_compact still in place) and writers wait meanwhile (their triggers append to
    // kpi_delta), so the grain rows and kpi_delta never count a change twice.
    this.addSql(`lock table kpi_delta in share row exclusive mode;`);
    this.addSql(`select kpi_compact();`);
    this.addSql(`insert into kpi_grain_daily (day, ${GRAIN}, ${MEASURES.join(', ')})
      select day, ${storedGrain('g')}, ${MEASURES.join(', ')} from (${ALL_ORDERS}) g order by day;`);
    this.addSql(`${monthlyFromDaily('kpi_grain_daily', 'kpi_grain_monthly', GRAIN, '1')};`);
    this.addSql(`${filterMonthly('kpi_grain_monthly', 'g.month')};`);
    for (const sql of maintenance(true)) this.addSql(sql);
    this.addSql(`analyze kpi_grain_daily, kpi_grain_monthly, kpi_filter_monthly;`);
  }

  override async down(): Promise<void> {
    for (const sql of maintenance(false)) this.addSql(sql);
    this.addSql(`drop table if exists "kpi_grain_daily" cascade;`);
    this.addSql(`drop table if exists "kpi_grain_monthly" cascade;`);
    this.addSql(`drop table if exists "kpi_filter_monthly" cascade;`);
  }

}
