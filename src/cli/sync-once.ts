import type { EntityManager } from '@mikro-orm/postgresql';
import { readFile12328 } from '../../connectors/12328/client';
import type { HubConfig } from '../config/config';
import type { Database } from '../db/database';
import type { SyncRun } from '../entities';
import { PgEventBus } from '../events/pg-event-bus';
import { Topics } from '../events/topics';
import { IngestService } from '../ingest/ingest.service';
import { CONNECTORS } from '../ingest/manifests';
import { configuredPullConnectors } from '../ingest/pull-connectors';
import { SyncRunner } from '../ingest/sync-runner';
import { DataCipher } from '../pii/cipher';
import { resolveDataKey } from '../pii/data-key';
import { ReferenceCache } from '../reference/reference-cache';
import { SlaService } from '../sla/sla.service';
import { WorkOrderService } from '../work-orders/work-order.service';
import { progressBar } from './progress';

/** The ingestion runtime outside a running hub (the CLI's sync and import). */
async function withRunner<T>(config: HubConfig, db: Database, body: (runner: SyncRunner) => Promise<T>): Promise<T> {
  const sessionUrl = db.sessionUrl ?? db.url; // LISTEN and the sync lock: a session of their own
  const bus = await PgEventBus.start(sessionUrl, Object.values(Topics));
  try {
    const cipher = new DataCipher(resolveDataKey(config.dataKey, config.dataDir));
    const fork = () => db.orm.em.fork() as EntityManager;
    const workOrders = new WorkOrderService(cipher, bus, new SlaService(new ReferenceCache(fork)));
    return await body(new SyncRunner(sessionUrl, fork, new IngestService(cipher, workOrders, bus)));
  } finally {
    await bus.close();
  }
}

function summary(run: SyncRun | null) {
  return (
    run && {
      status: run.status,
      pages: run.pages,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      superseded: run.superseded,
      quarantined: run.quarantined,
      retries: run.retries,
      errors: run.errors,
      notices: run.notices,
    }
  );
}

/** `npm run minyi -- sync CODE`: one pull of a configured channel, outside a running hub. */
export async function syncOnce(config: HubConfig, db: Database, code: string) {
  const connectors = configuredPullConnectors();
  const connector = connectors.get(code);
  if (!connector) throw new Error(`No pull connector is configured for ${code} (set MINYI_${code.toUpperCase()}_URL and its credentials)`);
  try {
    return summary(await withRunner(config, db, (runner) => runner.run(connector, 'CLI')));
  } finally {
    for (const c of connectors.values()) c.close?.();
  }
}

/**
 * `npm run minyi -- import 12328 FILE`: one 12328 file (CSV or XLSX) imported now, with a progress
 * bar; the file then counts as processed for the drop folder (same checkpoint).
 */
export async function importFile(config: HubConfig, db: Database, code: string, file: string) {
  if (code !== '12328') throw new Error(`import takes 12328 files only (got ${code})`);
  const connector = CONNECTORS.get('12328')!;
  return summary(
    await withRunner(config, db, (runner) =>
      runner.importPage(connector, (checkpoint) => readFile12328(file, { checkpoint, onProgress: progressBar('读取 reading ') }), progressBar('导入 importing')),
    ),
  );
}
