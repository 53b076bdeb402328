import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalisePhone } from './phone';

/**
 * Field encryption for personal data (姓名, 电话, 身份证号, 地址): AES-256-GCM with a random
 * 96-bit IV per value, stored as "v1.<base64(iv | tag | ciphertext)>". Keyed hashes (HMAC-SHA256)
 * of the normalised phone and ID number let the hub match repeat callers without decrypting.
 * Two sub-keys are derived from MINYI_DATA_KEY with HKDF so the two uses never share a key.
 */
export class DataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('data key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minyi/pii-encryption/v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'minyi/pii-lookup-hash/v1', 32));
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string | null | undefined): string | null {
    if (!stored) return null;
    if (!stored.startsWith('v1.')) throw new Error('unknown ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
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
    return createHmac('sha256', this.macKey).update(value, 'utf8').digest('hex');
  }
}
