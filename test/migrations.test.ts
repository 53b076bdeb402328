import { migrate, openOrm, pendingMigrations, type Orm } from '../src/db/orm';
import { createEmptyDatabase } from './support/database';
import { Migration20270101120000 } from '../migrations/Migration20270101120000_plpgsql_write_path';

describe('migrations on an empty database', () => {
  let orm: Orm;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createEmptyDatabase('minyi_migrations');
    drop = db.drop;
    orm = await openOrm(db.url);
  });
  afterAll(async () => {
    await orm.close(true);
    await drop();
  });

  it('applies every migration, then has none pending, and applying again is a no-op', async () => {
    expect(await pendingMigrations(orm)).not.toHaveLength(0);
    const applied = await migrate(orm);
    expect(applied[0]).toBe('Migration20261122050409_initial');
    expect(await pendingMigrations(orm)).toEqual([]);
    expect(await migrate(orm)).toEqual([]);
  });

  it('creates the whole work-order model', async () => {
    const rows = await orm.em.fork().execute(`select table_name from information_schema.tables where table_schema = 'public'`);
    const tables = rows.map((r) => String(r.table_name));
    for (const table of [
      'region',
      'department',
      'channel',
      'category',
      'responsibility_rule',
      'responsibility_rule_co_department',
      'work_order',
      'work_order_source',
      'assignment',
      'reply',
      'callback',
      'work_order_event',
      'api_token',
      'pii_access_log',
      'channel_record',
      'ingest_checkpoint',
      'category_mapping',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('matches the entities exactly (no drift between migrations and model)', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('runs the functions of every work-order write in PL/pgSQL (plans kept per session), and down() restores SQL bodies that up() takes back', async () => {
    type Fn = { proname: string; lanname: string; prosrc: string };
    const FUNCTIONS = `select p.proname, l.lanname, p.prosrc from pg_proc p join pg_language l on l.oid = p.prolang
      where p.proname in ('minyi_search_grams', 'kpi_append_orders', 'kpi_append_callbacks', 'kpi_append_extensions') order by p.proname`;
    const now = (await orm.em.fork().execute(FUNCTIONS)) as Fn[];
    expect(now.map((f) => [f.proname, f.lanname])).toEqual([
      ['kpi_append_callbacks', 'plpgsql'],
      ['kpi_append_extensions', 'plpgsql'],
      ['kpi_append_orders', 'plpgsql'],
      ['minyi_search_grams', 'plpgsql'],
    ]);
    expect(now[2].prosrc).toMatch(/^begin\s+insert into kpi_delta[\s\S]*; end$/);
    // down() inside a transaction that is rolled back: the SQL bodies it restores are the ones up() wrapped.
    const migration = new Migration20270101120000(orm.em.getDriver(), orm.config);
    await migration.down();
    let reverted: Fn[] = [];
    const rollback = new Error('rollback');
    await expect(
      orm.em.fork().transactional(async (tx) => {
        for (const sql of migration.getQueries() as string[]) await tx.execute(sql);
        reverted = (await tx.execute(FUNCTIONS)) as Fn[];
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(reverted.map((f) => f.lanname)).toEqual(['sql', 'sql', 'sql', 'sql']);
    for (const [i, f] of reverted.slice(0, 3).entries()) expect(`begin ${f.prosrc}; end`).toBe(now[i].prosrc);
    expect(await orm.em.fork().execute(FUNCTIONS)).toEqual(now);
  });

  it('keeps the timeline append-only in the database itself', async () => {
    const em = orm.em.fork();
    await em.execute(`insert into region (code, name, level) values ('360704', '赣县区', 'COUNTY')`);
    await em.execute(`insert into channel (code, name, kind, mode) values ('12345', '12345', 'HOTLINE', 'MERGED')`);
    await em.execute(
      `insert into work_order (code, request_type, title, content, region_id, channel_id, received_at)
       values ('GX1', 'HELP', 't', 'c', (select id from region), (select id from channel), now())`,
    );
    await em.execute(
      `insert into work_order_event (work_order_id, type, occurred_at, actor_label, payload)
       values ((select id from work_order), 'CREATED', now(), 'test', '{}')`,
    );
    await expect(em.execute(`update work_order_event set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from work_order_event`)).rejects.toThrow(/append-only/);
    const [{ n }] = await em.execute(`select count(*)::int as n from work_order_event where reason is null`);
    expect(n).toBe(1);
  });
});
