import { Role } from '../../src/auth/roles';
import { WorkOrderStatus as S } from '../../src/work-orders/enums';
import { WorkOrderAction as A } from '../../src/work-orders/transitions';
import type { GqlResult, TestHub } from './hub';

/** Drives orders through the lifecycle over real HTTP, as the frontends would. */
export interface OrderRef {
  id: string;
  version: number;
  status: S;
  /** The lead department's code (the token that acts for LEAD-scoped actions). */
  lead: string;
}

const FIELDS = 'id version status leadDepartment { code }';

export const DOCS: Record<string, string> = {
  create: `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { ${FIELDS} code } }`,
  dispatch: `mutation($i: DispatchWorkOrderInput!) { dispatchWorkOrder(input: $i) { ${FIELDS} } }`,
  sign: `mutation($id: ID!, $v: Int!) { signWorkOrder(workOrderId: $id, version: $v) { ${FIELDS} } }`,
  return: `mutation($id: ID!, $v: Int!, $r: String!) { returnWorkOrder(workOrderId: $id, version: $v, reason: $r) { ${FIELDS} } }`,
  contact: `mutation($id: ID!, $v: Int!, $at: DateTime!) { recordContact(workOrderId: $id, version: $v, method: PHONE, at: $at, note: "电话联系诉求人") { ${FIELDS} firstContactAt } }`,
  reply: `mutation($i: SubmitReplyInput!) { submitReply(input: $i) { ${FIELDS} } }`,
  review: `mutation($id: ID!, $v: Int!, $ok: Boolean!, $note: String) { approveReply(workOrderId: $id, version: $v, approve: $ok, note: $note) { ${FIELDS} } }`,
  callback: `mutation($i: RecordCallbackInput!) { recordCallback(input: $i) { ${FIELDS} reworkCount consultationListedAt } }`,
  requestExtension: `mutation($id: ID!, $v: Int!, $due: DateTime!) { requestExtension(workOrderId: $id, version: $v, newDueAt: $due, reason: "需协调多个部门现场核查") { ${FIELDS} extensionRequests { id status } } }`,
  decideExtension: `mutation($rid: ID!, $v: Int!, $ok: Boolean!) { decideExtension(requestId: $rid, version: $v, approve: $ok, note: "审批意见") { ${FIELDS} dueAt } }`,
  escalate: `mutation($id: ID!, $v: Int!) { escalateWorkOrder(workOrderId: $id, version: $v, reason: "五个工作日内无法办结") { ${FIELDS} } }`,
  supervise: `mutation($id: ID!, $v: Int!, $d: DateTime!) { superviseWorkOrder(workOrderId: $id, version: $v, level: CENTRE, note: "请加快办理", deadline: $d) { ${FIELDS} supervisions { level } } }`,
  requestTermination: `mutation($id: ID!, $v: Int!) { requestTermination(workOrderId: $id, version: $v, reason: "诉求超出政策规定", legalBasis: "《信访工作条例》第三十一条") { ${FIELDS} terminationRequests { id status } } }`,
  decideTermination: `mutation($rid: ID!, $v: Int!, $ok: Boolean!) { decideTermination(requestId: $rid, version: $v, approve: $ok, note: "审批意见") { ${FIELDS} } }`,
  merge: `mutation($p: ID!, $v: Int!, $d: [ID!]!) { mergeWorkOrders(primaryId: $p, version: $v, duplicateIds: $d) { ${FIELDS} } }`,
  unmerge: `mutation($id: ID!, $v: Int!) { unmergeWorkOrder(id: $id, version: $v, reason: "并单有误") { ${FIELDS} } }`,
};

export const CO_DEPARTMENT = 'XZ_MEILIN';

export class Lifecycle {
  constructor(readonly t: TestHub) {}

  token(role: Role, department?: string): Promise<string> {
    return this.t.token(role, role === Role.CHANNEL ? 'wzgz' : department);
  }

