import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Permissions } from '../auth/policy';
import { Alert, Department, WorkOrder } from '../entities';
import { Connection, pagedComplexity } from '../graphql/connection';
import { refreshContext, requireViewer, type HubContext } from '../graphql/context';
import { cursorOf, deliveredDocument, orderEventStream, type OrderEventArgs } from '../graphql/event-subscription';
import type { Logged } from '../events/event-log';
import { Topics, type AlertMessage } from '../events/topics';
import { listAlerts, type AlertFilterData } from './alert.query';
import { AlertType } from './vocabulary';

export const AlertConnection = Connection(Alert, 'Alert', '预警');
export type AlertConnection = InstanceType<typeof AlertConnection>;

@InputType({ description: '预警筛选 Alert filter' })
class AlertFilter implements AlertFilterData {
  @Field(() => [AlertType], { nullable: true, description: '类型 Types' })
  types?: AlertType[];

  @Field(() => [String], { nullable: true, description: '承办单位代码（含下级）Department codes, including sub-units' })
  departmentCodes?: string[];

  @Field(() => GraphQLDateTime, { nullable: true, description: '预警时间起 Raised at or after' })
  raisedFrom?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: '预警时间止 Raised before' })
  raisedTo?: Date;
}

@Resolver(() => Alert)
export class AlertResolver {
  @Authorized(Permissions.readAlerts)
  @Query(() => AlertConnection, { complexity: pagedComplexity, description: '时限预警（按可见范围）SLA alerts on the orders the viewer may see, newest first' })
  async alerts(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => AlertFilter, { nullable: true, description: '筛选 Filter' }) filter?: AlertFilter,
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: '向前条数 Page size backwards' }) last?: number,
    @Arg('before', () => String, { nullable: true, description: '游标之前 Before cursor' }) before?: string,
  ): Promise<AlertConnection> {
    return new AlertConnection(await listAlerts(ctx.em, requireViewer(ctx), { filter, first, after, last, before }));
  }

  @Authorized(Permissions.readAlerts)
  @Subscription(() => Alert, {
    subscribe: ({ args, context }) => orderEventStream<AlertMessage>(context as HubContext, Topics.SLA_ALERTS, args as OrderEventArgs),
    description:
      '新预警（提交后推送，按可见范围过滤；可凭 since 续传）New SLA alerts as they are raised, for orders the viewer may see; departmentCode narrows to one department subtree; since resumes after an event cursor',
  })
  async slaAlerts(
    @Root() message: Logged<AlertMessage>,
    @Ctx() ctx: HubContext,
    @Arg('departmentCode', () => String, { nullable: true, description: '只看该单位（含下级）Only this department and its sub-units' })
    _departmentCode?: string,
    @Arg('since', () => String, {
      nullable: true,
      description: '断线续传：先补发该事件游标之后的预警，再推送新预警 Resume after this event cursor: the alerts missed since then first, then live ones',
    })
    _since?: string,
  ): Promise<Alert> {
    requireViewer(ctx);
    refreshContext(ctx);
    return deliveredDocument(ctx, Alert, message.alertId, message.cursor, { zh: '预警', en: 'Alert' });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '事件游标（订阅推送时有值；重连时作为 since 传回）Event cursor, set on subscription deliveries: pass the last one back as `since` when reconnecting',
  })
  cursor(@Root() alert: Alert): string | null {
    return cursorOf(alert);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '工单 The work order' })
  workOrder(@Root() alert: Alert, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(alert.workOrder.id);
  }

  @FieldResolver(() => Department, { nullable: true, description: '责任单位（首办）Responsible (lead) department' })
  department(@Root() alert: Alert, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return alert.department ? ctx.loaders.department.load(alert.department.id) : null;
  }
}
