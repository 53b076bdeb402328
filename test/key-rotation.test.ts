import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { migrate, openOrm } from '../src/db/orm';
import { generateDemoOrders } from '../src/demo/generator';
import { seedReferenceData } from '../src/demo/reference-seed';
import { DataCipher } from '../src/pii/cipher';
import { maskPhone } from '../src/pii/mask';
import { runMinyi } from './support/cli';
import { createEmptyDatabase } from './support/database';
import { startHubProcess } from './support/hub-process';

async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

describe('data-key rotation (npm run minyi -- key rotate)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const oldCipher = new DataCipher(oldKey);
  const newCipher = new DataCipher(newKey);
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let dir: string;
  let env: Record<string, string>;
  let operatorToken: string;
  /** What each order's citizen is, read with the old key before the rotation. */
  const expected = new Map<string, { phone: string | null; idNumber: string | null; restricted: boolean }>();
  const payloads = new Map<number, string>();

  beforeAll(async () => {
    db = await createEmptyDatabase();
    dir = mkdtempSync(join(tmpdir(), 'minyi-rotate-'));
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'new.key'), `${newKey.toString('hex')}\n`);
    writeFileSync(join(dir, 'other.key'), `${randomBytes(32).toString('hex')}\n`);
    env = { DATABASE_URL: db.url, MINYI_DATA_KEY: oldKey.toString('hex'), MINYI_DATA_DIR: dir };
    const orm = await openOrm(db.url);
    try {
      await migrate(orm);
      await seedReferenceData(orm.em.fork());
      await generateDemoOrders(orm.em.fork(), oldCipher, { orders: 500, now: new Date('2026-10-20T04:00:00Z'), seed: 11 });
      operatorToken = (await createToken(orm.em.fork(), { role: Role.OPERATOR })).token;
    } finally {
      await orm.close(true);
    }
    // Values sealed before ciphertexts carried a key id ("v1.<base64>") are rotated too.
    await query(db.url, `update work_order set citizen_phone_enc = regexp_replace(citizen_phone_enc, '^v1\\.[0-9a-f]{12}\\.', 'v1.') where id % 7 = 0`);
    // Raw channel records (their payload is personal data too).
    const [channel] = await query(db.url, `select id from channel order by id limit 1`);
    for (let i = 1; i <= 30; i++) {
      const payload = JSON.stringify({ caller: `1390797${String(1000 + i)}`, text: `第${i}条` });
      const [row] = await query(
        db.url,
        `insert into channel_record (channel_id, external_id, version_key, payload_enc, content_hash, warnings) values ($1, $2, '1', $3, $4, '[]') returning id`,
        [channel.id, `EXT${i}`, oldCipher.encrypt(payload), `hash${i}`],
      );
      payloads.set(row.id, payload);
    }
    for (const row of await query(db.url, `select code, citizen_phone_enc, citizen_id_number_enc, restricted_identity from work_order`)) {
      expected.set(row.code, {
        phone: oldCipher.decrypt(row.citizen_phone_enc),
        idNumber: oldCipher.decrypt(row.citizen_id_number_enc),
        restricted: row.restricted_identity,
      });
    }
    expect(expected.size).toBe(500);
    expect([...expected.values()].filter((c) => c.phone).length).toBeGreaterThan(300);
  });

  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rotates 500 orders in batches, interrupted and resumed; then only the new key reads them', async () => {
    const newKeyFile = join(dir, 'new.key');
    const underNew = async () =>
      (await query(db.url, `select count(*)::int as n from work_order where citizen_name_enc like $1`, [`v1.${newCipher.keyId}.%`]))[0].n;

    // Interrupted: two batches of 100, then it stops (as a crash or Ctrl-C would, between batches).
    const first = await runMinyi(['key', 'rotate', '--new-key-file', newKeyFile, '--batch-size', '100', '--max-batches', '2'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/paused/);
    const halfway = await underNew();
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(450);
    const [running] = await query(db.url, `select status, from_key_id, to_key_id, rows_done, progress from data_key_rotation`);
    expect(running).toMatchObject({ status: 'RUNNING', from_key_id: oldCipher.keyId, to_key_id: newCipher.keyId, rows_done: 200 });
    expect(running.progress.work_order).toBeGreaterThan(0);
    // Neither key nor value in the output.
    expect(first.stdout + first.stderr).not.toContain(newKey.toString('hex'));

    // Another new key while this rotation is unfinished: refused.
    const other = await runMinyi(['key', 'rotate', '--new-key-file', join(dir, 'other.key')], env);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/unfinished rotation/);

    // Resumed from standard input: continues after the last committed batch, no row twice.
    const [{ rows: totalRows }] = await query(
      db.url,
      `select (select count(*) from work_order where citizen_name_enc is not null or citizen_phone_enc is not null or citizen_id_number_enc is not null or citizen_address_enc is not null or restricted_content_enc is not null)::int + (select count(*) from channel_record)::int as rows`,
    );
    const second = await runMinyi(['key', 'rotate', '--new-key-file', '-', '--batch-size', '100'], env, { input: newKey.toString('hex') });
    expect(second.stderr).not.toMatch(/Error/);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/resumed/);
    expect(second.stdout).toMatch(/finished/);
    const [done] = await query(db.url, `select status, rows_done, finished_at from data_key_rotation`);
    expect(done.status).toBe('FINISHED');
    expect(done.rows_done).toBe(totalRows);

    // Every value is under the new key; the old key alone reads none of them.
    const rows = await query(
      db.url,
      `select code, citizen_name_enc, citizen_phone_enc, citizen_id_number_enc, citizen_address_enc, restricted_content_enc, citizen_phone_hash, citizen_id_hash from work_order`,
    );
    for (const row of rows) {
      const want = expected.get(row.code)!;
      for (const column of ['citizen_name_enc', 'citizen_phone_enc', 'citizen_id_number_enc', 'citizen_address_enc', 'restricted_content_enc']) {
        if (row[column] === null) continue;
        expect(row[column].startsWith(`v1.${newCipher.keyId}.`)).toBe(true);
        expect(() => oldCipher.decrypt(row[column])).toThrow();
      }
      expect(newCipher.decrypt(row.citizen_phone_enc)).toBe(want.phone);
      // The lookup hashes are keyed by the data key: recomputed under the new one (repeat callers still match).
      expect(row.citizen_phone_hash).toBe(newCipher.phoneHash(want.phone));
      expect(row.citizen_id_hash).toBe(newCipher.idNumberHash(want.idNumber));
    }
    for (const record of await query(db.url, `select id, payload_enc from channel_record`)) {
      expect(newCipher.decrypt(record.payload_enc)).toBe(payloads.get(record.id));
      expect(() => oldCipher.decrypt(record.payload_enc)).toThrow();
    }

    // The hub started with only the new key reads every phone it shows (masked), and one in clear.
    const hub = await startHubProcess({ DATABASE_URL: db.url, MINYI_DATA_KEY: newKey.toString('hex'), MINYI_DATA_DIR: dir, MINYI_RATE_LIMIT_PER_SECOND: '0' });
    try {
      let after: string | null = null;
      let seen = 0;
      let revealId: string | null = null;
      let revealCode: string | null = null;
      for (;;) {
        const page = await gql(
          hub.url,
          operatorToken,
          `query ($after: String) { workOrders(first: 100, after: $after) { nodes { id code citizen { phone } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(page.errors).toBeUndefined();
        for (const node of page.data.workOrders.nodes) {
          const want = expected.get(node.code)!;
          expect(node.citizen.phone).toBe(want.restricted ? null : maskPhone(want.phone));
          if (!revealId && want.phone && !want.restricted) {
            revealId = node.id;
            revealCode = node.code;
          }
          seen++;
        }
        if (!page.data.workOrders.pageInfo.hasNextPage) break;
        after = page.data.workOrders.pageInfo.endCursor;
      }
      expect(seen).toBe(500);
      const reveal = await gql(hub.url, operatorToken, `mutation ($id: ID!) { revealCitizen(workOrderId: $id, reason: "回访核实联系方式") { phone } }`, {
        id: revealId,
      });
      expect(reveal.errors).toBeUndefined();
      expect(reveal.data.revealCitizen.phone).toBe(expected.get(revealCode!)!.phone);
    } finally {
      await hub.stop();
    }
  });
});
