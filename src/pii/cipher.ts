import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import { normalisePhone } from './phone';

/**
 * Fingerprint of a data key: HMAC-SHA256 of a constant under the key (never the key, and it does not
 * reveal it). Backups carry it so a restore can tell whether the configured key reads their data.
 */
export function dataKeyFingerprint(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('minyi/data-key-fingerprint/v1', 'utf8').digest('hex');
}

/** The key id written into each ciphertext: the first 12 hex characters of the key's fingerprint. */
export function dataKeyId(masterKey: Buffer): string {
  return dataKeyFingerprint(masterKey).slice(0, 12);
}

/** A data key's id and its two sub-keys, as KeyObjects made once (a Buffer key is imported again on every cipher or HMAC). */
interface KeySet {
  id: string;
  encKey: KeyObject;
  macKey: KeyObject;
}

function deriveKeys(masterKey: Buffer): KeySet {
  if (masterKey.length !== 32) throw new Error('data key must be 32 bytes');
  return {
    id: dataKeyId(masterKey),
    encKey: createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minyi/pii-encryption/v1', 32))),
    macKey: createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minyi/pii-lookup-hash/v1', 32))),
  };
}

/**
 * Field encryption for personal data (姓名, 电话, 身份证号, 地址): AES-256-GCM with a random
 * 96-bit IV per value, stored as "v1.<key id>.<base64(iv | tag | ciphertext)>" — the key id (see
 * dataKeyId) names the data key that sealed it, so a data-key rotation can tell what is left to
 * re-encrypt. Values written before key ids ("v1.<base64>", no second dot: base64 has none) still
 * decrypt: each known key is tried, GCM's tag telling the right one. Keyed hashes (HMAC-SHA256) of
 * the normalised phone and ID number let the hub match repeat callers without decrypting.
 * Two sub-keys are derived from MINYI_DATA_KEY with HKDF so the two uses never share a key.
 *
 * `previousKeys` (key rotation only): further keys that decrypt; encryption and lookup hashes
 * always use the first, current key.
 */
export class DataCipher {
  private readonly current: KeySet;
  private readonly keys: KeySet[];

  constructor(masterKey: Buffer, options: { previousKeys?: Buffer[] } = {}) {
    this.current = deriveKeys(masterKey);
    this.keys = [this.current, ...(options.previousKeys ?? []).map(deriveKeys).filter((k) => k.id !== this.current.id)];
  }

  /** The id of the current key (the one new values are sealed under). */
  get keyId(): string {
    return this.current.id;
  }

  /** The key id a stored value names; null for values sealed before key ids, or for nothing. */
  static keyIdOf(stored: string | null | undefined): string | null {
    if (!stored?.startsWith('v1.')) return null;
    const dot = stored.indexOf('.', 3);
    return dot > 3 ? stored.slice(3, dot) : null;
  }

  /** Whether `stored` is sealed under the current key (nothing stored counts as current). */
  isCurrent(stored: string | null | undefined): boolean {
    return !stored || DataCipher.keyIdOf(stored) === this.current.id;
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${this.current.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string | null | undefined): string | null {
    if (!stored) return null;
    if (!stored.startsWith('v1.')) throw new Error('unknown ciphertext version');
    const id = DataCipher.keyIdOf(stored);
    if (id !== null) {
      const key = this.keys.find((k) => k.id === id);
      // The id is not secret (a fingerprint prefix); naming it tells an operator which key is missing.
      if (!key) throw new Error(`personal data sealed under data key ${id}, which is not configured (个人信息由密钥 ${id} 加密，当前未配置该密钥)`);
      return open(key.encKey, Buffer.from(stored.slice(4 + id.length), 'base64'));
    }
    const raw = Buffer.from(stored.slice(3), 'base64');
    let failure: unknown;
    for (const key of this.keys) {
      try {
        return open(key.encKey, raw);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** Random IVs drawn from a pool filled 1,024 at a time (one CSPRNG call instead of one per value); each used once. */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;
  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 1024);
      this.ivOffset = 0;
    }
    this.ivOffset += 12;
    return this.ivPool.subarray(this.ivOffset - 12, this.ivOffset);
  }

  /** Lookup hash of a phone number, after the hub-wide normalisation (null when it does not normalise). */
  phoneHash(phone: string | null | undefined): string | null {
    const normalised = phone ? normalisePhone(phone) : null;
    return normalised ? this.mac(`phone:${normalised}`) : null;
  }

  idNumberHash(idNumber: string | null | undefined): string | null {
    const normalised = idNumber?.trim().toUpperCase();
    return normalised ? this.mac(`id:${normalised}`) : null;
  }

  private mac(value: string): string {
    return createHmac('sha256', this.current.macKey).update(value, 'utf8').digest('hex');
  }
}

function open(encKey: KeyObject, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
