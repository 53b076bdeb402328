import { Role } from '../auth/roles';
import { WorkOrderStatus as S, WorkOrderEventType } from './enums';

/**
 * 工单生命周期 The work-order lifecycle, declared in one table (after Vendure's order-state.ts).
 * Each row: the action, the states it may start from, the state it leads to ('SAME': no state
 * change), the roles that may do it, whose department must be involved, what the caller must give,
 * and the timeline event it records. The lifecycle service enforces exactly this table; the tests
 * are generated from it. Seeds: 000 首办负责, 002 三率 and time limits, 003 签收/会商/提级转办/督办/回访,
 * 004 分类处置/延期.
 */
export enum WorkOrderAction {
  DISPATCH = 'DISPATCH',
  SIGN = 'SIGN',
  SIGN_AS_CO_HANDLER = 'SIGN_AS_CO_HANDLER',
  RETURN = 'RETURN',
  RECORD_CONTACT = 'RECORD_CONTACT',
  SUBMIT_REPLY = 'SUBMIT_REPLY',
  APPROVE_REPLY = 'APPROVE_REPLY',
  REJECT_REPLY = 'REJECT_REPLY',
  CLOSE_AFTER_CALLBACK = 'CLOSE_AFTER_CALLBACK',
  REWORK_AFTER_CALLBACK = 'REWORK_AFTER_CALLBACK',
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  APPROVE_EXTENSION = 'APPROVE_EXTENSION',
  REJECT_EXTENSION = 'REJECT_EXTENSION',
  ESCALATE = 'ESCALATE',
  SUPERVISE = 'SUPERVISE',
  REQUEST_TERMINATION = 'REQUEST_TERMINATION',
  APPROVE_TERMINATION = 'APPROVE_TERMINATION',
  REJECT_TERMINATION = 'REJECT_TERMINATION',
  MERGE = 'MERGE',
  ABSORB_DUPLICATES = 'ABSORB_DUPLICATES',
  UNMERGE = 'UNMERGE',
}

/**
 * Whose department must be involved:
 * - CENTRE: the 12345 centre or a county leader acts; no department condition;
 * - LEAD: the viewer's department (subtree) holds the active lead assignment (首办单位);
 * - CO: the viewer's department (subtree) holds an active co-handling assignment (协办单位);
 * - ASSIGNED: lead or co-handler.
 */
export type ActorScope = 'CENTRE' | 'LEAD' | 'CO' | 'ASSIGNED';

export interface Transition {
  action: WorkOrderAction;
  zh: string;
  from: readonly S[];
  /** 'SAME': no state change; 'PREVIOUS': back to the state before the action being undone (撤销并单). */
  to: S | 'SAME' | 'PREVIOUS';
  roles: readonly Role[];
  scope: ActorScope;
  requires: readonly string[];
  event: WorkOrderEventType;
}

const OPEN: readonly S[] = [S.RECEIVED, S.DISPATCHED, S.HANDLING, S.REPLY_REVIEW, S.REPLIED, S.RETURNED, S.ESCALATED];
const DEPT = [Role.HANDLER, Role.DEPT_LEADER] as const;
const E = WorkOrderEventType;

