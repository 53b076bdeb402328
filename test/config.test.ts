import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has working defaults: embedded database, port 4000, info logs', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.logLevel).toBe('info');
    expect(config.demo).toBe(false);
    expect(config.redisUrl).toBeUndefined(); // events over PostgreSQL LISTEN/NOTIFY
    expect(config.eventRetentionHours).toBe(168);
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache:6379/2' }).redisUrl).toBe('redis://:secret@cache:6379/2');
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" must be a whole number/],
    ['PORT', '70000', /PORT="70000"/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL must look like postgresql/],
    ['MINYI_DATA_KEY', 'too-short', /MINYI_DATA_KEY must be 32 random bytes/],
    ['MINYI_DEMO', 'yes', /MINYI_DEMO="yes" must be 1\/true or 0\/false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" must be one of/],
    ['MINYI_DEMO_ORDERS', '-5', /MINYI_DEMO_ORDERS="-5"/],
    ['GRAPHQL_MAX_DEPTH', '1', /GRAPHQL_MAX_DEPTH="1"/],
    ['REDIS_URL', 'http://cache:6379', /REDIS_URL must look like redis:\/\//],
    ['MINYI_EVENT_RETENTION_HOURS', '0', /MINYI_EVENT_RETENTION_HOURS="0"/],
    ['MINYI_EVENT_RELAY_INTERVAL_MS', '5', /MINYI_EVENT_RELAY_INTERVAL_MS="5"/],
  ])('rejects %s=%s with a clear message', (name, value, message) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('reports every bad value at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y', MINYI_DEMO: 'z' })).toHaveLength(3);
  });

  it('requires MINYI_DATA_KEY with an external database', () => {
    expect(problems({ DATABASE_URL: 'postgresql://u@h:5432/db' })[0]).toMatch(/MINYI_DATA_KEY is required with DATABASE_URL/);
    expect(problems({ DATABASE_URL: 'postgresql://u@h:5432/db', MINYI_DATA_KEY: 'ab'.repeat(32) })).toEqual([]);
  });

  it('accepts hex and base64 keys', () => {
    expect(loadConfig({ MINYI_DATA_KEY: 'ab'.repeat(32) }).dataKey).toHaveLength(32);
    expect(loadConfig({ MINYI_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }).dataKey).toHaveLength(32);
  });

  it('the real entry point exits with the messages before touching anything', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'main.js')], {
      env: { PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration 配置无效');
    expect(result.stderr).toContain('PORT="eighty"');
    expect(result.stderr).toContain('LOG_LEVEL="chatty"');
  });
});
