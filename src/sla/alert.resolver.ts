import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Permissions } from '../auth/policy';
import { Alert, Department, WorkOrder } from '../entities';
import { AlertType } from '../entities/alert';
import { Connection, pagedComplexity } from '../graphql/connection';
import { refreshContext, requireViewer, type HubContext } from '../graphql/context';
import { deliverToViewer } from '../graphql/subscription-filter';
import { Topics, type AlertMessage } from '../events/topics';
import { listAlerts, type AlertFilterData } from './alert.query';

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
    topics: Topics.SLA_ALERTS,
    filter: deliverToViewer,
    description: '新预警（提交后推送，按可见范围过滤）New SLA alerts as they are raised, for orders the viewer may see; departmentCode narrows to one department subtree',
  })
  async slaAlerts(
    @Root() message: AlertMessage,
    @Ctx() ctx: HubContext,
    @Arg('departmentCode', () => String, { nullable: true, description: '只看该单位（含下级）Only this department and its sub-units' })
    _departmentCode?: string,
  ): Promise<Alert> {
    requireViewer(ctx);
    refreshContext(ctx);
    return ctx.em.findOneOrFail(Alert, message.alertId);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '工单 The work order' })
  workOrder(@Root() alert: Alert, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(alert.workOrder.id);
  }

  @FieldResolver(() => Department, { nullable: true, description: '责任单位（首办）Responsible (lead) department' })
  department(@Root() alert: Alert, @Ctx() ctx: HubContext): Promise<Department | null> | null {
    return alert.department ? ctx.loaders.department.load(alert.department.id) : null;
  }
}
