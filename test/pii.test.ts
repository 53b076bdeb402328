import { randomBytes } from 'node:crypto';
import { DataCipher } from '../src/pii/cipher';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../src/pii/mask';
import { isValidIdNumber, normalisePhone } from '../src/pii/phone';

describe('personal data: encryption, lookup hashes, masking, normalisation', () => {
  const cipher = new DataCipher(randomBytes(32));

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = cipher.encrypt('张三');
    const b = cipher.encrypt('张三');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('张三');
    expect(cipher.decrypt(a)).toBe('张三');
    expect(cipher.decrypt(b)).toBe('张三');
    expect(cipher.encrypt(null)).toBeNull();
  });

  it('rejects a tampered ciphertext (GCM authentication)', () => {
    const sealed = cipher.encrypt('13907971234');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64')}`)).toThrow();
  });

  it('cannot be read with another key', () => {
    const other = new DataCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('秘密'))).toThrow();
  });

  it('hashes equivalent phone spellings to the same lookup value', () => {
    const h = cipher.phoneHash('13907971234');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const form of ['139 0797 1234', '+86 13907971234', '0086-139-0797-1234', '013907971234']) {
      expect(cipher.phoneHash(form)).toBe(h);
    }
    expect(cipher.phoneHash('13907971235')).not.toBe(h);
    expect(new DataCipher(randomBytes(32)).phoneHash('13907971234')).not.toBe(h);
  });

  it('normalises phones by the 12333 §4.2 rule', () => {
    expect(normalisePhone('139-0797-1234')).toBe('13907971234');
    expect(normalisePhone('(0797)4412345')).toBe('0797-4412345');
    expect(normalisePhone('4412345')).toBe('0797-4412345');
    expect(normalisePhone('01012345678')).toBe('010-12345678');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('abc')).toBeNull();
  });

  it('checks the GB 11643 ID check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('masks as the frontends show it', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13856785678')).toBe('138****5678');
    expect(maskPhone('0797-4412345')).toBe('0797-***2345');
    expect(maskIdNumber('360702199001011234')).toBe('3607**********1234');
    expect(maskAddress('赣县区梅林镇城东村12号')).toBe('赣县区梅林镇****');
    expect(maskName(null)).toBeNull();
  });
});
