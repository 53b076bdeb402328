import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Permissions } from '../auth/policy';
import { localId, toGlobalId } from '../common/relay';
import { Category, DuplicateCandidate, HotIssue, Region, WorkOrder } from '../entities';
import { Connection, pagedComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';
import type { Logged } from '../events/event-log';
import { cursorOf } from '../graphql/event-subscription';
import { deliveredHotIssue, hotIssueStream, mergedFromOf, type HotIssueStreamArgs } from './hot-issue.subscription';
import type { HotIssueMessage } from './publication';
import { WorkOrderConnection } from '../work-orders/work-order.types';
import { findHotIssue, hotIssueTrend, listDuplicateCandidates, listHotIssues, type HotIssueFilterData, type HotIssueOrder } from './hot-issue.query';
import { DuplicateStatus, HotIssueStatus, HotIssueOrderBy } from './vocabulary';

export const HotIssueConnection = Connection(HotIssue, 'HotIssue', '热点');
export type HotIssueConnection = InstanceType<typeof HotIssueConnection>;
export const DuplicateCandidateConnection = Connection(DuplicateCandidate, 'DuplicateCandidate', '多头投诉候选');
export type DuplicateCandidateConnection = InstanceType<typeof DuplicateCandidateConnection>;

@InputType({ description: '热点筛选 Hot-issue filter' })
export class HotIssueFilter implements HotIssueFilterData {
  @Field(() => [HotIssueStatus], { nullable: true, description: '状态 Statuses' })
  statuses?: HotIssueStatus[];

  @Field(() => [String], { nullable: true, description: '镇（乡）区划代码 Township codes' })
  regionCodes?: string[];

  @Field(() => [String], { nullable: true, description: '分类代码（含下级）Category codes, including sub-categories' })
  categoryCodes?: string[];

  @Field(() => GraphQLDateTime, { nullable: true, description: '判定时间起 Detected at or after' })
  since?: Date;
}

@ObjectType({ description: '热点趋势（每日工单数）Hot-issue trend: member orders per day' })
export class TrendPoint {
  @Field({ description: '日期（北京时间）Date, Asia/Shanghai' })
  date!: string;

  @Field(() => Int, { description: '工单数 Orders' })
  count!: number;
}

@ObjectType({ description: '相似证据 Similarity evidence' })
export class DuplicateEvidence {
  @Field(() => [String], { description: '共同关键词 Shared keywords' })
  sharedKeywords!: string[];

  @Field({ description: 'MinHash 相似度（Jaccard 估计）MinHash Jaccard estimate' })
  jaccard!: number;

  @Field({ description: '关键词余弦相似度 Keyword cosine' })
  cosine!: number;

  @Field(() => Int, { description: '时间间隔（分钟）Time gap in minutes' })
  timeGapMinutes!: number;

  @Field(() => String, {
    nullable: true,
    description:
      '共同地点层级：spot（村/路/小区/公交线路）、place（场所类型）、township（同镇乡，均未写村/路）、township-spot（同镇乡，写的村/路不同或仅一方写）、none Most specific place the texts share',
  })
  placeMatch?: string | null;

  @Field({ description: '经同一热点聚类关联（非直接相似）Linked through the hot-issue cluster both joined, not directly similar' })
  viaHotIssue!: boolean;
}

@InputType({ description: '热点订阅筛选 Hot-issue subscription filter' })
export class HotIssueSubscriptionFilter {
  @Field(() => [String], { nullable: true, description: '镇（乡）区划代码 Township codes' })
  regionCodes?: string[];

  @Field(() => [String], { nullable: true, description: '分类代码（含下级）Category codes, including sub-categories' })
  categoryCodes?: string[];
}

const SINCE = {
  nullable: true,
  description: '断线续传：先补发该事件游标之后的事件，再推送新事件 Resume after this event cursor: the events missed since then first, then live ones',
} as const;

@Resolver(() => HotIssue)
export class HotIssueResolver {
  @Authorized(Permissions.readHotIssues)
  @Subscription(() => HotIssue, {
    subscribe: ({ args, context }) => hotIssueStream(context as HubContext, { ...(args as HotIssueStreamArgs), detectedOnly: true }),
    description:
      '新发现的热点（提交后推送，按可见范围与筛选过滤；可凭 since 续传）Hot issues as they are detected, within the viewer’s scope and the filter; since resumes after an event cursor',
  })
  hotIssueDetected(
    @Root() message: Logged<HotIssueMessage>,
    @Ctx() ctx: HubContext,
    @Arg('filter', () => HotIssueSubscriptionFilter, { nullable: true, description: '筛选 Filter' }) _filter?: HotIssueSubscriptionFilter,
    @Arg('since', () => String, SINCE) _since?: string,
  ): Promise<HotIssue> {
    return deliveredHotIssue(ctx, message);
  }

  @Authorized(Permissions.readHotIssues)
  @Subscription(() => HotIssue, {
    subscribe: ({ args, context }) => hotIssueStream(context as HubContext, args as HotIssueStreamArgs),
    description:
      '某热点的变化（新成员、热度、状态；被并入另一热点时推送该热点，mergedFrom 含本 ID，此后不再推送）Changes of one hot issue: members, score, status. When it is folded into another (簇合并), the event carries that hot issue, whose mergedFrom names this id; no events follow for this id',
  })
  hotIssueUpdated(
    @Root() message: Logged<HotIssueMessage>,
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: '热点 ID Hot-issue ID' }) _id: string,
    @Arg('since', () => String, SINCE) _since?: string,
  ): Promise<HotIssue> {
    return deliveredHotIssue(ctx, message);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '事件游标（订阅推送时有值；重连时作为 since 传回）Event cursor, set on subscription deliveries: pass the last one back as `since` when reconnecting',
  })
  cursor(@Root() issue: HotIssue): string | null {
    return cursorOf(issue);
  }

  @FieldResolver(() => [ID], {
    description:
      '簇合并：本次推送并入此热点的热点 ID（仅订阅推送时有值，否则为空）Hot issues this event folded into this one (簇合并); set on subscription deliveries only, empty otherwise',
  })
  mergedFrom(@Root() issue: HotIssue): string[] {
    return mergedFromOf(issue).map((id) => toGlobalId('HotIssue', id));
  }

  @Authorized(Permissions.readHotIssues)
  @Query(() => HotIssueConnection, { complexity: pagedComplexity, description: '热点诉求（按可见范围）Hot issues the viewer may see' })
  async hotIssues(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => HotIssueFilter, { nullable: true, description: '筛选 Filter' }) filter?: HotIssueFilter,
    @Arg('orderBy', () => HotIssueOrderBy, { nullable: true, description: '排序（默认热度分）Order (default: score)' }) orderBy?: HotIssueOrderBy,
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
  ): Promise<HotIssueConnection> {
    return new HotIssueConnection(await listHotIssues(ctx.em, requireViewer(ctx), { filter, orderBy: orderBy as HotIssueOrder | undefined, first, after }));
  }

  @Authorized(Permissions.readHotIssues)
  @Query(() => HotIssue, { nullable: true, description: '一个热点 One hot issue' })
  hotIssue(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: '热点 ID Hot-issue ID' }) id: string): Promise<HotIssue | null> {
    return findHotIssue(ctx.em, requireViewer(ctx), localId(id, 'HotIssue'));
  }

  @Authorized(Permissions.decideHotIssues)
  @Mutation(() => HotIssue, { description: '热点研判：确认、排除或标记已化解 Confirm, dismiss or resolve a hot issue' })
  async updateHotIssueStatus(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: '热点 ID Hot-issue ID' }) id: string,
    @Arg('status', () => HotIssueStatus, { description: '新状态 New status' }) status: HotIssueStatus,
  ): Promise<HotIssue> {
    const viewer = requireViewer(ctx);
    await ctx.services.hotIssues.updateStatus(ctx.em, viewer, localId(id, 'HotIssue'), status);
    return (await findHotIssue(ctx.em, viewer, localId(id, 'HotIssue')))!;
  }

  @FieldResolver(() => Region, { description: '镇（乡）Township' })
  async region(@Root() issue: HotIssue, @Ctx() ctx: HubContext): Promise<Region> {
    return (await ctx.loaders.region.load(issue.region.id))!;
  }

  @FieldResolver(() => Category, { nullable: true, description: '分类 Category' })
  category(@Root() issue: HotIssue, @Ctx() ctx: HubContext): Category | Promise<Category | null> | null {
    return issue.category ? ctx.loaders.category.load(issue.category.id) : null;
  }

  @FieldResolver(() => WorkOrderConnection, {
    complexity: pagedComplexity,
    description: '成员工单（按可见范围，最近受理在前）Member orders the viewer may see, latest received first',
  })
  async members(
    @Root() issue: HotIssue,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100，默认 20）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
  ): Promise<WorkOrderConnection> {
    return new WorkOrderConnection(await ctx.services.workOrderQueries.list(ctx.em, requireViewer(ctx), { filter: { hotIssueIds: [issue.id] }, first, after }));
  }

  @FieldResolver(() => [TrendPoint], { description: '趋势（每日成员数）Trend: member orders per day' })
  trend(@Root() issue: HotIssue, @Ctx() ctx: HubContext): Promise<TrendPoint[]> {
    return hotIssueTrend(ctx.em, issue.id);
  }
}

