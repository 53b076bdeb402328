import type { EntityManager } from '@mikro-orm/postgresql';
import { CONNECTORS } from '../connectors';
import type { HubConfig } from './config/config';
import type { Database } from './db/database';
import { PgEventBus } from './events/pg-event-bus';
import { Topics } from './events/topics';
import { ConnectorCatalog } from './ingest/connector-catalog';
import type { ConnectorDefinition } from './ingest/connector-definition';
import { standaloneIngest } from './ingest/standalone';
import { SyncRunner } from './ingest/sync-runner';
import { DataCipher } from './pii/cipher';
import { resolveDataKey } from './pii/data-key';

/**
 * The composition root: the one file that names the connector list (connectors/index.ts) and hands
 * it to the runtime, which names no connector (test/architecture.test.ts). The hub (src/hub.ts) and
 * the CLI (src/cli/sync-once.ts) both compose through it.
 */

/** The connector definitions, by channel code: the list this build has, or the given one (tests). */
export function connectorCatalog(definitions: readonly ConnectorDefinition[] = CONNECTORS): ConnectorCatalog {
  return new ConnectorCatalog(definitions);
}

/**
 * The ingestion runtime outside a running hub (the CLI's sync and import): an event bus of its own
 * (LISTEN and the sync lock need a session of their own), the data key, and the services the hub
 * wires for ingestion, for `body`; closed when it ends.
 */
export async function withStandaloneRunner<T>(
  config: HubConfig,
  db: Database,
  catalog: ConnectorCatalog,
  body: (runner: SyncRunner) => Promise<T>,
): Promise<T> {
  const sessionUrl = db.sessionUrl ?? db.url;
  const bus = await PgEventBus.start(sessionUrl, Object.values(Topics));
  try {
    const cipher = new DataCipher(resolveDataKey(config.dataKey, config.dataDir));
    const fork = () => db.orm.em.fork() as EntityManager;
    const ingest = standaloneIngest(cipher, bus, fork, catalog, { returnWindowHours: config.returnWindowHours });
    return await body(new SyncRunner(sessionUrl, fork, ingest));
  } finally {
    await bus.close();
  }
}