  async run(token: string, doc: keyof typeof DOCS, variables: Record<string, unknown>): Promise<GqlResult<any>> {
    return this.t.gql(token, DOCS[doc], variables);
  }

  /** Runs a step that must succeed and returns the order as it now is. */
  async ok(token: string, doc: keyof typeof DOCS, variables: Record<string, unknown>): Promise<OrderRef> {
    const result = await this.run(token, doc, variables);
    if (result.errors) throw new Error(`${doc} failed: ${JSON.stringify(result.errors)}`);
    const order = Object.values(result.data)[0] as any;
    return { id: order.id, version: order.version, status: order.status, lead: order.leadDepartment?.code ?? '' };
  }

  /** The operator creates an order from `input` over a plain complaint in 梅林镇 (no category); with its code. */
  async createFrom(input: Record<string, unknown>): Promise<OrderRef & { code: string }> {
    const result = await this.run(this.t.tokens.OPERATOR, 'create', {
      i: { requestType: 'COMPLAINT', content: '来电人反映有关问题，要求处理。', regionCode: '360704100000', ...input },
    });
    if (result.errors) throw new Error(`create failed: ${JSON.stringify(result.errors)}`);
    const o = result.data.createWorkOrder;
    return { id: o.id, code: o.code, version: o.version, status: o.status, lead: o.leadDepartment?.code ?? '' };
  }

  /** The operator dispatches the order to `lead` (and co-handlers). */
  dispatchTo(o: OrderRef, lead: string, co: string[] = []): Promise<OrderRef> {
    return this.ok(this.t.tokens.OPERATOR, 'dispatch', { i: { workOrderId: o.id, version: o.version, leadDepartmentCode: lead, coDepartmentCodes: co } });
  }

  /** SCJGJ's handler replies (resolved) and its leader approves the reply. */
  async replyApproved(o: OrderRef): Promise<OrderRef> {
    o = await this.ok(this.t.tokens['HANDLER:SCJGJ'], 'reply', {
      i: { workOrderId: o.id, version: o.version, content: '经核实已处理', result: 'RESOLVED', handlerName: '李四' },
    });
    return this.ok(this.t.tokens['DEPT_LEADER:SCJGJ'], 'review', { id: o.id, v: o.version, ok: true });
  }

  /** 二次不满意: dispatched to SCJGJ, signed, replied and called back unsatisfied twice. */
  async unsatisfiedTwice(o: OrderRef): Promise<OrderRef> {
    const op = this.t.tokens.OPERATOR;
    o = await this.dispatchTo(o, 'SCJGJ');
    o = await this.ok(this.t.tokens['HANDLER:SCJGJ'], 'sign', { id: o.id, v: o.version });
    o = await this.replyApproved(o);
    o = await this.ok(op, 'callback', { i: callback(o, false) });
    o = await this.replyApproved(o);
    return this.ok(op, 'callback', { i: callback(o, false) });
  }

  /** 两次退单: dispatched to SCJGJ and returned by it, twice. */
  async returnedTwice(o: OrderRef): Promise<OrderRef> {
    const handler = this.t.tokens['HANDLER:SCJGJ'];
    o = await this.dispatchTo(o, 'SCJGJ');
    o = await this.ok(handler, 'return', { id: o.id, v: o.version, r: '不属于本单位职责' });
    o = await this.dispatchTo(o, 'SCJGJ');
    return this.ok(handler, 'return', { id: o.id, v: o.version, r: '仍不属于本单位职责' });
  }

  async create(title = '生命周期测试工单'): Promise<OrderRef> {
    return this.ok(await this.token(Role.OPERATOR), 'create', {
      i: {
        requestType: 'COMPLAINT',
        categoryCode: '100101',
        title,
        content: '来电人反映超市销售过期食品。',
        regionCode: '360704100000',
        citizen: { name: '张三', phone: '13907971234' },
      },
    });
  }

