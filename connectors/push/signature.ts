import { createHmac, timingSafeEqual } from 'node:crypto';

/** push-api.md §2: `sha256=` + hex HMAC-SHA256(secret as its ASCII hex text, ts + "." + rawBody). */
export function sign(secret: string, timestamp: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'ascii')).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'MISSING_SIGNATURE' | 'TIMESTAMP_SKEW' | 'INVALID_SIGNATURE' };

const MAX_SKEW_S = 300;

/** Checks the timestamp window and the signature against every valid secret (two during rotation), in constant time. */
export function verify(
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  secrets: readonly string[],
  nowMs: number = Date.now(),
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, code: 'MISSING_SIGNATURE' };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_S) return { ok: false, code: 'TIMESTAMP_SKEW' };
  const given = Buffer.from(signature, 'ascii');
  const match = secrets.some((secret) => {
    const expected = Buffer.from(sign(secret, timestamp, rawBody), 'ascii');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return match ? { ok: true } : { ok: false, code: 'INVALID_SIGNATURE' };
}
