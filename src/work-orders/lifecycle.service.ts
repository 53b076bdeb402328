import { LockMode, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canSeeOrder } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { badInput, forbidden, HubError, notFound } from '../common/errors';
import { DAY_MS } from '../common/time';
import { prepared } from '../db/prepared';
import { pgArray } from '../db/sql';
import type { WriteBackTargets } from '../ingest/connector-catalog';
import { queueWriteBack, writeBackInsertFrom, writeBackQueued, type WriteBackKind, type WriteBackPayload } from '../ingest/write-back-queue';
import { Alert, Assignment, Department, ExtensionRequest, Supervision, TerminationRequest, WorkOrder, WorkOrderEvent, WorkOrderSource } from '../entities';
import { publishAlerts } from '../sla/alert-publication';
import { AlertType } from '../sla/vocabulary';
import type { EventBus } from '../events/event-bus';
import { eventLogAppendFrom } from '../events/event-log';
import { Topics } from '../events/topics';
import type { SlaService } from '../sla/sla.service';
import { CONSULTATION_AFTER_UNSATISFIED_CALLBACKS, FUTURE_TOLERANCE_MS } from '../sla/policies';
import { ChannelKind } from '../reference/vocabulary';
import {
  AssignmentRole,
  AssignmentStatus,
  type ContactMethod,
  ReplyResult,
  RequestStatus,
  ReviewStatus,
  Satisfaction,
  type SupervisionLevel,
  WorkOrderEventType,
  WorkOrderStatus,
} from './enums';
import { actorColumns, actorOf, addEvent, publishEventRows, publishEvents, type EventDetails } from './timeline';
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

/** A non-cancelled assignment as the one-statement path reads it, its department from the same statement. */
interface LoadedAssignment {
  id: number;
  role: AssignmentRole;
  status: AssignmentStatus;
  signedAt: Date | null;
  department: { id: number; code: string; name: string; path: string };
}

/**
 * What an action's body works with on the one-statement path (actInOne): the order as read (no lock;
 * the body changes its fields, and the columns it changed are written), its live assignments, what
 * `reads` asked for, and `writes`, the action's own rows.
 */
interface ActingInOne {
  em: EntityManager;
  order: WorkOrder;
  assignments: LoadedAssignment[];
  viewer: Viewer;
  now: Date;
  read: Record<string, any>;
  writes: Writes;
}

/**
 * The action's own rows as parts of the one write statement: each a data-modifying statement that
 * reads `o`, the order row the version-checked update returned, so that none writes when that
 * update finds no row (a concurrent change: CONFLICT).
 */
class Writes {
  readonly parts: Array<{ sql: string; params: unknown[] }> = [];
  /** Departments the action assigns (paths), and whether it cancels the live assignments (the event's visibility facts). */
  readonly assigned: string[] = [];
  cancelsLive = false;

  add(sql: string, ...params: unknown[]): void {
    this.parts.push({ sql, params });
  }
}

/** The caller's version is not the order's. */
function conflict(current: number, sent: number): HubError {
  return new HubError(
    'CONFLICT',
    { zh: `工单已被他人修改（当前版本 ${current}），请刷新后重试`, en: `The order changed (version ${current}, you sent ${sent}); reload and retry` },
    { currentVersion: current },
  );
}

