import { Role } from './roles';
import { inViewerSubtree, type Viewer } from './viewer';

/**
 * Who may do what. Deny by default: every GraphQL root field names one of these lists in its
 * @Authorized(...) (a test fails for a root field without one), and row scope is decided by
 * workOrderScope() below. One screen holds the whole access policy.
 */
const ALL = Object.values(Role);
const STAFF = ALL.filter((r) => r !== Role.CHANNEL);

export const Permissions = {
  /** viewer, reference data (departments, channels, categories, regions). */
  readReference: ALL,
  /** Work orders, within workOrderScope(). */
  readWorkOrders: ALL,
  /** 24-hour liaison contacts of departments (001 附件2). */
  readLiaisons: STAFF,
  /** 12345 centre's own phone intake. */
  createWorkOrder: [Role.OPERATOR, Role.ADMIN],
  /** Clear-text citizen data; canRevealCitizen() decides per order. */
  revealCitizen: [Role.OPERATOR, Role.ADMIN, Role.HANDLER, Role.DEPT_LEADER, Role.PETITION_OFFICER],
  /** A channel owner's own records (push-api.md rules over GraphQL). */
  submitChannelRecords: [Role.CHANNEL],
  /** Ingestion: sync runs, quarantine and replay, a sync on demand. */
  operateIngestion: [Role.ADMIN, Role.OPERATOR],
  /** SLA alerts (预警), within workOrderScope(). */
  readAlerts: STAFF,
  /** Time-limit policies and calendar days as they apply (时限政策、工作日历), read by staff. */
  readTimeLimits: STAFF,
  /** Time-limit policy overrides and calendar days (时限政策、工作日历). */
  administerTimeLimits: [Role.ADMIN],
  /** The county's own reference data (单位、分类、职责清单、渠道分类映射、区划) and its audit trail. */
  administerReference: [Role.ADMIN],
  /** Timeline events as they happen, within workOrderScope(). */
  subscribeWorkOrderEvents: ALL,
  /** 分拨建议 from the 职责清单 (the order must be visible). */
  suggestDispatch: [Role.OPERATOR, Role.ADMIN, Role.LEADER],
  /** 区长热线日 schedule (000). */
  readDutySchedule: STAFF,
  setDutySchedule: [Role.OPERATOR, Role.ADMIN],
  /** 区长热线日 hard cases (000 二(二), 003 二). */
  readHardCases: [Role.OPERATOR, Role.ADMIN, Role.LEADER],
  /** 热点 hot issues: aggregates for the centre, leaders and analysts; departments see those touching their orders. */
  readHotIssues: STAFF,
  /** 热点研判: confirm, dismiss, resolve. */
  decideHotIssues: [Role.OPERATOR, Role.ADMIN, Role.LEADER],
  /** 多头投诉 candidates and their decision (merge or dismiss). */
  decideDuplicates: [Role.OPERATOR, Role.ADMIN],
  /** 统计分析: aggregates only (never personal data), for analysts, leaders and the centre. */
  readAnalytics: [Role.ANALYST, Role.LEADER, Role.OPERATOR, Role.ADMIN],
  /** stats / trend: the roles above county-wide, and department roles over their own department subtree. */
  readStatistics: [Role.ANALYST, Role.LEADER, Role.OPERATOR, Role.ADMIN, Role.HANDLER, Role.DEPT_LEADER, Role.PETITION_OFFICER],
  /** A person's own session: logout, changePassword (API tokens are told they have none). */
  signOut: STAFF,
  /** Staff accounts: users, createUser, resetUserPassword, disableUser (the CLI's `user` group too). */
  administerUsers: [Role.ADMIN],
} satisfies Record<string, Role[]>;

/**
 * The one exception to "a token for everything": `login` itself, which is how a person gets a
 * token. Named in @Authorized(PUBLIC); the authChecker lets it through, and graphql/preflight.ts
 * lets a mutation made only of such fields run without a token (PUBLIC_MUTATION_FIELDS).
 */
export const PUBLIC = 'PUBLIC' as unknown as Role;

/**
 * Row scope for work orders:
 * - ALL: the centre, administrators, analysts and county leaders see every order;
 * - DEPARTMENT: handlers and department leaders see orders assigned to their department subtree;
 * - PETITION: the petition bureau sees 信访 orders and those assigned to it;
 * - CHANNEL: a channel owner sees the orders its channel's records are behind.
 */
export type WorkOrderScope =
  | { kind: 'ALL' }
  | { kind: 'DEPARTMENT'; departmentPath: string }
  | { kind: 'PETITION'; departmentPath: string }
  | { kind: 'CHANNEL'; channelId: number };

export function workOrderScope(viewer: Viewer): WorkOrderScope {
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.OPERATOR:
    case Role.ANALYST:
    case Role.LEADER:
      return { kind: 'ALL' };
    case Role.HANDLER:
    case Role.DEPT_LEADER:
      return { kind: 'DEPARTMENT', departmentPath: viewer.departmentPath ?? '/none/' };
    case Role.PETITION_OFFICER:
      return { kind: 'PETITION', departmentPath: viewer.departmentPath ?? '/none/' };
    case Role.CHANNEL:
      return { kind: 'CHANNEL', channelId: viewer.channelId ?? -1 };
    default:
      return { kind: 'CHANNEL', channelId: -1 }; // unknown role: sees nothing
  }
}

/** What an order looks like for the visibility checks done in memory (subscriptions, reveal). */
export interface OrderVisibilityFacts {
  /** Materialised paths of the departments the order is (actively) assigned to. */
  departmentPaths: string[];
  channelIds: number[];
  restrictedIdentity: boolean;
}

export function canSeeOrder(viewer: Viewer, facts: OrderVisibilityFacts): boolean {
  const scope = workOrderScope(viewer);
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'DEPARTMENT':
      return facts.departmentPaths.some((p) => inViewerSubtree(viewer, p));
    case 'PETITION':
      return facts.restrictedIdentity || facts.departmentPaths.some((p) => inViewerSubtree(viewer, p));
    case 'CHANNEL':
      return facts.channelIds.includes(scope.channelId);
  }
}

/**
 * revealCitizen: the centre and administrators, or handlers of an assigned department;
 * petition (信访) identities only for the petition bureau (petition.md §8).
 */
export function canRevealCitizen(viewer: Viewer, facts: OrderVisibilityFacts): boolean {
  if (facts.restrictedIdentity) return viewer.role === Role.PETITION_OFFICER;
  switch (viewer.role) {
    case Role.OPERATOR:
    case Role.ADMIN:
      return true;
    case Role.HANDLER:
    case Role.DEPT_LEADER:
    case Role.PETITION_OFFICER:
      return facts.departmentPaths.some((p) => inViewerSubtree(viewer, p));
    default:
      return false;
  }
}
