import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { HubConfig } from '../../config/config';
import { resolveDataKey } from '../../pii/data-key';
import type { MonthlyReportFormat } from './index';

/**
 * 月报下载链接 Signed, expiring download links for the monthly report. Stateless: the link carries
 * its month, format, expiry and the token that asked for it, signed with HMAC-SHA256 under a key
 * derived from the data key, so any hub instance behind a load balancer can check it.
 */
export const REPORT_LINK_LIFETIME_MS = 15 * 60_000;

const FILE = /^(\d{4}-\d{2})\.(xlsx|html)$/;
/** 32 bytes of HMAC-SHA256 in unpadded base64url. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export interface ReportLinkClaims {
  month: string;
  format: MonthlyReportFormat;
  /** The API token the link was made for (logged on download; never personal data). */
  viewerTokenId: number;
  expiresAt: Date;
}

/** What a request for a link carries: the path's file name and the query parameters, unparsed. */
export interface ReportLinkRequest {
  month: string;
  format: MonthlyReportFormat;
  expires?: unknown;
  by?: unknown;
  signature?: unknown;
}

export type ReportLinkCheck =
  | { ok: true; month: string; format: MonthlyReportFormat; viewerTokenId: number }
  | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

/** The link key: HKDF from the data key with its own label, so it never equals a personal-data key. */
export function reportLinkKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'minyi/report-link/v1', 32));
}

const keys = new WeakMap<HubConfig, Buffer>();

/** The link key of a running hub (MINYI_DATA_KEY, or the generated one in the data directory), derived once. */
export function reportLinkKeyFor(config: HubConfig): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = reportLinkKey(resolveDataKey(config.dataKey, config.dataDir));
    keys.set(config, key);
  }
  return key;
}

export function reportPath(month: string, format: MonthlyReportFormat): string {
  return `/reports/monthly/${month}.${format}`;
}

/** "2026-10.xlsx" → month and format (the month not yet checked as a calendar month), or null. */
export function parseReportFile(file: string): { month: string; format: MonthlyReportFormat } | null {
  const match = FILE.exec(file);
  return match ? { month: match[1], format: match[2] as MonthlyReportFormat } : null;
}

/** A link's expiry: whole seconds, as carried in the link. */
export function reportLinkExpiry(now: Date = new Date(), lifetimeMs = REPORT_LINK_LIFETIME_MS): Date {
  return new Date(Math.floor((now.getTime() + lifetimeMs) / 1000) * 1000);
}

/** The download path with its query: /reports/monthly/2026-10.xlsx?expires=…&by=…&signature=… */
export function signReportLink(claims: ReportLinkClaims, key: Buffer): string {
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  const signature = mac(key, claims.month, claims.format, expires, claims.viewerTokenId).toString('base64url');
  const query = new URLSearchParams({ expires: String(expires), by: String(claims.viewerTokenId), signature });
  return `${reportPath(claims.month, claims.format)}?${query}`;
}

/** Checks a link's signature (in constant time) and then its expiry. */
export function verifyReportLink(link: ReportLinkRequest, key: Buffer, now: Date = new Date()): ReportLinkCheck {
  const expires = wholeNumber(link.expires);
  const by = wholeNumber(link.by);
  if (expires === null || by === null || typeof link.signature !== 'string' || !SIGNATURE.test(link.signature)) {
    return { ok: false, reason: 'MALFORMED' };
  }
  const given = Buffer.from(link.signature, 'base64url');
  // One spelling per signature: the last character's two spare bits must be zero.
  if (given.toString('base64url') !== link.signature) return { ok: false, reason: 'MALFORMED' };
  if (!timingSafeEqual(given, mac(key, link.month, link.format, expires, by))) return { ok: false, reason: 'BAD_SIGNATURE' };
  if (now.getTime() >= expires * 1000) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, month: link.month, format: link.format, viewerTokenId: by };
}

function mac(key: Buffer, month: string, format: MonthlyReportFormat, expires: number, by: number): Buffer {
  return createHmac('sha256', key)
    .update(`v1\n${reportPath(month, format)}\n${expires}\n${by}`, 'utf8')
    .digest();
}

/** A query value that is a plain non-negative integer ("0012" and "1e3" are not). */
function wholeNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^(0|[1-9]\d{0,14})$/.test(value)) return null;
  return Number(value);
}
