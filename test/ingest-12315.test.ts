import { Connector12315 } from '../connectors/12315/client';
import { makeConfig12315 } from '../connectors/12315/config';
import { SAMPLE_TOKEN, sampleCases, Simulator12315 } from '../connectors/12315/simulator';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle } from './support/lifecycle';

/** 12315 end to end: its simulator, the connector, the runtime, the hub's work orders. */
describe('12315 through the ingestion runtime', () => {
  let sim: Simulator12315;
  let connector: Connector12315;
  let t: TestHub;
  const SYNC = `mutation { syncChannel(code: "12315") { status pages created updated unchanged superseded quarantined errors } }`;
  const count = async () =>
    (await t.em().execute(`select count(*)::int as n from work_order wo join channel c on c.id = wo.channel_id where c.code = '12315'`))[0].n;

  beforeAll(async () => {
    sim = await Simulator12315.start({ frozen: true });
    connector = new Connector12315(makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], pageSize: 2, requestTimeoutMs: 2000 }));
    t = await startTestHub({ pullConnectors: new Map([['12315', connector]]) });
  });
  afterAll(async () => {
    connector.close();
    await sim.stop();
    await t.close();
  });

  it('turns the spec’s sample cases into work orders, once, however often it polls', async () => {
    const samples = sampleCases().length;
    const first = await t.gql(t.tokens.OPERATOR, SYNC);
    expect(first.errors).toBeUndefined();
    expect(first.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: samples, quarantined: 0 });
    expect(await count()).toBe(samples);

    // The next poll starts 2 minutes before the watermark (inclusive): boundary cases come again, nothing changes.
    const again = await t.gql(t.tokens.OPERATOR, SYNC);
    expect(again.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: 0 });
    expect(await count()).toBe(samples);

    const orders = await t.gql(
      t.tokens.OPERATOR,
      `{ workOrders(filter: { channelCodes: ["12315"] }, first: 10) { nodes { requestType sources { externalId channelStatus } citizen { name } } } }`,
    );
    expect(orders.data.workOrders.nodes.map((n: { sources: Array<{ externalId: string }> }) => n.sources[0].externalId).sort()).toEqual(
      sampleCases()
        .map((c) => c.caseNo)
        .sort(),
    );

    // The platform moves a case on: the next poll updates its order and adds a timeline event.
    const caseNo = sampleCases()[0].caseNo;
    sim.advanceClock(60_000);
    sim.updateCase(caseNo, { status: 'MEDIATING' });
    const update = await t.gql(t.tokens.OPERATOR, SYNC);
    expect(update.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: 1 });
    const [source] = await t.em().execute(
      `select s.channel_status, (select array_agg(e.type::text order by e.id) from work_order_event e where e.work_order_id = s.work_order_id) as events
         from work_order_source s where s.external_id = ?`,
      [caseNo],
    );
    expect(source.channel_status).toBe('MEDIATING');
    expect(source.events).toEqual(['CREATED', 'UPDATED']);

    const runs = await t.gql(t.tokens.OPERATOR, `{ syncRuns(channelCode: "12315", first: 5) { status created updated trigger } }`);
    expect(runs.data.syncRuns).toHaveLength(3);
    expect(runs.data.syncRuns[0]).toMatchObject({ status: 'SUCCEEDED', updated: 1, trigger: 'MANUAL' });
  });

  it('sends the approved reply back to 12315 through the outbox, once, and reads the echo', async () => {
    const caseNo = sampleCases()[1].caseNo;
    const [{ id }] = await t.em().execute(`select work_order_id as id from work_order_source where external_id = ?`, [caseNo]);
    const lc = new Lifecycle(t);
    const gid = Buffer.from(`WorkOrder:${id}`).toString('base64url');
    const current = async () => (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id: gid })).data.workOrder.version;
    await lc.ok(t.tokens.OPERATOR, 'dispatch', { i: { workOrderId: gid, version: await current(), leadDepartmentCode: 'SCJGJ' } });
    await lc.ok(t.tokens['HANDLER:SCJGJ'], 'sign', { id: gid, v: await current() });
    await lc.ok(t.tokens['HANDLER:SCJGJ'], 'reply', {
      i: { workOrderId: gid, version: await current(), content: '经调解，商家同意退款。', result: 'RESOLVED', handlerName: '张敏' },
    });
    await lc.ok(t.tokens['DEPT_LEADER:SCJGJ'], 'review', { id: gid, v: await current(), ok: true });

    const WB = 'query($id: ID) { workOrder(id: $id) { writeBacks { kind status attempts externalId idempotencyKey lastError } } }';
    const queued = (await t.gql(t.tokens.OPERATOR, WB, { id: gid })).data.workOrder.writeBacks;
    expect(queued).toEqual([expect.objectContaining({ kind: 'RESULT', status: 'PENDING', attempts: 0, externalId: caseNo })]);

    // The platform's clock is today's from here on (results may not be dated after it, §5).
    sim.setClock(new Date(), { frozen: false });
    // A gateway hiccup: retried later, not lost.
    sim.setFault({ kind: 'serverError', status: 502 }, { times: 1, on: 'results' });
    expect(await t.hub.services.outbox.deliverDue()).toBe(0);
    const retried = (await t.gql(t.tokens.OPERATOR, WB, { id: gid })).data.workOrder.writeBacks[0];
    expect(retried).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(await t.hub.services.outbox.deliverDue(new Date(Date.now() + 600_000))).toBe(1);
    const delivered = (await t.gql(t.tokens.OPERATOR, WB, { id: gid })).data.workOrder.writeBacks[0];
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 2, lastError: null });
    expect(await t.hub.services.outbox.deliverDue(new Date(Date.now() + 600_000))).toBe(0);
    expect(sim.resultsFor(caseNo)).toHaveLength(1);

    // The platform closes the case; the next pull brings that version back (the echo).
    const echo = await t.gql(t.tokens.OPERATOR, SYNC);
    expect(echo.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
    const [source] = await t.em().execute(`select channel_status from work_order_source where external_id = ?`, [caseNo]);
    expect(source.channel_status).toBe('CLOSED');
    // README "Origin status → hub action" ³: the echo is a timeline note, the order's state is the hub's.
    const notes = await t.em().execute(`select reason from work_order_event where work_order_id = ? and type = 'NOTE'`, [id]);
    expect(notes).toEqual([{ reason: expect.stringContaining('回显') }]);
    const [order] = await t.em().execute(`select status from work_order where id = ?`, [id]);
    expect(order.status).toBe('REPLIED');
  });

  it('acts on the origin’s status: a withdrawal terminates the order, a reopen alerts operators (README table)', async () => {
    const [withdrawn, reopened] = [sampleCases()[2].caseNo, sampleCases()[0].caseNo];
    const orderOf = async (caseNo: string) =>
      (
        await t.em().execute(`select wo.id, wo.status from work_order_source s join work_order wo on wo.id = s.work_order_id where s.external_id = ?`, [caseNo])
      )[0];
    sim.advanceClock(60_000);
    sim.updateCase(withdrawn, { status: 'WITHDRAWN' });
    sim.updateCase(reopened, { status: 'CLOSED' });
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', updated: 2 });
    expect(await orderOf(withdrawn)).toMatchObject({ status: 'TERMINATED' });
    const [terminated] = await t
      .em()
      .execute(`select from_status, to_status, reason from work_order_event where work_order_id = ? and type = 'TERMINATED'`, [(await orderOf(withdrawn)).id]);
    expect(terminated).toMatchObject({ from_status: 'RECEIVED', to_status: 'TERMINATED', reason: expect.stringContaining('cancelled at origin') });
    // CLOSED at the origin without a hub write-back: informational, the order stays open.
    expect(await orderOf(reopened)).toMatchObject({ status: 'RECEIVED' });

    sim.advanceClock(60_000);
    sim.updateCase(reopened, { status: 'ACCEPTED' });
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ updated: 1 });
    const alerts = await t.gql(t.tokens.OPERATOR, `{ alerts(filter: { types: [ORIGIN_REOPENED] }, first: 5) { nodes { type message workOrder { id } } } }`);
    expect(alerts.errors).toBeUndefined();
    expect(alerts.data.alerts.nodes).toEqual([expect.objectContaining({ type: 'ORIGIN_REOPENED', message: expect.stringContaining('12315') })]);
    expect(await orderOf(reopened)).toMatchObject({ status: 'RECEIVED' });
  });

  it('answers an unconfigured channel with BAD_USER_INPUT', async () => {
    const result = await t.gql(t.tokens.OPERATOR, `mutation { syncChannel(code: "12333") { status } }`);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
