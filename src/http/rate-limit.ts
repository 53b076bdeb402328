import type { Viewer } from '../auth/viewer';
import type { RateLimitConfig } from '../config/config';
import { HubError } from '../common/errors';

/**
 * Request rate limits: a token bucket per key, held IN MEMORY, PER HUB INSTANCE. With N instances
 * behind a load balancer a client can reach up to N × the configured rate; the limit is there to
 * stop one client from starving an instance, not to meter usage. (The push intake's 10 requests/s
 * per channel is different: it is counted in PostgreSQL and shared by all instances, see
 * ingest/intake-rate.ts.)
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes `cost` tokens from `key`'s bucket, or says how long until they would be there. */
  take(key: string, cost?: number): RateDecision;
  /** Buckets held (for tests and metrics). */
  readonly size: number;
}

export interface RateLimiterOptions {
  /** Refill per second; 0 turns the limiter off (every take succeeds). */
  ratePerSecond: number;
  /** Bucket size: the burst a quiet key may spend at once. */
  burst: number;
  /**
   * Buckets kept at most: past it, full (idle) buckets are dropped, then the oldest. A flood of
   * distinct keys (spoofed addresses, random tokens) cannot grow memory beyond this.
   */
  maxKeys?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { ratePerSecond, burst } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, t: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
  };

  const prune = (t: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Still too many busy keys: forget the oldest (they start again with a full bucket).
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys * 0.9) break;
      buckets.delete(key);
    }
  };

  return {
    take(key: string, cost = 1): RateDecision {
      if (ratePerSecond <= 0) return { ok: true };
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) prune(t);
        bucket = { tokens: burst, at: t };
        buckets.set(key, bucket);
      } else {
        refill(bucket, t);
      }
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { ok: true };
      }
      const missing = Math.min(cost, burst) - bucket.tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / ratePerSecond)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The hub's request limits: one bucket per API token (MINYI_RATE_LIMIT_PER_SECOND / _BURST) and,
 * for requests without a valid token, one per remote address (MINYI_RATE_LIMIT_ANONYMOUS_*).
 * One instance per hub process, shared by GraphQL over HTTP and over WebSocket.
 */
export interface RequestRateLimits {
  take(viewer: Viewer | null, remoteAddress: string | undefined, cost?: number): RateDecision;
}

export function createRequestRateLimits(config: RateLimitConfig, now?: () => number): RequestRateLimits {
  const tokens = createRateLimiter({ ratePerSecond: config.perSecond, burst: config.burst, now });
  const anonymous = createRateLimiter({ ratePerSecond: config.anonymousPerSecond, burst: config.anonymousBurst, now });
  return {
    take(viewer, remoteAddress, cost = 1) {
      return viewer ? tokens.take(`token:${viewer.tokenId}`, cost) : anonymous.take(`address:${remoteAddress ?? 'unknown'}`, cost);
    },
  };
}

const DEFAULT_MESSAGE = { zh: '请求过于频繁（超出本令牌的速率限制）', en: 'Too many requests for this token' };

/** RATE_LIMITED with the wait: extensions.retryAfterSeconds, and for Apollo the HTTP 429 + Retry-After. */
export function rateLimitedError(retryAfterSeconds: number, what: { zh: string; en: string } = DEFAULT_MESSAGE): HubError {
  return new HubError(
    'RATE_LIMITED',
    { zh: `${what.zh}，请 ${retryAfterSeconds} 秒后重试`, en: `${what.en}; retry in ${retryAfterSeconds} s` },
    {
      retryAfterSeconds,
      // Apollo Server reads (and removes) extensions.http: the response status and headers.
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  );
}

/**
 * For GraphQL over HTTP, once per operation (e.g. in the `context` function or
 * `didResolveOperation`): throws HubError RATE_LIMITED (HTTP 429, Retry-After) when the viewer's
 * bucket — or, without a token, the remote address's — is empty.
 */
export function assertWithinRate(limits: RequestRateLimits, viewer: Viewer | null, remoteAddress: string | undefined, cost = 1): void {
  const decision = limits.take(viewer, remoteAddress, cost);
  if (!decision.ok) {
    throw rateLimitedError(
      decision.retryAfterSeconds,
      viewer ? DEFAULT_MESSAGE : { zh: '请求过于频繁（超出匿名请求的速率限制）', en: 'Too many requests from this address' },
    );
  }
}
