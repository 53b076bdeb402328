import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Viewer } from '../auth/viewer';
import type { WorkOrder } from '../entities';
import { unauthenticated } from '../common/errors';
import type { HubServices } from '../services';
import { createLoaders, type Loaders } from './loaders';

/**
 * Per request (HTTP) or per operation event (WebSocket): one forked EntityManager and fresh
 * dataloaders, so nothing leaks between requests and every list is batched.
 */
export interface HubContext {
  requestId: string;
  viewer: Viewer | null;
  em: EntityManager;
  loaders: Loaders;
  /** Work orders by id, within the viewer's row scope (null: absent or not visible). */
  visibleOrders: DataLoader<number, WorkOrder | null>;
  services: HubServices;
}

function visibleOrdersLoader(services: HubServices, em: EntityManager, viewer: Viewer | null) {
  return new DataLoader<number, WorkOrder | null>(async (ids) => {
    if (!viewer) return ids.map(() => null);
    const orders = await services.workOrderQueries.byIds(em, viewer, ids);
    const map = new Map(orders.map((o) => [o.id, o]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function createContext(
  services: HubServices,
  viewer: Viewer | null,
  requestId: string,
  em: EntityManager = services.orm.em.fork() as EntityManager,
): HubContext {
  return { requestId, viewer, em, loaders: createLoaders(em, services.referenceCache), visibleOrders: visibleOrdersLoader(services, em, viewer), services };
}

/** Gives a long-lived (subscription) context a fresh EntityManager and loaders for the next event. */
export function refreshContext(ctx: HubContext): void {
  ctx.em = ctx.services.orm.em.fork() as EntityManager;
  ctx.loaders = createLoaders(ctx.em, ctx.services.referenceCache);
  ctx.visibleOrders = visibleOrdersLoader(ctx.services, ctx.em, ctx.viewer);
}

export function requireViewer(ctx: HubContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
