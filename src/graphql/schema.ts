import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type PubSub } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import './enums'; // every GraphQL enum type, registered before any resolver is built
import { forbidden, unauthenticated } from '../common/errors';
import { ViewerResolver } from '../auth/viewer.resolver';
import { AccountsResolver, ViewerUserResolver } from '../auth/accounts/accounts.resolver';
import { PUBLIC } from '../auth/policy';
import { DispatchResolver, DispatchSuggestionResolver } from '../dispatch/dispatch.resolver';
import type { Role } from '../auth/roles';
import { CategoryResolver, ChannelResolver, DepartmentResolver, ReferenceResolver, RegionResolver } from '../reference/reference.resolver';
import { LifecycleResolver } from '../work-orders/lifecycle.resolver';
import { SlaResolver } from '../sla/sla.resolver';
import { AlertResolver } from '../sla/alert.resolver';
import { IngestResolver } from '../ingest/ingest.resolver';
import { WorkOrderEventResolver } from '../work-orders/work-order-event.resolver';
import { AssignmentResolver, ReplyResolver, WorkOrderResolver, WorkOrderSourceResolver } from '../work-orders/work-order.resolver';
import type { HubContext } from './context';
import { NodeResolver } from './node.resolver';
import { AnalyticsResolver } from '../analytics/analytics.resolver';
import { ReportDownloadResolver } from '../analytics/report-download.resolver';
import { DuplicateCandidateResolver, HotIssueResolver } from '../hot-issues/hot-issue.resolver';
import { WorkOrderLinksResolver } from '../hot-issues/work-order-links.resolver';
import { CategoryMappingResolver, ReferenceAdminResolver, ResponsibilityRuleResolver } from '../reference/admin/reference-admin.resolver';

export const RESOLVERS = [
  ViewerResolver,
  ViewerUserResolver,
  AccountsResolver,
  NodeResolver,
  ReferenceResolver,
  DepartmentResolver,
  CategoryResolver,
  RegionResolver,
  ChannelResolver,
  WorkOrderResolver,
  AssignmentResolver,
  ReplyResolver,
  WorkOrderSourceResolver,
  WorkOrderEventResolver,
  LifecycleResolver,
  SlaResolver,
  AlertResolver,
  IngestResolver,
  DispatchResolver,
  DispatchSuggestionResolver,
  HotIssueResolver,
  DuplicateCandidateResolver,
  WorkOrderLinksResolver,
  AnalyticsResolver,
  ReportDownloadResolver,
  ReferenceAdminResolver,
  ResponsibilityRuleResolver,
  CategoryMappingResolver,
] as const;

/** Deny by default: no viewer → UNAUTHENTICATED; a role outside the field's list → FORBIDDEN. */
export const authChecker: AuthChecker<HubContext, Role> = ({ context }, roles) => {
  if (roles.includes(PUBLIC)) return true; // `login` only (auth/policy.ts)
  if (!context.viewer) throw unauthenticated();
  if (!roles.includes(context.viewer.role)) {
    throw forbidden({ zh: `需要角色：${roles.join(', ')}`, en: `This operation needs one of the roles ${roles.join(', ')}` });
  }
  return true;
};

export async function buildHubSchema(pubSub: PubSub = createPubSub() as unknown as PubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS as unknown as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    pubSub,
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions.
  schema.getQueryType()!.description = '查询 Queries: read work orders and reference data';
  schema.getMutationType()!.description = '变更 Mutations: intake, lifecycle actions and audited reveals';
  schema.getSubscriptionType()!.description = '订阅 Subscriptions over graphql-ws: events as they are committed';
  return schema;
}
