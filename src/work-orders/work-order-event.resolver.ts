import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { deliverToViewer } from '../graphql/subscription-filter';
import { Department, WorkOrder, WorkOrderEvent } from '../entities';
import { refreshContext, requireViewer, type HubContext } from '../graphql/context';
import { Topics, type WorkOrderEventMessage } from '../events/topics';

@Resolver(() => WorkOrderEvent)
export class WorkOrderEventResolver {
  @Authorized(Permissions.subscribeWorkOrderEvents)
  @Subscription(() => WorkOrderEvent, {
    topics: Topics.WORK_ORDER_EVENTS,
    filter: deliverToViewer,
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
