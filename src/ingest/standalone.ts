import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../events/event-bus';
import type { DataCipher } from '../pii/cipher';
import { ReferenceCache } from '../reference/reference-cache';
import { SlaService } from '../sla/sla.service';
import { LifecycleService } from '../work-orders/lifecycle.service';
import { WorkOrderService } from '../work-orders/work-order.service';
import type { ConnectorCatalog } from './connector-catalog';
import { IngestService } from './ingest.service';

/**
 * The ingestion runtime outside a running hub (the CLI's sync and import, the ingest benchmark):
 * the same services createServices wires, for the given connectors.
 */
export function standaloneIngest(
  cipher: DataCipher,
  bus: EventBus,
  fork: () => EntityManager,
  connectors: ConnectorCatalog,
  options: { returnWindowHours: number },
): IngestService {
  const sla = new SlaService(new ReferenceCache(fork));
  const lifecycle = new LifecycleService(bus, sla, {
    returnWindowHours: options.returnWindowHours,
    writeBackTargets: (kind) => connectors.writeBackTargets(kind),
  });
  return new IngestService(cipher, new WorkOrderService(cipher, bus, sla), bus, { rulesFor: (code) => connectors.originRules(code), lifecycle });
}
