import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Permissions } from '../auth/policy';
import type { Role } from '../auth/roles';
import type { Viewer } from '../auth/viewer';
import { badInput } from '../common/errors';
import { parseGlobalId } from '../common/relay';
import {
  Alert,
  Assignment,
  Callback,
  ChannelEvaluation,
  DuplicateCandidate,
  ExtensionRequest,
  LeaderDutySchedule,
  OutboxMessage,
  Reply,
  ResponsibilityRule,
  SlaPolicy,
  Supervision,
  SyncRun,
  TerminationRequest,
  WorkOrderEvent,
  WorkOrderSource,
} from '../entities';
import { findHotIssue } from '../hot-issues/hot-issue.query';
import { requireViewer, type HubContext } from './context';
import { Node } from './node';

type EntityClass<T> = { new (...args: never[]): T; name: string };

/**
 * How `node`/`nodes` resolve one type: the roles that may read it (the same Permissions list as the
 * query or field that already exposes the type) and a loader that applies that field's row scope,
 * answering null for what the viewer may not see.
 */
export interface NodeType {
  roles: readonly Role[];
  load(ctx: HubContext, viewer: Viewer, id: number): Promise<Node | null>;
}

/** A row read by id, with no scope of its own beyond the roles (reference and administrative data). */
const row =
  <T extends Node & { id: number }>(entity: EntityClass<T>) =>
  (ctx: HubContext, _viewer: Viewer, id: number) =>
    ctx.loaders.rowById(entity).load(id);

/** Something that belongs to one work order (timeline, replies, requests, alerts…): visible exactly when its order is. */
const ofOrder =
  <T extends Node & { id: number; workOrder: { id: number } }>(entity: EntityClass<T>) =>
  async (ctx: HubContext, _viewer: Viewer, id: number) => {
    const child = await ctx.loaders.rowById(entity).load(id);
    return child && (await ctx.visibleOrders.load(child.workOrder.id)) ? child : null;
  };

/**
 * Every GraphQL type implementing Node, by name (a test fails when the schema has one missing here).
 * Each line mirrors the query or field that exposes the type today.
 */
const TABLE: Record<string, NodeType> = {
  // workOrder(id), workOrders: readWorkOrders, within workOrderScope()
  WorkOrder: { roles: Permissions.readWorkOrders, load: (ctx, _viewer, id) => ctx.visibleOrders.load(id) },
  // departments, channels, categories, regions: readReference
  Department: { roles: Permissions.readReference, load: async (ctx, _viewer, id) => ctx.loaders.department.load(id) },
  Channel: { roles: Permissions.readReference, load: async (ctx, _viewer, id) => ctx.loaders.channel.load(id) },
  Category: { roles: Permissions.readReference, load: async (ctx, _viewer, id) => ctx.loaders.category.load(id) },
  Region: { roles: Permissions.readReference, load: async (ctx, _viewer, id) => ctx.loaders.region.load(id) },
  // WorkOrder.assignments, .callbacks, .replies, .timeline, .sources, .extensionRequests,
  // .terminationRequests, .supervisions, .writeBacks, .channelEvaluations: the order's own scope
  Assignment: { roles: Permissions.readWorkOrders, load: ofOrder(Assignment) },
  Callback: { roles: Permissions.readWorkOrders, load: ofOrder(Callback) },
  Reply: { roles: Permissions.readWorkOrders, load: ofOrder(Reply) },
  WorkOrderEvent: { roles: Permissions.readWorkOrders, load: ofOrder(WorkOrderEvent) },
  WorkOrderSource: { roles: Permissions.readWorkOrders, load: ofOrder(WorkOrderSource) },
  ExtensionRequest: { roles: Permissions.readWorkOrders, load: ofOrder(ExtensionRequest) },
  TerminationRequest: { roles: Permissions.readWorkOrders, load: ofOrder(TerminationRequest) },
  Supervision: { roles: Permissions.readWorkOrders, load: ofOrder(Supervision) },
  OutboxMessage: { roles: Permissions.readWorkOrders, load: ofOrder(OutboxMessage) },
  ChannelEvaluation: { roles: Permissions.readWorkOrders, load: ofOrder(ChannelEvaluation) },
  // alerts: readAlerts, on orders the viewer may see
  Alert: { roles: Permissions.readAlerts, load: ofOrder(Alert) },
  // hotIssue(id): readHotIssues, its own scope (detected, touching the viewer's orders)
  HotIssue: { roles: Permissions.readHotIssues, load: (ctx, viewer, id) => findHotIssue(ctx.em, viewer, id) },
  // duplicateCandidates: decideDuplicates, both orders visible
  DuplicateCandidate: {
    roles: Permissions.decideDuplicates,
    load: async (ctx, _viewer, id) => {
      const c = await ctx.loaders.rowById(DuplicateCandidate).load(id);
      if (!c) return null;
      const [primary, duplicate] = await Promise.all([ctx.visibleOrders.load(c.primary.id), ctx.visibleOrders.load(c.duplicate.id)]);
      return primary && duplicate ? c : null;
    },
  },
  // syncRuns, syncChannel: operateIngestion
  SyncRun: { roles: Permissions.operateIngestion, load: row(SyncRun) },
  // leaderDutySchedules: readDutySchedule
  LeaderDutySchedule: { roles: Permissions.readDutySchedule, load: row(LeaderDutySchedule) },
  // upsertSlaPolicy (the only field returning the type): administerTimeLimits
  SlaPolicy: { roles: Permissions.administerTimeLimits, load: row(SlaPolicy) },
  // the 职责清单 behind dispatchSuggestions: suggestDispatch
  ResponsibilityRule: { roles: Permissions.suggestDispatch, load: row(ResponsibilityRule) },
};

