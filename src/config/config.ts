import { resolve } from 'node:path';
import { ConfigError, integer, type Env } from './env';
import { DEFAULT_HOT_POLICY, loadHotPolicy, type HotIssuePolicy } from '../hot-issues/policy';
import { loadAccountsConfig, type AccountsConfig } from '../auth/accounts/config';
import { parseDataKey } from '../pii/data-key';
import { RETURN_WINDOW_HOURS } from '../sla/policies';

/**
 * Hub configuration. Environment variables are the only source; every value is
 * validated at start and each bad value gets its own message (the README lists them all).
 */
export interface HubConfig {
  port: number;
  host: string;
  /** External PostgreSQL; absent → embedded PostgreSQL under `dataDir/postgres`. */
  databaseUrl?: string;
  /**
   * Read replicas (DATABASE_READ_URL, comma-separated): statistics, reports and hard cases read
   * there (db/read-routing.ts); empty → everything on DATABASE_URL.
   */
  databaseReadUrls: string[];
  /**
   * Direct session connection (DATABASE_SESSION_URL, default DATABASE_URL) for what needs a session
   * of its own: LISTEN, session advisory locks (SLA scan, text analyser, channel sync). Set it when
   * DATABASE_URL goes through PgBouncer in transaction mode.
   */
  databaseSessionUrl?: string;
  /**
   * Named statements for the hot read paths (DATABASE_PREPARED_STATEMENTS, 1 or 0; db/prepared.ts).
   * Default on, off when DATABASE_SESSION_URL is set (the PgBouncer setup: before 1.21, PgBouncer
   * in transaction mode cannot keep them).
   */
  databasePreparedStatements: boolean;
  dataDir: string;
  /** 32-byte key for personal data (AES-256-GCM); absent only with the embedded default. */
  dataKey?: Buffer;
  /** Seed the demo county into an external database too. */
  demo: boolean;
  demoOrders: number;
  /**
   * Demo trickle: new and changed channel records per minute across the demo channels, while the
   * hub runs in demo mode; 0 turns it off (so does an explicit MINYI_DEMO=0).
   */
  demoTricklePerMinute: number;
  /** How often the hub polls the demo channels' simulators. */
  demoPollSeconds: number;
  /** Demo trickle: a new burst (one matter reported by many, src/demo/trickle/bursts.ts) every this many minutes; 0: none. */
  demoBurstMinutes: number;
  logLevel: LogLevel;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /** 退单 is allowed before signing, and for this many hours after signing. */
  returnWindowHours: number;
  /** How often the SLA alert scan runs (one instance at a time); 0 turns it off. */
  alertIntervalSeconds: number;
  /** How often the write-back outbox is delivered; 0 turns it off. */
  outboxIntervalSeconds: number;
  /** How often pending KPI deltas are folded into the daily rollup (one instance at a time); 0 turns it off. */
  rollupCompactSeconds: number;
  /** Redis for cross-instance events (redis-event-bus.ts); absent → PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /** How long the event log keeps events for reconnecting subscribers (`since`). */
  eventRetentionHours: number;
  /** Redis backend: how often the relay reads new event-log rows. */
  eventRelayIntervalMs: number;
  /** 重复投诉 / 多头投诉 / 热点 windows and thresholds (hot-issues/policy.ts). */
  hotPolicy: HotIssuePolicy;
  /** How long a month's 热线月报 data is shared between requests (0: built on every request). */
  reportCacheSeconds: number;
  /** NODE_ENV=production: stricter checks (no `*` CORS origin). */
  production: boolean;
  /** Browser origins allowed to call the API cross-origin (MINYI_CORS_ORIGINS); `*` any (refused in production). */
  corsOrigins: string[];
  /** Shape limits checked before validation (graphql/preflight.ts) and the HTTP body limit. */
  graphqlLimits: GraphqlLimits;
  /** GraphQL over WebSocket limits (http/graphql-ws.ts); each has its MINYI_WS_* variable. */
  ws: WsLimits;
  /** Request rates per token / per remote address (http/rate-limit.ts), counted per instance. */
  rateLimit: RateLimitConfig;
  /**
   * Database deadlines of the hub's sessions (db/timeouts.ts): statement_timeout, lock_timeout, the
   * wait for a pooled connection and for a new connection. Maintenance (migrations, rollup
   * rebuild and compaction) lifts the first two for its own transaction.
   */
  dbTimeouts: { statementMs: number; lockMs: number; acquireMs: number; connectMs: number };
  /** How long /readyz waits for the database before answering 503. */
  readyTimeoutMs: number;
  /** Staff accounts, sessions, login lockout and OpenID Connect single sign-on (auth/accounts/config.ts). */
  accounts: AccountsConfig;
}

