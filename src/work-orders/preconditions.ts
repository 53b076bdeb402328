import { inViewerSubtree, type Viewer } from '../auth/viewer';
import { forbidden, HubError } from '../common/errors';
import { HOUR_MS } from '../common/time';
import { AssignmentRole, AssignmentStatus, type WorkOrderStatus } from './enums';
import { allowedActions, transition, WorkOrderAction as A, type Transition } from './transitions';

/**
 * The preconditions of every lifecycle action, in one place: the transition table's role, state and
 * department scope, then what the action needs of the order beyond its state (a pending request to
 * decide, an assignment not yet signed for, the return window). The lifecycle service refuses an
 * action with the error `refusal()` returns (after locking the order), and `WorkOrder.availableActions`
 * lists the actions for which it returns none — one source of truth for both.
 */

/** A live (PENDING or SIGNED) assignment: the managed entity in the service, a read model in lists. */
export interface LiveAssignment {
  role: AssignmentRole;
  status: AssignmentStatus;
  signedAt?: Date | null;
  department: { path: string };
}

/** What the checks read. Only what `factsNeeded()` asks for has to be real; the rest may be left empty/false. */
export interface ActionFacts {
  status: WorkOrderStatus;
  /** The order's live assignments, oldest first. */
  assignments: readonly LiveAssignment[];
  /** A PENDING extension request exists. */
  pendingExtension: boolean;
  /** A PENDING termination request exists. */
  pendingTermination: boolean;
}

export interface CheckOptions {
  now: Date;
  returnWindowHours: number;
}

const LIVE: readonly AssignmentStatus[] = [AssignmentStatus.PENDING, AssignmentStatus.SIGNED];
const EXTENSION = new Set<A>([A.REQUEST_EXTENSION, A.APPROVE_EXTENSION, A.REJECT_EXTENSION]);
const TERMINATION = new Set<A>([A.REQUEST_TERMINATION, A.APPROVE_TERMINATION, A.REJECT_TERMINATION]);

/** Which facts checking these actions needs (so lists load only what matters, and the service only for its action). */
export function factsNeeded(actions: readonly A[]): { assignments: boolean; pendingExtension: boolean; pendingTermination: boolean } {
  return {
    assignments: actions.some((a) => transition(a).scope !== 'CENTRE'),
    pendingExtension: actions.some((a) => EXTENSION.has(a)),
    pendingTermination: actions.some((a) => TERMINATION.has(a)),
  };
}

export function leadAssignment<T extends LiveAssignment>(assignments: readonly T[]): T | undefined {
  return assignments.find((a) => a.role === AssignmentRole.LEAD && LIVE.includes(a.status));
}

/** signWorkOrder is one mutation: the lead department signs the order; anyone else signs its co-handling assignment. */
export function signAction(viewer: Viewer, assignments: readonly LiveAssignment[]): A.SIGN | A.SIGN_AS_CO_HANDLER {
  const lead = leadAssignment(assignments);
  return lead && inViewerSubtree(viewer, lead.department.path) ? A.SIGN : A.SIGN_AS_CO_HANDLER;
}

/** The assignment a sign (lead or co-handler) acts on. */
export function signedAssignment<T extends LiveAssignment>(action: A.SIGN | A.SIGN_AS_CO_HANDLER, viewer: Viewer, assignments: readonly T[]): T | undefined {
  const role = action === A.SIGN ? AssignmentRole.LEAD : AssignmentRole.CO;
  return assignments.find((a) => a.role === role && LIVE.includes(a.status) && inViewerSubtree(viewer, a.department.path));
}

