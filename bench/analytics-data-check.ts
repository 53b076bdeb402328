import 'reflect-metadata';
import { Client } from 'pg';
import { generateAnalyticsData } from './analytics-data';
import { openSeededOrm, startBenchDatabase } from './harness';

/**
 * Tries bench/analytics-data.ts: fresh database, migrations, reference seed, the generator, then a
 * few sanity counts. Env: BENCH_ORDERS (1000000), BENCH_FIRST_MONTH (2025-11), BENCH_MONTHS (12).
 */
async function main() {
  const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);
  const firstMonth = process.env.BENCH_FIRST_MONTH ?? '2025-11';
  const months = Number(process.env.BENCH_MONTHS ?? 12);
  const database = await startBenchDatabase();
  try {
    const orm = await openSeededOrm(database.url, { poolMax: 2 });
    await orm.close(true);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const summary = await generateAnalyticsData(client, { orders, seed: 42, firstMonth, months }, (done, total) =>
      process.stdout.write(`  ${done}/${total}\n`),
    );
    console.log('summary', summary);
    const show = async (title: string, sql: string) => {
      console.log(`\n${title}`);
      console.table((await client.query(sql)).rows);
    };
    await show(
      'per status',
      `select status, count(*)::int n, round(100.0 * count(*) / sum(count(*)) over (), 2) pct from work_order group by 1 order by 2 desc`,
    );
    await show(
      'per month (Asia/Shanghai)',
      `select to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM') m, count(*)::int received,
              count(*) filter (where status = 'CLOSED')::int closed,
              count(*) filter (where status not in ('CLOSED', 'TERMINATED', 'MERGED'))::int open
         from work_order group by 1 order by 1`,
    );
    await show(
      'shares',
      `select round(avg((dispatched_at is not null)::int) * 100, 1) dispatched, round(avg((lead_department_id is not null)::int) * 100, 1) with_lead,
              round(avg((signed_at is not null)::int) * 100, 1) signed,
              round(100.0 * count(*) filter (where signed_at <= sign_due_at) / nullif(count(signed_at), 0), 1) signed_on_time,
              round(100.0 * count(*) filter (where first_contact_at <= first_contact_due_at) / nullif(count(first_contact_at), 0), 1) contacted_on_time,
              round(100.0 * count(*) filter (where replied_at <= due_at) / nullif(count(replied_at), 0), 1) replied_on_time,
              round(avg((return_count > 0)::int) * 100, 2) returned, round(avg((rework_count > 0)::int) * 100, 2) reworked,
              round(avg((consultation_listed_at is not null)::int) * 100, 2) consultation,
              count(*) filter (where merged_into_id >= id)::int bad_merge,
              -- a sign before a return and re-dispatch stays (as in the hub) until the next sign
              count(*) filter (where closed_at < replied_at or (signed_at < dispatched_at and return_count = 0) or dispatched_at < received_at)::int bad_order
         from work_order`,
    );
    await show(
      'merges',
      `select count(*)::int merged, count(*) filter (where p.status = 'MERGED')::int into_merged, count(*) filter (where p.category_id = d.category_id)::int same_category
         from work_order d join work_order p on p.id = d.merged_into_id`,
    );
    await show(
      'callbacks',
      `select result_satisfaction, count(*)::int n, round(100.0 * count(*) / sum(count(*)) over (), 2) pct, round(avg(resolved::int) * 100, 1) resolved from callback group by 1 order by 2 desc`,
    );
    await show(
      'callbacks of closed orders',
      `select round(100.0 * count(*) filter (where exists (select 1 from callback c where c.work_order_id = w.id)) / count(*), 1) with_callback from work_order w where status = 'CLOSED'`,
    );
    await show('extensions', `select status, count(*)::int n from extension_request group by 1 order by 2 desc`);
    await show(
      'received by local hour',
      `select extract(hour from received_at at time zone 'Asia/Shanghai')::int h, count(*)::int n from work_order group by 1 order by 1`,
    );
    await show(
      'latest timestamps (none after the period)',
      `select max(greatest(received_at, dispatched_at, signed_at, first_contact_at, replied_at, closed_at, consultation_listed_at, updated_at)) orders,
              (select max(called_at) from callback) callbacks, (select max(greatest(requested_at, decided_at)) from extension_request) extensions
         from work_order`,
    );
    await show(
      'digest (same seed, same rows)',
      `select (select md5(string_agg(t::text, '|' order by id)) from work_order t) work_order,
              (select md5(string_agg(t::text, '|' order by id)) from callback t) callback,
              (select md5(string_agg(t::text, '|' order by id)) from extension_request t) extension_request`,
    );
    await show(
      'sequences',
      `select (select last_value from work_order_id_seq) wo, (select last_value from callback_id_seq) cb, (select last_value from extension_request_id_seq) ext`,
    );
    await show('size', `select pg_size_pretty(pg_total_relation_size('work_order')) work_order, pg_size_pretty(pg_total_relation_size('callback')) callback`);
    await client.end();
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
