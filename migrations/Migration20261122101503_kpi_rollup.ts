import { Migration } from '@mikro-orm/migrations';

/*
 * The KPI rollup (统计日汇总), kept current in the same transaction as every change.
 *
 * kpi_order_facts(order) says on which Asia/Shanghai days an order counts and what: the rules of
 * analytics/kpi-sql.ts (received on its received day; dispatched, 签收/响应 on time, 退单, 延期 on
 * its dispatch day; due and replied on time on its deadline day; closed, 重办 and handling time on its
 * closing day; each 回访 on its own day; MERGED never, TERMINATED out of the deadline and callback
 * bases).
 *
 * Statement triggers on work_order, callback and extension_request append −(old contribution) and
 * +(new contribution) of each changed order to kpi_delta, an insert-only table at the order's own
 * grain (department, channel, category, region ids and request type), so concurrent transactions
 * never wait on a shared counter row and a write does no lookups. kpi_compact() expands the deltas
 * into one row per grouping (kpi_group_keys: codes, category levels 1 and 2), under the order's
 * lead department and under '*' (all departments), and folds them into kpi_daily and kpi_monthly (run by analytics/rollup/compactor.ts); readers add both. kpi_rollup_rebuild()
 * recomputes all of it (after a bulk load with triggers off, or to repair).
 *
 * These definitions are frozen here; a later rule change is a new migration replacing the functions.
 */

/** The additive measures, in column order; h0–h13 are the handling-time buckets (kpi.ts HANDLING_BUCKETS). */
const BUCKETS = Array.from({ length: 14 }, (_, i) => `h${i}`);
const MEASURES = ['received', 'received_and_closed', 'dispatched', 'signed_on_time', 'contacted_on_time', 'returned', 'extended', 'due', 'replied_on_time', 'closed', 'reworked', 'handling_hours', ...BUCKETS, 'callbacks', 'callbacks_resolved', 'satisfied', 'basically_satisfied', 'unsatisfied'];
const FACTS = MEASURES.filter((m) => !BUCKETS.includes(m)).concat('bucket');
const FACT_COLUMNS = `day date, ${FACTS.map((m) => `${m} ${m === 'handling_hours' ? 'float8' : 'int'}`).join(', ')}`;

/** One fact row: the given measures, 0 for the others. */
function fact(day: string, values: Record<string, string>, where: string): string {
  const columns = FACTS.map((m) => `${values[m] ?? (m === 'handling_hours' ? '0::float8' : m === 'bucket' ? 'null::int' : '0')} as ${m}`);
  return `select (${day} at time zone 'Asia/Shanghai')::date as day, ${columns.join(', ')} where ${where}`;
}

/** Signed sums of fact rows `f`, named as the measures (the bucket becomes h0–h13). */
function sums(sign: string): string {
  return MEASURES.map((m) => {
    const bucket = BUCKETS.indexOf(m);
    return `${bucket >= 0 ? `sum(${sign} * (f.bucket is not distinct from ${bucket})::int)` : `sum(${sign} * f.${m})`} as ${m}`;
  }).join(', ');
}

const GRAIN = 'department_id, channel_id, category_id, region_id, request_type';
/** The order grain of `o`, in GRAIN's order and named as GRAIN. */
const grainOf = (o: string) => GRAIN.split(', ').map((c) => `${o}.${c === 'department_id' ? 'lead_department_id' : c} as ${c}`).join(', ');
const INSERT_DELTA = `insert into kpi_delta (day, ${GRAIN}, ${MEASURES.join(', ')})`;

/** The summed, signed facts of `changed` (a query of rows (sign, o work_order)) by day and grain. */
const orderDeltas = (changed: string) => `
  select f.day, ${grainOf('(c.o)')}, ${sums('c.sign')}
    from (${changed}) c, lateral kpi_order_facts(c.o) f
   group by 1, 2, 3, 4, 5, 6`;

/**
 * Adds grain rows (`grains`: day, GRAIN, MEASURES — signed deltas, or whole contributions) to
 * kpi_daily and kpi_monthly: summed by grain, then one row per grouping and department
 * (kpi_group_keys). A statement of two data-modifying CTEs, so `grains` is read once.
 */
const fold = (grains: string, before = '', result = '(select count(*) from daily)::int + (select count(*) from monthly)::int', monthly = true) => {
  const into = (table: string, period: string, at: string) => `
    insert into ${table} (dim, department_code, ${period}, key, ${MEASURES.join(', ')})
    select k.dim, k.department_code, ${at}, k.key, ${MEASURES.map((m) => `sum(g.${m})`).join(', ')}
      from grains g, lateral kpi_group_keys(${GRAIN.split(', ').map((c) => `g.${c}`).join(', ')}) k
     group by 1, 2, 3, 4
    on conflict (dim, department_code, ${period}, key) do update set ${MEASURES.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')}
    returning 1`;
  return `
  with ${before}grains as materialized (select day, ${GRAIN}, ${MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ')} from (${grains}) x group by 1, 2, 3, 4, 5, 6),
       daily as (${into('kpi_daily', 'day', 'g.day')})${monthly ? `,
       monthly as (${into('kpi_monthly', 'month', `date_trunc('month', g.day::timestamp)::date`)})` : ''}
  select ${result}`;
};

