import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createToken } from '../../src/auth/tokens';
import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config/config';
import { startHub, type Hub } from '../../src/hub';
import type { PullConnector } from '../../src/ingest/connector';
import { createTestDatabase } from './database';
import pino, { type Logger } from 'pino';

export interface TestHub {
  hub: Hub;
  em: () => EntityManager;
  /** Tokens by name: ADMIN, OPERATOR, ANALYST, LEADER, PETITION_OFFICER, CHANNEL:wzgz, HANDLER:SCJGJ, DEPT_LEADER:SCJGJ … */
  tokens: Record<string, string>;
  token(role: Role, scope?: string): Promise<string>;
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown }; path?: unknown[] }>;
}

/**
 * A real hub on a random port over its own fresh database, with the county's reference data (a copy
 * of the reference template: test/support/database.ts) and tokens for the common roles. Requests go
 * over real HTTP (fetch).
 */
export async function startTestHub(
  options: {
    pullConnectors?: ReadonlyMap<string, PullConnector>;
    /** More configuration, e.g. `{ MINYI_DEMO: '1' }` (wins over the defaults below). */
    env?: Record<string, string>;
    logger?: Logger;
  } = {},
): Promise<TestHub> {
  const database = await createTestDatabase({ referenceData: true });
  const em = () => database.orm.em.fork() as EntityManager;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    MINYI_DATA_KEY: randomBytes(32).toString('hex'),
    MINYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'minyi-test-data-')),
    LOG_LEVEL: 'silent',
    MINYI_ALERT_INTERVAL_SECONDS: '0', // tests run scans themselves
    MINYI_OUTBOX_INTERVAL_SECONDS: '0', // and deliver the outbox themselves
    MINYI_TEXT_ANALYZER_INTERVAL_MS: '0', // and run the text analyser themselves
    MINYI_RATE_LIMIT_PER_SECOND: '0', // tests drive one token hard; test/rate-limit.test.ts sets its own limits
    ...options.env,
  });
  const hub = await startHub(config, { database, logger: options.logger ?? pino({ level: 'silent' }), pullConnectors: options.pullConnectors ?? new Map() });
  const tokens: Record<string, string> = {};
  const token = async (role: Role, scope?: string) => {
    const key = scope ? `${role}:${scope}` : role;
    if (!tokens[key]) {
      const created = await createToken(em(), {
        role,
        departmentCode: role === Role.CHANNEL ? undefined : scope,
        channelCode: role === Role.CHANNEL ? scope : undefined,
      });
      tokens[key] = created.token;
    }
    return tokens[key];
  };
  for (const role of [Role.ADMIN, Role.OPERATOR, Role.ANALYST, Role.LEADER]) await token(role);
  await token(Role.PETITION_OFFICER, 'XFJ');
  for (const dept of ['SCJGJ', 'RSJ', 'JTYSJ']) {
    await token(Role.HANDLER, dept);
    await token(Role.DEPT_LEADER, dept);
  }
  await token(Role.CHANNEL, 'wzgz');

  return {
    hub,
    em,
    tokens,
    token,
    async gql(tokenValue, query, variables) {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(tokenValue ? { authorization: `Bearer ${tokenValue}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GqlResult<any>, 'status'>;
      return { ...body, status: response.status };
    },
    async close() {
      await hub.stop();
      await database.close();
    },
  };
}
