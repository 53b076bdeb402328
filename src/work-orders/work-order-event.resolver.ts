import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { Department, WorkOrder, WorkOrderEvent } from '../entities';
import { refreshContext, requireViewer, type HubContext } from '../graphql/context';
import { cursorOf, deliveredDocument, orderEventStream, type OrderEventArgs } from '../graphql/event-subscription';
import type { Logged } from '../events/event-log';
import { Topics, type WorkOrderEventMessage } from '../events/topics';

@Resolver(() => WorkOrderEvent)
export class WorkOrderEventResolver {
  @Authorized(Permissions.subscribeWorkOrderEvents)
  @Subscription(() => WorkOrderEvent, {
    subscribe: ({ args, context }) => orderEventStream<WorkOrderEventMessage>(context as HubContext, Topics.WORK_ORDER_EVENTS, args as OrderEventArgs),
    description:
      '工单时间线事件（提交后推送，按可见范围过滤；可凭 since 续传）Timeline events as they are committed, only for orders the viewer may see; departmentCode narrows to one department subtree; since resumes after an event cursor',
  })
  async workOrderEvents(
    @Root() message: Logged<WorkOrderEventMessage>,
    @Ctx() ctx: HubContext,
    @Arg('departmentCode', () => String, { nullable: true, description: '只看该单位（含下级）Only this department and its sub-units' })
    _departmentCode?: string,
    @Arg('since', () => String, {
      nullable: true,
      description: '断线续传：先补发该事件游标之后的事件，再推送新事件 Resume after this event cursor: the events missed since then first, then live ones',
    })
    _since?: string,
  ): Promise<WorkOrderEvent> {
    requireViewer(ctx);
    refreshContext(ctx);
    return deliveredDocument(ctx, WorkOrderEvent, message.eventId, message.cursor, { zh: '时间线事件', en: 'Timeline event' });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '事件游标（订阅推送时有值；重连时作为 since 传回）Event cursor, set on subscription deliveries: pass the last one back as `since` when reconnecting',
  })
  cursor(@Root() event: WorkOrderEvent): string | null {
    return cursorOf(event);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '所属工单 The work order (null if not visible)' })
  workOrder(@Root() event: WorkOrderEvent, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(event.workOrder.id);
  }

  @FieldResolver(() => Department, { nullable: true, description: '操作人所在单位 Actor’s department' })
  actorDepartment(@Root() event: WorkOrderEvent, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return event.actorDepartment ? ctx.loaders.department.load(event.actorDepartment.id) : null;
  }
}