/** The columns of work_order a contribution depends on: an update touching none of them changes nothing. */
const RELEVANT = ['status', 'received_at', 'dispatched_at', 'signed_at', 'sign_due_at', 'first_contact_at', 'first_contact_due_at', 'return_count', 'due_at', 'replied_at', 'closed_at', 'rework_count', 'lead_department_id', 'channel_id', 'category_id', 'region_id', 'request_type'];
const relevant = (alias: string) => `(${RELEVANT.map((c) => `${alias}.${c}`).join(', ')})`;

const onTime = (done: string, limit: string) => `coalesce(${done} <= ${limit}, false)::int`;

/** The KPI rollup: kpi_daily, kpi_delta, the contribution functions and their triggers (see above). */
export class Migration20261122101503 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kpi_daily" ("dim" varchar(16) not null, "department_code" varchar(32) not null, "day" date not null, "key" varchar(32) not null, "received" int not null default 0, "received_and_closed" int not null default 0, "dispatched" int not null default 0, "signed_on_time" int not null default 0, "contacted_on_time" int not null default 0, "returned" int not null default 0, "extended" int not null default 0, "due" int not null default 0, "replied_on_time" int not null default 0, "closed" int not null default 0, "reworked" int not null default 0, "handling_hours" double precision not null default 0, "h0" int not null default 0, "h1" int not null default 0, "h2" int not null default 0, "h3" int not null default 0, "h4" int not null default 0, "h5" int not null default 0, "h6" int not null default 0, "h7" int not null default 0, "h8" int not null default 0, "h9" int not null default 0, "h10" int not null default 0, "h11" int not null default 0, "h12" int not null default 0, "h13" int not null default 0, "callbacks" int not null default 0, "callbacks_resolved" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, constraint "kpi_daily_pkey" primary key ("dim", "department_code", "day", "key"));`);
    this.addSql(`create table "kpi_monthly" ("dim" varchar(16) not null, "department_code" varchar(32) not null, "month" date not null, "key" varchar(32) not null, "received" int not null default 0, "received_and_closed" int not null default 0, "dispatched" int not null default 0, "signed_on_time" int not null default 0, "contacted_on_time" int not null default 0, "returned" int not null default 0, "extended" int not null default 0, "due" int not null default 0, "replied_on_time" int not null default 0, "closed" int not null default 0, "reworked" int not null default 0, "handling_hours" double precision not null default 0, "h0" int not null default 0, "h1" int not null default 0, "h2" int not null default 0, "h3" int not null default 0, "h4" int not null default 0, "h5" int not null default 0, "h6" int not null default 0, "h7" int not null default 0, "h8" int not null default 0, "h9" int not null default 0, "h10" int not null default 0, "h11" int not null default 0, "h12" int not null default 0, "h13" int not null default 0, "callbacks" int not null default 0, "callbacks_resolved" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, constraint "kpi_monthly_pkey" primary key ("dim", "department_code", "month", "key"));`);
    this.addSql(`create table "kpi_delta" ("id" bigserial primary key, "received" int not null default 0, "received_and_closed" int not null default 0, "dispatched" int not null default 0, "signed_on_time" int not null default 0, "contacted_on_time" int not null default 0, "returned" int not null default 0, "extended" int not null default 0, "due" int not null default 0, "replied_on_time" int not null default 0, "closed" int not null default 0, "reworked" int not null default 0, "handling_hours" double precision not null default 0, "h0" int not null default 0, "h1" int not null default 0, "h2" int not null default 0, "h3" int not null default 0, "h4" int not null default 0, "h5" int not null default 0, "h6" int not null default 0, "h7" int not null default 0, "h8" int not null default 0, "h9" int not null default 0, "h10" int not null default 0, "h11" int not null default 0, "h12" int not null default 0, "h13" int not null default 0, "callbacks" int not null default 0, "callbacks_resolved" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, "day" date not null, "department_id" int null, "channel_id" int not null, "category_id" int null, "region_id" int not null, "request_type" request_type not null);`);
    this.addSql(`create index "kpi_delta_day_index" on "kpi_delta" ("day");`);

    this.addSql(`create function kpi_callback_facts(o work_order, cb callback) returns table (${FACT_COLUMNS}) language sql stable as $$
      ${fact('cb.called_at', { callbacks: '1', callbacks_resolved: 'cb.resolved::int', satisfied: `(cb.result_satisfaction = 'SATISFIED')::int`, basically_satisfied: `(cb.result_satisfaction = 'BASICALLY_SATISFIED')::int`, unsatisfied: `(cb.result_satisfaction = 'UNSATISFIED')::int` }, `o.status not in ('MERGED', 'TERMINATED')`)}
    $$;`);

    this.addSql(`create function kpi_order_facts(o work_order) returns table (${FACT_COLUMNS}) language sql stable as $$
      ${fact('o.received_at', { received: '1', received_and_closed: `(o.status = 'CLOSED')::int` }, `o.status <> 'MERGED'`)}
      union all
      ${fact('o.dispatched_at', {
        dispatched: '1',
        signed_on_time: onTime('o.signed_at', 'o.sign_due_at'),
        contacted_on_time: onTime('o.first_contact_at', 'o.first_contact_due_at'),
        returned: '(o.return_count > 0)::int',
        extended: `(exists (select 1 from extension_request e where e.work_order_id = o.id and e.status = 'APPROVED'))::int`,
      }, `o.status <> 'MERGED' and o.dispatched_at is not null`)}
      union all
      ${fact('o.due_at', { due: '1', replied_on_time: onTime('o.replied_at', 'o.due_at') }, `o.status not in ('MERGED', 'TERMINATED') and o.due_at is not null`)}
      union all
      ${fact('o.closed_at', {
        closed: '1',
        reworked: '(o.rework_count > 0)::int',
        handling_hours: 'extract(epoch from o.closed_at - o.received_at)::float8 / 3600',
        bucket: `width_bucket(extract(epoch from o.closed_at - o.received_at)::float8 / 3600, array[1.000001, 3.000001, 6.000001, 12.000001, 24.000001, 48.000001, 72.000001, 120.000001, 168.000001, 240.000001, 360.000001, 720.000001, 1440.000001]::float8[])`,
      }, `o.status = 'CLOSED' and o.closed_at is not null`)}
      union all
      select f.* from callback cb, kpi_callback_facts(o, cb) f where cb.work_order_id = o.id
    $$;`);

    // The group keys of an order grain: one per grouping (codes; category levels 1 and 2 by prefix), each under
    // the order's lead department and under '*' (all departments), so county-wide reads sum few rows. Keys
    // collate "C": they are codes, compared byte-wise (fast grouping).
    this.addSql(`create function kpi_group_keys(department_id int, channel_id int, category_id int, region_id int, request_type request_type)
      returns table (department_code text, dim text, key text) language sql stable as $$
      select d.code collate "C", x.dim collate "C", x.key collate "C"
        from (select coalesce((select code from department where id = department_id), '')::text as department_code,
                     (select code from channel where id = channel_id)::text as channel,
                     coalesce((select code from category where id = category_id), '')::text as category,
                     (select code from region where id = region_id)::text as region
              offset 0) g,
             lateral (values ('DEPARTMENT', g.department_code), ('CHANNEL', g.channel), ('CATEGORY_L1', left(g.category, 2)), ('CATEGORY_L2', left(g.category, 4)),
                             ('REGION', g.region), ('REQUEST_TYPE', request_type::text), ('TOTAL', 'TOTAL')) x(dim, key),
             lateral (values (g.department_code), ('*')) d(code)
    $$;`);

    // −(before) and +(after) for the orders whose relevant columns differ (or exist on one side only).
    this.addSql(`create function kpi_append_orders(before work_order[], after work_order[]) returns void language sql as $$
      ${INSERT_DELTA}
      ${orderDeltas(`
        with b as (select u from unnest(before) u), a as (select u from unnest(after) u)
        select -1 as sign, b.u as o from b left join a on (a.u).id = (b.u).id where a.u is null or ${relevant('(a.u)')} is distinct from ${relevant('(b.u)')}
        union all
        select 1, a.u from a left join b on (b.u).id = (a.u).id where b.u is null or ${relevant('(a.u)')} is distinct from ${relevant('(b.u)')}`)}
    $$;`);

    this.addSql(`create function kpi_append_callbacks(before callback[], after callback[]) returns void language sql as $$
      ${INSERT_DELTA}
      select f.day, ${grainOf('o')}, ${sums('c.sign')}
        from (select -1 as sign, u as cb from unnest(before) u union all select 1, u from unnest(after) u) c
        join work_order o on o.id = (c.cb).work_order_id, lateral kpi_callback_facts(o, c.cb) f
       group by 1, 2, 3, 4, 5, 6
    $$;`);

    // 延期率 counts an order once if any of its extensions was approved: only a change of that fact counts.
    this.addSql(`create function kpi_append_extensions(before extension_request[], after extension_request[]) returns void language sql as $$
      with touched as (
        select distinct (u).work_order_id as id from (select u from unnest(before) u union all select u from unnest(after) u) t
      ), state as (
        select t.id,
               exists (select 1 from extension_request e where e.work_order_id = t.id and e.status = 'APPROVED') as now_extended,
               exists (select 1 from extension_request e where e.work_order_id = t.id and e.status = 'APPROVED' and e.id not in (select (u).id from unnest(after) u))
               or exists (select 1 from unnest(before) u where (u).work_order_id = t.id and (u).status = 'APPROVED') as was_extended
          from touched t
      )
      insert into kpi_delta (day, ${GRAIN}, extended)
      select (o.dispatched_at at time zone 'Asia/Shanghai')::date, ${grainOf('o')}, sum(case when s.now_extended then 1 else -1 end)
        from state s join work_order o on o.id = s.id
       where s.now_extended <> s.was_extended and o.status <> 'MERGED' and o.dispatched_at is not null
       group by 1, 2, 3, 4, 5, 6
    $$;`);

    for (const [table, append] of [['work_order', 'kpi_append_orders'], ['callback', 'kpi_append_callbacks'], ['extension_request', 'kpi_append_extensions']]) {
      this.addSql(`create function kpi_${table}_changed() returns trigger language plpgsql set jit = off as $$
        begin
          if tg_op = 'INSERT' then perform ${append}('{}', array(select row(n.*)::${table} from new_rows n));
          elsif tg_op = 'UPDATE' then perform ${append}(array(select row(o.*)::${table} from old_rows o), array(select row(n.*)::${table} from new_rows n));
          else perform ${append}(array(select row(o.*)::${table} from old_rows o), '{}');
          end if;
          return null;
        end $$;`);
      // A trigger with transition tables fires for one event only.
      this.addSql(`create trigger kpi_${table}_inserted after insert on ${table} referencing new table as new_rows for each statement execute function kpi_${table}_changed();`);
      this.addSql(`create trigger kpi_${table}_updated after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function kpi_${table}_changed();`);
      this.addSql(`create trigger kpi_${table}_deleted after delete on ${table} referencing old table as old_rows for each statement execute function kpi_${table}_changed();`);
    }

    // Emptying the orders empties the rollup.
    this.addSql(`create function kpi_rollup_cleared() returns trigger language plpgsql as $$ begin truncate kpi_delta, kpi_daily, kpi_monthly; return null; end $$;`);
    this.addSql(`create trigger kpi_work_order_truncated after truncate on work_order for each statement execute function kpi_rollup_cleared();`);

    // Folds the pending deltas: summed by grain first, then one row per grouping, added to kpi_daily.
    // Returns the number of delta rows folded.
    this.addSql(`create function kpi_compact() returns int language sql set jit = off set work_mem = '256MB' as $$
      ${fold('select * from moved', 'moved as (delete from kpi_delta returning *), ', '(select count(*) from moved)::int')}
    $$;`);

    this.addSql(`create function kpi_rollup_rebuild() returns void language sql set jit = off set work_mem = '256MB' as $$
      truncate kpi_delta, kpi_daily, kpi_monthly;
      ${fold(orderDeltas('select 1 as sign, o from work_order o'), '', '(select count(*) from daily)::int', false)};
      insert into kpi_monthly (dim, department_code, month, key, ${MEASURES.join(', ')})
      select dim, department_code, date_trunc('month', day::timestamp)::date, key, ${MEASURES.map((m) => `sum(${m})`).join(', ')}
        from kpi_daily group by 1, 2, 3, 4;
    $$;`);
    // The delta table is emptied every few seconds: vacuum it often so reads do not wade through dead rows.
    this.addSql(`alter table kpi_delta set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_threshold = 5000);`);
    this.addSql(`select kpi_rollup_rebuild();`);
  }

  override async down(): Promise<void> {
    for (const table of ['work_order', 'callback', 'extension_request']) {
      for (const event of ['inserted', 'updated', 'deleted']) this.addSql(`drop trigger if exists kpi_${table}_${event} on ${table};`);
      this.addSql(`drop function if exists kpi_${table}_changed();`);
    }
    this.addSql(`drop trigger if exists kpi_work_order_truncated on work_order;`);
    this.addSql(`drop function if exists kpi_rollup_cleared(), kpi_rollup_rebuild(), kpi_compact(), kpi_append_orders(work_order[], work_order[]), kpi_append_callbacks(callback[], callback[]), kpi_append_extensions(extension_request[], extension_request[]), kpi_group_keys(int, int, int, int, request_type), kpi_order_facts(work_order), kpi_callback_facts(work_order, callback);`);
    this.addSql(`drop table if exists "kpi_daily" cascade;`);
    this.addSql(`drop table if exists "kpi_delta" cascade;`);
    this.addSql(`drop table if exists "kpi_monthly" cascade;`);
  }

}