export interface GraphqlLimits {
  maxTokens: number;
  maxSelections: number;
  maxAliases: number;
  maxRootFields: number;
  maxExpandedFields: number;
  /** Largest JSON body of a GraphQL POST. */
  maxBodyBytes: number;
}

export interface WsLimits {
  /** Largest message (frame) accepted; a larger one closes the socket with 1009. */
  maxPayloadBytes: number;
  /** A socket without connection_init by then is closed (4408). */
  initTimeoutMs: number;
  /** WebSocket connections open on this instance, all tokens together. */
  maxConnections: number;
  /** Connections not yet authenticated (before connection_init is accepted), per remote address. */
  maxAnonymousPerAddress: number;
  /** Authenticated connections per token, on this instance. */
  maxConnectionsPerToken: number;
  /** Active operations (subscriptions) per connection. */
  maxSubscriptionsPerConnection: number;
  /** Active operations (subscriptions) per token, over all its connections on this instance. */
  maxSubscriptionsPerToken: number;
}

export interface RateLimitConfig {
  /** Token bucket per token: refill per second (0 = no limit) and bucket size. */
  perSecond: number;
  burst: number;
  /** Token bucket per remote address for requests without a valid token (0 = no limit). */
  anonymousPerSecond: number;
  anonymousBurst: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown by loadConfig with every problem; declared in env.ts beside the readers, caught by callers from here. */
export { ConfigError };

function flag(env: Env, name: string, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (raw === '1' || raw.toLowerCase() === 'true') return true;
  problems.push(`${name}="${raw}" must be 1/true or 0/false (${name} 须为 1 或 0)`);
  return false;
}

export function loadConfig(env: Env = process.env): HubConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 4000, 0, 65535, problems);
  const host = env.HOST?.trim() || '0.0.0.0';

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') {
    try {
      const url = new URL(env.DATABASE_URL);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('protocol');
      if (!url.pathname || url.pathname === '/') throw new Error('database');
      databaseUrl = env.DATABASE_URL;
    } catch {
      problems.push('DATABASE_URL must look like postgresql://user:password@host:5432/database (DATABASE_URL 须为 PostgreSQL 连接串, 含库名)');
    }
  }

  const postgresUrl = (name: string, raw: string): string | undefined => {
    try {
      const url = new URL(raw);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('protocol');
      if (!url.pathname || url.pathname === '/') throw new Error('database');
      return raw;
    } catch {
      problems.push(`${name} must look like postgresql://user:password@host:5432/database (${name} 须为 PostgreSQL 连接串, 含库名)`);
      return undefined;
    }
  };
  const databaseReadUrls: string[] = [];
  for (const raw of (env.DATABASE_READ_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)) {
    const url = postgresUrl('DATABASE_READ_URL', raw);
    if (url) databaseReadUrls.push(url);
  }
  const databaseSessionUrl = env.DATABASE_SESSION_URL?.trim() ? postgresUrl('DATABASE_SESSION_URL', env.DATABASE_SESSION_URL.trim()) : undefined;
  if (!env.DATABASE_URL && (databaseReadUrls.length || databaseSessionUrl)) {
    problems.push('DATABASE_READ_URL and DATABASE_SESSION_URL need DATABASE_URL (the primary) too (只读副本与会话连接需同时设置 DATABASE_URL)');
  }

  const databasePreparedStatements = env.DATABASE_PREPARED_STATEMENTS ? flag(env, 'DATABASE_PREPARED_STATEMENTS', problems) : !databaseSessionUrl;

  const dataDir = resolve(env.MINYI_DATA_DIR?.trim() || '.data');

  let dataKey: Buffer | undefined;
  if (env.MINYI_DATA_KEY !== undefined && env.MINYI_DATA_KEY !== '') {
    dataKey = parseDataKey(env.MINYI_DATA_KEY);
    if (!dataKey) {
      problems.push('MINYI_DATA_KEY must be 32 random bytes as 64 hex characters or base64, e.g. `openssl rand -hex 32` (MINYI_DATA_KEY 须为 32 字节密钥)');
    }
  } else if (databaseUrl) {
    problems.push(
      'MINYI_DATA_KEY is required with DATABASE_URL: personal data is encrypted with it; generate one with `openssl rand -hex 32` (使用外部数据库时必须设置 MINYI_DATA_KEY)',
    );
  }

  let redisUrl: string | undefined;
  if (env.REDIS_URL !== undefined && env.REDIS_URL !== '') {
    try {
      const url = new URL(env.REDIS_URL);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('protocol');
      redisUrl = env.REDIS_URL;
    } catch {
      problems.push('REDIS_URL must look like redis://[:password@]host:6379[/db] or rediss://… (REDIS_URL 须为 Redis 连接串)');
    }
  }

  const logLevelRaw = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')} (LOG_LEVEL 取值无效)`);

  // MINYI_DEMO=0 said out loud (not just unset) also stops the demo trickle of the embedded database.
  const demoSwitchedOff = ['0', 'false'].includes(env.MINYI_DEMO?.trim().toLowerCase() ?? '');
  const demoTricklePerMinute = integer(env, 'MINYI_DEMO_TRICKLE_PER_MINUTE', 6, 0, 600, problems);

  const production = (env.NODE_ENV ?? '').trim().toLowerCase() === 'production';
  const corsOrigins = (env.MINYI_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*') {
      if (production) problems.push('MINYI_CORS_ORIGINS="*" is refused when NODE_ENV=production: list the frontends\' origins (生产环境不允许 CORS 通配符 *)');
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      problems.push(`MINYI_CORS_ORIGINS: "${origin}" is not an origin like https://app.example.gov.cn (no path, no trailing slash) (CORS 来源格式无效)`);
    }
  }

  const config: HubConfig = {
    port,
    host,
    databaseUrl,
    databaseReadUrls,
    databaseSessionUrl,
    databasePreparedStatements,
    dataDir,
    dataKey,
    demo: flag(env, 'MINYI_DEMO', problems),
    demoOrders: integer(env, 'MINYI_DEMO_ORDERS', 300, 0, 1_000_000, problems),
    demoTricklePerMinute: demoSwitchedOff ? 0 : demoTricklePerMinute,
    demoPollSeconds: integer(env, 'MINYI_DEMO_POLL_SECONDS', 30, 1, 3600, problems),
    demoBurstMinutes: integer(env, 'MINYI_DEMO_BURST_MINUTES', 15, 0, 1440, problems),
    logLevel,
    maxQueryDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100, problems),
    maxQueryComplexity: integer(env, 'GRAPHQL_MAX_COMPLEXITY', 20000, 100, 10_000_000, problems),
    returnWindowHours: integer(env, 'MINYI_RETURN_WINDOW_HOURS', RETURN_WINDOW_HOURS.default, RETURN_WINDOW_HOURS.min, RETURN_WINDOW_HOURS.max, problems),
    alertIntervalSeconds: integer(env, 'MINYI_ALERT_INTERVAL_SECONDS', 60, 0, 86_400, problems),
    outboxIntervalSeconds: integer(env, 'MINYI_OUTBOX_INTERVAL_SECONDS', 10, 0, 86_400, problems),
    rollupCompactSeconds: integer(env, 'MINYI_ROLLUP_COMPACT_SECONDS', 10, 0, 86_400, problems),
    redisUrl,
    eventRetentionHours: integer(env, 'MINYI_EVENT_RETENTION_HOURS', 168, 1, 87_600, problems),
    eventRelayIntervalMs: integer(env, 'MINYI_EVENT_RELAY_INTERVAL_MS', 100, 10, 10_000, problems),
    hotPolicy: DEFAULT_HOT_POLICY,
    reportCacheSeconds: integer(env, 'MINYI_REPORT_CACHE_SECONDS', 60, 0, 86_400, problems),
    production,
    corsOrigins,
    graphqlLimits: {
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 5000, 100, 1_000_000, problems),
      maxSelections: integer(env, 'GRAPHQL_MAX_SELECTIONS', 200, 10, 100_000, problems),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 50, 0, 100_000, problems),
      maxRootFields: integer(env, 'GRAPHQL_MAX_ROOT_FIELDS', 20, 1, 10_000, problems),
      maxExpandedFields: integer(env, 'GRAPHQL_MAX_FIELDS', 2000, 10, 1_000_000, problems),
      maxBodyBytes: integer(env, 'GRAPHQL_MAX_BODY_BYTES', 131_072, 1024, 64 * 1024 * 1024, problems),
    },
    ws: {
      maxPayloadBytes: integer(env, 'MINYI_WS_MAX_PAYLOAD_BYTES', 65_536, 1024, 16 * 1024 * 1024, problems),
      initTimeoutMs: integer(env, 'MINYI_WS_INIT_TIMEOUT_MS', 5000, 100, 60_000, problems),
      maxConnections: integer(env, 'MINYI_WS_MAX_CONNECTIONS', 10_000, 1, 1_000_000, problems),
      maxAnonymousPerAddress: integer(env, 'MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS', 20, 1, 100_000, problems),
      maxConnectionsPerToken: integer(env, 'MINYI_WS_MAX_CONNECTIONS_PER_TOKEN', 20, 1, 1_000_000, problems),
      maxSubscriptionsPerConnection: integer(env, 'MINYI_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1, 100_000, problems),
      maxSubscriptionsPerToken: integer(env, 'MINYI_WS_MAX_SUBSCRIPTIONS_PER_TOKEN', 200, 1, 1_000_000, problems),
    },
    rateLimit: {
      perSecond: integer(env, 'MINYI_RATE_LIMIT_PER_SECOND', 50, 0, 1_000_000, problems),
      burst: integer(env, 'MINYI_RATE_LIMIT_BURST', 100, 1, 10_000_000, problems),
      anonymousPerSecond: integer(env, 'MINYI_RATE_LIMIT_ANONYMOUS_PER_SECOND', 20, 0, 1_000_000, problems),
      anonymousBurst: integer(env, 'MINYI_RATE_LIMIT_ANONYMOUS_BURST', 200, 1, 10_000_000, problems),
    },
    dbTimeouts: {
      statementMs: integer(env, 'MINYI_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000, problems),
      lockMs: integer(env, 'MINYI_LOCK_TIMEOUT_MS', 5_000, 100, 3_600_000, problems),
      acquireMs: integer(env, 'MINYI_POOL_ACQUIRE_TIMEOUT_MS', 10_000, 100, 600_000, problems),
      connectMs: integer(env, 'MINYI_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000, problems),
    },
    readyTimeoutMs: integer(env, 'MINYI_READY_TIMEOUT_MS', 2_000, 100, 60_000, problems),
    accounts: loadAccountsConfig(env, problems),
  };
  try {
    config.hotPolicy = loadHotPolicy(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
