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
 * within that department's subtree.
 */
export async function deliverToViewer({
  payload,
  args,
  context,
}: SubscriptionHandlerData<OrderVisibilityFacts, DepartmentArgs, HubContext>): Promise<boolean> {
  const viewer = context.viewer;
  if (!viewer || !canSeeOrder(viewer, payload)) return false;
  if (!args.departmentCode) return true;
  const path = await departmentPath(context, args.departmentCode);
  return !!path && payload.departmentPaths.some((p: string) => inViewerSubtree({ ...viewer, departmentPath: path }, p));
}
