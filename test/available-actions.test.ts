import { Role } from '../src/auth/roles';
import { parseGlobalId } from '../src/common/relay';
import { sqlStatementsTotal } from '../src/db/sql-logger';
import { WorkOrderStatus as S } from '../src/work-orders/enums';
import { WorkOrderAction as A } from '../src/work-orders/transitions';
import type { GqlResult, TestHub } from './support/hub';
import { startTestHub } from './support/hub';
import { CO_DEPARTMENT, Lifecycle, perform, type OrderRef } from './support/lifecycle';

const ACTIONS = 'query($id: ID) { workOrder(id: $id) { version availableActions } }';
const REFUSED = ['FORBIDDEN', 'INVALID_TRANSITION', 'NOT_FOUND'];

/** Attempts `action` on `order` with valid arguments; null when the action cannot even be named (no request to decide). */
const attempt = (lc: Lifecycle, action: A, token: string, order: OrderRef): Promise<GqlResult<any> | null> =>
  perform(lc, action, token, order, { extensionDays: 60 });

type Recipe = (lc: Lifecycle) => Promise<OrderRef>;

const RECIPES: Record<string, Recipe> = {
  RECEIVED: (lc) => lc.orderIn(S.RECEIVED),
  DISPATCHED: (lc) => lc.orderIn(S.DISPATCHED),
  'DISPATCHED with a pending extension request': (lc) => lc.orderIn(S.DISPATCHED, { withExtensionRequest: true }),
  'HANDLING (lead signed, co-handler not yet)': (lc) => lc.orderIn(S.HANDLING),
  'HANDLING with pending extension and termination requests': (lc) => lc.orderIn(S.HANDLING, { withExtensionRequest: true, withTerminationRequest: true }),
  'HANDLING whose extension and termination requests were rejected': async (lc) => {
    const op = await lc.token(Role.OPERATOR);
    let o = await lc.orderIn(S.HANDLING, { withExtensionRequest: true, withTerminationRequest: true });
    o = await lc.ok(op, 'decideExtension', { rid: await lc.pendingRequestId(o, 'extensionRequests'), v: o.version, ok: false });
    return lc.ok(op, 'decideTermination', { rid: await lc.pendingRequestId(o, 'terminationRequests'), v: o.version, ok: false });
  },
  'HANDLING, the co-handler has signed too': async (lc) => {
    const o = await lc.orderIn(S.HANDLING);
    return lc.ok(await lc.token(Role.HANDLER, CO_DEPARTMENT), 'sign', { id: o.id, v: o.version });
  },
  'HANDLING, signed longer ago than the return window': async (lc) => {
    const o = await lc.orderIn(S.HANDLING);
    // The return window (2 h by default) is measured from the lead's sign: move the sign back 3 h.
    await lc.t
      .em()
      .execute(`update assignment set signed_at = signed_at - interval '3 hours' where work_order_id = ? and role = 'LEAD'`, [parseGlobalId(o.id)!.id]);
    return o;
  },
  REPLY_REVIEW: (lc) => lc.orderIn(S.REPLY_REVIEW),
  REPLIED: (lc) => lc.orderIn(S.REPLIED),
  ESCALATED: (lc) => lc.orderIn(S.ESCALATED),
  MERGED: (lc) => lc.orderIn(S.MERGED),
  CLOSED: (lc) => lc.orderIn(S.CLOSED),
};

