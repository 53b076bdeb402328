import { Client } from 'pg';
import { DataCipher, dataKeyId } from './cipher';

/**
 * 数据密钥轮换 Re-encrypts every personal-data value under a new data key:
 * - work_order: citizen name, phone, ID number, address and the 信访 restricted text (…_enc), and the
 *   lookup hashes (citizen_phone_hash, citizen_id_hash), which are keyed by a sub-key of the data
 *   key and so are recomputed from the decrypted values;
 * - channel_record.payload_enc: the raw records as channels sent them.
 * (content_hash of channel_record is an unkeyed SHA-256 of the canonical content: unchanged.)
 *
 * Each value carries the id of the key that sealed it (pii/cipher.ts), so "what is left" is a
 * predicate, not a guess: rows with a value not under the new key. Batches run in their own
 * transactions, each committing its rows and the progress row (data_key_rotation) together; an
 * interrupted rotation (crash, Ctrl-C, `maxBatches`) continues where it stopped when run again with
 * the same new key. When every table is done a last check counts what is still under another key
 * (rows written meanwhile by a hub with the old key) and goes round again until nothing is left.
 */
export const PERSONAL_DATA_COLUMNS: ReadonlyArray<{ table: string; columns: readonly string[]; lookupHashes?: boolean }> = [
  {
    table: 'work_order',
    columns: ['citizen_name_enc', 'citizen_phone_enc', 'citizen_id_number_enc', 'citizen_address_enc', 'restricted_content_enc'],
    lookupHashes: true,
  },
  { table: 'channel_record', columns: ['payload_enc'] },
];

