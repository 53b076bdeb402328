import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';
import { canSeeOrder, Permissions } from '../auth/policy';
import { inViewerSubtree } from '../auth/viewer';
import { Department, WorkOrder, WorkOrderEvent } from '../entities';
import { refreshContext, requireViewer, type HubContext } from '../graphql/context';
import { Topics, type WorkOrderEventMessage } from '../events/topics';

interface EventArgs {
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

/** An event goes to a subscriber who may see its order (and, if asked, only for one department subtree). */
async function deliver({ payload, args, context }: SubscriptionHandlerData<WorkOrderEventMessage, EventArgs, HubContext>): Promise<boolean> {
  const viewer = context.viewer;
  if (!viewer || !canSeeOrder(viewer, payload)) return false;
  if (!args.departmentCode) return true;
  const path = await departmentPath(context, args.departmentCode);
  return !!path && payload.departmentPaths.some((p: string) => inViewerSubtree({ ...viewer, departmentPath: path }, p));
}

@Resolver(() => WorkOrderEvent)
export class WorkOrderEventResolver {
  @Authorized(Permissions.subscribeWorkOrderEvents)
  @Subscription(() => WorkOrderEvent, {
    topics: Topics.WORK_ORDER_EVENTS,
    filter: deliver,
    description:
      '工单时间线事件（提交后推送，按可见范围过滤）Timeline events as they are committed, only for orders the viewer may see; departmentCode narrows to one department subtree',
  })
  async workOrderEvents(
    @Root() message: WorkOrderEventMessage,
    @Ctx() ctx: HubContext,
    @Arg('departmentCode', () => String, { nullable: true, description: '只看该单位（含下级）Only this department and its sub-units' })
    _departmentCode?: string,
  ): Promise<WorkOrderEvent> {
    requireViewer(ctx);
    refreshContext(ctx);
    return ctx.em.findOneOrFail(WorkOrderEvent, message.eventId);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '所属工单 The work order (null if not visible)' })
  workOrder(@Root() event: WorkOrderEvent, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(event.workOrder.id);
  }

  @FieldResolver(() => Department, { nullable: true, description: '操作人所在单位 Actor’s department' })
  actorDepartment(@Root() event: WorkOrderEvent, @Ctx() ctx: HubContext): Promise<Department | null> | null {
    return event.actorDepartment ? ctx.loaders.department.load(event.actorDepartment.id) : null;
  }
}