/** Why `viewer` may not take `t` on an order with these facts now, or null when it may. */
export function refusal(t: Transition, viewer: Viewer, facts: ActionFacts, options: CheckOptions): HubError | null {
  // The transition table: role, state, department scope.
  if (!t.roles.includes(viewer.role)) {
    return forbidden({ zh: `${t.zh}需要角色：${t.roles.join(', ')}`, en: `${t.action} needs one of the roles ${t.roles.join(', ')}` });
  }
  if (!t.from.includes(facts.status)) {
    const allowed = allowedActions(facts.status, viewer.role);
    return new HubError(
      'INVALID_TRANSITION',
      {
        zh: `状态 ${facts.status} 不能${t.zh}；可执行：${allowed.join(', ') || '无'}`,
        en: `${t.action} is not allowed from ${facts.status}; allowed for ${viewer.role}: ${allowed.join(', ') || 'none'}`,
      },
      { status: facts.status, allowedActions: allowed },
    );
  }
  const { assignments } = facts;
  const lead = leadAssignment(assignments);
  const mine = (a: LiveAssignment) => inViewerSubtree(viewer, a.department.path);
  const inScope =
    t.scope === 'CENTRE' ||
    (t.scope === 'LEAD' && !!lead && mine(lead)) ||
    (t.scope === 'CO' && assignments.some((a) => a.role === AssignmentRole.CO && mine(a))) ||
    (t.scope === 'ASSIGNED' && assignments.some(mine));
  if (!inScope) {
    const who = t.scope === 'LEAD' ? '首办（主办）单位' : t.scope === 'CO' ? '协办单位' : '承办单位';
    return forbidden({ zh: `只有该工单的${who}可以${t.zh}`, en: `Only the order's ${t.scope.toLowerCase()} department may ${t.action}` });
  }
  // What the action needs beyond the table.
  switch (t.action) {
    case A.SIGN:
    case A.SIGN_AS_CO_HANDLER:
      if (signedAssignment(t.action, viewer, assignments)?.status !== AssignmentStatus.PENDING) {
        return new HubError('INVALID_TRANSITION', { zh: '已签收', en: 'Already signed for' });
      }
      return null;
    case A.RETURN:
      if (lead?.signedAt && options.now.getTime() - lead.signedAt.getTime() > options.returnWindowHours * HOUR_MS) {
        return new HubError('INVALID_TRANSITION', {
          zh: `签收超过 ${options.returnWindowHours} 小时不能退单，请申请延期或提级转办`,
          en: `Returning is allowed within ${options.returnWindowHours} h of signing; request an extension or escalation instead`,
        });
      }
      return null;
    case A.REQUEST_EXTENSION:
      return facts.pendingExtension ? new HubError('INVALID_TRANSITION', { zh: '已有待审批的延期申请', en: 'An extension request is already pending' }) : null;
    case A.APPROVE_EXTENSION:
    case A.REJECT_EXTENSION:
      return facts.pendingExtension ? null : new HubError('INVALID_TRANSITION', { zh: '没有待审批的延期申请', en: 'No extension request is pending' });
    case A.REQUEST_TERMINATION:
      return facts.pendingTermination
        ? new HubError('INVALID_TRANSITION', { zh: '已有待审批的终结申请', en: 'A termination request is already pending' })
        : null;
    case A.APPROVE_TERMINATION:
    case A.REJECT_TERMINATION:
      return facts.pendingTermination ? null : new HubError('INVALID_TRANSITION', { zh: '没有待审批的终结申请', en: 'No termination request is pending' });
    default:
      return null;
  }
}

/** The table's candidates for this role and state (cheap: no facts needed). */
export function candidateActions(status: WorkOrderStatus, viewer: Viewer): A[] {
  return allowedActions(status, viewer.role);
}

/**
 * What the viewer can do now: the candidates whose preconditions hold. Of SIGN and
 * SIGN_AS_CO_HANDLER only the one signWorkOrder would take for this viewer is considered.
 */
export function availableActions(viewer: Viewer, facts: ActionFacts, options: CheckOptions, candidates = candidateActions(facts.status, viewer)): A[] {
  const sign = candidates.includes(A.SIGN) || candidates.includes(A.SIGN_AS_CO_HANDLER) ? signAction(viewer, facts.assignments) : null;
  return candidates.filter((action) => {
    if ((action === A.SIGN || action === A.SIGN_AS_CO_HANDLER) && action !== sign) return false;
    return !refusal(transition(action), viewer, facts, options);
  });
}
