import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Permissions } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { Category, DuplicateCandidate, HotIssue, WorkOrder } from '../entities';
import { listComplexity, pagedComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';
import { WorkOrderConnection } from '../work-orders/work-order.types';
import { duplicateCandidatesOfOrders, hotIssuesOfOrders } from './hot-issue.query';

@ObjectType({ description: '文本分类建议（操作员设置分类即确认）Category suggested from the text; operators confirm by setting the category' })
export class CategorySuggestion {
  @Field(() => Category, { description: '建议分类 Suggested category' })
  category!: Category;

  @Field(() => Float, { description: '置信度（0–1）Confidence' })
  confidence!: number;
}

/** Per-request loaders of the links (one statement per kind for all the orders of a response). */
interface LinkLoaders {
  hotIssues: DataLoader<number, HotIssue[]>;
  duplicateCandidates: DataLoader<number, DuplicateCandidate[]>;
}

const perRequest = new WeakMap<object, LinkLoaders>();

function linkLoaders(ctx: HubContext): LinkLoaders {
  const key = ctx.loaders;
  let loaders = perRequest.get(key);
  if (!loaders) {
    const em = ctx.em;
    loaders = {
      hotIssues: new DataLoader<number, HotIssue[]>(async (ids) => {
        const groups = await hotIssuesOfOrders(em, ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      duplicateCandidates: new DataLoader<number, DuplicateCandidate[]>(async (ids) => {
        const groups = await duplicateCandidatesOfOrders(em, ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    };
    perRequest.set(key, loaders);
  }
  return loaders;
}

const allowed = (viewer: Viewer, roles: readonly string[]) => (roles as readonly string[]).includes(viewer.role);

/**
 * 重复投诉 / 多头投诉 / 热点 links from an order's side (issue 13), within the viewer's row scope:
 * linked orders come through `ctx.visibleOrders` (null or left out when not visible), lists through
 * dataloaders (one statement per kind for a whole page of orders).
 */
@Resolver(() => WorkOrder)
export class WorkOrderLinksResolver {
  @FieldResolver(() => CategorySuggestion, {
    nullable: true,
    description:
      '文本分类建议（无分类的工单由文本研判给出；分拨建议在无分类时使用）Category suggested from the text for an order without one (used by dispatch suggestions until an operator sets the category)',
  })
  async suggestedCategory(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<CategorySuggestion | null> {
    if (!order.suggestedCategory) return null;
    const category = await ctx.loaders.category.load(order.suggestedCategory.id);
    return category ? { category, confidence: order.suggestedCategoryConfidence ?? 0 } : null;
  }

  @FieldResolver(() => WorkOrder, {
    nullable: true,
    description: '重复投诉：该事项的首个工单（不可见时为空）Repeat complaint: the first order of the matter (null when not visible)',
  })
  repeatOf(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<WorkOrder | null> | null {
    return order.repeatOf ? ctx.visibleOrders.load(order.repeatOf.id) : null;
  }

  @FieldResolver(() => WorkOrderConnection, {
    complexity: pagedComplexity,
    description: '重复投诉：以本单为首单的后续工单（按可见范围，最近受理在前）Later repeat orders of this matter the viewer may see, latest first',
  })
  async repeats(
    @Root() order: WorkOrder,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100，默认 20）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
  ): Promise<WorkOrderConnection> {
    return new WorkOrderConnection(await ctx.services.workOrderQueries.list(ctx.em, requireViewer(ctx), { filter: { repeatOfIds: [order.id] }, first, after }));
  }

  @FieldResolver(() => [HotIssue], { complexity: listComplexity, description: '所属热点（已研判为热点的聚类）Hot issues this order belongs to' })
  async hotIssues(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<HotIssue[]> {
    if (!allowed(requireViewer(ctx), Permissions.readHotIssues)) return [];
    return linkLoaders(ctx).hotIssues.load(order.id);
  }

  @FieldResolver(() => [DuplicateCandidate], {
    complexity: listComplexity,
    description:
      '多头投诉候选（含本单，另一方须可见；含证据）Duplicate candidates involving this order whose other order the viewer may see, with their evidence',
  })
  async duplicateCandidates(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<DuplicateCandidate[]> {
    if (!allowed(requireViewer(ctx), Permissions.decideDuplicates)) return [];
    const list = await linkLoaders(ctx).duplicateCandidates.load(order.id);
    const others = await ctx.visibleOrders.loadMany(list.map((c) => (c.primary.id === order.id ? c.duplicate.id : c.primary.id)));
    return list.filter((_, i) => others[i] && !(others[i] instanceof Error));
  }
}
