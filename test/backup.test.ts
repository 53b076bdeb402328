import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../migrations';
import { migrate, openOrm } from '../src/db/orm';
import { generateDemoOrders } from '../src/demo/generator';
import { seedReferenceData } from '../src/demo/reference-seed';
import { DataCipher } from '../src/pii/cipher';
import { runMinyi } from './support/cli';
import { createEmptyDatabase } from './support/database';

async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('backup and restore (npm run minyi -- backup / restore)', () => {
  const key = randomBytes(32);
  const cipher = new DataCipher(key);
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let dir: string;
  let env: Record<string, string>;
  const phones = new Map<string, string>();

  beforeAll(async () => {
    db = await createEmptyDatabase();
    dir = mkdtempSync(join(tmpdir(), 'minyi-backup-'));
    chmodSync(dir, 0o700);
    env = { DATABASE_URL: db.url, MINYI_DATA_KEY: key.toString('hex'), MINYI_DATA_DIR: dir };
    const orm = await openOrm(db.url);
    try {
      await migrate(orm);
      await seedReferenceData(orm.em.fork());
      await generateDemoOrders(orm.em.fork(), cipher, { orders: 80, now: new Date('2026-10-20T04:00:00Z'), seed: 7 });
    } finally {
      await orm.close(true);
    }
    for (const row of await query(db.url, `select code, citizen_phone_enc from work_order where citizen_phone_enc is not null`)) {
      phones.set(row.code, cipher.decrypt(row.citizen_phone_enc)!);
    }
    expect(phones.size).toBeGreaterThan(10);
  });

  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round trip: backup, wipe, restore; every phone decrypts again and the sequences go on', async () => {
    const file = join(dir, 'hub.backup');
    const backup = await runMinyi(['backup', '--out', file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // Neither the key nor a clear value is printed.
    expect(backup.stdout).not.toContain(key.toString('hex'));
    const [before] = await query(
      db.url,
      `select count(*)::int as orders, max(id)::int as max_id, (select count(*)::int from work_order_event) as events from work_order`,
    );

    await query(db.url, 'drop schema public cascade; create schema public');

    // Without --yes: refused, nothing touched.
    const unconfirmed = await runMinyi(['restore', file], env);
    expect(unconfirmed.code).not.toBe(0);
    expect(unconfirmed.stderr).toMatch(/--yes/);

    // Another key: the personal data could not be read — refused, with the key ids, unless --force.
    const otherKey = randomBytes(32).toString('hex');
    const wrongKey = await runMinyi(['restore', file, '--yes'], { ...env, MINYI_DATA_KEY: otherKey });
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.stderr).toContain(cipher.keyId);
    expect(wrongKey.stderr).toMatch(/密钥.*\| .*data key/);
    expect(await query(db.url, `select 1 from pg_tables where schemaname = 'public'`)).toHaveLength(0);

    // A running hub (any other session) holds the database: refused.
    const hub = new Client({ connectionString: db.url });
    await hub.connect();
    try {
      const busy = await runMinyi(['restore', file, '--yes'], env);
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toMatch(/other session/);
    } finally {
      await hub.end();
    }

    const restored = await runMinyi(['restore', file, '--yes'], env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const [after] = await query(
      db.url,
      `select count(*)::int as orders, max(id)::int as max_id, (select count(*)::int from work_order_event) as events from work_order`,
    );
    expect(after).toEqual(before);
    const rows = await query(db.url, `select code, citizen_phone_enc from work_order where citizen_phone_enc is not null`);
    expect(rows).toHaveLength(phones.size);
    for (const row of rows) expect(cipher.decrypt(row.citizen_phone_enc)).toBe(phones.get(row.code));
    // Migrations: all applied, none pending.
    const applied = await query(db.url, `select name from mikro_orm_migrations order by id`);
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    // The sequences were restored: the next order id follows the restored ones.
    const [next] = await query(db.url, `select nextval('work_order_id_seq')::int as id`);
    expect(next.id).toBe(before.max_id + 1);
  });

  it('refuses a file that is not a backup, and a backup labelled with a key that does not read the data', async () => {
    const notBackup = join(dir, 'not-a-backup');
    require('node:fs').writeFileSync(notBackup, 'hello');
    const bad = await runMinyi(['restore', notBackup, '--yes'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not a hub backup/);

    const wrong = await runMinyi(['backup', '--out', join(dir, 'wrong.backup')], { ...env, MINYI_DATA_KEY: randomBytes(32).toString('hex') });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/does not read the personal data/);
    expect(existsSync(join(dir, 'wrong.backup'))).toBe(false);
  });
});