export interface RotationOptions {
  /** Rows per batch (one transaction each); default 500. */
  batchSize?: number;
  /** Stop after this many batches (the rest on the next run); default: no limit. */
  maxBatches?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RotationResult {
  status: 'FINISHED' | 'PAUSED';
  rotationId: number;
  fromKeyId: string;
  toKeyId: string;
  resumed: boolean;
  /** Rows and values re-encrypted by this run. */
  rows: number;
  values: number;
  /** Rows still under another key (0 when finished). */
  remaining: number;
}

export class KeyRotationError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} | ${en}`);
    this.name = 'KeyRotationError';
  }
}

function notCurrent(columns: readonly string[], keyId: string): string {
  // The key id is 12 hex characters (dataKeyId): safe inside the SQL text.
  return columns.map((c) => `(${c} is not null and ${c} not like 'v1.${keyId}.%')`).join(' or ');
}

async function remainingRows(client: Client, keyId: string): Promise<number> {
  let total = 0;
  for (const spec of PERSONAL_DATA_COLUMNS) {
    const { rows } = await client.query(`select count(*)::int as n from ${spec.table} where ${notCurrent(spec.columns, keyId)}`);
    total += rows[0].n;
  }
  return total;
}

interface RotationRow {
  id: number;
  from_key_id: string;
  to_key_id: string;
  progress: Record<string, number>;
}

/**
 * Rotates from `oldKey` (the configured one) to `newKey` on the database at `url`, or continues the
 * unfinished rotation to `newKey`. Refuses while an unfinished rotation to another key exists.
 */
export async function rotateDataKey(url: string, oldKey: Buffer, newKey: Buffer, options: RotationOptions = {}): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 500;
  const fromKeyId = dataKeyId(oldKey);
  const toKeyId = dataKeyId(newKey);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: open } = await client.query<RotationRow>(
      `select id, from_key_id, to_key_id, progress from data_key_rotation where status = 'RUNNING' order by id desc limit 1`,
    );
    let rotation = open[0];
    if (rotation && rotation.to_key_id !== toKeyId) {
      throw new KeyRotationError(
        `已有一次未完成的密钥轮换（目标密钥 ${rotation.to_key_id}，始于 ${rotation.from_key_id}）：请用同一个新密钥文件再次运行以完成它`,
        `an unfinished rotation to data key ${rotation.to_key_id} (from ${rotation.from_key_id}) exists: run key rotate again with that same new key file to finish it first`,
      );
    }
    if (!rotation && fromKeyId === toKeyId) {
      throw new KeyRotationError(
        '新密钥与当前配置的数据密钥相同，无需轮换',
        'the new key is the configured data key already: nothing to rotate (generate a new one, e.g. `openssl rand -hex 32 > new.key`)',
      );
    }
    const resumed = !!rotation;
    if (!rotation) {
      const { rows } = await client.query<RotationRow>(
        `insert into data_key_rotation (from_key_id, to_key_id, progress) values ($1, $2, '{}'::jsonb) returning id, from_key_id, to_key_id, progress`,
        [fromKeyId, toKeyId],
      );
      rotation = rows[0];
    }
    // Decrypts under either key (by the id in each value); seals and hashes under the new one.
    const cipher = new DataCipher(newKey, { previousKeys: [oldKey] });
    let total = await remainingRows(client, toKeyId);
    let rowsDone = 0;
    let valuesDone = 0;
    let batches = 0;
    const progress = { ...rotation.progress };
    const paused = () => options.maxBatches !== undefined && batches >= options.maxBatches;
    for (;;) {
      for (const spec of PERSONAL_DATA_COLUMNS) {
        for (;;) {
          if (paused()) {
            return {
              status: 'PAUSED',
              rotationId: rotation.id,
              fromKeyId: rotation.from_key_id,
              toKeyId,
              resumed,
              rows: rowsDone,
              values: valuesDone,
              remaining: await remainingRows(client, toKeyId),
            };
          }
          const done = await rotateBatch(client, cipher, spec, rotation.id, progress[spec.table] ?? 0, batchSize);
          if (!done) break;
          progress[spec.table] = done.lastId;
          rowsDone += done.rows;
          valuesDone += done.values;
          batches++;
          options.onProgress?.(Math.min(rowsDone, total), total);
        }
      }
      const left = await remainingRows(client, toKeyId);
      if (left === 0) break;
      // Rows written meanwhile under the old key (or below a finished table's mark): once more from the start.
      for (const spec of PERSONAL_DATA_COLUMNS) progress[spec.table] = 0;
      await client.query(`update data_key_rotation set progress = '{}'::jsonb, updated_at = now() where id = $1`, [rotation.id]);
      total = rowsDone + left;
    }
    await client.query(`update data_key_rotation set status = 'FINISHED', finished_at = now(), updated_at = now() where id = $1`, [rotation.id]);
    return { status: 'FINISHED', rotationId: rotation.id, fromKeyId: rotation.from_key_id, toKeyId, resumed, rows: rowsDone, values: valuesDone, remaining: 0 };
  } finally {
    await client.end();
  }
}

/** One batch in its own transaction: rows after `afterId` with a value not under the new key. */
async function rotateBatch(
  client: Client,
  cipher: DataCipher,
  spec: (typeof PERSONAL_DATA_COLUMNS)[number],
  rotationId: number,
  afterId: number,
  batchSize: number,
): Promise<{ lastId: number; rows: number; values: number } | null> {
  await client.query('begin');
  try {
    const { rows } = await client.query(
      `select id, ${spec.columns.join(', ')} from ${spec.table} where id > $1 and (${notCurrent(spec.columns, cipher.keyId)}) order by id limit $2 for update`,
      [afterId, batchSize],
    );
    if (!rows.length) {
      await client.query('commit');
      return null;
    }
    const ids: number[] = [];
    const sealed: Array<Array<string | null>> = spec.columns.map(() => []);
    const phoneHashes: Array<string | null> = [];
    const idHashes: Array<string | null> = [];
    let values = 0;
    for (const row of rows) {
      ids.push(row.id);
      const clear: Record<string, string | null> = {};
      spec.columns.forEach((column, i) => {
        const stored: string | null = row[column];
        if (stored && !cipher.isCurrent(stored)) values++;
        let value: string | null;
        try {
          value = cipher.decrypt(stored);
        } catch {
          // The row id is not personal; the value is never printed.
          throw new KeyRotationError(
            `${spec.table} ${row.id} 的 ${column} 无法用当前密钥或新密钥解密：请确认 MINYI_DATA_KEY（或 --old-key-file）是加密这些数据的密钥`,
            `${spec.table} ${row.id}: ${column} decrypts under neither the configured (old) key nor the new one: check that MINYI_DATA_KEY (or --old-key-file) is the key this data was sealed under`,
          );
        }
        clear[column] = value;
        sealed[i].push(cipher.isCurrent(stored) ? stored : cipher.encrypt(value));
      });
      if (spec.lookupHashes) {
        phoneHashes.push(cipher.phoneHash(clear.citizen_phone_enc));
        idHashes.push(cipher.idNumberHash(clear.citizen_id_number_enc));
      }
    }
    const sets = spec.columns.map((c) => `${c} = v.${c}`);
    const params: unknown[] = [ids, ...sealed];
    const names = ['id', ...spec.columns];
    const types = ['int[]', ...spec.columns.map(() => 'text[]')];
    if (spec.lookupHashes) {
      sets.push('citizen_phone_hash = v.citizen_phone_hash', 'citizen_id_hash = v.citizen_id_hash');
      params.push(phoneHashes, idHashes);
      names.push('citizen_phone_hash', 'citizen_id_hash');
      types.push('text[]', 'text[]');
    }
    await client.query(
      `update ${spec.table} t set ${sets.join(', ')}
         from unnest(${types.map((type, i) => `$${i + 1}::${type}`).join(', ')}) as v(${names.join(', ')})
        where t.id = v.id`,
      params,
    );
    const lastId = ids[ids.length - 1];
    await client.query(
      `update data_key_rotation set progress = jsonb_set(progress, $2, to_jsonb($3::int)), rows_done = rows_done + $4, values_done = values_done + $5, updated_at = now() where id = $1`,
      [rotationId, [spec.table], lastId, rows.length, values],
    );
    await client.query('commit');
    return { lastId, rows: rows.length, values };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
