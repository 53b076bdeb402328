import { Connector12333 } from '../connectors/12333/client';
import { makeConfig12333 } from '../connectors/12333/config';
import { SAMPLE_KEY, Simulator12333 } from '../connectors/12333/simulator';
import { ConnectorBoard } from '../connectors/board/client';
import { makeConfigBoard } from '../connectors/board/config';
import { SAMPLE_APP_KEY, SAMPLE_SECRET, SimulatorBoard } from '../connectors/board/simulator';
import { Role } from '../src/auth/roles';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle, type OrderRef } from './support/lifecycle';

/**
 * 统一回复 back to the origins that answer the citizen themselves (12333 feedback, the board's
 * published reply) through the outbox, and 统一评价: the board's own user rating read back.
 */
describe('write-back to 12333 and the leader message board', () => {
  let sim12333: Simulator12333;
  let simBoard: SimulatorBoard;
  let c12333: Connector12333;
  let cBoard: ConnectorBoard;
  let t: TestHub;
  let lc: Lifecycle;
  const DAY = 86_400_000;

  beforeAll(async () => {
    sim12333 = await Simulator12333.start({ ratePerMinute: 100_000, maintenance: false });
    simBoard = await SimulatorBoard.start({ ratePerSecond: 1000 });
    // The platforms' clocks are today's: results may not be dated after them.
    sim12333.setClock(new Date());
    simBoard.setClock(new Date());
    // The simulator keeps no maintenance window: the client sends at any hour (no wall-clock dependence).
    c12333 = new Connector12333(makeConfig12333({ baseUrl: sim12333.url, apiKey: SAMPLE_KEY, pageSize: 100, requestTimeoutMs: 2000, startWatermark: 0 }), {
      maintenanceWindow: false,
    });
    cBoard = new ConnectorBoard(
      makeConfigBoard({
        baseUrl: simBoard.url,
        appKey: SAMPLE_APP_KEY,
        appSecret: SAMPLE_SECRET,
        pageSize: 50,
        requestTimeoutMs: 2000,
        startWatermark: '2024-03-01T00:00:00+08:00',
      }),
    );
    t = await startTestHub({
      pullConnectors: new Map<string, Connector12333 | ConnectorBoard>([
        ['12333', c12333],
        ['board', cBoard],
      ]),
    });
    lc = new Lifecycle(t);
    for (const code of ['12333', 'board']) {
      const sync = await t.gql(t.tokens.OPERATOR, `mutation($c: String!) { syncChannel(code: $c) { status created } }`, { c: code });
      expect(sync.data.syncChannel).toMatchObject({ status: 'SUCCEEDED' });
      expect(sync.data.syncChannel.created).toBeGreaterThan(0);
    }
  });
  afterAll(async () => {
    c12333.close();
    cBoard.close();
    await sim12333.stop();
    await simBoard.stop();
    await t.close();
  });

  /** The first order of a channel, carried through to an approved reply by RSJ. */
  async function replied(channel: string, content: string): Promise<{ order: OrderRef; externalId: string }> {
    const [row] = await t.em().execute(
      `select wo.id, s.external_id from work_order wo join work_order_source s on s.work_order_id = wo.id join channel c on c.id = s.channel_id
        where c.code = ? and wo.status = 'RECEIVED' order by wo.id limit 1`,
      [channel],
    );
    const id = Buffer.from(`WorkOrder:${row.id}`).toString('base64url');
    const version = (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id })).data.workOrder.version;
    let o = await lc.ok(t.tokens.OPERATOR, 'dispatch', { i: { workOrderId: id, version, leadDepartmentCode: 'RSJ' } });
    o = await lc.ok(await t.token(Role.HANDLER, 'RSJ'), 'sign', { id: o.id, v: o.version });
    o = await lc.ok(await t.token(Role.HANDLER, 'RSJ'), 'reply', {
      i: { workOrderId: o.id, version: o.version, content, result: 'RESOLVED', handlerName: '刘芳' },
    });
    o = await lc.ok(await t.token(Role.DEPT_LEADER, 'RSJ'), 'review', { id: o.id, v: o.version, ok: true });
    return { order: o, externalId: row.external_id };
  }

  const writeBacks = async (id: string) =>
    (
      await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { writeBacks { kind status attempts externalId idempotencyKey lastError } } }', {
        id,
      })
    ).data.workOrder.writeBacks;

  it('sends the approved reply to 12333 as feedback with its feedback_no, once', async () => {
    const { order, externalId } = await replied('12333', '经核实，已督促用人单位补缴社保并告知诉求人。');
    expect(await writeBacks(order.id)).toEqual([expect.objectContaining({ kind: 'RESULT', status: 'PENDING', externalId })]);
    expect(await t.hub.services.outbox.deliverDue()).toBeGreaterThanOrEqual(1);
    const [delivered] = await writeBacks(order.id);
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 1, lastError: null });
    const feedback = sim12333.feedbackFor(externalId) as Array<Record<string, unknown>>;
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ feedback_no: delivered.idempotencyKey, handler_org: '区人社局', handler_name: '刘芳' });
    // Nothing is sent twice.
    expect(await t.hub.services.outbox.deliverDue(new Date(Date.now() + 3_600_000))).toBe(0);
    expect(sim12333.feedbackFor(externalId)).toHaveLength(1);
  });

  it('publishes the approved reply on the board with its clientReplyId, then reads the user’s evaluation back', async () => {
    const { order, externalId } = await replied('board', '经核实，该路段路灯已于本周修复，感谢您的监督。');
    await t.hub.services.outbox.deliverDue();
    const [delivered] = await writeBacks(order.id);
    expect(delivered).toMatchObject({ kind: 'RESULT', status: 'DELIVERED', externalId });
    const replies = simBoard.repliesFor(Number(externalId));
    expect(replies).toEqual([expect.objectContaining({ clientReplyId: delivered.idempotencyKey, replyType: 'final' })]);

    const EVALS = 'query($id: ID) { workOrder(id: $id) { channelEvaluations { round evaluated satisfaction comment isDefault } } }';
    const evaluations = async () => (await t.gql(t.tokens.OPERATOR, EVALS, { id: order.id })).data.workOrder.channelEvaluations;
    // Not due before a day has passed; then read daily until rated.
    expect(await t.hub.services.outbox.pullEvaluations(new Date())).toBe(0);
    expect(await t.hub.services.outbox.pullEvaluations(new Date(Date.now() + DAY + 1000))).toBe(1);
    expect(await evaluations()).toEqual([{ round: 1, evaluated: false, satisfaction: null, comment: null, isDefault: false }]);

    simBoard.evaluate(Number(externalId), '基本满意', '希望按时修好<路灯>'); // the board stores it HTML-escaped (§6)
    expect(await t.hub.services.outbox.pullEvaluations(new Date(Date.now() + 2 * DAY + 2000))).toBe(1);
    expect(await evaluations()).toEqual([{ round: 1, evaluated: true, satisfaction: '基本满意', comment: '希望按时修好<路灯>', isDefault: false }]);
    // Rated and not 不满意: no more reads.
    expect(await t.hub.services.outbox.pullEvaluations(new Date(Date.now() + 5 * DAY))).toBe(0);
  });

  it('keeps a reply the board refuses as FAILED with the board’s code, for an operator', async () => {
    const { order } = await replied('board', '已处理。'); // under the board's 10-character minimum (§5)
    await t.hub.services.outbox.deliverDue();
    const [failed] = await writeBacks(order.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining('10–5000') });
  });

  it('re-reads open board threads daily (the window pull does not signal status changes, §3.1)', async () => {
    // The thread whose reply was refused is still pending at the board; it was last read 2 days ago.
    const [source] = await t
      .em()
      .execute(
        `select s.id, s.external_id from work_order_source s join channel c on c.id = s.channel_id where c.code = 'board' and s.channel_status = 'pending' order by s.id limit 1`,
      );
    await t.em().execute(`update work_order_source set last_seen_at = now() - interval '2 days' where id = ?`, [source.id]);
    simBoard.setStatus(Number(source.external_id), 'hidden');
    const run = await t.gql(t.tokens.OPERATOR, `mutation { syncChannel(code: "board") { status revisited updated } }`);
    expect(run.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', revisited: 1, updated: 1 });
    const [after] = await t.em().execute(`select channel_status from work_order_source where id = ?`, [source.id]);
    expect(after.channel_status).toBe('hidden');
    // Read today: not again until tomorrow.
    expect((await t.gql(t.tokens.OPERATOR, `mutation { syncChannel(code: "board") { revisited } }`)).data.syncChannel.revisited).toBe(0);
  });

  it('after 不满意 keeps reading the thread: a reopen at the board alerts operators', async () => {
    const { order, externalId } = await replied('board', '经核实，小区门口积水问题已安排疏通，感谢您的反映。');
    await t.hub.services.outbox.deliverDue();
    const tid = Number(externalId);
    simBoard.evaluate(tid, '不满意', '还是积水');
    expect(await t.hub.services.outbox.pullEvaluations(new Date(Date.now() + DAY + 1000))).toBe(1);
    const [source] = await t.em().execute(`select channel_status, work_order_id from work_order_source where external_id = ?`, [externalId]);
    expect(source.channel_status).toBe('evaluated');

    simBoard.reopen(tid);
    expect(await t.hub.services.outbox.pullEvaluations(new Date(Date.now() + 2 * DAY + 2000))).toBe(1);
    const [alert] = await t.em().execute(`select type from alert where work_order_id = ?`, [source.work_order_id]);
    expect(alert).toEqual({ type: 'ORIGIN_REOPENED' });
    const id = Number(Buffer.from(order.id, 'base64url').toString().split(':')[1]);
    expect(id).toBe(source.work_order_id);
  });
});
