import { Role } from '../src/auth/roles';
import { WorkOrderStatus as S } from '../src/work-orders/enums';
import { TRANSITIONS, WorkOrderAction as A, type Transition } from '../src/work-orders/transitions';
import { startTestHub, type TestHub } from './support/hub';
import { callback, CO_DEPARTMENT, Lifecycle, perform as attempt, scopedDepartment, type OrderRef } from './support/lifecycle';

const ALL_STATES = Object.values(S);
const ALL_ROLES = Object.values(Role);

/** Performs `action` on `order` as `token` with valid arguments (the orders here have the request to decide). */
async function perform(lc: Lifecycle, action: A, token: string, order: OrderRef) {
  const result = await attempt(lc, action, token, order);
  if (!result) throw new Error(`no request to decide for ${action}`);
  return result;
}

function setupFor(t: Transition) {
  return {
    withExtensionRequest: t.action === A.APPROVE_EXTENSION || t.action === A.REJECT_EXTENSION,
    withTerminationRequest: t.action === A.APPROVE_TERMINATION || t.action === A.REJECT_TERMINATION,
  };
}

describe('the work-order lifecycle, generated from the transition table', () => {
  let t: TestHub;
  let lc: Lifecycle;
  beforeAll(async () => {
    t = await startTestHub();
    lc = new Lifecycle(t);
  });
  afterAll(() => t.close());

  const allowed = TRANSITIONS.flatMap((tr) => tr.from.flatMap((from) => tr.roles.map((role) => [tr.action, from, role, tr] as const)));

  it.each(allowed)('%s from %s by %s succeeds and records the event', async (action, from, role, tr) => {
    const order = await lc.orderIn(from, setupFor(tr));
    const token = await lc.token(role, scopedDepartment(action, order));
    const result = await perform(lc, action, token, order);
    expect(result.errors).toBeUndefined();
    const updated = Object.values(result.data)[0] as { status: S; version: number };
    if (action !== A.MERGE) {
      // PREVIOUS (撤销并单): orderIn(MERGED) merges a RECEIVED order, so it is RECEIVED again.
      expect(updated.status).toBe(tr.to === 'SAME' ? from : tr.to === 'PREVIOUS' ? S.RECEIVED : tr.to);
      expect(updated.version).toBeGreaterThan(order.version);
    }
    const timeline = await t.gql(await lc.token(Role.OPERATOR), 'query($id: ID) { workOrder(id: $id) { status timeline { type payload } } }', { id: order.id });
    expect(timeline.data.workOrder.timeline.at(-1).type).toBe(tr.event);
    if (action === A.MERGE) expect(timeline.data.workOrder.status).toBe(S.MERGED);
  });

  const refusedRoles = TRANSITIONS.flatMap((tr) => ALL_ROLES.filter((r) => !tr.roles.includes(r)).map((role) => [tr.action, role, tr] as const));

  it.each(refusedRoles)('%s by %s is FORBIDDEN and changes nothing', async (action, role, tr) => {
    const order = await lc.orderIn(tr.from[0], setupFor(tr));
    const token = await lc.token(role, role === Role.PETITION_OFFICER ? 'XFJ' : scopedDepartment(action, order));
    const result = await perform(lc, action, token, order);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0].message).toMatch(/需要角色.*\|.*needs one of the roles/);
    const after = await t.gql(await lc.token(Role.OPERATOR), 'query($id: ID) { workOrder(id: $id) { version status } }', { id: order.id });
    expect(after.data.workOrder).toEqual({ version: order.version, status: tr.from[0] });
  });

  // States outside `from`, for the actions that need no prior request (those are covered by the requests' own rules).
  const refusedStates = TRANSITIONS.filter((tr) => !setupFor(tr).withExtensionRequest && !setupFor(tr).withTerminationRequest).flatMap((tr) =>
    ALL_STATES.filter((s) => !tr.from.includes(s)).map((state) => [tr.action, state, tr] as const),
  );
  const pool = new Map<S, OrderRef>();

  it.each(refusedStates)(
    '%s from %s is refused: INVALID_TRANSITION naming what is allowed (NOT_FOUND where the order is not visible)',
    async (action, state, tr) => {
      if (!pool.has(state)) pool.set(state, await lc.orderIn(state));
      const order = pool.get(state)!;
      const role = tr.roles[0];
      const token = await lc.token(role, scopedDepartment(action, order));
      const visible = (await t.gql(token, 'query($id: ID) { workOrder(id: $id) { version } }', { id: order.id })).data.workOrder;
      const result = await perform(lc, action, token, visible ? { ...order, version: visible.version } : order);
      const code = result.errors?.[0].extensions?.code;
      if (!visible) {
        expect(code).toBe('NOT_FOUND');
        return;
      }
      if (action === A.SIGN_AS_CO_HANDLER || action === A.SIGN) {
        // sign picks lead or co by the caller's department; either way the state is wrong here
        expect(['INVALID_TRANSITION', 'FORBIDDEN']).toContain(code);
      } else {
        expect(code).toBe('INVALID_TRANSITION');
      }
      if (code === 'INVALID_TRANSITION') expect(result.errors![0].extensions!.allowedActions).toBeDefined();
      const after = await t.gql(await lc.token(Role.OPERATOR), 'query($id: ID) { workOrder(id: $id) { status } }', { id: order.id });
      expect(after.data.workOrder.status).toBe(state);
    },
  );
});