/** A Map, so that ids naming "__proto__", "constructor" … find nothing. */
export const NODE_TYPES: ReadonlyMap<string, NodeType> = new Map(Object.entries(TABLE));

/** Most ids one `nodes` call takes (as a page). */
export const MAX_NODES = 100;

/**
 * One global id → the object, or null: malformed id, unknown type, a role the type's field does
 * not admit, absent, or outside the viewer's row scope. Never an error for any of these.
 */
export async function resolveNode(ctx: HubContext, viewer: Viewer, globalId: string): Promise<Node | null> {
  const parsed = parseGlobalId(globalId);
  const entry = parsed && NODE_TYPES.get(parsed.type);
  if (!parsed || !entry?.roles.includes(viewer.role)) return null;
  return entry.load(ctx, viewer, parsed.id);
}

@Resolver()
export class NodeResolver {
  @Authorized(Permissions.readReference)
  @Query(() => Node, {
    nullable: true,
    description:
      '按全局 ID 取任意对象（不可见、不存在或 ID 无效时为空）Fetch any object by its global ID (Relay); null when it does not exist, is not visible to you, or the ID is malformed',
  })
  async node(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: '全局 ID Global ID' }) id: string): Promise<Node | null> {
    return resolveNode(ctx, requireViewer(ctx), id);
  }

  @Authorized(Permissions.readReference)
  @Query(() => [Node], {
    nullable: 'items',
    complexity: ({ args, childComplexity }: ComplexityEstimatorArgs) =>
      1 + childComplexity * Math.max(1, Array.isArray(args.ids) ? args.ids.length : MAX_NODES),
    description:
      '按全局 ID 批量取对象（≤100 个，顺序与输入一致，规则同 node）Fetch objects by global ID, at most 100, in the order given; each as node(id) would answer',
  })
  async nodes(
    @Ctx() ctx: HubContext,
    @Arg('ids', () => [ID], { description: '全局 ID（≤100）Global IDs, at most 100' }) ids: string[],
  ): Promise<Array<Node | null>> {
    const viewer = requireViewer(ctx);
    if (ids.length > MAX_NODES) throw badInput(`一次最多 ${MAX_NODES} 个 ID`, `at most ${MAX_NODES} ids at a time`, 'ids');
    return Promise.all(ids.map((id) => resolveNode(ctx, viewer, id)));
  }
}