const SCENARIOS: Array<[string, Role, string | undefined]> = [
  ['RECEIVED', Role.OPERATOR, undefined],
  ['DISPATCHED', Role.OPERATOR, undefined],
  ['DISPATCHED', Role.HANDLER, 'SCJGJ'],
  ['DISPATCHED', Role.HANDLER, CO_DEPARTMENT],
  ['DISPATCHED with a pending extension request', Role.OPERATOR, undefined],
  ['DISPATCHED with a pending extension request', Role.DEPT_LEADER, 'SCJGJ'],
  ['HANDLING (lead signed, co-handler not yet)', Role.OPERATOR, undefined],
  ['HANDLING (lead signed, co-handler not yet)', Role.HANDLER, 'SCJGJ'],
  ['HANDLING (lead signed, co-handler not yet)', Role.DEPT_LEADER, 'SCJGJ'],
  ['HANDLING (lead signed, co-handler not yet)', Role.HANDLER, CO_DEPARTMENT],
  ['HANDLING (lead signed, co-handler not yet)', Role.LEADER, undefined],
  ['HANDLING with pending extension and termination requests', Role.OPERATOR, undefined],
  ['HANDLING with pending extension and termination requests', Role.HANDLER, 'SCJGJ'],
  ['HANDLING whose extension and termination requests were rejected', Role.OPERATOR, undefined],
  ['HANDLING whose extension and termination requests were rejected', Role.HANDLER, 'SCJGJ'],
  ['HANDLING, the co-handler has signed too', Role.HANDLER, CO_DEPARTMENT],
  ['HANDLING, signed longer ago than the return window', Role.HANDLER, 'SCJGJ'],
  ['REPLY_REVIEW', Role.DEPT_LEADER, 'SCJGJ'],
  ['REPLY_REVIEW', Role.HANDLER, 'SCJGJ'],
  ['REPLY_REVIEW', Role.OPERATOR, undefined],
  ['REPLIED', Role.OPERATOR, undefined],
  ['ESCALATED', Role.HANDLER, 'XFJ'],
  ['ESCALATED', Role.OPERATOR, undefined],
  ['MERGED', Role.OPERATOR, undefined],
  ['CLOSED', Role.OPERATOR, undefined],
];

