import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * message-board.md §2 request signing, one copy for the client and the simulator:
 * `stringToSign = METHOD \n PATH \n SORTED_QUERY \n TIMESTAMP \n NONCE`, `X-Sign` = lowercase hex of
 * HMAC-SHA256(key = appSecret as UTF-8, msg = stringToSign as UTF-8). The body is not signed.
 */

export const NONCE = /^[A-Za-z0-9]{16,32}$/;
export const SIGN = /^[0-9a-f]{64}$/;
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** RFC 3986 percent-encoding: keep `A–Z a–z 0–9 - . _ ~`, every other UTF-8 byte → `%XX` uppercase. */
export function percentEncode(text: string): string {
  // encodeURIComponent leaves ! ' ( ) * as they are; RFC 3986 unreserved does not include them.
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** §2 SORTED_QUERY from decoded pairs: encode, sort by encoded name then encoded value (byte order), join. */
export function sortedQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  const encoded = pairs.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  // Encoded text is ASCII, so UTF-16 order is byte order.
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

export function stringToSign(method: string, path: string, query: string, timestamp: string, nonce: string): string {
  return `${method.toUpperCase()}\n${path}\n${query}\n${timestamp}\n${nonce}`;
}

export function sign(secret: string, text: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('hex');
}

/** Constant-time comparison of two `X-Sign` values (§2: "signature equal, constant-time"). */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh 24-character alphanumeric nonce (unbiased: 62 symbols drawn by rejection). */
export function newNonce(length = 24): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += NONCE_ALPHABET[byte % 62];
    }
  }
  return out;
}

/** The four §2 headers for one request. */
export function signatureHeaders(
  credentials: { appKey: string; appSecret: string },
  request: { method: string; path: string; query: string; timestampSeconds: number; nonce?: string },
): Record<'X-App-Key' | 'X-Timestamp' | 'X-Nonce' | 'X-Sign', string> {
  const timestamp = String(request.timestampSeconds);
  const nonce = request.nonce ?? newNonce();
  const signature = sign(credentials.appSecret, stringToSign(request.method, request.path, request.query, timestamp, nonce));
  return { 'X-App-Key': credentials.appKey, 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Sign': signature };
}
