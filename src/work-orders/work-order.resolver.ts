import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { badInput } from '../common/errors';
import { localId } from '../common/relay';
import {
  Assignment,
  Callback,
  Category,
  Channel,
  Department,
  ExtensionRequest,
  OutboxMessage,
  Region,
  Reply,
  Supervision,
  TerminationRequest,
  WorkOrder,
  WorkOrderEvent,
  WorkOrderSource,
  ChannelEvaluation,
} from '../entities';
import { listComplexity, pagedComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';
import { selectedFields } from '../graphql/selection';
import { SlaState, slaStanding } from '../sla/sla-state';
import { actorOf } from './timeline';
import { WorkOrderAction } from './transitions';
import { AssignmentStatus, RequestStatus } from './enums';
import { candidateActions, factsNeeded, type LiveAssignment } from './preconditions';
import { Citizen, CreateWorkOrderInput, WorkOrderConnection, WorkOrderFilter, WorkOrderOrder } from './work-order.types';
import type { OrderChild, OrderRead, OrderReadShape } from './work-order.query';

/** A relation a foreign key guarantees (channel, region, an assignment's department): the loaded row, present. */
function required<T>(row: T | null | Promise<T | null>): T | Promise<T> {
  return row as T | Promise<T>;
}

/**
 * WorkOrder fields that read none of the order's content and personal-data columns: when a
 * selection asks only for these, the orders are read without those columns (work-order.query.ts
 * OrderReadShape.light). Any other field (content, citizen, one added later) reads the whole row.
 */
const LIGHT_FIELDS = new Set([
  '__typename',
  'id',
  'code',
  'requestType',
  'title',
  'address',
  'urgency',
  'timeLimitClass',
  'status',
  'receivedAt',
  'signDueAt',
  'firstContactDueAt',
  'dueAt',
  'dispatchedAt',
  'signedAt',
  'firstContactAt',
  'repliedAt',
  'closedAt',
  'reworkCount',
  'returnCount',
  'repeatCount',
  'consultationListedAt',
  'slaWarning',
  'version',
  'createdAt',
  'updatedAt',
  'channel',
  'category',
  'region',
  'leadDepartment',
  'overdue',
  'slaState',
  'remainingSeconds',
  'latestReply',
  'availableActions',
  'sources',
  'assignments',
  'replies',
  'callbacks',
  'timeline',
  'extensionRequests',
  'terminationRequests',
  'writeBacks',
  'channelEvaluations',
  'supervisions',
]);

/** The order page's children read with the order (field → OrderChild). */
const CHILD_FIELDS: ReadonlyArray<[string, OrderChild]> = [
  ['timeline', 'events'],
  ['assignments', 'assignments'],
  ['replies', 'replies'],
  ['callbacks', 'callbacks'],
  ['sources', 'sources'],
];

/** What the selected WorkOrder fields need read with the orders. */
function readShape(fields: Set<string>, withChildren: boolean): OrderReadShape {
  return {
    light: [...fields].every((f) => LIGHT_FIELDS.has(f)),
    latestReply: fields.has('latestReply'),
    children: withChildren ? CHILD_FIELDS.filter(([field]) => fields.has(field)).map(([, child]) => child) : [],
  };
}

/** Hands what was read with the orders to the request's loaders, which then answer the field resolvers without a statement. */
function prime(ctx: HubContext, read: OrderRead): void {
  const id = read.order.id;
  if (read.latestReply !== undefined) ctx.loaders.latestReplyByOrder.clear(id).prime(id, read.latestReply);
  const children = read.children ?? {};
  const loaders = {
    events: ctx.loaders.eventsByOrder,
    assignments: ctx.loaders.assignmentsByOrder,
    replies: ctx.loaders.repliesByOrder,
    callbacks: ctx.loaders.callbacksByOrder,
    sources: ctx.loaders.sourcesByOrder,
  } as const;
  for (const [child, rows] of Object.entries(children) as Array<[OrderChild, never[]]>) loaders[child].clear(id).prime(id, rows);
}

/** Thin: authorise (@Authorized + row scope in the query service), load, call a service, return. */
@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  @Authorized(Permissions.readWorkOrders)
  @Query(() => WorkOrder, { nullable: true, description: '按 ID 或编号取工单 A work order by global ID or code' })
  async workOrder(
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true, description: '全局 ID Global ID' }) id?: string,
    @Arg('code', () => String, { nullable: true, description: '工单编号 Code' }) code?: string,
  ): Promise<WorkOrder | null> {
    const viewer = requireViewer(ctx);
    if (!id === !code) throw badInput('请提供 id 或 code 之一', 'give exactly one of id or code', 'id');
    const shape = readShape(selectedFields(info, []), true);
    if (code || shape.children?.length || shape.latestReply) {
      // The order page: the order and its children in one statement, handed to the loaders.
      const key = code ? { code } : { id: localId(id!, 'WorkOrder') };
      const read = await ctx.services.workOrderQueries.one(ctx.em, viewer, key, shape);
      if (read) prime(ctx, read);
      return read?.order ?? null;
    }
    return ctx.visibleOrders.load(localId(id!, 'WorkOrder'));
  }

  @Authorized(Permissions.readWorkOrders)
  @Query(() => WorkOrderConnection, {
    complexity: pagedComplexity,
    description: '工单列表（按角色限定范围）Work orders visible to the viewer, filtered and paged (Relay)',
  })
  async workOrders(
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => WorkOrderFilter, { nullable: true, description: '筛选 Filter' }) filter?: WorkOrderFilter,
    @Arg('orderBy', () => WorkOrderOrder, { nullable: true, description: '排序（默认受理时间倒序）Order, default newest received first' })
    orderBy?: WorkOrderOrder,
    @Arg('first', () => Int, { nullable: true, description: '向后取条数（≤100，默认 20）Page size forwards' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标之后 After cursor' }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: '向前取条数（≤100）Page size backwards' }) last?: number,
    @Arg('before', () => String, { nullable: true, description: '游标之前 Before cursor' }) before?: string,
  ): Promise<WorkOrderConnection> {
    const viewer = requireViewer(ctx);
    // The fields asked of the orders decide the columns read and whether the latest replies come in the same statement.
    const fields = new Set([...selectedFields(info, ['edges', 'node']), ...selectedFields(info, ['nodes'])]);
    const { connection, latestReplies } = await ctx.services.workOrderQueries.listWith(
      ctx.em,
      viewer,
      { filter, orderBy, first, after, last, before },
      readShape(fields, false),
    );
    for (const order of connection.edges.map((e) => e.node))
      prime(ctx, { order, latestReply: latestReplies ? (latestReplies.get(order.id) ?? null) : undefined });
    return new WorkOrderConnection(connection);
  }

  @Authorized(Permissions.createWorkOrder)
  @Mutation(() => WorkOrder, { description: '热线受理：新建工单（话务员）Create a work order from a 12345 call (operator)' })
  async createWorkOrder(
    @Ctx() ctx: HubContext,
    @Arg('input', () => CreateWorkOrderInput, { description: '工单内容 The order' }) input: CreateWorkOrderInput,
  ): Promise<WorkOrder> {
    const viewer = requireViewer(ctx);
    return ctx.services.workOrders.create(ctx.em, actorOf(viewer), input);
  }

  @Authorized(Permissions.revealCitizen)
  @Mutation(() => Citizen, {
    description: '查看明文个人信息（留痕）Reveal the citizen in clear; allowed roles only, every call is audited',
  })
  async revealCitizen(
    @Ctx() ctx: HubContext,
    @Arg('workOrderId', () => ID, { description: '工单全局 ID Work-order global ID' }) workOrderId: string,
    @Arg('reason', () => String, { description: '查看原因 Reason for viewing (recorded)' }) reason: string,
  ): Promise<Citizen> {
    const viewer = requireViewer(ctx);
    return ctx.services.citizens.reveal(ctx.em, viewer, localId(workOrderId, 'WorkOrder'), reason, ctx.requestId);
  }

  @FieldResolver(() => Citizen, { description: '诉求人（脱敏）Citizen, masked' })
  citizen(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Citizen {
    return ctx.services.citizens.masked(requireViewer(ctx), order);
  }

  @FieldResolver(() => Channel, { description: '首个来源渠道 Channel the order first came through' })
  channel(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Channel | Promise<Channel> {
    return required(ctx.loaders.channel.load(order.channel.id));
  }

  @FieldResolver(() => Category, { nullable: true, description: '诉求分类 Category' })
  category(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Category | Promise<Category | null> | null {
    return order.category ? ctx.loaders.category.load(order.category.id) : null;
  }

  @FieldResolver(() => Region, { description: '事发地区划 Region where it happened' })
  region(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Region | Promise<Region> {
    return required(ctx.loaders.region.load(order.region.id));
  }

  @FieldResolver(() => Department, { nullable: true, description: '首办（主办）单位 Lead department (首办负责)' })
  leadDepartment(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return order.leadDepartment ? ctx.loaders.department.load(order.leadDepartment.id) : null;
  }

  @FieldResolver(() => Boolean, { description: '是否超期 Past its reply deadline and not finished' })
  overdue(@Root() order: WorkOrder): boolean {
    return slaStanding(order)?.state === SlaState.OVERDUE;
  }

  @FieldResolver(() => SlaState, { nullable: true, description: '时限状态（办结后为空）Standing against the reply deadline; null once finished' })
  slaState(@Root() order: WorkOrder): SlaState | null {
    return slaStanding(order)?.state ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: '剩余秒数（超期为负，办结后为空）Seconds left to the reply deadline; negative when overdue' })
  remainingSeconds(@Root() order: WorkOrder): number | null {
    const standing = slaStanding(order);
    return standing ? Math.round(standing.remainingMs / 1000) : null;
  }

  @FieldResolver(() => [WorkOrderSource], { complexity: listComplexity, description: '来源记录（多头投诉）Channel records behind the order' })
  sources(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<WorkOrderSource[]> {
    return ctx.loaders.sourcesByOrder.load(order.id);
  }

  @FieldResolver(() => [Assignment], { complexity: listComplexity, description: '承办分派 Assignments (lead and co-handlers)' })
  assignments(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<Assignment[]> {
    return ctx.loaders.assignmentsByOrder.load(order.id);
  }

  @FieldResolver(() => [Reply], { complexity: listComplexity, description: '答复记录 Replies, oldest first' })
  replies(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<Reply[]> {
    return ctx.loaders.repliesByOrder.load(order.id);
  }

  @FieldResolver(() => Reply, { nullable: true, description: '最新答复 Latest reply' })
  latestReply(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<Reply | null> {
    return ctx.loaders.latestReplyByOrder.load(order.id);
  }

  @FieldResolver(() => [Callback], { complexity: listComplexity, description: '回访记录 Callbacks' })
  callbacks(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<Callback[]> {
    return ctx.loaders.callbacksByOrder.load(order.id);
  }

  @FieldResolver(() => [ExtensionRequest], { complexity: listComplexity, description: '延期申请 Extension requests' })
  extensionRequests(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<ExtensionRequest[]> {
    return ctx.loaders.extensionsByOrder.load(order.id);
  }

  @FieldResolver(() => [TerminationRequest], { complexity: listComplexity, description: '终结申请 Termination requests' })
  terminationRequests(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<TerminationRequest[]> {
    return ctx.loaders.terminationsByOrder.load(order.id);
  }

  @FieldResolver(() => [OutboxMessage], {
    complexity: listComplexity,
    description: '回传原平台（统一回复）Write-backs to the origin channels and their delivery state',
  })
  writeBacks(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<OutboxMessage[]> {
    return ctx.loaders.writeBacksByOrder.load(order.id);
  }

  @FieldResolver(() => [ChannelEvaluation], {
    complexity: listComplexity,
    description: '渠道评价（如留言板网民评价，与中心回访并列）Evaluations by the origin channel’s users, next to the centre’s callback',
  })
  channelEvaluations(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<ChannelEvaluation[]> {
    return ctx.loaders.channelEvaluationsByOrder.load(order.id);
  }

  @FieldResolver(() => [Supervision], { complexity: listComplexity, description: '督办记录 Supervisions' })
  supervisions(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<Supervision[]> {
    return ctx.loaders.supervisionsByOrder.load(order.id);
  }

  @FieldResolver(() => [WorkOrderAction], {
    description:
      '当前可对本工单执行的操作（角色、状态、单位范围及待审批申请、签收情况、退单时限等前置条件均已满足）Actions the viewer can take on this order now: role, state, department scope and the action’s own preconditions (pending requests, who has signed, the return window) all hold, as the mutations check them',
  })
  async availableActions(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<WorkOrderAction[]> {
    const viewer = requireViewer(ctx);
    const candidates = candidateActions(order.status, viewer);
    if (!candidates.length) return [];
    // Batched over a list: at most one statement each for assignments and requests, and only when a candidate needs them.
    const needed = factsNeeded(candidates);
    const [assignments, extensions, terminations] = await Promise.all([
      needed.assignments ? this.liveAssignments(ctx, order.id) : [],
      needed.pendingExtension ? ctx.loaders.extensionsByOrder.load(order.id) : [],
      needed.pendingTermination ? ctx.loaders.terminationsByOrder.load(order.id) : [],
    ]);
    const facts = {
      status: order.status,
      assignments,
      pendingExtension: extensions.some((r) => r.status === RequestStatus.PENDING),
      pendingTermination: terminations.some((r) => r.status === RequestStatus.PENDING),
    };
    return ctx.services.lifecycle.availableActions(viewer, facts, new Date(), candidates);
  }

  /** Live assignments, oldest first (as the lifecycle service reads them), with their departments' paths from the reference cache. */
  private async liveAssignments(ctx: HubContext, orderId: number): Promise<LiveAssignment[]> {
    const live = (await ctx.loaders.assignmentsByOrder.load(orderId))
      .filter((a) => a.status === AssignmentStatus.PENDING || a.status === AssignmentStatus.SIGNED)
      .sort((a, b) => a.id - b.id);
    const departments = await Promise.all(live.map((a) => ctx.loaders.department.load(a.department.id)));
    return live.flatMap((a, i) =>
      departments[i] ? [{ role: a.role, status: a.status, signedAt: a.signedAt, department: { path: departments[i]!.path } }] : [],
    );
  }

  @FieldResolver(() => [WorkOrderEvent], { complexity: listComplexity, description: '时间线 Timeline, oldest first' })
  timeline(@Root() order: WorkOrder, @Ctx() ctx: HubContext): Promise<WorkOrderEvent[]> {
    return ctx.loaders.eventsByOrder.load(order.id);
  }
}

@Resolver(() => Assignment)
export class AssignmentResolver {
  @FieldResolver(() => Department, { description: '承办单位 Department' })
  department(@Root() a: Assignment, @Ctx() ctx: HubContext): Department | Promise<Department> {
    return required(ctx.loaders.department.load(a.department.id));
  }
}

@Resolver(() => Reply)
export class ReplyResolver {
  @FieldResolver(() => Department, { description: '答复单位 Replying department' })
  department(@Root() r: Reply, @Ctx() ctx: HubContext): Department | Promise<Department> {
    return required(ctx.loaders.department.load(r.department.id));
  }
}

@Resolver(() => WorkOrderSource)
export class WorkOrderSourceResolver {
  @FieldResolver(() => Channel, { description: '渠道 Channel' })
  channel(@Root() s: WorkOrderSource, @Ctx() ctx: HubContext): Channel | Promise<Channel> {
    return required(ctx.loaders.channel.load(s.channel.id));
  }
}
