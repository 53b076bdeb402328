import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canSeeOrder } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { badInput, forbidden, HubError, notFound } from '../common/errors';
import { DAY_MS } from '../common/time';
import { pgArray } from '../db/sql';
import type { WriteBackTargets } from '../ingest/connector-catalog';
import { queueWriteBack, writeBackQueued, type WriteBackKind, type WriteBackPayload } from '../ingest/write-back-queue';
import {
  Alert,
  Assignment,
  Callback,
  Channel,
  OutboxMessage,
  Department,
  ExtensionRequest,
  Reply,
  Supervision,
  TerminationRequest,
  WorkOrder,
  WorkOrderEvent,
  WorkOrderSource,
} from '../entities';
import { AlertType } from '../entities/alert';
import type { SupervisionLevel } from '../entities/supervision';
import { publishAlerts } from '../sla/alert-publication';
import { WorkOrderEventType } from '../entities/work-order-event';
import type { EventBus } from '../events/event-bus';
import type { SlaService } from '../sla/sla.service';
import {
  AssignmentRole,
  AssignmentStatus,
  type ContactMethod,
  ReplyResult,
  RequestStatus,
  ReviewStatus,
  Satisfaction,
  WorkOrderStatus,
} from './enums';
import { actorOf, addEvent, publishEventRows, publishEvents, type EventDetails } from './timeline';
import { allowedActions, SystemAction, systemTransition, transition, WorkOrderAction, type Transition } from './transitions';
import { availableActions, factsNeeded, leadAssignment, refusal, signAction, signedAssignment, type ActionFacts } from './preconditions';
import { loadVisibilityFacts } from './visibility';

/** What an action's body works with: the locked order, its live assignments, the caller. */
interface Acting {
  tx: EntityManager;
  order: WorkOrder;
  assignments: Assignment[];
  viewer: Viewer;
  now: Date;
  /** Extra events (e.g. on merged duplicates) published with the main one. */
  extraEvents: WorkOrderEvent[];
  /** Alerts raised by the action (published on slaAlerts with the events). */
  alerts: number[];
}

const LIVE = [AssignmentStatus.PENDING, AssignmentStatus.SIGNED];
const PETITION_BUREAU = 'XFJ';

function text(value: string | null | undefined, field: string, zh: string, min = 2, max = 2000): string {
  const trimmed = value?.trim() ?? '';
  if ([...trimmed].length < min || [...trimmed].length > max) {
    throw badInput(`请填写${zh}（${min}–${max} 字）`, `${field} must be ${min}–${max} characters`, field);
  }
  return trimmed;
}

/**
 * 统一分拨、统一回复、统一评价: every lifecycle action, enforced against the declared table in
 * transitions.ts. Each action runs in one transaction: the order row is locked, the caller's
 * version must match (else CONFLICT), role, state and department scope are checked against the
 * table, the change and an immutable timeline event are written, and the event is published on
 * commit.
 */
export class LifecycleService {
  constructor(
    private readonly bus: EventBus,
    private readonly sla: SlaService,
    private readonly options: {
      returnWindowHours: number;
      /** The origins each write-back kind goes to (the connectors' declarations, ConnectorCatalog.writeBackTargets). */
      writeBackTargets: (kind: WriteBackKind) => WriteBackTargets;
    },
  ) {}

  private queueWriteBack(tx: EntityManager, order: WorkOrder, kind: WriteBackKind, occasion: number, payload: WriteBackPayload): Promise<number> {
    return queueWriteBack(tx, order, kind, occasion, payload, this.options.writeBackTargets(kind));
  }

  // ── the one path every action takes ───────────────────────────────────────────────────────────

