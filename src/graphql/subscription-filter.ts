import type { SubscriptionHandlerData } from 'type-graphql';
import { canSeeOrder, type OrderVisibilityFacts } from '../auth/policy';
import { inViewerSubtree } from '../auth/viewer';
import { Department } from '../entities';
import type { HubContext } from './context';

interface DepartmentArgs {
  departmentCode?: string | null;
}

/** Subscription contexts remember department code → path lookups for their filters. */
const pathCache = new WeakMap<HubContext, Map<string, string | null>>();

async function departmentPath(ctx: HubContext, code: string): Promise<string | null> {
  let cache = pathCache.get(ctx);
  if (!cache) pathCache.set(ctx, (cache = new Map()));
  if (!cache.has(code)) {
    const department = await ctx.services.orm.em.fork().findOne(Department, { code });
    cache.set(code, department?.path ?? null);
  }
  return cache.get(code)!;
}

/**
 * A published message (carrying its order's visibility facts) goes to a subscriber who may see
 * that order, and, when the subscriber asked for one department, only if the order is assigned
 * within that department's subtree. (As a type-graphql `filter`; the hub's own subscriptions go
 * through graphql/event-subscription.ts, which adds `since` and the cursor.)
 */
export async function deliverToViewer({ payload, args, context }: SubscriptionHandlerData<OrderVisibilityFacts, DepartmentArgs, HubContext>): Promise<boolean> {
  return viewerFilter(context, args)(payload);
}

/**
 * The rule as a filter built once per subscription: synchronous (no promise per event) except for
 * the one department lookup the first time a `departmentCode` is used (cached per context).
 */
export function viewerFilter(context: HubContext, args: DepartmentArgs): (payload: OrderVisibilityFacts) => boolean | Promise<boolean> {
  const viewer = context.viewer;
  const code = args.departmentCode;
  if (!viewer) return () => false;
  if (!code) return (payload) => canSeeOrder(viewer, payload);
  let scope: { path: string | null } | undefined;
  const inScope = (payload: OrderVisibilityFacts, path: string | null) =>
    !!path && payload.departmentPaths.some((p: string) => inViewerSubtree({ ...viewer, departmentPath: path }, p));
  return (payload) => {
    if (!canSeeOrder(viewer, payload)) return false;
    if (scope) return inScope(payload, scope.path);
    return departmentPath(context, code).then((path) => {
      scope = { path };
      return inScope(payload, path);
    });
  };
}