  async pendingRequestId(order: OrderRef, kind: 'extensionRequests' | 'terminationRequests'): Promise<string> {
    const id = await this.requestId(order, kind, { pendingOnly: true });
    if (!id) throw new Error(`no pending ${kind} on ${order.id}`);
    return id;
  }

  /**
   * The id of the request a decide mutation would name: the pending one, else (unless pendingOnly)
   * the latest decided one, so "nothing pending" can be attempted against a real request; null when
   * the order never had one.
   */
  async requestId(order: OrderRef, kind: 'extensionRequests' | 'terminationRequests', options: { pendingOnly?: boolean } = {}): Promise<string | null> {
    const result = await this.t.gql(await this.token(Role.OPERATOR), `query($id: ID) { workOrder(id: $id) { ${kind} { id status } } }`, { id: order.id });
    const requests: Array<{ id: string; status: string }> = result.data.workOrder[kind];
    const pending = requests.find((r) => r.status === 'PENDING');
    return (pending ?? (options.pendingOnly ? undefined : requests.at(-1)))?.id ?? null;
  }

  /** An order brought into `status` by the normal path (dispatched to SCJGJ with a township co-handler). */
  async orderIn(status: S, options: { withExtensionRequest?: boolean; withTerminationRequest?: boolean } = {}): Promise<OrderRef> {
    const op = await this.token(Role.OPERATOR);
    const handler = (dept: string) => this.token(Role.HANDLER, dept);
    const leader = (dept: string) => this.token(Role.DEPT_LEADER, dept);
    let o = await this.create();
    if (status === S.RECEIVED) return o;
    if (status === S.ESCALATED) return this.ok(op, 'escalate', { id: o.id, v: o.version });
    o = await this.ok(op, 'dispatch', { i: { workOrderId: o.id, version: o.version, leadDepartmentCode: 'SCJGJ', coDepartmentCodes: [CO_DEPARTMENT] } });
    if (options.withExtensionRequest && status !== S.HANDLING && status !== S.REPLY_REVIEW) {
      o = await this.ok(await handler('SCJGJ'), 'requestExtension', { id: o.id, v: o.version, due: future(20) });
    }
    if (status === S.DISPATCHED) return o;
    if (status === S.RETURNED) return this.ok(await handler('SCJGJ'), 'return', { id: o.id, v: o.version, r: '不属于本单位职责' });
    o = await this.ok(await handler('SCJGJ'), 'sign', { id: o.id, v: o.version });
    if (options.withExtensionRequest) o = await this.ok(await handler('SCJGJ'), 'requestExtension', { id: o.id, v: o.version, due: future(20) });
    if (options.withTerminationRequest) o = await this.ok(await handler('SCJGJ'), 'requestTermination', { id: o.id, v: o.version });
    if (status === S.HANDLING) return o;
    if (status === S.TERMINATED) {
      o = await this.ok(await handler('SCJGJ'), 'requestTermination', { id: o.id, v: o.version });
      return this.ok(op, 'decideTermination', { rid: await this.pendingRequestId(o, 'terminationRequests'), v: o.version, ok: true });
    }
    o = await this.ok(await handler('SCJGJ'), 'reply', {
      i: { workOrderId: o.id, version: o.version, content: '经核实已责令整改', result: 'RESOLVED', handlerName: '李四' },
    });
    if (status === S.REPLY_REVIEW) return o;
    o = await this.ok(await leader('SCJGJ'), 'review', { id: o.id, v: o.version, ok: true });
    if (status === S.REPLIED) return o;
    if (status === S.CLOSED) return this.ok(op, 'callback', { i: callback(o, true) });
    if (status === S.MERGED) {
      const primary = await this.create('主工单');
      const duplicate = await this.create('重复工单');
      await this.ok(op, 'merge', { p: primary.id, v: primary.version, d: [duplicate.id] });
      return { ...duplicate, status: S.MERGED, version: duplicate.version + 1 };
    }
    throw new Error(`no recipe for ${status}`);
  }
}