  private async act(
    em: EntityManager,
    viewer: Viewer,
    target: { orderId: number; version: number; actions: WorkOrderAction[]; choose?: (a: Acting) => WorkOrderAction },
    body: (a: Acting, t: Transition) => Promise<EventDetails | void> | EventDetails | void,
  ): Promise<WorkOrder> {
    this.requireRole(viewer, target.actions);
    return em.transactional(async (tx) => {
      const order = await tx.findOne(WorkOrder, target.orderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const facts = order ? (await loadVisibilityFacts(tx, [order.id])).get(order.id) : undefined;
      if (!order || !facts || !canSeeOrder(viewer, facts)) throw notFound({ zh: '工单', en: 'Work order' });
      if (order.version !== target.version) {
        throw new HubError(
          'CONFLICT',
          { zh: `工单已被他人修改（当前版本 ${order.version}），请刷新后重试`, en: `The order changed (version ${order.version}, you sent ${target.version}); reload and retry` },
          { currentVersion: order.version },
        );
      }
      const assignments = await tx.find(Assignment, { workOrder: order, status: { $in: LIVE } }, { populate: ['department'], orderBy: { id: 'asc' } });
      const acting: Acting = { tx, order, assignments, viewer, now: new Date(), extraEvents: [], alerts: [] };
      const t = transition(target.choose ? target.choose(acting) : target.actions[0]);
      await this.authorise(acting, t);

      const from = order.status;
      const details = (await body(acting, t)) ?? {};
      if (t.to !== 'SAME' && t.to !== 'PREVIOUS') order.status = t.to; // PREVIOUS: the body restored it
      order.updatedAt = acting.now; // every action bumps the version, state change or not
      const event = addEvent(tx, order, t.event, actorOf(viewer), {
        ...details,
        from: t.to === 'SAME' ? null : from,
        to: t.to === 'SAME' ? null : order.status,
        at: acting.now,
        payload: { action: t.action, ...details.payload },
      });
      await tx.flush();
      await publishEvents(tx, this.bus, [event, ...acting.extraEvents]);
      if (acting.alerts.length) await publishAlerts(tx, this.bus, acting.alerts);
      return order;
    });
  }

  /** Checked first, before anything is read: a role the table never allows learns nothing. */
  private requireRole(viewer: Viewer, actions: WorkOrderAction[]): void {
    const candidates = actions.map(transition);
    if (!candidates.some((t) => t.roles.includes(viewer.role))) {
      const roles = [...new Set(candidates.flatMap((t) => t.roles))].join(', ');
      throw forbidden({ zh: `${candidates[0].zh}需要角色：${roles}`, en: `${actions.join('/')} needs one of the roles ${roles}` });
    }
  }

  /** The table's role, state and department-scope conditions, and the action's own preconditions (preconditions.ts). */
  private async authorise({ tx, order, assignments, viewer, now }: Acting, t: Transition): Promise<void> {
    const needed = factsNeeded([t.action]);
    const pending = async (entity: typeof ExtensionRequest | typeof TerminationRequest) =>
      (await tx.count(entity as typeof ExtensionRequest, { workOrder: order, status: RequestStatus.PENDING })) > 0;
    const facts: ActionFacts = {
      status: order.status,
      assignments,
      pendingExtension: needed.pendingExtension && (await pending(ExtensionRequest)),
      pendingTermination: needed.pendingTermination && (await pending(TerminationRequest)),
    };
    const refused = refusal(t, viewer, facts, { now, returnWindowHours: this.options.returnWindowHours });
    if (refused) throw refused;
  }

  /**
   * WorkOrder.availableActions: what `viewer` can do now on an order with these facts — exactly the
   * actions whose preconditions the mutations would find met (same checks, same return window).
   */
  availableActions(viewer: Viewer, facts: ActionFacts, now: Date, candidates?: WorkOrderAction[]): WorkOrderAction[] {
    return availableActions(viewer, facts, { now, returnWindowHours: this.options.returnWindowHours }, candidates);
  }

  // ── 分拨 dispatch / 改派 re-dispatch ─────────────────────────────────────────────────────────

  async dispatch(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; leadDepartmentCode: string; coDepartmentCodes?: string[] | null; note?: string | null; dueAt?: Date | null },
  ): Promise<WorkOrder> {
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.DISPATCH] }, async ({ tx, order, now }) => {
      const codes = [input.leadDepartmentCode, ...(input.coDepartmentCodes ?? [])];
      if (new Set(codes).size !== codes.length) throw badInput('主办与协办单位不能重复', 'lead and co-handling departments must differ', 'coDepartmentCodes');
      const departments = await tx.find(Department, { code: { $in: codes }, active: true });
      const byCode = new Map(departments.map((d) => [d.code, d]));
      const missing = codes.filter((c) => !byCode.has(c));
      if (missing.length) throw badInput(`单位不存在：${missing.join(', ')}`, `Unknown department(s): ${missing.join(', ')}`, 'leadDepartmentCode');
      if (input.dueAt && input.dueAt.getTime() <= now.getTime()) throw badInput('办理时限须晚于当前时间', 'dueAt must be in the future', 'dueAt');

      // Re-dispatch (改派): earlier live assignments end; the returned lead keeps its RETURNED record.
      await tx.nativeUpdate(Assignment, { workOrder: order, status: { $in: LIVE } }, { status: AssignmentStatus.CANCELLED });
      const lead = byCode.get(input.leadDepartmentCode)!;
      const clocks = await this.sla.deadlines(await this.sla.factsOf(order), now);
      // The intake's reply deadline stands; a re-dispatch after it passed starts a new clock.
      const dueAt = input.dueAt ?? (order.dueAt && order.dueAt > now ? order.dueAt : clocks.dueAt);
      for (const code of codes) {
        tx.create(Assignment, {
          workOrder: order,
          department: byCode.get(code)!,
          role: code === lead.code ? AssignmentRole.LEAD : AssignmentRole.CO,
          assignedAt: now,
          dueAt,
          note: input.note?.trim() || null,
        });
      }
      order.leadDepartment = lead; // 首办负责: the first unit a dispatch names carries the responsibility
      order.dispatchedAt = now;
      order.signDueAt = clocks.signDueAt;
      order.dueAt = dueAt;
      if (clocks.warnings.length) order.slaWarning = clocks.warnings.join('\n');
      return { reason: input.note?.trim() || null, payload: { lead: lead.code, co: input.coDepartmentCodes ?? [], redispatch: order.returnCount > 0 } };
    });
  }

  // ── 签收 sign for ─────────────────────────────────────────────────────────────────────────────

  async sign(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number }): Promise<WorkOrder> {
    return this.act(
      em,
      viewer,
      {
        ...input,
        actions: [WorkOrderAction.SIGN, WorkOrderAction.SIGN_AS_CO_HANDLER],
        // The lead department's sign moves the order; a co-handler signs only its own assignment.
        choose: ({ assignments, viewer: v }) => signAction(v, assignments),
      },
      async ({ tx, order, assignments, viewer: v, now }, t) => {
        // authorise() checked it exists and is not signed yet
        const own = signedAssignment(t.action as WorkOrderAction.SIGN | WorkOrderAction.SIGN_AS_CO_HANDLER, v, assignments)!;
        own.status = AssignmentStatus.SIGNED;
        own.signedAt = now;
        if (t.action === WorkOrderAction.SIGN) {
          order.signedAt = now;
          // Accepted: the lead unit's first sign is the county's acceptance (told once, to the origins that take it).
          if (!(await writeBackQueued(tx, order.id, 'ACCEPT'))) {
            await this.queueWriteBack(tx, order, 'ACCEPT', own.id, {
              text: `您反映的问题已由${own.department.name}受理，将依法按期办结并书面答复。`,
              orgName: own.department.name,
              handlerName: v.label,
              handledAt: now.toISOString(),
            });
          }
        }
        return { payload: { department: own.department.code, role: own.role } };
      },
    );
  }

  // ── 退单 return ───────────────────────────────────────────────────────────────────────────────

  async return(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; reason: string }): Promise<WorkOrder> {
    const reason = text(input.reason, 'reason', '退单理由');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.RETURN] }, ({ order, assignments }) => {
      const lead = leadAssignment(assignments)!; // within the return window: checked by authorise()
      lead.status = AssignmentStatus.RETURNED;
      order.returnCount += 1; // 退单率
      return { reason, payload: { department: lead.department.code } };
    });
  }

  // ── 联系群众 first contact ─────────────────────────────────────────────────────────────────────

  async recordContact(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; method: ContactMethod; at: Date; note?: string | null },
  ): Promise<WorkOrder> {
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.RECORD_CONTACT] }, ({ order, now }) => {
      if (input.at.getTime() > now.getTime() + 5 * 60_000) throw badInput('联系时间不能晚于当前时间', 'at may not be in the future', 'at');
      if (order.receivedAt && input.at < order.receivedAt) throw badInput('联系时间不能早于受理时间', 'at may not precede receivedAt', 'at');
      const first = !order.firstContactAt || input.at < order.firstContactAt;
      if (first) order.firstContactAt = input.at; // the response-rate clock (003 一)
      return { reason: input.note?.trim() || null, payload: { method: input.method, at: input.at.toISOString(), first } };
    });
  }

  // ── 答复 reply and its review ─────────────────────────────────────────────────────────────────

  async submitReply(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; content: string; result: ReplyResult; handlerName: string },
  ): Promise<WorkOrder> {
    const content = text(input.content, 'content', '答复内容', 2, 5000);
    const handlerName = text(input.handlerName, 'handlerName', '经办人姓名', 1, 50);
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.SUBMIT_REPLY] }, ({ tx, order, assignments, now }) => {
      tx.create(Reply, { workOrder: order, department: leadAssignment(assignments)!.department, content, result: input.result, handlerName, submittedAt: now });
      return { payload: { result: input.result } };
    });
  }

  /** 003 一: the unit's leader signs off every reply before it counts. */
  async reviewReply(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; approve: boolean; note?: string | null }): Promise<WorkOrder> {
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '退回意见');
    return this.act(
      em,
      viewer,
      { ...input, actions: [input.approve ? WorkOrderAction.APPROVE_REPLY : WorkOrderAction.REJECT_REPLY] },
      async ({ tx, order, now }) => {
        const reply = await tx.findOneOrFail(Reply, { workOrder: order, reviewStatus: ReviewStatus.PENDING }, { orderBy: { id: 'desc' }, populate: ['department'] });
        reply.reviewStatus = input.approve ? ReviewStatus.APPROVED : ReviewStatus.REJECTED;
        reply.reviewedAt = now;
        reply.reviewNote = note;
        if (input.approve) {
          order.repliedAt = now;
          // 统一回复: the approved reply goes back to every origin that answers the citizen itself.
          await this.queueWriteBack(tx, order, 'RESULT', reply.id, {
            text: reply.content,
            orgName: reply.department.name,
            handlerName: reply.handlerName,
            handledAt: now.toISOString(),
            contacted: !!order.firstContactAt,
          });
        }
        return { reason: note, payload: { replyId: reply.id } };
      },
    );
  }

  // ── 回访 callback (统一评价) ────────────────────────────────────────────────────────────────

  async recordCallback(
    em: EntityManager,
    viewer: Viewer,
    input: {
      orderId: number;
      version: number;
      contacted: boolean;
      processSatisfaction: Satisfaction;
      resultSatisfaction: Satisfaction;
      resolved: boolean;
      comment?: string | null;
    },
  ): Promise<WorkOrder> {
    const satisfied = input.resolved && input.resultSatisfaction !== Satisfaction.UNSATISFIED;
    return this.act(
      em,
      viewer,
      { ...input, actions: [satisfied ? WorkOrderAction.CLOSE_AFTER_CALLBACK : WorkOrderAction.REWORK_AFTER_CALLBACK] },
      async ({ tx, order, now }) => {
        const unsatisfiedBefore = await tx.count(Callback, { workOrder: order, resultSatisfaction: Satisfaction.UNSATISFIED });
        tx.create(Callback, {
          workOrder: order,
          contacted: input.contacted,
          processSatisfaction: input.processSatisfaction,
          resultSatisfaction: input.resultSatisfaction,
          resolved: input.resolved,
          comment: input.comment?.trim() || null,
          calledAt: now,
        });
        const payload = { contacted: input.contacted, processSatisfaction: input.processSatisfaction, resultSatisfaction: input.resultSatisfaction, resolved: input.resolved };
        if (satisfied) {
          order.closedAt = now;
          await tx.nativeUpdate(Assignment, { workOrder: order, status: { $in: LIVE } }, { status: AssignmentStatus.DONE });
          return { payload };
        }
        // 重办: back to the department with a new clock; the second unsatisfied callback goes to 会商 (003 二).
        order.reworkCount += 1;
        const clock = await this.sla.replyDue(await this.sla.factsOf(order), now);
        order.dueAt = clock.dueAt;
        if (clock.warnings.length) order.slaWarning = clock.warnings.join('\n');
        const listed = input.resultSatisfaction === Satisfaction.UNSATISFIED && unsatisfiedBefore + 1 >= 2 && !order.consultationListedAt;
        if (listed) order.consultationListedAt = now;
        return { reason: input.comment?.trim() || null, payload: { ...payload, reworkCount: order.reworkCount, consultationListed: !!order.consultationListedAt } };
      },
    );
  }

  // ── 延期 extension ────────────────────────────────────────────────────────────────────────────

  async requestExtension(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; newDueAt: Date; reason: string }): Promise<WorkOrder> {
    const reason = text(input.reason, 'reason', '延期理由');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.REQUEST_EXTENSION] }, async ({ tx, order, assignments }) => {
      if (order.dueAt && input.newDueAt <= order.dueAt) throw badInput('新时限须晚于原时限', 'newDueAt must be later than the current dueAt', 'newDueAt');
      const request = tx.create(ExtensionRequest, {
        workOrder: order,
        department: leadAssignment(assignments)!.department,
        previousDueAt: order.dueAt ?? null,
        newDueAt: input.newDueAt,
        reason,
      });
      await tx.flush();
      return { reason, payload: { requestId: request.id, newDueAt: input.newDueAt.toISOString() } };
    });
  }

  /** 002/004: the centre approves; on approval the citizen is told the reason and the promised date. */
  async decideExtension(em: EntityManager, viewer: Viewer, input: { requestId: number; version: number; approve: boolean; note?: string | null }): Promise<WorkOrder> {
    this.requireRole(viewer, [input.approve ? WorkOrderAction.APPROVE_EXTENSION : WorkOrderAction.REJECT_EXTENSION]);
    const request = await this.pendingRequest(em, ExtensionRequest, input.requestId, '延期申请');
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '不同意的理由');
    return this.act(
      em,
      viewer,
      { orderId: request.workOrder.id, version: input.version, actions: [input.approve ? WorkOrderAction.APPROVE_EXTENSION : WorkOrderAction.REJECT_EXTENSION] },
      async ({ tx, order, now, viewer: v }) => {
        const managed = await tx.findOneOrFail(ExtensionRequest, request.id, { populate: ['department'] });
        if (managed.status !== RequestStatus.PENDING) throw new HubError('INVALID_TRANSITION', { zh: '该申请已审批', en: 'The request was already decided' });
        managed.status = input.approve ? RequestStatus.APPROVED : RequestStatus.REJECTED;
        managed.decidedAt = now;
        managed.decisionNote = note;
        if (input.approve) {
          // Extended: the origins that take it are told the days added (an origin may decide itself and answer in its pull).
          const days = Math.max(1, Math.ceil((managed.newDueAt.getTime() - (order.dueAt ?? now).getTime()) / DAY_MS));
          await this.queueWriteBack(tx, order, 'EXTENSION', managed.id, {
            text: managed.reason,
            orgName: managed.department.name,
            handlerName: v.label,
            handledAt: now.toISOString(),
            extensionDays: days,
          });
          order.dueAt = managed.newDueAt;
        }
        const citizenNotice = input.approve
          ? `延期原因：${managed.reason}；承诺办结时间：${managed.newDueAt.toISOString()}`
          : null;
        return { reason: note, payload: { requestId: managed.id, approved: input.approve, newDueAt: managed.newDueAt.toISOString(), citizenNotice } };
      },
    );
  }

  // ── 提级转办 escalation to the petition bureau (003 四) ─────────────────────────────────────

  async escalate(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; reason: string }): Promise<WorkOrder> {
    const reason = text(input.reason, 'reason', '提级转办理由');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.ESCALATE] }, async ({ tx, order, now }) => {
      const bureau = await tx.findOneOrFail(Department, { code: PETITION_BUREAU });
      await tx.nativeUpdate(Assignment, { workOrder: order, status: { $in: LIVE } }, { status: AssignmentStatus.CANCELLED });
      // 003 四: handled "按照信访件处理的流程及时限": the 信访 policy's clocks from now.
      const clocks = await this.sla.deadlines(await this.sla.factsOf(order, { channelCode: 'xf' }), now);
      const dueAt = clocks.dueAt;
      tx.create(Assignment, { workOrder: order, department: bureau, role: AssignmentRole.LEAD, assignedAt: now, dueAt, note: reason });
      order.leadDepartment = bureau;
      order.signDueAt = clocks.signDueAt;
      order.dueAt = dueAt;
      return { reason, payload: { to: PETITION_BUREAU } };
    });
  }

  // ── 督办 supervision (003 五) ────────────────────────────────────────────────────────────────

  async supervise(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; level: SupervisionLevel; note: string; deadline: Date },
  ): Promise<WorkOrder> {
    const note = text(input.note, 'note', '督办要求');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.SUPERVISE] }, async (acting) => {
      const { tx, order, now, viewer: v } = acting;
      if (input.deadline <= now) throw badInput('督办期限须晚于当前时间', 'deadline must be in the future', 'deadline');
      tx.create(Supervision, { workOrder: order, level: input.level, note, deadline: input.deadline, actorRole: v.role, actorLabel: v.label });
      // 督办 is visible in the alerts at once, for the lead department (003 五).
      const alert = tx.create(Alert, {
        workOrder: order,
        type: AlertType.SUPERVISED,
        department: order.leadDepartment,
        dueAt: input.deadline,
        message: `${input.level === 'LEADER' ? '区领导督办' : '热线中心督办'}：${note} | Supervised (${input.level}): ${note}`,
      });
      await tx.flush();
      acting.alerts.push(alert.id);
      return { reason: note, payload: { level: input.level, deadline: input.deadline.toISOString() } };
    });
  }

  // ── 终结归档 termination (002 二(三)) ────────────────────────────────────────────────────────

  async requestTermination(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; reason: string; legalBasis: string }): Promise<WorkOrder> {
    const reason = text(input.reason, 'reason', '终结理由');
    const legalBasis = text(input.legalBasis, 'legalBasis', '法律政策依据');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.REQUEST_TERMINATION] }, async ({ tx, order, assignments }) => {
      const request = tx.create(TerminationRequest, { workOrder: order, department: leadAssignment(assignments)!.department, reason, legalBasis });
      await tx.flush();
      return { reason, payload: { requestId: request.id } };
    });
  }

  async decideTermination(em: EntityManager, viewer: Viewer, input: { requestId: number; version: number; approve: boolean; note?: string | null }): Promise<WorkOrder> {
    this.requireRole(viewer, [input.approve ? WorkOrderAction.APPROVE_TERMINATION : WorkOrderAction.REJECT_TERMINATION]);
    const request = await this.pendingRequest(em, TerminationRequest, input.requestId, '终结申请');
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '不同意的理由');
    return this.act(
      em,
      viewer,
      { orderId: request.workOrder.id, version: input.version, actions: [input.approve ? WorkOrderAction.APPROVE_TERMINATION : WorkOrderAction.REJECT_TERMINATION] },
      async ({ tx, order, now, viewer: v }) => {
        const managed = await tx.findOneOrFail(TerminationRequest, request.id, { populate: ['department'] });
        if (managed.status !== RequestStatus.PENDING) throw new HubError('INVALID_TRANSITION', { zh: '该申请已审批', en: 'The request was already decided' });
        managed.status = input.approve ? RequestStatus.APPROVED : RequestStatus.REJECTED;
        managed.decidedAt = now;
        managed.decisionNote = note;
        if (input.approve) {
          order.closedAt = now;
          await tx.nativeUpdate(Assignment, { workOrder: order, status: { $in: LIVE } }, { status: AssignmentStatus.DONE });
          // Terminated before acceptance, or (once accepted) replied with the termination's reasons.
          const accepted = await writeBackQueued(tx, order.id, 'ACCEPT');
          await this.queueWriteBack(tx, order, accepted ? 'RESULT' : 'REJECT', managed.id, {
            text: `${managed.reason}（依据：${managed.legalBasis}）`,
            orgName: managed.department.name,
            handlerName: v.label,
            handledAt: now.toISOString(),
          });
        }
        return { reason: input.approve ? managed.reason : note, payload: { requestId: managed.id, approved: input.approve, legalBasis: managed.legalBasis } };
      },
    );
  }

  // ── 原平台撤销 cancelled at origin (system actor) ─────────────────────────────────────────────

  /**
   * CANCEL_AT_ORIGIN (transitions.ts, SYSTEM_TRANSITIONS): the origin cancelled the record, applied
   * inside the ingesting transaction by the channel as actor. From a state the table does not allow
   * (the order had already ended) nothing changes and the order's status is returned, for the
   * caller's timeline note. The event is published after commit.
   */
  async cancelAtOrigin(tx: EntityManager, input: { orderId: number; channelCode: string; channelStatus: string }): Promise<{ cancelled: true } | { cancelled: false; status: WorkOrderStatus }> {
    const t = systemTransition(SystemAction.CANCEL_AT_ORIGIN);
    const [current] = await tx.execute('select status from work_order where id = ? for update', [input.orderId]);
    if (!t.from.includes(current.status)) return { cancelled: false, status: current.status };
    await tx.execute(`update work_order set status = ?, closed_at = now(), version = version + 1, updated_at = now() where id = ?`, [t.to, input.orderId]);
    await tx.execute(`update assignment set status = ? where work_order_id = ? and status = any(?::text[]::assignment_status[])`, [AssignmentStatus.DONE, input.orderId, pgArray(LIVE)]);
    const [row] = await tx.execute(
      `insert into work_order_event (work_order_id, type, occurred_at, actor_label, from_status, to_status, reason, payload)
       values (?, ?, now(), ?, ?, ?, ?, ?) returning id`,
      [input.orderId, t.event, input.channelCode, current.status, t.to, `原平台已撤销 cancelled at origin（${input.channelStatus}）`, JSON.stringify({ channel: input.channelCode, channelStatus: input.channelStatus })],
    );
    await publishEventRows(tx, this.bus, [{ id: row.id, workOrderId: input.orderId, type: t.event }]);
    return { cancelled: true };
  }

  // ── 并单 merge ────────────────────────────────────────────────────────────────────────────────

  /**
   * The duplicates become MERGED into the primary; their channel records move to the primary
   * (多头投诉), and both timelines keep their history. `version` is the primary's.
   */
  async merge(em: EntityManager, viewer: Viewer, input: { primaryId: number; version: number; duplicateIds: number[] }): Promise<WorkOrder> {
    const duplicates = [...new Set(input.duplicateIds)].filter((id) => id !== input.primaryId);
    if (!duplicates.length) throw badInput('请选择要并入的重复工单', 'give at least one duplicate other than the primary', 'duplicateIds');
    const t = transition(WorkOrderAction.MERGE);
    return this.act(
      em,
      viewer,
      { orderId: input.primaryId, version: input.version, actions: [WorkOrderAction.ABSORB_DUPLICATES] },
      async ({ tx, order: primary, viewer: v, now, extraEvents }) => {
        const found = await tx.find(WorkOrder, { id: { $in: duplicates } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
        if (found.length !== duplicates.length) throw notFound({ zh: '重复工单', en: 'Duplicate work order' });
        for (const duplicate of found) {
          if (!t.from.includes(duplicate.status)) {
            throw new HubError(
              'INVALID_TRANSITION',
              {
                zh: `工单 ${duplicate.code} 状态为 ${duplicate.status}，不能并单`,
                en: `Order ${duplicate.code} is ${duplicate.status}; only ${t.from.join(', ')} can be merged`,
              },
              { status: duplicate.status, allowedActions: allowedActions(duplicate.status, v.role) },
            );
          }
          const from = duplicate.status;
          duplicate.status = WorkOrderStatus.MERGED;
          duplicate.mergedInto = primary;
          duplicate.updatedAt = now;
          // What moves is recorded on the duplicate's MERGED event, so that 撤销并单 can put it back.
          const live: Array<{ id: number; status: string }> = await tx.execute(
            `select id, status from assignment where work_order_id = ? and status in ('PENDING', 'SIGNED')`,
            [duplicate.id],
          );
          const sources: Array<{ id: number }> = await tx.execute(`select id from work_order_source where work_order_id = ?`, [duplicate.id]);
          await tx.nativeUpdate(Assignment, { workOrder: duplicate, status: { $in: LIVE } }, { status: AssignmentStatus.CANCELLED });
          await tx.nativeUpdate(WorkOrderSource, { workOrder: duplicate }, { workOrder: primary });
          extraEvents.push(
            addEvent(tx, duplicate, WorkOrderEventType.MERGED, actorOf(v), {
              from,
              to: WorkOrderStatus.MERGED,
              at: now,
              payload: { into: primary.code, intoId: primary.id, sources: sources.map((x) => x.id), assignments: live },
            }),
          );
        }
        // The primary does not change state: its timeline records the merge.
        return { payload: { merged: found.map((d) => d.code) } };
      },
    );
  }

  // ── 撤销并单 unmerge ──────────────────────────────────────────────────────────────────────────

  /**
   * Undoes the latest merge of `orderId` (a MERGED duplicate): its own channel sources come back
   * from the primary, its cancelled assignments are live again, and it returns to the state it had.
   * Both timelines record it.
   */
  async unmerge(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number; reason?: string | null }): Promise<WorkOrder> {
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.UNMERGE] }, async ({ tx, order, viewer: v, now, extraEvents }) => {
      const [merged] = await tx.execute(
        `select from_status, payload from work_order_event where work_order_id = ? and type = 'MERGED' order by id desc limit 1`,
        [order.id],
      );
      const payload = (merged?.payload ?? {}) as { intoId?: number; sources?: number[]; assignments?: Array<{ id: number; status: string }> };
      if (!merged?.from_status || !payload.intoId) {
        throw new HubError('INVALID_TRANSITION', { zh: '找不到该工单的并单记录', en: 'No merge record of this order to undo' });
      }
      if (payload.sources?.length) {
        await tx.execute(`update work_order_source set work_order_id = ? where id = any(?::int[]) and work_order_id = ?`, [order.id, pgArray(payload.sources), payload.intoId]);
      }
      for (const a of payload.assignments ?? []) {
        await tx.execute(`update assignment set status = ?::assignment_status where id = ? and status = 'CANCELLED'`, [a.status, a.id]);
      }
      order.status = merged.from_status as WorkOrderStatus;
      order.mergedInto = undefined;
      await tx.execute(`update duplicate_candidate set status = 'UNMERGED', decided_by = ?, decided_at = ? where primary_id = ? and duplicate_id = ? and status = 'MERGED'`, [
        v.label,
        now,
        payload.intoId,
        order.id,
      ]);
      const primary = await tx.findOneOrFail(WorkOrder, payload.intoId);
      primary.updatedAt = now;
      extraEvents.push(addEvent(tx, primary, WorkOrderEventType.UNMERGED, actorOf(v), { at: now, reason: input.reason ?? null, payload: { released: order.code } }));
      return { reason: input.reason?.trim() || null, payload: { from: primary.code } };
    });
  }

  private async pendingRequest<T extends ExtensionRequest | TerminationRequest>(
    em: EntityManager,
    entity: new () => T,
    id: number,
    zh: string,
  ): Promise<T> {
    const request = await em.findOne(entity as never, id);
    if (!request) throw notFound({ zh, en: entity.name });
    return request as T;
  }
}
