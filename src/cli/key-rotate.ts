import { Client } from 'pg';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubConfig } from '../config/config';
import type { Database } from '../db/database';
import { dataKeyId } from '../pii/cipher';
import { parseDataKey, resolveDataKey } from '../pii/data-key';
import { rotateDataKey, type RotationResult } from '../pii/key-rotation';
import { otherSessions } from './backup';
import { CliError } from './open-database';
import { progressBar } from './progress';

export interface KeyRotateArgs {
  /** A file with the new key (64 hex characters or base64); "-": standard input. */
  newKeyFile: string;
  /** The key the data is sealed under, when it is not the configured one. */
  oldKeyFile?: string;
  batchSize?: number;
  maxBatches?: number;
}

export function parseKeyRotateArgs(options: Record<string, string | true>): KeyRotateArgs | null {
  const newKeyFile = options['new-key-file'];
  if (typeof newKeyFile !== 'string') return null;
  const whole = (name: string): number | undefined | null => {
    const value = options[name];
    if (value === undefined) return undefined;
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const batchSize = whole('batch-size');
  const maxBatches = whole('max-batches');
  if (batchSize === null || maxBatches === null) return null;
  const oldKeyFile = options['old-key-file'];
  if (oldKeyFile !== undefined && typeof oldKeyFile !== 'string') return null;
  return { newKeyFile, oldKeyFile, batchSize, maxBatches };
}

function readKey(file: string, what: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new CliError(`无法读取${what}文件 ${file} | cannot read the ${what === '新密钥' ? 'new' : 'old'} key file ${file}`);
  }
  const key = parseDataKey(text);
  if (!key) {
    throw new CliError(
      `${what}须为 32 字节随机密钥（64 个十六进制字符或 base64），例如 openssl rand -hex 32 > new.key | ` +
        `the ${what === '新密钥' ? 'new' : 'old'} key must be 32 random bytes as 64 hex characters or base64, e.g. openssl rand -hex 32 > new.key`,
    );
  }
  return key;
}

/**
 * `npm run minyi -- key rotate --new-key-file FILE`: re-encrypts the personal data under the new key
 * (src/pii/key-rotation.ts). Refuses while another session uses the database: a running hub would
 * keep sealing new values under the old key. When the configured key came from the data directory's
 * data-key file (no MINYI_DATA_KEY), the file gets the new key at the end and the old one is kept as
 * data-key.retired-<id>.
 */
export async function keyRotate(config: HubConfig, db: Database, args: KeyRotateArgs): Promise<RotationResult & { keyFileUpdated?: string }> {
  const oldKey = args.oldKeyFile ? readKey(args.oldKeyFile, '旧密钥') : resolveDataKey(config.dataKey, config.dataDir);
  const newKey = readKey(args.newKeyFile, '新密钥');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const others = await otherSessions(client);
    if (others > 0) {
      throw new CliError(
        `数据库上还有 ${others} 个其他连接（多半是正在运行的中枢）：轮换期间中枢仍会用旧密钥加密新数据，请先停止中枢再轮换 | ` +
          `${others} other session(s) are connected to the database (most likely a running hub), which would keep sealing new values ` +
          `under the old key: stop the hub first, then rotate`,
      );
    }
  } finally {
    await client.end();
  }
  const result = await rotateDataKey(db.url, oldKey, newKey, {
    batchSize: args.batchSize,
    maxBatches: args.maxBatches,
    onProgress: progressBar('轮换 rotating'),
  });
  if (result.status !== 'FINISHED' || config.dataKey || args.oldKeyFile) return result;
  // The key lives in the data directory (embedded default): it becomes the new one.
  const file = join(config.dataDir, 'data-key');
  if (existsSync(file) && dataKeyId(oldKey) !== dataKeyId(newKey)) {
    const retired = join(config.dataDir, `data-key.retired-${dataKeyId(oldKey)}`);
    renameSync(file, retired);
    writeFileSync(file, `${newKey.toString('hex')}\n`, { mode: 0o600 });
    return { ...result, keyFileUpdated: file };
  }
  return result;
}

/** What the operator reads after a run: counts and key ids only, never a key or a value. */
export function describeRotation(result: RotationResult & { keyFileUpdated?: string }): string {
  const lines = [
    `${result.resumed ? '继续 resumed' : '开始 started'} rotation #${result.rotationId}: data key ${result.fromKeyId} → ${result.toKeyId}`,
    `re-encrypted ${result.rows} rows (${result.values} values) in this run`,
  ];
  if (result.status === 'PAUSED') {
    lines.push(
      `暂停：还有 ${result.remaining} 行未轮换，用同一个新密钥文件再次运行即可继续 | paused: ${result.remaining} rows left; run the same command again to continue`,
    );
  } else if (result.keyFileUpdated) {
    lines.push(
      `完成：新密钥已写入 ${result.keyFileUpdated}（旧密钥改名为 data-key.retired-${result.fromKeyId}，不再需要旧备份时删除它）| ` +
        `finished: the new key is now in ${result.keyFileUpdated} (the old one renamed data-key.retired-${result.fromKeyId}: delete it once no backup made under it is needed)`,
    );
  } else {
    lines.push(
      `完成：请把 MINYI_DATA_KEY 设为新密钥后重启中枢；旧密钥只用于恢复轮换前的备份 | ` +
        `finished: set MINYI_DATA_KEY to the new key and restart the hub; keep the old key only to restore backups made before the rotation`,
    );
  }
  return lines.join('\n');
}