export const TRANSITIONS: readonly Transition[] = [
  {
    action: WorkOrderAction.DISPATCH,
    zh: '分拨（改派）',
    from: [S.RECEIVED, S.RETURNED],
    to: S.DISPATCHED,
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['leadDepartmentCode'],
    event: E.DISPATCHED,
  },
  { action: WorkOrderAction.SIGN, zh: '签收', from: [S.DISPATCHED, S.ESCALATED], to: S.HANDLING, roles: DEPT, scope: 'LEAD', requires: [], event: E.SIGNED },
  {
    action: WorkOrderAction.SIGN_AS_CO_HANDLER,
    zh: '协办签收',
    from: [S.DISPATCHED, S.HANDLING],
    to: 'SAME',
    roles: DEPT,
    scope: 'CO',
    requires: [],
    event: E.SIGNED,
  },
  {
    action: WorkOrderAction.RETURN,
    zh: '退单',
    from: [S.DISPATCHED, S.HANDLING],
    to: S.RETURNED,
    roles: DEPT,
    scope: 'LEAD',
    requires: ['reason', 'within the return window once signed'],
    event: E.RETURNED,
  },
  {
    action: WorkOrderAction.RECORD_CONTACT,
    zh: '联系群众',
    from: [S.HANDLING],
    to: 'SAME',
    roles: DEPT,
    scope: 'ASSIGNED',
    requires: ['method', 'at'],
    event: E.CONTACTED,
  },
  {
    action: WorkOrderAction.SUBMIT_REPLY,
    zh: '提交答复',
    from: [S.HANDLING],
    to: S.REPLY_REVIEW,
    roles: [Role.HANDLER],
    scope: 'LEAD',
    requires: ['content', 'result', 'handlerName'],
    event: E.REPLY_SUBMITTED,
  },
  {
    action: WorkOrderAction.APPROVE_REPLY,
    zh: '审核通过答复',
    from: [S.REPLY_REVIEW],
    to: S.REPLIED,
    roles: [Role.DEPT_LEADER],
    scope: 'LEAD',
    requires: [],
    event: E.REPLY_APPROVED,
  },
  {
    action: WorkOrderAction.REJECT_REPLY,
    zh: '退回答复',
    from: [S.REPLY_REVIEW],
    to: S.HANDLING,
    roles: [Role.DEPT_LEADER],
    scope: 'LEAD',
    requires: ['note'],
    event: E.REPLY_REJECTED,
  },
  {
    action: WorkOrderAction.CLOSE_AFTER_CALLBACK,
    zh: '回访办结',
    from: [S.REPLIED],
    to: S.CLOSED,
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['satisfaction', 'resolved'],
    event: E.CALLBACK_RECORDED,
  },
  {
    action: WorkOrderAction.REWORK_AFTER_CALLBACK,
    zh: '回访不满意重办',
    from: [S.REPLIED],
    to: S.HANDLING,
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['satisfaction', 'resolved'],
    event: E.REWORK,
  },
  {
    action: WorkOrderAction.REQUEST_EXTENSION,
    zh: '申请延期',
    from: [S.DISPATCHED, S.HANDLING],
    to: 'SAME',
    roles: DEPT,
    scope: 'LEAD',
    requires: ['newDueAt', 'reason'],
    event: E.EXTENSION_REQUESTED,
  },
  {
    action: WorkOrderAction.APPROVE_EXTENSION,
    zh: '同意延期',
    from: [S.DISPATCHED, S.HANDLING, S.REPLY_REVIEW],
    to: 'SAME',
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['requestId'],
    event: E.EXTENSION_DECIDED,
  },
  {
    action: WorkOrderAction.REJECT_EXTENSION,
    zh: '不同意延期',
    from: [S.DISPATCHED, S.HANDLING, S.REPLY_REVIEW],
    to: 'SAME',
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['requestId', 'note'],
    event: E.EXTENSION_DECIDED,
  },
  {
    action: WorkOrderAction.ESCALATE,
    zh: '提级转办（区委信访局）',
    from: [S.RECEIVED, S.DISPATCHED, S.HANDLING, S.RETURNED],
    to: S.ESCALATED,
    roles: [Role.OPERATOR, Role.LEADER],
    scope: 'CENTRE',
    requires: ['reason'],
    event: E.ESCALATED,
  },
  {
    action: WorkOrderAction.SUPERVISE,
    zh: '督办',
    from: OPEN,
    to: 'SAME',
    roles: [Role.OPERATOR, Role.LEADER],
    scope: 'CENTRE',
    requires: ['level', 'note', 'deadline'],
    event: E.SUPERVISED,
  },
  {
    action: WorkOrderAction.REQUEST_TERMINATION,
    zh: '申请终结归档',
    from: [S.HANDLING],
    to: 'SAME',
    roles: DEPT,
    scope: 'LEAD',
    requires: ['reason', 'legalBasis'],
    event: E.TERMINATION_REQUESTED,
  },
  {
    action: WorkOrderAction.APPROVE_TERMINATION,
    zh: '同意终结',
    from: [S.HANDLING],
    to: S.TERMINATED,
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['requestId'],
    event: E.TERMINATED,
  },
  {
    action: WorkOrderAction.REJECT_TERMINATION,
    zh: '不同意终结',
    from: [S.HANDLING],
    to: 'SAME',
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['requestId', 'note'],
    event: E.NOTE,
  },
  // 并单: each duplicate becomes MERGED; the primary (still open) records the merge without changing state.
  {
    action: WorkOrderAction.MERGE,
    zh: '并单（被并入）',
    from: [S.RECEIVED, S.DISPATCHED, S.HANDLING, S.RETURNED],
    to: S.MERGED,
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['primaryId'],
    event: E.MERGED,
  },
  // 撤销并单: a merge (an operator's, or the automatic one of 多头投诉 detection) is undone; the order gets its sources and state back.
  {
    action: WorkOrderAction.UNMERGE,
    zh: '撤销并单',
    from: [S.MERGED],
    to: 'PREVIOUS',
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: [],
    event: E.UNMERGED,
  },
  {
    action: WorkOrderAction.ABSORB_DUPLICATES,
    zh: '并单（主工单）',
    from: [S.RECEIVED, S.DISPATCHED, S.HANDLING, S.REPLY_REVIEW, S.RETURNED, S.ESCALATED],
    to: 'SAME',
    roles: [Role.OPERATOR],
    scope: 'CENTRE',
    requires: ['duplicateIds'],
    event: E.MERGED,
  },
];

/**
 * Actions the hub itself takes, never offered to a person (so neither a GraphQL enum value nor a
 * row the generated role tests walk): the system actor applies them through the lifecycle service,
 * checked against this table like every other change of state.
 */
export enum SystemAction {
  /** 原平台撤销: the origin withdrew the record or did not accept it (README "Origin status → hub action" ¹). */
  CANCEL_AT_ORIGIN = 'CANCEL_AT_ORIGIN',
}

export interface SystemTransition {
  action: SystemAction;
  zh: string;
  from: readonly S[];
  to: S;
  actor: 'SYSTEM';
  requires: readonly string[];
  event: WorkOrderEventType;
}

export const SYSTEM_TRANSITIONS: readonly SystemTransition[] = [
  // From any open state; a closed, terminated or merged order only gets a timeline note (origin-status.ts).
  {
    action: SystemAction.CANCEL_AT_ORIGIN,
    zh: '原平台撤销',
    from: OPEN,
    to: S.TERMINATED,
    actor: 'SYSTEM',
    requires: ['channelCode', 'channelStatus'],
    event: E.TERMINATED,
  },
];

const BY_ACTION = new Map(TRANSITIONS.map((t) => [t.action, t]));
const BY_SYSTEM_ACTION = new Map(SYSTEM_TRANSITIONS.map((t) => [t.action, t]));

export function systemTransition(action: SystemAction): SystemTransition {
  return BY_SYSTEM_ACTION.get(action)!;
}

export function transition(action: WorkOrderAction): Transition {
  return BY_ACTION.get(action)!;
}

/** What this role may do from this state (named in INVALID_TRANSITION errors). */
export function allowedActions(status: S, role: Role): WorkOrderAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role)).map((t) => t.action);
}
