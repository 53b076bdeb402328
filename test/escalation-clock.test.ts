import { Role } from '../src/auth/roles';
import { ChannelKind } from '../src/reference/vocabulary';
import { Urgency, RequestType, TimeLimitClass } from '../src/work-orders/enums';
import { Lifecycle } from './support/lifecycle';
import { startTestHub, type TestHub } from './support/hub';

const DAY_MS = 86_400_000;

/**
 * 003 四 提级转办: an escalated order goes to the petition bureau and is handled "按照信访件处理的流程及时限":
 * the time-limit policy of the petition channel (the reference channel of kind PETITION, 信访 xf-petition:
 * 60 days to finish), whatever channel it came from, with the clocks starting at the escalation.
 */
describe('escalation takes the petition channel’s clocks', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the petition channel is found by its kind in the reference data, and its policy gives the clocks', async () => {
    const sla = t.hub.services.sla;
    const asPetition = await sla.asChannelOfKind(ChannelKind.PETITION);
    expect(asPetition).toEqual({ channelCode: 'xf' });
    const now = new Date('2026-11-03T02:00:00Z'); // a Tuesday, a working day
    const facts = {
      channelCode: '12345',
      requestType: RequestType.COMPLAINT,
      urgency: Urgency.NORMAL,
      categoryCode: '100101',
      timeLimitClass: TimeLimitClass.GENERAL,
    };
    const own = await sla.deadlines(facts, now);
    const escalated = await sla.deadlines({ ...facts, ...asPetition }, now);
    expect(own.policyCode).toBe('general-5d');
    expect(escalated.policyCode).toBe('xf-petition');
    expect(escalated.dueAt.getTime() - now.getTime()).toBe(60 * DAY_MS);
  });

  it('a 12345 order escalated over GraphQL goes to the bureau, due 60 days after its escalation', async () => {
    const lc = new Lifecycle(t);
    const order = await lc.create('提级转办时限测试');
    const escalated = await lc.ok(await lc.token(Role.OPERATOR), 'escalate', { id: order.id, v: order.version });
    expect(escalated).toMatchObject({ status: 'ESCALATED', lead: 'XFJ' });
    const [row] = await t.em().execute(
      `select c.code as channel, wo.due_at, e.occurred_at
         from work_order wo join channel c on c.id = wo.channel_id
         join work_order_event e on e.work_order_id = wo.id and e.type = 'ESCALATED'
        where wo.title = ?`,
      ['提级转办时限测试'],
    );
    expect(row.channel).toBe('12345');
    expect(new Date(row.due_at).getTime() - new Date(row.occurred_at).getTime()).toBe(60 * DAY_MS);
  });
});
