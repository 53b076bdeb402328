import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { badInput } from '../../common/errors';

/**
 * Password hashing with Node's scrypt (memory-hard). Parameters are stored with each hash
 * ("scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>") so they can be raised later without
 * invalidating existing passwords: verify() reads them from the hash.
 */
export const SCRYPT_LOG_N = 15; // N = 32768: 128·N·r = 32 MiB per hash
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Hashes whose parameters would need more than this are refused (a tampered row cannot exhaust memory). */
const MAX_MEMORY = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: Math.max(MAX_MEMORY, 256 * N * r) }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P);
  return ['scrypt', SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison; false for a malformed hash (never throws on the stored value). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, logN, r, p);
  return timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of a real verification when there is nothing to verify (unknown user, locked or
 * disabled account), so the answer's timing does not tell whether the account exists.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
}

/** A new password: at least 12 characters, not the username, not one repeated character. Never echoes it. */
export function assertAcceptablePassword(password: string, username?: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw badInput(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw badInput(`密码最多 ${MAX_PASSWORD_LENGTH} 个字符`, `The password must have at most ${MAX_PASSWORD_LENGTH} characters`, 'password');
  }
  if (new Set(password).size < 4) {
    throw badInput('密码过于简单', 'The password is too simple (too few different characters)', 'password');
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw badInput('密码不能包含用户名', 'The password must not contain the username', 'password');
  }
}
