import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubConfig } from '../config/config';
import type { Database } from '../db/database';
import { PgEventBus } from '../events/pg-event-bus';
import { Topics } from '../events/topics';
import { IngestService } from '../ingest/ingest.service';
import { configuredPullConnectors } from '../ingest/pull-connectors';
import { SyncRunner } from '../ingest/sync-runner';
import { DataCipher } from '../pii/cipher';
import { resolveDataKey } from '../pii/data-key';
import { ReferenceCache } from '../reference/reference-cache';
import { SlaService } from '../sla/sla.service';
import { WorkOrderService } from '../work-orders/work-order.service';

/** `npm run minyi -- sync CODE`: one pull of a configured channel, outside a running hub. */
export async function syncOnce(config: HubConfig, db: Database, code: string) {
  const connectors = configuredPullConnectors();
  const connector = connectors.get(code);
  if (!connector) throw new Error(`No pull connector is configured for ${code} (set MINYI_${code.toUpperCase()}_URL and its credentials)`);
  const bus = await PgEventBus.start(db.url, Object.values(Topics));
  try {
    const cipher = new DataCipher(resolveDataKey(config.dataKey, config.dataDir));
    const fork = () => db.orm.em.fork() as EntityManager;
    const workOrders = new WorkOrderService(cipher, bus, new SlaService(new ReferenceCache(fork)));
    const runner = new SyncRunner(db.url, fork, new IngestService(cipher, workOrders, bus));
    const run = await runner.run(connector, 'CLI');
    return run && {
      status: run.status,
      pages: run.pages,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      superseded: run.superseded,
      quarantined: run.quarantined,
      retries: run.retries,
      errors: run.errors,
    };
  } finally {
    for (const c of connectors.values()) c.close?.();
    await bus.close();
  }
}