@Resolver(() => DuplicateCandidate)
export class DuplicateCandidateResolver {
  @Authorized(Permissions.decideDuplicates)
  @Query(() => DuplicateCandidateConnection, {
    complexity: pagedComplexity,
    description: '多头投诉候选（默认待研判）Duplicate candidates, pending by default, newest first',
  })
  async duplicateCandidates(
    @Ctx() ctx: HubContext,
    @Arg('statuses', () => [DuplicateStatus], { nullable: true, description: '状态 Statuses' }) statuses?: DuplicateStatus[],
    @Arg('first', () => Int, { nullable: true, description: '条数（≤100）Page size' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
  ): Promise<DuplicateCandidateConnection> {
    return new DuplicateCandidateConnection(await listDuplicateCandidates(ctx.em, requireViewer(ctx), { statuses, first, after }));
  }

  @Authorized(Permissions.decideDuplicates)
  @Mutation(() => Boolean, { description: '研判多头投诉候选：并单或排除 Decide a duplicate candidate: merge the pair or dismiss it' })
  async decideDuplicateCandidate(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: '候选 ID Candidate ID' }) id: string,
    @Arg('merge', { description: '是否并单 Merge (true) or dismiss (false)' }) merge: boolean,
  ): Promise<boolean> {
    await ctx.services.hotIssues.decideDuplicate(ctx.em, requireViewer(ctx), localId(id, 'DuplicateCandidate'), merge);
    return true;
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '先到的工单（主）The earlier order (primary)' })
  primary(@Root() c: DuplicateCandidate, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(c.primary.id);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: '后到的工单（重复）The later order (duplicate)' })
  duplicate(@Root() c: DuplicateCandidate, @Ctx() ctx: HubContext): Promise<WorkOrder | null> {
    return ctx.visibleOrders.load(c.duplicate.id);
  }

  @FieldResolver(() => DuplicateEvidence, { description: '证据 Evidence' })
  evidence(@Root() c: DuplicateCandidate): DuplicateEvidence {
    const e = c.evidence as {
      sharedKeywords?: string[];
      jaccard?: number;
      cosine?: number;
      timeGapMinutes?: number;
      placeMatch?: string;
      viaHotIssue?: boolean;
    };
    return {
      sharedKeywords: e.sharedKeywords ?? [],
      jaccard: e.jaccard ?? 0,
      cosine: e.cosine ?? 0,
      timeGapMinutes: e.timeGapMinutes ?? 0,
      placeMatch: e.placeMatch ?? null,
      viaHotIssue: e.viaHotIssue ?? false,
    };
  }
}
