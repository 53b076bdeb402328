import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubConfig } from './config/config';
import type { Orm } from './db/orm';
import type { EventBus } from './events/event-bus';
import type { DataCipher } from './pii/cipher';
import { ReferenceCache } from './reference/reference-cache';
import { LifecycleService } from './work-orders/lifecycle.service';
import { CitizenService } from './work-orders/citizen.service';
import { WorkOrderQueries } from './work-orders/work-order.query';
import { WorkOrderService } from './work-orders/work-order.service';

/**
 * The hub's services, built once per process. They hold no per-request or per-instance
 * state beyond connections: several hub instances can serve the same database.
 */
export interface HubServices {
  config: HubConfig;
  orm: Orm;
  cipher: DataCipher;
  bus: EventBus;
  workOrders: WorkOrderService;
  workOrderQueries: WorkOrderQueries;
  citizens: CitizenService;
  referenceCache: ReferenceCache;
  lifecycle: LifecycleService;
}

export function createServices(config: HubConfig, orm: Orm, cipher: DataCipher, bus: EventBus): HubServices {
  const workOrderQueries = new WorkOrderQueries();
  return {
    config,
    orm,
    cipher,
    bus,
    workOrders: new WorkOrderService(cipher, bus),
    workOrderQueries,
    citizens: new CitizenService(cipher, workOrderQueries),
    referenceCache: new ReferenceCache(() => orm.em.fork() as EntityManager),
    lifecycle: new LifecycleService(bus, { returnWindowHours: config.returnWindowHours }),
  };
}
