import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** A personal-data key as written in MINYI_DATA_KEY or the key file: 64 hex characters or base64 of exactly 32 bytes. */
export function parseDataKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

/**
 * The personal-data key: MINYI_DATA_KEY when set; on the embedded default, a key generated once
 * into `<dataDir>/data-key` (mode 0600) with a warning — losing it makes stored personal data unreadable.
 */
export function resolveDataKey(dataKey: Buffer | undefined, dataDir: string, log?: Logger): Buffer {
  if (dataKey) return dataKey;
  const file = join(dataDir, 'data-key');
  if (existsSync(file)) {
    const key = parseDataKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a valid 32-byte key`);
    log?.warn({ file }, 'MINYI_DATA_KEY not set: using the generated key in the data directory (set MINYI_DATA_KEY in production)');
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  log?.warn({ file }, 'MINYI_DATA_KEY not set: generated a personal-data key into the data directory; back it up, and set MINYI_DATA_KEY in production');
  return key;
}
