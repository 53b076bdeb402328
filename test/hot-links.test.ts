/**
 * Issue 13 over GraphQL: category suggestions for orders without a category (and their use by
 * dispatch suggestions), and the repeat / hot-issue / duplicate links from an order's side, within
 * the viewer's row scope.
 */
import { RequestType } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

describe('WorkOrder links and suggested categories (issue 13)', () => {
  let t: TestHub;
  const HOUR = 3_600_000;
  const base = Date.now() - 5 * 24 * HOUR;
  const ids: Record<string, number> = {};

  async function order(
    channel: string,
    content: string,
    hoursIn: number,
    opts: { phone?: string; region?: string; category?: string | null } = {},
  ): Promise<number> {
    const [created] = await t.em().transactional((tx) =>
      t.hub.services.workOrders.createMany(tx, { role: null, label: channel }, channel, [
        {
          input: {
            requestType: RequestType.COMPLAINT,
            categoryCode: opts.category === undefined ? '110101' : opts.category,
            title: content.slice(0, 20),
            content,
            citizen: opts.phone ? { name: '刘女士', phone: opts.phone } : { anonymous: true },
            regionCode: opts.region ?? '360704108000',
            receivedAt: new Date(base + hoursIn * HOUR),
          },
          source: { externalId: `L-${channel}-${hoursIn}-${Math.random()}`, version: '1', versionOrder: 1 },
        },
      ]),
    );
    return created.id;
  }

  beforeAll(async () => {
    t = await startTestHub();
    // A burst in 五云镇: the taxi rank at the bus station, told four ways, one caller twice; a push
    // record with only the county code and no category, in traditional characters and dialect.
    ids.first = await order('12345', '五云镇汽车站门口出租车司机不打表，到县城开口要八十块，要求查处。', 0, { phone: '13907970001' });
    ids.board = await order('board', '五云镇汽车站的出租车都不打表，乱要价，外地人被宰，希望管一管。', 1);
    ids.third = await order('12345', '五云镇汽车站打的，司机拒绝打表，一口价八十，要求运管部门处理。', 2, { phone: '13907970002' });
    ids.push = await order('wzgz', '五雲鎮汽車站的士冇打錶，一口價八十，佢們天天噉樣。', 3, { region: '360704', category: null });
    ids.repeat = await order('12345', '再次反映五云镇汽车站出租车不打表的事，还是没人管，一口价八十。', 5, { phone: '13907970001' });
    ids.other = await order('12345', '大埠乡村道上的路灯坏了半个月，晚上很黑。', 4, { phone: '13907970003', region: '360704201000', category: '090101' });
    await t.hub.services.textAnalyzer.runOnce();
  });
  afterAll(() => t.close());

  const Q = `query($id: ID) { workOrder(id: $id) {
    id category { code } suggestedCategory { category { code } confidence }
    repeatOf { id } repeats(first: 5) { totalCount nodes { id } }
    hotIssues { id memberCount region { name } }
    duplicateCandidates { score primary { id } duplicate { id } evidence { sharedKeywords placeMatch viaHotIssue timeGapMinutes } }
  } }`;

  it('suggests a category from the text for an order without one, places it in the township its text names, and dispatch uses the suggestion', async () => {
    const push = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.push) })).data.workOrder;
    expect(push.category).toBeNull();
    expect(push.suggestedCategory.category.code).toBe('110101');
    expect(push.suggestedCategory.confidence).toBeGreaterThan(0);
    expect(push.suggestedCategory.confidence).toBeLessThanOrEqual(1);
    const [text] = await t.em().execute(`select r.code from work_order_text t join region r on r.id = t.region_id where t.work_order_id = ?`, [ids.push]);
    expect(text.code).toBe('360704108000');
    const withCategory = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.first) })).data.workOrder;
    expect(withCategory.suggestedCategory).toBeNull();

    const dispatch = await t.gql(t.tokens.OPERATOR, 'query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank reason } }', {
      id: gid('WorkOrder', ids.push),
    });
    const list = dispatch.data.dispatchSuggestions as Array<{ reason: string }>;
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) expect(s.reason).toMatch(/建议分类/);
  });

  it('links a repeat call to the first order and lists it among that order’s repeats', async () => {
    const repeat = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.repeat) })).data.workOrder;
    expect(repeat.repeatOf).toEqual({ id: gid('WorkOrder', ids.first) });
    const first = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.first) })).data.workOrder;
    expect(first.repeatOf).toBeNull();
    expect(first.repeats.totalCount).toBe(1);
    expect(first.repeats.nodes).toEqual([{ id: gid('WorkOrder', ids.repeat) }]);
  });

  it('shows the hot issue and the duplicate candidates, with their evidence, from the order’s side', async () => {
    const first = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.first) })).data.workOrder;
    expect(first.hotIssues).toHaveLength(1);
    expect(first.hotIssues[0]).toMatchObject({ region: { name: '五云镇' } });
    expect(first.hotIssues[0].memberCount).toBeGreaterThanOrEqual(4);
    expect(first.duplicateCandidates.length).toBeGreaterThan(0);
    for (const c of first.duplicateCandidates) {
      expect([c.primary?.id, c.duplicate?.id]).toContain(gid('WorkOrder', ids.first));
      expect(c.evidence.sharedKeywords.length + (c.evidence.viaHotIssue ? 1 : 0)).toBeGreaterThan(0);
      expect(['spot', 'place', 'township', 'none']).toContain(c.evidence.placeMatch);
    }
    const other = (await t.gql(t.tokens.OPERATOR, Q, { id: gid('WorkOrder', ids.other) })).data.workOrder;
    expect(other.hotIssues).toEqual([]);
    expect(other.duplicateCandidates).toEqual([]);
  });

  it('keeps the viewer’s scope: analysts see no duplicate candidates, a department sees no order outside its scope', async () => {
    const analyst = await t.gql(t.tokens.ANALYST, Q, { id: gid('WorkOrder', ids.first) });
    expect(analyst.data.workOrder.duplicateCandidates).toEqual([]);
    expect(analyst.data.workOrder.hotIssues).toHaveLength(1);
    const handlerToken = Object.entries(t.tokens).find(([k]) => k.startsWith('HANDLER:'))?.[1];
    expect(handlerToken).toBeDefined();
    const handler = await t.gql(handlerToken!, Q, { id: gid('WorkOrder', ids.first) });
    expect(handler.data?.workOrder ?? null).toBeNull();
  });
});