/** The order's stored columns (column → value as written), for finding what an action changed. */
function orderColumns(em: EntityManager, order: WorkOrder): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const prop of em.getMetadata().get(WorkOrder.name).props) {
    if (prop.primary || prop.version || prop.persist === false || prop.formula || prop.fieldNames?.length !== 1) continue;
    const value = (order as unknown as Record<string, any>)[prop.name];
    if (prop.kind === ReferenceKind.MANY_TO_ONE) values.set(prop.fieldNames[0], value?.id ?? null);
    else if (prop.kind === ReferenceKind.SCALAR)
      values.set(prop.fieldNames[0], value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : (value ?? null));
  }
  return values;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
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
      if (order.version !== target.version) throw conflict(order.version, target.version);
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

  /**
   * The same path in two statements and no transaction, for the actions the frontends call all day.
   * One read: the order, its non-cancelled assignments with their departments, its channels and what
   * the action names in `reads` (SQL expressions over `wo`). The same checks as act(): visibility,
   * version, the table and the preconditions. Then one write, a single (so atomic) statement of
   * data-modifying CTEs: the order's changed columns updated `where id = ? and version = ?` (the
   * optimistic lock: no row means a concurrent change, CONFLICT, and nothing else is written, since
   * every other part reads that row), the timeline event, its event-log row (NOTIFYed at commit by
   * the log's trigger) and the action's own rows (`writes`). The answer is the row the update returned.
   */
  private async actInOne(
    em: EntityManager,
    viewer: Viewer,
    target: {
      orderId: number;
      version: number;
      actions: WorkOrderAction[];
      choose?: (a: ActingInOne) => WorkOrderAction;
      reads?: Record<string, { sql: string; params?: unknown[] }>;
    },
    body: (a: ActingInOne, t: Transition) => Promise<EventDetails | void> | EventDetails | void,
  ): Promise<WorkOrder> {
    this.requireRole(viewer, target.actions);
    const work = em.fork();
    const needed = factsNeeded(target.actions);
    const reads = { ...target.reads };
    if (needed.pendingExtension)
      reads.pendingExtension = { sql: `exists (select 1 from extension_request r where r.work_order_id = wo.id and r.status = 'PENDING')` };
    if (needed.pendingTermination)
      reads.pendingTermination = { sql: `exists (select 1 from termination_request r where r.work_order_id = wo.id and r.status = 'PENDING')` };
    const names = Object.keys(reads);
    // Both statements are named (db/prepared.ts): one text per action and set of changed columns.
    const [row]: Array<Record<string, any>> = await work.execute(
      prepared(`select wo.*,
              coalesce((select json_agg(json_build_object('id', a.id, 'role', a.role, 'status', a.status, 'signedAt', a.signed_at,
                                 'department', json_build_object('id', d.id, 'code', d.code, 'name', d.name, 'path', d.path)) order by a.id)
                          from assignment a join department d on d.id = a.department_id
                         where a.work_order_id = wo.id and a.status <> 'CANCELLED'), '[]') as "#assignments",
              coalesce((select array_agg(distinct s.channel_id) from work_order_source s where s.work_order_id = wo.id), '{}') as "#channel_ids"
              ${names.map((name, i) => `, ${reads[name].sql} as "#read${i}"`).join('')}
         from work_order wo where wo.id = ?`),
      [...names.flatMap((name) => reads[name].params ?? []), target.orderId],
    );
    const all: LoadedAssignment[] = (row?.['#assignments'] ?? []).map((a: LoadedAssignment & { signedAt: string | null }) => ({
      ...a,
      signedAt: a.signedAt ? new Date(a.signedAt) : null,
    }));
    const channelIds: number[] = (row?.['#channel_ids'] ?? []).map(Number);
    const visibility = row && { restrictedIdentity: !!row.restricted_identity, departmentPaths: [...new Set(all.map((a) => a.department.path))], channelIds };
    if (!row || !visibility || !canSeeOrder(viewer, visibility)) throw notFound({ zh: '工单', en: 'Work order' });
    const read = Object.fromEntries(names.map((name, i) => [name, row[`#read${i}`]]));
    const order = work.map(WorkOrder, Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('#'))));
    if (order.version !== target.version) throw conflict(order.version, target.version);

    const acting: ActingInOne = {
      em: work,
      order,
      assignments: all.filter((a) => LIVE.includes(a.status)),
      viewer,
      now: new Date(),
      read,
      writes: new Writes(),
    };
    const t = transition(target.choose ? target.choose(acting) : target.actions[0]);
    this.refuse(
      t,
      viewer,
      { status: order.status, assignments: acting.assignments, pendingExtension: !!read.pendingExtension, pendingTermination: !!read.pendingTermination },
      acting.now,
    );

    const before = orderColumns(work, order);
    const from = order.status;
    const details = (await body(acting, t)) ?? {};
    if (t.to !== 'SAME' && t.to !== 'PREVIOUS') order.status = t.to;
    order.updatedAt = acting.now; // every action bumps the version, state change or not
    const changed = [...orderColumns(work, order)].filter(([column, value]) => !sameValue(before.get(column), value));

    const { writes } = acting;
    const actor = actorOf(viewer);
    const kept = writes.cancelsLive ? all.filter((a) => !LIVE.includes(a.status)) : all;
    const message = {
      workOrderId: order.id,
      type: t.event,
      departmentPaths: [...new Set([...kept.map((a) => a.department.path), ...writes.assigned])],
      channelIds,
      restrictedIdentity: visibility.restrictedIdentity,
    };
    const parts: Array<{ name: string; sql: string; params: unknown[] }> = [
      {
        name: 'o',
        sql: `update work_order set ${changed.map(([column]) => `"${column}" = ?`).join(', ')}, "version" = "version" + 1 where "id" = ? and "version" = ? returning *`,
        params: [...changed.map(([, value]) => value), order.id, target.version],
      },
      {
        name: 'e',
        sql: `insert into work_order_event (work_order_id, type, occurred_at, actor_role, actor_label, actor_token_id, actor_user_id, actor_name, actor_department_id, from_status, to_status, reason, payload)
              select o.id, ?::work_order_event_type, ?::timestamptz, ?::role, ?, ?::int, ?::int, ?, ?::int, ?::work_order_status, ?::work_order_status, ?, ?::jsonb from o returning id`,
        params: [
          t.event,
          acting.now,
          ...actorColumns(actor),
          t.to === 'SAME' ? null : from,
          t.to === 'SAME' ? null : order.status,
          details.reason ?? null,
          JSON.stringify({ action: t.action, ...details.payload }),
        ],
      },
      {
        name: 'l',
        sql: eventLogAppendFrom('e', `jsonb_build_object('eventId', e.id) || ?::jsonb`),
        params: [Topics.WORK_ORDER_EVENTS, JSON.stringify(message)],
      },
      ...writes.parts.map((part, i) => ({ name: `w${i}`, ...part })),
    ];
    const [updated]: Array<Record<string, unknown>> = await work.execute(
      prepared(`with ${parts.map((p) => `${p.name} as (${p.sql})`).join(', ')} select * from o`),
      parts.flatMap((p) => p.params),
    );
    if (!updated) {
      // Changed since it was read (the rare case: one more statement, for the current version).
      const [current] = await work.execute('select version from work_order where id = ?', [order.id]);
      throw conflict(current?.version ?? target.version + 1, target.version);
    }
    return work.map(WorkOrder, updated);
  }

  /** A write-back as one part of actInOne's write statement (the same rows queueWriteBack() writes). */
  private writeBackInOne(writes: Writes, kind: WriteBackKind, occasion: number, payload: WriteBackPayload): void {
    const { sql, params } = writeBackInsertFrom('o', kind, occasion, payload, this.options.writeBackTargets(kind));
    writes.add(sql, ...params);
  }

  /** The table's role, state and department-scope conditions and the action's preconditions, on facts already read. */
  private refuse(t: Transition, viewer: Viewer, facts: ActionFacts, now: Date): void {
    const refused = refusal(t, viewer, facts, { now, returnWindowHours: this.options.returnWindowHours });
    if (refused) throw refused;
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
    this.refuse(t, viewer, facts, now);
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
    const codes = [input.leadDepartmentCode, ...(input.coDepartmentCodes ?? [])];
    const departments = {
      sql: `coalesce((select json_agg(json_build_object('id', d.id, 'code', d.code, 'path', d.path)) from department d where d.code = any(?::text[]) and d.active), '[]')`,
      params: [pgArray(codes)],
    };
    return this.actInOne(
      em,
      viewer,
      { ...input, actions: [WorkOrderAction.DISPATCH], reads: { departments } },
      async ({ em: work, order, now, read, writes }) => {
        if (new Set(codes).size !== codes.length) throw badInput('主办与协办单位不能重复', 'lead and co-handling departments must differ', 'coDepartmentCodes');
        const byCode = new Map((read.departments as Array<{ id: number; code: string; path: string }>).map((d) => [d.code, d]));
        const missing = codes.filter((c) => !byCode.has(c));
        if (missing.length) throw badInput(`单位不存在：${missing.join(', ')}`, `Unknown department(s): ${missing.join(', ')}`, 'leadDepartmentCode');
        if (input.dueAt && input.dueAt.getTime() <= now.getTime()) throw badInput('办理时限须晚于当前时间', 'dueAt must be in the future', 'dueAt');

        // Re-dispatch (改派): earlier live assignments end; the returned lead keeps its RETURNED record.
        writes.add(`update assignment set status = 'CANCELLED' where work_order_id = (select id from o) and status in ('PENDING', 'SIGNED')`);
        writes.cancelsLive = true;
        const lead = byCode.get(input.leadDepartmentCode)!;
        const clocks = await this.sla.deadlines(await this.sla.factsOf(order), now);
        // The intake's reply deadline stands; a re-dispatch after it passed starts a new clock.
        const dueAt = input.dueAt ?? (order.dueAt && order.dueAt > now ? order.dueAt : clocks.dueAt);
        // In the order given, lead first (assignments are read oldest first).
        writes.add(
          `insert into assignment (work_order_id, department_id, role, status, assigned_at, due_at, note)
         select o.id, x.department_id, x.role, 'PENDING', ?::timestamptz, ?::timestamptz, ? from o, unnest(?::int[], ?::assignment_role[]) with ordinality as x(department_id, role, n) order by x.n`,
          now,
          dueAt,
          input.note?.trim() || null,
          pgArray(codes.map((code) => byCode.get(code)!.id)),
          pgArray(codes.map((code) => (code === lead.code ? AssignmentRole.LEAD : AssignmentRole.CO))),
        );
        writes.assigned.push(...codes.map((code) => byCode.get(code)!.path));
        order.leadDepartment = work.getReference(Department, lead.id); // 首办负责: the first unit a dispatch names carries the responsibility
        order.dispatchedAt = now;
        order.signDueAt = clocks.signDueAt;
        order.dueAt = dueAt;
        if (clocks.warnings.length) order.slaWarning = clocks.warnings.join('\n');
        return { reason: input.note?.trim() || null, payload: { lead: lead.code, co: input.coDepartmentCodes ?? [], redispatch: order.returnCount > 0 } };
      },
    );
  }

  // ── 签收 sign for ─────────────────────────────────────────────────────────────────────────────

  async sign(em: EntityManager, viewer: Viewer, input: { orderId: number; version: number }): Promise<WorkOrder> {
    return this.actInOne(
      em,
      viewer,
      {
        ...input,
        actions: [WorkOrderAction.SIGN, WorkOrderAction.SIGN_AS_CO_HANDLER],
        // The lead department's sign moves the order; a co-handler signs only its own assignment.
        choose: ({ assignments, viewer: v }) => signAction(v, assignments),
        reads: { acceptQueued: { sql: `exists (select 1 from outbox_message m where m.work_order_id = wo.id and m.kind = 'ACCEPT')` } },
      },
      ({ order, assignments, viewer: v, now, read, writes }, t) => {
        // refuse() checked it exists and is not signed yet
        const own = signedAssignment(t.action as WorkOrderAction.SIGN | WorkOrderAction.SIGN_AS_CO_HANDLER, v, assignments)!;
        writes.add(`update assignment set status = 'SIGNED', signed_at = ?::timestamptz where id = ? and exists (select 1 from o)`, now, own.id);
        if (t.action === WorkOrderAction.SIGN) {
          order.signedAt = now;
          // Accepted: the lead unit's first sign is the county's acceptance (told once, to the origins that take it).
          if (!read.acceptQueued) {
            this.writeBackInOne(writes, 'ACCEPT', own.id, {
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
    return this.actInOne(em, viewer, { ...input, actions: [WorkOrderAction.RECORD_CONTACT] }, ({ order, now }) => {
      if (input.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('联系时间不能晚于当前时间', 'at may not be in the future', 'at');
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
    return this.actInOne(em, viewer, { ...input, actions: [WorkOrderAction.SUBMIT_REPLY] }, ({ assignments, now, writes }) => {
      writes.add(
        `insert into reply (work_order_id, department_id, content, result, handler_name, submitted_at, review_status)
         select o.id, ?::int, ?, ?::reply_result, ?, ?::timestamptz, 'PENDING' from o`,
        leadAssignment(assignments)!.department.id,
        content,
        input.result,
        handlerName,
        now,
      );
      return { payload: { result: input.result } };
    });
  }

  /** 003 一: the unit's leader signs off every reply before it counts. */
  async reviewReply(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; approve: boolean; note?: string | null },
  ): Promise<WorkOrder> {
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '退回意见');
    const pendingReply = {
      sql: `(select json_build_object('id', r.id, 'content', r.content, 'handlerName', r.handler_name, 'departmentName', d.name)
               from reply r join department d on d.id = r.department_id
              where r.work_order_id = wo.id and r.review_status = 'PENDING' order by r.id desc limit 1)`,
    };
    return this.actInOne(
      em,
      viewer,
      { ...input, actions: [input.approve ? WorkOrderAction.APPROVE_REPLY : WorkOrderAction.REJECT_REPLY], reads: { pendingReply } },
      ({ order, now, read, writes }) => {
        const reply = read.pendingReply as { id: number; content: string; handlerName: string; departmentName: string } | null;
        if (!reply) throw notFound({ zh: '待审核的答复', en: 'Pending reply' });
        writes.add(
          `update reply set review_status = ?::review_status, reviewed_at = ?::timestamptz, review_note = ? where id = ? and exists (select 1 from o)`,
          input.approve ? ReviewStatus.APPROVED : ReviewStatus.REJECTED,
          now,
          note,
          reply.id,
        );
        if (input.approve) {
          order.repliedAt = now;
          // 统一回复: the approved reply goes back to every origin that answers the citizen itself.
          this.writeBackInOne(writes, 'RESULT', reply.id, {
            text: reply.content,
            orgName: reply.departmentName,
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
    const unsatisfiedBefore = { sql: `(select count(*)::int from callback c where c.work_order_id = wo.id and c.result_satisfaction = 'UNSATISFIED')` };
    return this.actInOne(
      em,
      viewer,
      { ...input, actions: [satisfied ? WorkOrderAction.CLOSE_AFTER_CALLBACK : WorkOrderAction.REWORK_AFTER_CALLBACK], reads: { unsatisfiedBefore } },
      async ({ order, now, read, writes }) => {
        writes.add(
          `insert into callback (work_order_id, contacted, process_satisfaction, result_satisfaction, resolved, comment, called_at)
           select o.id, ?::boolean, ?::satisfaction, ?::satisfaction, ?::boolean, ?, ?::timestamptz from o`,
          input.contacted,
          input.processSatisfaction,
          input.resultSatisfaction,
          input.resolved,
          input.comment?.trim() || null,
          now,
        );
        const payload = {
          contacted: input.contacted,
          processSatisfaction: input.processSatisfaction,
          resultSatisfaction: input.resultSatisfaction,
          resolved: input.resolved,
        };
        if (satisfied) {
          order.closedAt = now;
          writes.add(`update assignment set status = 'DONE' where work_order_id = (select id from o) and status in ('PENDING', 'SIGNED')`);
          return { payload };
        }
        // 重办: back to the department with a new clock; the second unsatisfied callback goes to 会商 (003 二).
        order.reworkCount += 1;
        const clock = await this.sla.replyDue(await this.sla.factsOf(order), now);
        order.dueAt = clock.dueAt;
        if (clock.warnings.length) order.slaWarning = clock.warnings.join('\n');
        const listed =
          input.resultSatisfaction === Satisfaction.UNSATISFIED &&
          Number(read.unsatisfiedBefore) + 1 >= CONSULTATION_AFTER_UNSATISFIED_CALLBACKS &&
          !order.consultationListedAt;
        if (listed) order.consultationListedAt = now;
        return {
          reason: input.comment?.trim() || null,
          payload: { ...payload, reworkCount: order.reworkCount, consultationListed: !!order.consultationListedAt },
        };
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
  async decideExtension(
    em: EntityManager,
    viewer: Viewer,
    input: { requestId: number; version: number; approve: boolean; note?: string | null },
  ): Promise<WorkOrder> {
    this.requireRole(viewer, [input.approve ? WorkOrderAction.APPROVE_EXTENSION : WorkOrderAction.REJECT_EXTENSION]);
    const request = await this.pendingRequest(em, ExtensionRequest, input.requestId, '延期申请');
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '不同意的理由');
    return this.act(
      em,
      viewer,
      {
        orderId: request.workOrder.id,
        version: input.version,
        actions: [input.approve ? WorkOrderAction.APPROVE_EXTENSION : WorkOrderAction.REJECT_EXTENSION],
      },
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
        const citizenNotice = input.approve ? `延期原因：${managed.reason}；承诺办结时间：${managed.newDueAt.toISOString()}` : null;
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
      // 003 四: handled "按照信访件处理的流程及时限": the clocks of the petition channel's policy, from now.
      const clocks = await this.sla.deadlines(await this.sla.factsOf(order, await this.sla.asChannelOfKind(ChannelKind.PETITION)), now);
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

  async requestTermination(
    em: EntityManager,
    viewer: Viewer,
    input: { orderId: number; version: number; reason: string; legalBasis: string },
  ): Promise<WorkOrder> {
    const reason = text(input.reason, 'reason', '终结理由');
    const legalBasis = text(input.legalBasis, 'legalBasis', '法律政策依据');
    return this.act(em, viewer, { ...input, actions: [WorkOrderAction.REQUEST_TERMINATION] }, async ({ tx, order, assignments }) => {
      const request = tx.create(TerminationRequest, { workOrder: order, department: leadAssignment(assignments)!.department, reason, legalBasis });
      await tx.flush();
      return { reason, payload: { requestId: request.id } };
    });
  }

  async decideTermination(
    em: EntityManager,
    viewer: Viewer,
    input: { requestId: number; version: number; approve: boolean; note?: string | null },
  ): Promise<WorkOrder> {
    this.requireRole(viewer, [input.approve ? WorkOrderAction.APPROVE_TERMINATION : WorkOrderAction.REJECT_TERMINATION]);
    const request = await this.pendingRequest(em, TerminationRequest, input.requestId, '终结申请');
    const note = input.approve ? input.note?.trim() || null : text(input.note, 'note', '不同意的理由');
    return this.act(
      em,
      viewer,
      {
        orderId: request.workOrder.id,
        version: input.version,
        actions: [input.approve ? WorkOrderAction.APPROVE_TERMINATION : WorkOrderAction.REJECT_TERMINATION],
      },
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
  async cancelAtOrigin(
    tx: EntityManager,
    input: { orderId: number; channelCode: string; channelStatus: string },
  ): Promise<{ cancelled: true } | { cancelled: false; status: WorkOrderStatus }> {
    const t = systemTransition(SystemAction.CANCEL_AT_ORIGIN);
    const [current] = await tx.execute('select status from work_order where id = ? for update', [input.orderId]);
    if (!t.from.includes(current.status)) return { cancelled: false, status: current.status };
    await tx.execute(`update work_order set status = ?, closed_at = now(), version = version + 1, updated_at = now() where id = ?`, [t.to, input.orderId]);
    await tx.execute(`update assignment set status = ? where work_order_id = ? and status = any(?::text[]::assignment_status[])`, [
      AssignmentStatus.DONE,
      input.orderId,
      pgArray(LIVE),
    ]);
    const [row] = await tx.execute(
      `insert into work_order_event (work_order_id, type, occurred_at, actor_label, from_status, to_status, reason, payload)
       values (?, ?, now(), ?, ?, ?, ?, ?) returning id`,
      [
        input.orderId,
        t.event,
        input.channelCode,
        current.status,
        t.to,
        `原平台已撤销 cancelled at origin（${input.channelStatus}）`,
        JSON.stringify({ channel: input.channelCode, channelStatus: input.channelStatus }),
      ],
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
        await tx.execute(`update work_order_source set work_order_id = ? where id = any(?::int[]) and work_order_id = ?`, [
          order.id,
          pgArray(payload.sources),
          payload.intoId,
        ]);
      }
      for (const a of payload.assignments ?? []) {
        await tx.execute(`update assignment set status = ?::assignment_status where id = ? and status = 'CANCELLED'`, [a.status, a.id]);
      }
      order.status = merged.from_status as WorkOrderStatus;
      order.mergedInto = undefined;
      await tx.execute(
        `update duplicate_candidate set status = 'UNMERGED', decided_by = ?, decided_at = ? where primary_id = ? and duplicate_id = ? and status = 'MERGED'`,
        [v.label, now, payload.intoId, order.id],
      );
      const primary = await tx.findOneOrFail(WorkOrder, payload.intoId);
      primary.updatedAt = now;
      extraEvents.push(
        addEvent(tx, primary, WorkOrderEventType.UNMERGED, actorOf(v), { at: now, reason: input.reason ?? null, payload: { released: order.code } }),
      );
      return { reason: input.reason?.trim() || null, payload: { from: primary.code } };
    });
  }

  private async pendingRequest<T extends ExtensionRequest | TerminationRequest>(em: EntityManager, entity: new () => T, id: number, zh: string): Promise<T> {
    const request = await em.findOne(entity as never, id);
    if (!request) throw notFound({ zh, en: entity.name });
    return request as T;
  }
}