export function future(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString();
}

export function callback(order: OrderRef, satisfied: boolean) {
  return {
    workOrderId: order.id,
    version: order.version,
    contacted: true,
    processSatisfaction: satisfied ? 'SATISFIED' : 'UNSATISFIED',
    resultSatisfaction: satisfied ? 'SATISFIED' : 'UNSATISFIED',
    resolved: satisfied,
    comment: satisfied ? '满意' : '问题没有解决',
  };
}

/** The token that satisfies an action's department scope for this order. */
export function scopedDepartment(action: A, order: OrderRef): string | undefined {
  if (action === A.SIGN_AS_CO_HANDLER) return CO_DEPARTMENT;
  return order.lead || 'SCJGJ';
}

/**
 * Attempts `action` on `order` as `token` with valid arguments, as a frontend would; null when the
 * action cannot even be named (a decision with no request to decide).
 */
export async function perform(
  lc: Lifecycle,
  action: A,
  token: string,
  order: OrderRef,
  options: { extensionDays?: number } = {},
): Promise<GqlResult<any> | null> {
  const base = { id: order.id, v: order.version };
  switch (action) {
    case A.DISPATCH:
      return lc.run(token, 'dispatch', { i: { workOrderId: order.id, version: order.version, leadDepartmentCode: 'RSJ' } });
    case A.SIGN:
    case A.SIGN_AS_CO_HANDLER:
      return lc.run(token, 'sign', base);
    case A.RETURN:
      return lc.run(token, 'return', { ...base, r: '不属于本单位职责' });
    case A.RECORD_CONTACT:
      return lc.run(token, 'contact', { ...base, at: new Date().toISOString() });
    case A.SUBMIT_REPLY:
      return lc.run(token, 'reply', { i: { workOrderId: order.id, version: order.version, content: '已办理', result: 'RESOLVED', handlerName: '王五' } });
    case A.APPROVE_REPLY:
      return lc.run(token, 'review', { ...base, ok: true });
    case A.REJECT_REPLY:
      return lc.run(token, 'review', { ...base, ok: false, note: '答复不完整，请补充' });
    case A.CLOSE_AFTER_CALLBACK:
      return lc.run(token, 'callback', { i: callback(order, true) });
    case A.REWORK_AFTER_CALLBACK:
      return lc.run(token, 'callback', { i: callback(order, false) });
    case A.REQUEST_EXTENSION:
      return lc.run(token, 'requestExtension', { ...base, due: future(options.extensionDays ?? 30) });
    case A.APPROVE_EXTENSION:
    case A.REJECT_EXTENSION: {
      const rid = await lc.requestId(order, 'extensionRequests');
      return rid ? lc.run(token, 'decideExtension', { rid, v: order.version, ok: action === A.APPROVE_EXTENSION }) : null;
    }
    case A.ESCALATE:
      return lc.run(token, 'escalate', base);
    case A.SUPERVISE:
      return lc.run(token, 'supervise', { ...base, d: future(2) });
    case A.REQUEST_TERMINATION:
      return lc.run(token, 'requestTermination', base);
    case A.APPROVE_TERMINATION:
    case A.REJECT_TERMINATION: {
      const rid = await lc.requestId(order, 'terminationRequests');
      return rid ? lc.run(token, 'decideTermination', { rid, v: order.version, ok: action === A.APPROVE_TERMINATION }) : null;
    }
    case A.ABSORB_DUPLICATES: {
      const duplicate = await lc.create('重复工单');
      return lc.run(token, 'merge', { p: order.id, v: order.version, d: [duplicate.id] });
    }
    case A.MERGE: {
      const primary = await lc.create('主工单');
      return lc.run(token, 'merge', { p: primary.id, v: primary.version, d: [order.id] });
    }
    case A.UNMERGE:
      return lc.run(token, 'unmerge', base);
  }
  throw new Error(`no way to perform ${action}`);
}
