import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config/config';
import { openOrm, type Orm } from '../src/db/orm';
import { nameStatementsIn, prepared } from '../src/db/prepared';
import { createEmptyDatabase } from './support/database';

/**
 * Named statements (db/prepared.ts, db/bound-driver.ts) on one pooled connection (poolMax 1), so
 * pg_prepared_statements of that session shows what the hub prepared.
 */
describe('named statements for registered texts', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let orm: Orm;
  let off: Orm;
  const em = () => orm.em.fork() as EntityManager;
  const names = async (on: EntityManager) =>
    ((await on.execute(`select name from pg_prepared_statements where name like 'minyi_%' order by name`)) as Array<{ name: string }>).map((r) => r.name);

  beforeAll(async () => {
    db = await createEmptyDatabase('minyi_prepared');
    orm = await openOrm(db.url, { poolMax: 1 });
    off = await openOrm(db.url, { poolMax: 1, preparedStatements: false });
    await em().execute(`create table thing (id int primary key, label text)`);
    await em().execute(`insert into thing values (1, 'one'), (2, 'two')`);
  });
  afterAll(async () => {
    await orm.close(true);
    await off.close(true);
    await db.drop();
  });

  it('prepares a registered text once per connection and runs it by name with bound values', async () => {
    const sql = prepared(`select label from thing where id = ? /* registered */`);
    expect(await em().execute(sql, [1])).toEqual([{ label: 'one' }]);
    expect(await em().execute(sql, [2])).toEqual([{ label: 'two' }]);
    // Without values too (the list's first page has none).
    expect(await em().execute(prepared(`select count(*)::int as n from thing /* no values */`))).toEqual([{ n: 2 }]);
    const prepared1 = await names(em());
    expect(prepared1).toHaveLength(2);
    // An unregistered text, and a registered one inside a transaction, stay unnamed.
    await em().execute(`select label from thing where id = ? /* not registered */`, [1]);
    await em().transactional((tx) => tx.execute(prepared(`select label from thing where id = ? /* in a transaction */`), [1]));
    expect(await names(em())).toEqual(prepared1);
    // Off (DATABASE_PREPARED_STATEMENTS=0): nothing named.
    expect(await off.em.fork().execute(sql, [1])).toEqual([{ label: 'one' }]);
    expect(await names(off.em.fork() as EntityManager)).toEqual([]);
  });

  it('survives a migration under a prepared `select *` (a new generation of names) and a dropped statement (runs unnamed from then on)', async () => {
    const sql = prepared(`select * from thing where id = ? /* star */`);
    expect(await em().execute(sql, [1])).toEqual([{ id: 1, label: 'one' }]);
    await em().execute(`alter table thing add column note text default 'n'`);
    // PostgreSQL refuses the kept plan (0A000 cached plan must not change result type): run again under a new name.
    expect(await em().execute(sql, [1])).toEqual([{ id: 1, label: 'one', note: 'n' }]);
    const before = await names(em());
    expect(before.some((n) => n.startsWith('minyi_1_'))).toBe(true);

    // As behind a pooler in transaction mode: the server session lost the statement the client believes prepared.
    await em().execute(`deallocate all`);
    expect(await em().execute(sql, [2])).toEqual([{ id: 2, label: 'two', note: 'n' }]);
    expect(await em().execute(prepared(`select label from thing where id = ? /* after */`), [2])).toEqual([{ label: 'two' }]);
    expect(await names(em())).toEqual([]); // named statements are off for this ORM now
  });

  it('names registered texts in a transaction marked by nameStatementsIn; a refusal there fails the transaction once, the next runs', async () => {
    const orm2 = await openOrm(db.url, { poolMax: 1 });
    const em2 = () => orm2.em.fork() as EntityManager;
    try {
      const text = prepared(`select * from thing where id = ? /* in a marked transaction */`);
      const inMarked = () =>
        em2().transactional(async (tx) => {
          nameStatementsIn(tx);
          return tx.execute(text, [1]);
        });
      expect(await inMarked()).toHaveLength(1);
      // An unregistered text (one per row count, say) stays unnamed there too.
      await em2().transactional(async (tx) => {
        nameStatementsIn(tx);
        await tx.execute(`select label from thing where id in (?, ?) /* unregistered */`, [1, 2]);
      });
      expect((await names(em2())).length).toBe(1);
      await em2().execute(`alter table thing add column extra int`);
      await expect(inMarked()).rejects.toThrow(/cached plan must not change result type/);
      expect(await inMarked()).toEqual([expect.objectContaining({ id: 1, extra: null })]); // a new generation of names
    } finally {
      await orm2.close(true);
    }
  });

  it('DATABASE_PREPARED_STATEMENTS: on by default, off with DATABASE_SESSION_URL (PgBouncer), refused when not 1/0', () => {
    const base = { DATABASE_URL: 'postgresql://u@h:5432/d', MINYI_DATA_KEY: 'ab'.repeat(32) };
    expect(loadConfig(base).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...base, DATABASE_SESSION_URL: 'postgresql://u@h:5432/d' }).databasePreparedStatements).toBe(false);
    expect(loadConfig({ ...base, DATABASE_SESSION_URL: 'postgresql://u@h:5432/d', DATABASE_PREPARED_STATEMENTS: '1' }).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: 'maybe' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});
