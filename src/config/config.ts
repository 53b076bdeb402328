import { resolve } from 'node:path';
import { DEFAULT_HOT_POLICY, loadHotPolicy, type HotIssuePolicy } from '../hot-issues/policy';

/**
 * Hub configuration. Environment variables are the only source; every value is
 * validated at start and each bad value gets its own message (the README lists them all).
 */
export interface HubConfig {
  port: number;
  host: string;
  /** External PostgreSQL; absent → embedded PostgreSQL under `dataDir/postgres`. */
  databaseUrl?: string;
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
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration 配置无效:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max} (${name} 须为 ${min}–${max} 的整数)`);
    return fallback;
  }
  return Number(raw);
}

function flag(env: Env, name: string, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (raw === '1' || raw.toLowerCase() === 'true') return true;
  problems.push(`${name}="${raw}" must be 1/true or 0/false (${name} 须为 1 或 0)`);
  return false;
}

/** Accepts 64 hex characters or base64 of exactly 32 bytes. */
export function parseDataKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
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
      problems.push(
        'DATABASE_URL must look like postgresql://user:password@host:5432/database (DATABASE_URL 须为 PostgreSQL 连接串, 含库名)',
      );
    }
  }

  const dataDir = resolve(env.MINYI_DATA_DIR?.trim() || '.data');

  let dataKey: Buffer | undefined;
  if (env.MINYI_DATA_KEY !== undefined && env.MINYI_DATA_KEY !== '') {
    dataKey = parseDataKey(env.MINYI_DATA_KEY);
    if (!dataKey) {
      problems.push(
        'MINYI_DATA_KEY must be 32 random bytes as 64 hex characters or base64, e.g. `openssl rand -hex 32` (MINYI_DATA_KEY 须为 32 字节密钥)',
      );
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

  const config: HubConfig = {
    port,
    host,
    databaseUrl,
    dataDir,
    dataKey,
    demo: flag(env, 'MINYI_DEMO', problems),
    demoOrders: integer(env, 'MINYI_DEMO_ORDERS', 300, 0, 1_000_000, problems),
    demoTricklePerMinute: demoSwitchedOff ? 0 : demoTricklePerMinute,
    demoPollSeconds: integer(env, 'MINYI_DEMO_POLL_SECONDS', 30, 1, 3600, problems),
    logLevel,
    maxQueryDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100, problems),
    maxQueryComplexity: integer(env, 'GRAPHQL_MAX_COMPLEXITY', 20000, 100, 10_000_000, problems),
    returnWindowHours: integer(env, 'MINYI_RETURN_WINDOW_HOURS', 2, 0, 720, problems),
    alertIntervalSeconds: integer(env, 'MINYI_ALERT_INTERVAL_SECONDS', 60, 0, 86_400, problems),
    outboxIntervalSeconds: integer(env, 'MINYI_OUTBOX_INTERVAL_SECONDS', 10, 0, 86_400, problems),
    rollupCompactSeconds: integer(env, 'MINYI_ROLLUP_COMPACT_SECONDS', 10, 0, 86_400, problems),
    redisUrl,
    eventRetentionHours: integer(env, 'MINYI_EVENT_RETENTION_HOURS', 168, 1, 87_600, problems),
    eventRelayIntervalMs: integer(env, 'MINYI_EVENT_RELAY_INTERVAL_MS', 100, 10, 10_000, problems),
    hotPolicy: DEFAULT_HOT_POLICY,
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
