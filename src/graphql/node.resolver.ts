import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { fromGlobalId } from '../common/relay';
import { Assignment, Callback, Category, Channel, Department, Region, Reply, WorkOrderEvent, WorkOrderSource } from '../entities';
import { requireViewer, type HubContext } from './context';
import { Node } from './node';

/** Objects that belong to a work order: visible exactly when their order is. */
const ORDER_CHILDREN = { Assignment, Callback, Reply, WorkOrderEvent, WorkOrderSource } as const;

@Resolver()
export class NodeResolver {
  @Authorized(Permissions.readReference)
  @Query(() => Node, { nullable: true, description: '按全局 ID 取任意对象 Fetch any object by its global ID (Relay)' })
  async node(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: '全局 ID Global ID' }) id: string): Promise<Node | null> {
    requireViewer(ctx);
    const { type, id: local } = fromGlobalId(id);
    switch (type) {
      case 'WorkOrder':
        return ctx.visibleOrders.load(local);
      case 'Department':
        return ctx.loaders.department.load(local);
      case 'Channel':
        return ctx.loaders.channel.load(local);
      case 'Category':
        return ctx.loaders.category.load(local);
      case 'Region':
        return ctx.loaders.region.load(local);
    }
    if (type in ORDER_CHILDREN) {
      const entity = ORDER_CHILDREN[type as keyof typeof ORDER_CHILDREN];
      const child = (await ctx.em.findOne(entity as typeof Reply, local)) as (Node & { workOrder: { id: number } }) | null;
      return child && (await ctx.visibleOrders.load(child.workOrder.id)) ? child : null;
    }
    return null;
  }
}
