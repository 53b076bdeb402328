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

/**
 * The EntityManager and loaders are made on first use: a subscription holds a context for as long
 * as it lasts (thousands at once), and most events never touch them (see graphql/shared-execution.ts).
 */
class LazyContext implements HubContext {
  private forked?: EntityManager;
  private loaderSet?: Loaders;
  private visible?: DataLoader<number, WorkOrder | null>;

  constructor(
    readonly services: HubServices,
    public viewer: Viewer | null,
    public requestId: string,
    em?: EntityManager,
  ) {
    this.forked = em;
  }

  get em(): EntityManager {
    return (this.forked ??= this.services.orm.em.fork() as EntityManager);
  }
  set em(em: EntityManager) {
    this.forked = em;
  }
  get loaders(): Loaders {
    return (this.loaderSet ??= createLoaders(this.em, this.services.referenceCache));
  }
  set loaders(loaders: Loaders) {
    this.loaderSet = loaders;
  }
  get visibleOrders(): DataLoader<number, WorkOrder | null> {
    return (this.visible ??= visibleOrdersLoader(this.services, this.em, this.viewer));
  }
  set visibleOrders(loader: DataLoader<number, WorkOrder | null>) {
    this.visible = loader;
  }

  /** Forget the EntityManager and loaders: the next use makes fresh ones. */
  refresh(): void {
    this.forked = undefined;
    this.loaderSet = undefined;
    this.visible = undefined;
  }
}

export function createContext(services: HubServices, viewer: Viewer | null, requestId: string, em?: EntityManager): HubContext {
  return new LazyContext(services, viewer, requestId, em);
}

/** Gives a long-lived (subscription) context a fresh EntityManager and loaders for the next event (made on first use). */
export function refreshContext(ctx: HubContext): void {
  if (ctx instanceof LazyContext) {
    ctx.refresh();
    return;
  }
  ctx.em = ctx.services.orm.em.fork() as EntityManager;
  ctx.loaders = createLoaders(ctx.em, ctx.services.referenceCache);
  ctx.visibleOrders = visibleOrdersLoader(ctx.services, ctx.em, ctx.viewer);
}

export function requireViewer(ctx: HubContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