describe('department scope, concurrency and the full path', () => {
  let t: TestHub;
  let lc: Lifecycle;
  beforeAll(async () => {
    t = await startTestHub();
    lc = new Lifecycle(t);
  });
  afterAll(() => t.close());

  it('a handler of another department can neither see nor act on the order', async () => {
    const order = await lc.orderIn(S.DISPATCHED);
    const rsj = await lc.token(Role.HANDLER, 'RSJ');
    expect((await t.gql(rsj, 'query($id: ID) { workOrder(id: $id) { id } }', { id: order.id })).data.workOrder).toBeNull();
    for (const doc of ['sign', 'return'] as const) {
      const result = await lc.run(rsj, doc, { id: order.id, v: order.version, r: '不是我们的' });
      expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
    }
    // The co-handler sees it but may not act as the lead.
    const co = await lc.token(Role.HANDLER, CO_DEPARTMENT);
    const signed = await lc.ok(await lc.token(Role.HANDLER, 'SCJGJ'), 'sign', { id: order.id, v: order.version });
    const reply = await lc.run(co, 'reply', {
      i: { workOrderId: order.id, version: signed.version, content: '协办单位答复', result: 'RESOLVED', handlerName: '赵' },
    });
    expect(reply.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(reply.errors![0].message).toMatch(/首办/);
  });

  it('two simultaneous signs: exactly one succeeds, the other gets CONFLICT, nothing half-written', async () => {
    const order = await lc.orderIn(S.DISPATCHED);
    const [handler, leader] = [await lc.token(Role.HANDLER, 'SCJGJ'), await lc.token(Role.DEPT_LEADER, 'SCJGJ')];
    const results = await Promise.all([
      lc.run(handler, 'sign', { id: order.id, v: order.version }),
      lc.run(leader, 'sign', { id: order.id, v: order.version }),
    ]);
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const view = await t.gql(
      await lc.token(Role.OPERATOR),
      'query($id: ID) { workOrder(id: $id) { version status timeline { type } assignments { role status } } }',
      { id: order.id },
    );
    expect(view.data.workOrder.status).toBe('HANDLING');
    expect(view.data.workOrder.version).toBe(order.version + 1);
    expect(view.data.workOrder.timeline.filter((e: { type: string }) => e.type === 'SIGNED')).toHaveLength(1);
  });

  it('two simultaneous dispatches: one wins, one CONFLICT, one set of assignments', async () => {
    const order = await lc.orderIn(S.RECEIVED);
    const op = await lc.token(Role.OPERATOR);
    const dispatch = (lead: string) => lc.run(op, 'dispatch', { i: { workOrderId: order.id, version: order.version, leadDepartmentCode: lead } });
    const results = await Promise.all([dispatch('SCJGJ'), dispatch('RSJ')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    const view = await t.gql(op, 'query($id: ID) { workOrder(id: $id) { assignments { role status department { code } } } }', { id: order.id });
    expect(view.data.workOrder.assignments).toHaveLength(1);
  });

  it('a stale version is a CONFLICT that names the current version', async () => {
    const order = await lc.orderIn(S.DISPATCHED);
    const result = await lc.run(await lc.token(Role.HANDLER, 'SCJGJ'), 'sign', { id: order.id, v: order.version - 1 });
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: order.version });
  });

  it('create → dispatch → sign → contact → reply → approve → callback (unsatisfied) → rework → reply → approve → callback (satisfied) → CLOSED', async () => {
    const op = await lc.token(Role.OPERATOR);
    const handler = await lc.token(Role.HANDLER, 'SCJGJ');
    const leader = await lc.token(Role.DEPT_LEADER, 'SCJGJ');
    let o = await lc.create('全流程工单');
    o = await lc.ok(op, 'dispatch', { i: { workOrderId: o.id, version: o.version, leadDepartmentCode: 'SCJGJ', note: '请核查处理' } });
    o = await lc.ok(handler, 'sign', { id: o.id, v: o.version });
    o = await lc.ok(handler, 'contact', { id: o.id, v: o.version, at: new Date().toISOString() });
    o = await lc.ok(handler, 'reply', {
      i: { workOrderId: o.id, version: o.version, content: '已约谈商户', result: 'PARTIALLY_RESOLVED', handlerName: '李四' },
    });
    o = await lc.ok(leader, 'review', { id: o.id, v: o.version, ok: true });
    const rework = await lc.run(op, 'callback', { i: callback(o, false) });
    expect(rework.data.recordCallback).toMatchObject({ status: 'HANDLING', reworkCount: 1, consultationListedAt: null });
    o = { ...o, version: rework.data.recordCallback.version };
    o = await lc.ok(handler, 'reply', {
      i: { workOrderId: o.id, version: o.version, content: '已下架过期食品并罚款', result: 'RESOLVED', handlerName: '李四' },
    });
    o = await lc.ok(leader, 'review', { id: o.id, v: o.version, ok: true });
    o = await lc.ok(op, 'callback', { i: callback(o, true) });
    expect(o.status).toBe('CLOSED');

    const view = await t.gql(
      op,
      `query($id: ID) { workOrder(id: $id) { status closedAt firstContactAt reworkCount replies { result reviewStatus }
         callbacks { resultSatisfaction } assignments { status } timeline { type fromStatus toStatus actorRole } } }`,
      { id: o.id },
    );
    const w = view.data.workOrder;
    expect(w.closedAt).toBeTruthy();
    expect(w.firstContactAt).toBeTruthy();
    expect(w.reworkCount).toBe(1);
    expect(w.replies.map((r: { reviewStatus: string }) => r.reviewStatus)).toEqual(['APPROVED', 'APPROVED']);
    expect(w.callbacks.map((c: { resultSatisfaction: string }) => c.resultSatisfaction)).toEqual(['UNSATISFIED', 'SATISFIED']);
    expect(w.assignments.every((a: { status: string }) => a.status === 'DONE')).toBe(true);
    expect(w.timeline.map((e: { type: string }) => e.type)).toEqual([
      'CREATED',
      'DISPATCHED',
      'SIGNED',
      'CONTACTED',
      'REPLY_SUBMITTED',
      'REPLY_APPROVED',
      'REWORK',
      'REPLY_SUBMITTED',
      'REPLY_APPROVED',
      'CALLBACK_RECORDED',
    ]);
    expect(w.timeline.map((e: { toStatus: string | null }) => e.toStatus)).toEqual([
      'RECEIVED',
      'DISPATCHED',
      'HANDLING',
      null,
      'REPLY_REVIEW',
      'REPLIED',
      'HANDLING',
      'REPLY_REVIEW',
      'REPLIED',
      'CLOSED',
    ]);
  });

  it('a second unsatisfied callback puts the order on the 会商 list (003 二)', async () => {
    const op = await lc.token(Role.OPERATOR);
    const handler = await lc.token(Role.HANDLER, 'SCJGJ');
    const leader = await lc.token(Role.DEPT_LEADER, 'SCJGJ');
    let o = await lc.orderIn(S.REPLIED);
    for (let round = 1; round <= 2; round++) {
      const result = await lc.run(op, 'callback', { i: callback(o, false) });
      const after = result.data.recordCallback;
      expect(after.reworkCount).toBe(round);
      expect(!!after.consultationListedAt).toBe(round === 2);
      o = { ...o, version: after.version, status: after.status };
      if (round === 1) {
        o = await lc.ok(handler, 'reply', { i: { workOrderId: o.id, version: o.version, content: '再次办理', result: 'EXPLAINED', handlerName: '李四' } });
        o = await lc.ok(leader, 'review', { id: o.id, v: o.version, ok: true });
      }
    }
  });

  it('merging moves the duplicates’ channel records to the primary and keeps both timelines', async () => {
    const op = await lc.token(Role.OPERATOR);
    const primary = await lc.create('主工单：噪音扰民');
    const duplicate = await lc.create('重复：噪音扰民');
    await lc.ok(op, 'merge', { p: primary.id, v: primary.version, d: [duplicate.id] });
    const q = 'query($id: ID) { workOrder(id: $id) { status sources { externalId } timeline { type } } }';
    const p = (await t.gql(op, q, { id: primary.id })).data.workOrder;
    const d = (await t.gql(op, q, { id: duplicate.id })).data.workOrder;
    expect(p.sources).toHaveLength(2);
    expect(d.sources).toHaveLength(0);
    expect(d.status).toBe('MERGED');
    expect(p.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'MERGED']);
    expect(d.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'MERGED']);
  });

  it('approving an extension moves the deadline and tells the citizen why', async () => {
    const op = await lc.token(Role.OPERATOR);
    const o = await lc.orderIn(S.HANDLING, { withExtensionRequest: true });
    const rid = await lc.pendingRequestId(o, 'extensionRequests');
    const decided = await lc.run(op, 'decideExtension', { rid, v: o.version, ok: true });
    expect(Date.parse(decided.data.decideExtension.dueAt)).toBeGreaterThan(Date.now() + 19 * 86400_000);
    const view = await t.gql(op, 'query($id: ID) { workOrder(id: $id) { timeline { type payload } } }', { id: o.id });
    const event = view.data.workOrder.timeline.at(-1);
    expect(event.type).toBe('EXTENSION_DECIDED');
    expect(event.payload.citizenNotice).toMatch(/延期原因：需协调多个部门现场核查；承诺办结时间/);
  });
});
