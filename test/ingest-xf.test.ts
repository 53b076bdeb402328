import pino from 'pino';
import { Writable } from 'node:stream';
import { ConnectorXf } from '../connectors/xf/client';
import { makeConfigXf } from '../connectors/xf/config';
import { SAMPLE_AUTH_CODE, SAMPLE_SYS_CODE, SimulatorXf } from '../connectors/xf/simulator';
import { Role } from '../src/auth/roles';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle } from './support/lifecycle';

/**
 * 信访 end to end: letters pulled into restricted work orders (petition.md §8), the platform's
 * deadlines (§5), 受理告知 and 办理结果 back through the outbox (§6), and the origin's statuses.
 */
describe('信访 letters through the ingestion runtime', () => {
  let sim: SimulatorXf;
  let connector: ConnectorXf;
  let t: TestHub;
  let lc: Lifecycle;
  const logs: string[] = [];
  const SYNC = `mutation { syncChannel(code: "xf") { status created updated quarantined errors } }`;
  const [ACCEPTED, PENDING] = ['36070424030500018', '36070424030700042'];
  const IDENTITIES = ['钟国华', '13607971288', '360721196708233010', '洋塘村下屋组', '刘晓梅', '4331256', SAMPLE_AUTH_CODE];
  const orderOf = async (xfjbh: string) =>
    (
      await t
        .em()
        .execute(
          `select wo.id, wo.status, wo.restricted_identity, wo.first_contact_due_at, wo.due_at, s.channel_status from work_order_source s join work_order wo on wo.id = s.work_order_id where s.external_id = ?`,
          [xfjbh],
        )
    )[0];
  const gid = (id: number) => Buffer.from(`WorkOrder:${id}`).toString('base64url');

  beforeAll(async () => {
    sim = await SimulatorXf.start({ ratePerSecond: 1000 });
    connector = new ConnectorXf(
      makeConfigXf({
        url: sim.url,
        sysCode: SAMPLE_SYS_CODE,
        authCode: SAMPLE_AUTH_CODE,
        pageSize: 50,
        requestTimeoutMs: 2000,
        startWatermark: '2024-03-01T00:00:00+08:00',
      }),
      { now: () => sim.now(), minRequestIntervalMs: 0 },
    );
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
    t = await startTestHub({ pullConnectors: new Map([['xf', connector]]), logger: pino({ level: 'trace' }, sink), env: { LOG_LEVEL: 'trace' } });
    lc = new Lifecycle(t);
  });
  afterAll(async () => {
    connector.close();
    await sim.stop();
    await t.close();
  });

  it('pulls the §9 letters into work orders whose identity only the petition bureau sees', async () => {
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: 2, quarantined: 0 });
    const order = await orderOf(ACCEPTED);
    expect(order).toMatchObject({ status: 'RECEIVED', restricted_identity: true, channel_status: '20' });
    const Q = 'query($id: ID) { workOrder(id: $id) { title content citizen { name phone idNumber address restricted } } }';
    const asOperator = (await t.gql(t.tokens.OPERATOR, Q, { id: gid(order.id) })).data.workOrder;
    expect(asOperator.citizen).toEqual({ name: null, phone: null, idNumber: null, address: null, restricted: true });
    expect(asOperator.content).toMatch(/^反映2022年茅店镇洋塘村道路拓宽工程/); // NRZY, not XFNR
    expect(asOperator.content).not.toContain('钟国华');
    const asBureau = (await t.gql(t.tokens['PETITION_OFFICER:XFJ'], Q, { id: gid(order.id) })).data.workOrder;
    expect(asBureau.citizen).toMatchObject({ name: '钟**', phone: '136****1288', restricted: true });

    const REVEAL = 'mutation($id: ID!) { revealCitizen(workOrderId: $id, reason: "信访件办理核实身份") { name idNumber address petitionContent } }';
    const revealed = (await t.gql(t.tokens['PETITION_OFFICER:XFJ'], REVEAL, { id: gid(order.id) })).data.revealCitizen;
    expect(revealed).toMatchObject({ name: '钟国华', idNumber: '360721196708233010', address: '江西省赣州市赣县区茅店镇洋塘村下屋组' });
    expect(revealed.petitionContent).toContain('按每亩3.6万元');
    const refused = await t.gql(t.tokens.OPERATOR, REVEAL, { id: gid(order.id) });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('takes SLQX / BLQX verbatim as 23:59:59 Asia/Shanghai deadlines (§5)', async () => {
    const instant = (v: string | Date) => new Date(v).toISOString();
    const accepted = await orderOf(ACCEPTED);
    expect([instant(accepted.first_contact_due_at), instant(accepted.due_at)]).toEqual(['2024-03-20T15:59:59.000Z', '2024-05-05T15:59:59.000Z']);
    expect(instant((await orderOf(PENDING)).first_contact_due_at)).toBe('2024-03-22T15:59:59.000Z');
  });

  it('sends 受理告知 (FKLX 01) when the lead unit signs for a letter awaiting acceptance; the echo is a note', async () => {
    sim.setClock(new Date()); // the platform's clock is today's from here on (FKSJ is the hub's time)
    const order = await orderOf(PENDING);
    const version = (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id: gid(order.id) })).data.workOrder.version;
    let o = await lc.ok(t.tokens.OPERATOR, 'dispatch', { i: { workOrderId: gid(order.id), version, leadDepartmentCode: 'SCJGJ' } });
    o = await lc.ok(t.tokens['HANDLER:SCJGJ'], 'sign', { id: o.id, v: o.version });
    expect(await t.hub.services.outbox.deliverDue()).toBe(1);
    const [feedback] = sim.feedbacksFor(PENDING);
    expect(feedback).toMatchObject({ FKLX: '01', CBDW: expect.any(String) });
    expect(feedback.FKBH).toMatch(/^[A-Za-z0-9-]{8,40}$/);
    expect(sim.getLetter(PENDING)).toMatchObject({ ZT: '20' });

    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
    expect(await orderOf(PENDING)).toMatchObject({ status: 'HANDLING', channel_status: '20' });
    const notes = await t.em().execute(`select reason from work_order_event where work_order_id = ? and type = 'NOTE'`, [order.id]);
    expect(notes).toEqual([{ reason: expect.stringContaining('回显') }]);

    // The approved reply goes back as 办理结果 (FKLX 04); the letter is 已办结 at the platform.
    o = { ...o, version: (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id: o.id })).data.workOrder.version };
    o = await lc.ok(t.tokens['HANDLER:SCJGJ'], 'reply', {
      i: { workOrderId: o.id, version: o.version, content: '经核查，反映的问题属实，已责令整改并追回资金。', result: 'RESOLVED', handlerName: '谢文斌' },
    });
    await lc.ok(await t.token(Role.DEPT_LEADER, 'SCJGJ'), 'review', { id: o.id, v: o.version, ok: true });
    expect(await t.hub.services.outbox.deliverDue()).toBe(1);
    expect(sim.feedbacksFor(PENDING).map((f) => f.FKLX)).toEqual(['01', '04']);
    expect(sim.getLetter(PENDING)).toMatchObject({ ZT: '30' });
  });

  it('a letter already accepted at the platform gets no 受理告知; a withdrawal (40) terminates its order', async () => {
    const order = await orderOf(ACCEPTED);
    const version = (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id: gid(order.id) })).data.workOrder.version;
    const o = await lc.ok(t.tokens.OPERATOR, 'dispatch', { i: { workOrderId: gid(order.id), version, leadDepartmentCode: 'SCJGJ' } });
    await lc.ok(t.tokens['HANDLER:SCJGJ'], 'sign', { id: o.id, v: o.version });
    expect((await t.em().execute(`select count(*)::int as n from outbox_message where work_order_id = ?`, [order.id]))[0].n).toBe(0);

    sim.updateLetter(ACCEPTED, { ZT: '40' });
    // Two updates: this withdrawal, and the other letter now 已办结 (30) after the hub's result — an echo.
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', updated: 2 });
    expect(await orderOf(ACCEPTED)).toMatchObject({ status: 'TERMINATED', channel_status: '40' });
    const pending = await orderOf(PENDING);
    expect(pending).toMatchObject({ status: 'REPLIED', channel_status: '30' });
    expect((await t.em().execute(`select count(*)::int as n from work_order_event where work_order_id = ? and type = 'NOTE'`, [pending.id]))[0].n).toBe(2);
  });

  it('never writes an identity value or the AuthCode to a log line', () => {
    expect(logs.length).toBeGreaterThan(10);
    const joined = logs.join('\n');
    for (const value of IDENTITIES) expect(joined).not.toContain(value);
  });
});