describe('WorkOrder.availableActions lists exactly what the mutations accept', () => {
  let t: TestHub;
  let lc: Lifecycle;
  beforeAll(async () => {
    t = await startTestHub();
    lc = new Lifecycle(t);
  });
  afterAll(() => t.close());

  async function listed(token: string, order: OrderRef): Promise<A[] | null> {
    const result = await t.gql(token, ACTIONS, { id: order.id });
    expect(result.errors).toBeUndefined();
    return result.data.workOrder?.availableActions ?? null;
  }

  /**
   * One scenario: the listed actions, then every action attempted (a fresh order after each success).
   * Returns what disagrees, as readable lines.
   */
  async function check(recipe: string, role: Role, department: string | undefined): Promise<string[]> {
    const who = `${recipe}, as ${role}${department ? `:${department}` : ''}`;
    const token = await lc.token(role, department);
    let order = await RECIPES[recipe](lc);
    const actions = await listed(token, order);
    if (!actions) return [`${who}: the order is not visible`];
    const wrong: string[] = [];
    for (const action of Object.values(A)) {
      if (action === A.SIGN_AS_CO_HANDLER) continue; // one mutation for both signs: checked with SIGN below
      const result = await attempt(lc, action, token, order);
      const code = result?.errors?.[0].extensions?.code;
      const succeeded = !!result && !result.errors;
      if (action === A.SIGN) {
        // signWorkOrder signs as the lead or as a co-handler, by the caller's department: at most one may be listed, and it is what happens.
        const signs = actions.filter((a) => a === A.SIGN || a === A.SIGN_AS_CO_HANDLER);
        if (signs.length > 1) wrong.push(`${who}: lists both ${signs.join(' and ')}`);
        if (signs.length && !succeeded) wrong.push(`${who}: lists ${signs[0]} but signWorkOrder answers ${code}`);
        if (!signs.length && succeeded) wrong.push(`${who}: lists no sign but signWorkOrder succeeds`);
        if (signs.length && succeeded) {
          const timeline = await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { timeline { type payload } } }', { id: order.id });
          const role = timeline.data.workOrder.timeline.at(-1).payload.role;
          if (role !== (signs[0] === A.SIGN ? 'LEAD' : 'CO')) wrong.push(`${who}: lists ${signs[0]} but signWorkOrder signed as ${role}`);
        }
      } else if (actions.includes(action)) {
        if (!succeeded) wrong.push(`${who}: lists ${action} but it ${result ? `answers ${code}` : 'has no request to decide'}`);
      } else if (result && !REFUSED.includes(code as string)) {
        wrong.push(`${who}: does not list ${action} but it ${succeeded ? 'succeeds' : `answers ${code}`}`);
      }
      if (succeeded) order = await RECIPES[recipe](lc); // it changed: the next attempt starts from a fresh one
    }
    return wrong;
  }

  it('for orders in many states and viewers: every listed action succeeds, every other one is refused by its mutation', async () => {
    const wrong: string[] = [];
    for (const [recipe, role, department] of SCENARIOS) wrong.push(...(await check(recipe, role, department)));
    expect(wrong).toEqual([]);
  }, 300_000);

  it('the known cases: no APPROVE_EXTENSION without a pending request, no SIGN_AS_CO_HANDLER for a lead that signed, no RETURN after the window', async () => {
    const op = t.tokens.OPERATOR;
    const lead = t.tokens['HANDLER:SCJGJ'];
    const handling = await RECIPES['HANDLING (lead signed, co-handler not yet)'](lc);
    expect(await listed(op, handling)).toEqual(
      expect.not.arrayContaining([A.APPROVE_EXTENSION, A.REJECT_EXTENSION, A.APPROVE_TERMINATION, A.REJECT_TERMINATION]),
    );
    expect(await listed(lead, handling)).toEqual(expect.not.arrayContaining([A.SIGN, A.SIGN_AS_CO_HANDLER]));
    expect(await listed(lead, handling)).toEqual(
      expect.arrayContaining([A.RETURN, A.REQUEST_EXTENSION, A.REQUEST_TERMINATION, A.SUBMIT_REPLY, A.RECORD_CONTACT]),
    );
    expect(await listed(await lc.token(Role.HANDLER, CO_DEPARTMENT), handling)).toEqual([A.SIGN_AS_CO_HANDLER, A.RECORD_CONTACT]);

    const pending = await RECIPES['HANDLING with pending extension and termination requests'](lc);
    expect(await listed(op, pending)).toEqual(expect.arrayContaining([A.APPROVE_EXTENSION, A.REJECT_EXTENSION, A.APPROVE_TERMINATION, A.REJECT_TERMINATION]));
    expect(await listed(lead, pending)).toEqual(expect.not.arrayContaining([A.REQUEST_EXTENSION, A.REQUEST_TERMINATION]));

    const late = await RECIPES['HANDLING, signed longer ago than the return window'](lc);
    expect(await listed(lead, late)).toEqual(expect.not.arrayContaining([A.RETURN]));
    // A department that cannot see the order gets no order at all.
    expect(await listed(t.tokens['HANDLER:RSJ'], late)).toBeNull();
  });

  it('in a list, each order gets its own answer, and the list costs the same statements for 2 orders as for 8', async () => {
    // Enough HANDLING orders, half of them with a pending extension request.
    for (let i = 0; i < 4; i++) {
      await RECIPES['HANDLING (lead signed, co-handler not yet)'](lc);
      await RECIPES['HANDLING with pending extension and termination requests'](lc);
    }
    const list = await t.gql(
      t.tokens.OPERATOR,
      '{ workOrders(first: 8, filter: { status: [HANDLING] }) { nodes { availableActions extensionRequests { status } } } }',
    );
    expect(list.errors).toBeUndefined();
    const nodes: Array<{ availableActions: A[]; extensionRequests: Array<{ status: string }> }> = list.data.workOrders.nodes;
    expect(nodes).toHaveLength(8);
    expect(new Set(nodes.map((n) => n.extensionRequests.some((r) => r.status === 'PENDING')))).toEqual(new Set([true, false]));
    for (const n of nodes) {
      expect(n.availableActions.includes(A.APPROVE_EXTENSION)).toBe(n.extensionRequests.some((r) => r.status === 'PENDING'));
    }

    const statements = async (token: string, first: number) => {
      const before = (await sqlStatementsTotal.get()).values[0]?.value ?? 0;
      const result = await t.gql(token, `{ workOrders(first: ${first}, filter: { status: [HANDLING] }) { nodes { availableActions } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data.workOrders.nodes).toHaveLength(first);
      return ((await sqlStatementsTotal.get()).values[0]?.value ?? 0) - before;
    };
    for (const token of [t.tokens.OPERATOR, t.tokens['HANDLER:SCJGJ']]) {
      await statements(token, 2); // warm the instance's reference snapshot
      expect(await statements(token, 8)).toBe(await statements(token, 2));
    }
  });
});
