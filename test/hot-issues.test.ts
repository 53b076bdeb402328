import { Role } from '../src/auth/roles';
import { evaluateHotIssues } from '../bench/hot-data/evaluation';
import { hotScore, isHot } from '../src/hot-issues/hot-score';
import { centroidMatch, centroidOf, reportVector } from '../src/hot-issues/centroids';
import { RequestType } from '../src/work-orders/enums';
import { subscribeWs, waitFor } from './support/graphql-ws-client';
import { startTestHub, type TestHub } from './support/hub';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

describe('hot score (hot-score.ts), by hand', () => {
  it('is the largest Poisson-style z of the windows with enough reporters', () => {
    // 28-day baseline 56 → 2 a day: expected 0.5 in 6 h, 2 in 24 h, 6 in 72 h.
    const input = {
      windows: [
        { hours: 6, recent: 3 },
        { hours: 24, recent: 4 },
        { hours: 72, recent: 4 },
      ],
      previous: 1,
      baseline28d: 56,
    };
    // z6 = (3 − 0.5)/√1.5 = 2.041; z24 = (4 − 2)/√3 = 1.155; z72 = (4 − 6)/√7 = −0.756
    expect(hotScore(input).score).toBeCloseTo(2.041, 3);
    expect(hotScore(input).growth).toBe(4);
    expect(isHot(input)).toBe(true);
    // Two reporters are never enough, however quiet the township.
    expect(isHot({ windows: [{ hours: 6, recent: 2 }], previous: 0, baseline28d: 0 })).toBe(false);
    // A busy township × category: four reports in three days are its usual traffic.
    expect(isHot({ windows: [{ hours: 72, recent: 4 }], previous: 0, baseline28d: 112 })).toBe(false);
  });

  it('damps a chronic topic by its own earlier rate, not a burst whose first reports came just before the window', () => {
    const windows = [
      { hours: 6, recent: 1 },
      { hours: 24, recent: 1 },
      { hours: 72, recent: 3 },
    ];
    // Quiet township: three reporters in three days would be hot (z72 = 3).
    expect(isHot({ windows, previous: 0, baseline28d: 0 })).toBe(true);
    // The same matter had two other reporters over the six days before: 2/144 h → 1 expected in 72 h, z72 = (3 − 1)/√2 = 1.41.
    const chronic = { windows, previous: 2, baseline28d: 0, prior: { reporters: 2, hours: 144 } };
    expect(hotScore(chronic).score).toBeCloseTo(Math.SQRT2, 3);
    expect(isHot(chronic)).toBe(false);
    // A burst whose first two reports came three hours before the window: their rate counts over 72 h, not 3 h.
    const burst = { windows: [{ hours: 72, recent: 12 }], previous: 2, baseline28d: 0, prior: { reporters: 2, hours: 3 } };
    expect(hotScore(burst).score).toBeCloseTo((12 - 2) / Math.sqrt(3), 3);
    expect(isHot(burst)).toBe(true);
  });
});

describe('cluster centroids (centroids.ts)', () => {
  const report = (words: Array<[string, number]>, places: string[] = []) => ({
    keywords: words.map(([word, weight]) => ({ word, weight })),
    places: { townships: places, spots: [], places: [] },
  });

  it('sums the members at unit length without place names, and finds a report or fragment of the matter, not another matter', () => {
    const members = [
      report(
        [
          ['停电', 2],
          ['供电所', 1],
          ['韩坊镇', 3],
        ],
        ['韩坊镇'],
      ),
      report([
        ['停电', 1],
        ['电压', 1],
        ['冰箱', 1],
        ['县城', 1],
      ]),
    ];
    const c = centroidOf(members);
    expect([...c.keys()].sort()).toEqual(['供电所', '停电', '冰箱', '电压'].sort());
    expect(c.get('停电')).toBeCloseTo(2 / Math.sqrt(5) + 1 / Math.sqrt(3), 6);
    const straggler = centroidMatch(
      reportVector(
        report([
          ['停电', 1],
          ['供电所', 1],
          ['电压', 0.5],
        ]),
      ),
      c,
    );
    expect(straggler.cosine).toBeGreaterThan(0.8);
    expect(straggler.core).toBe(3);
    const other = centroidMatch(
      reportVector(
        report([
          ['电费', 2],
          ['电表', 2],
          ['供电所', 0.5],
        ]),
      ),
      c,
    );
    expect(other.cosine).toBeLessThan(0.2);
    expect(other.core).toBeLessThan(2);
  });
});

describe('repeat and multi-source complaints, hot issues', () => {
  let t: TestHub;
  const HOUR = 3_600_000;
  const base = Date.now() - 10 * 24 * HOUR;
  const TAXI = '梅林镇赣县汽车站门口的出租车司机不打表，到王母渡镇要价120元，要求退还多收的车费。';

  async function order(channel: string, content: string, hoursIn: number, phone?: string, region = '360704100000', category = '110101'): Promise<number> {
    const [created] = await t.em().transactional((tx) =>
      t.hub.services.workOrders.createMany(tx, { role: null, label: channel }, channel, [
        {
          input: {
            requestType: RequestType.COMPLAINT,
            categoryCode: category,
            title: content.slice(0, 20),
            content,
            citizen: phone ? { name: '王先生', phone } : { anonymous: true },
            regionCode: region,
            receivedAt: new Date(base + hoursIn * HOUR),
          },
          source: { externalId: `T-${channel}-${hoursIn}-${Math.random()}`, version: '1', versionOrder: 1 },
        },
      ]),
    );
    return created.id;
  }

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('a burst of one matter from several channels becomes a hot issue; the same text from another channel is merged automatically, and can be unmerged', async () => {
    const first = await order('12345', TAXI, 0, '13907971234');
    const copy = await order('wzgz', TAXI, 1); // the same message on 问政赣州
    await order('board', '赣县汽车站（梅林镇）出租车不打表乱要价，去王母渡镇收了120元，希望管管。', 2);
    await order('12345', '在梅林镇赣县汽车站坐的士，司机拒绝打表，开口就要一百二十元到王母渡。', 3, '13870712345');
    await order('12345', '茅店镇中心小学门口的路灯坏了一个月，晚上很黑。', 3, '13607971288', '360704106000', '090101');
    expect(await t.hub.services.textAnalyzer.runOnce()).toBe(5);

    const Q = `{ hotIssues(first: 5) { totalCount nodes { id title keywords memberCount status score region { name } category { code } members(first: 10) { totalCount nodes { id } } trend { date count } } } }`;
    const hot = (await t.gql(t.tokens.OPERATOR, Q)).data.hotIssues;
    expect(hot.totalCount).toBe(1);
    const [issue] = hot.nodes;
    expect(issue).toMatchObject({ memberCount: 4, status: 'NEW', region: { name: '梅林镇' }, category: { code: '110101' } });
    expect(issue.title).toMatch(/^梅林镇：/);
    expect(issue.keywords).toEqual(expect.arrayContaining(['不打表', '赣县汽车站']));
    expect(issue.score).toBeGreaterThanOrEqual(1.5);
    expect(issue.members.totalCount).toBe(4);
    expect(issue.members.nodes).toHaveLength(4);
    expect(issue.trend.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(4);

    // The identical message on another channel was merged into the first, by the system.
    const states = await t.em().execute(`select id, status, merged_into_id from work_order where id = any(?::int[]) order by id`, [`{${first},${copy}}`]);
    expect(states).toEqual([
      { id: first, status: 'RECEIVED', merged_into_id: null },
      { id: copy, status: 'MERGED', merged_into_id: first },
    ]);
    const [merged] = await t.em().execute(`select actor_label from work_order_event where work_order_id = ? and type = 'MERGED'`, [copy]);
    expect(merged.actor_label).toBe('系统 SYSTEM');
    const sources = async (id: number) => (await t.em().execute(`select count(*)::int as n from work_order_source where work_order_id = ?`, [id]))[0].n;
    expect([await sources(first), await sources(copy)]).toEqual([2, 0]);

    const version = (await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { version } }', { id: gid('WorkOrder', copy) })).data.workOrder
      .version;
    const undone = await t.gql(
      t.tokens.OPERATOR,
      'mutation($id: ID!, $v: Int!) { unmergeWorkOrder(id: $id, version: $v, reason: "两条留言需分别答复") { status } }',
      { id: gid('WorkOrder', copy), v: version },
    );
    expect(undone.data.unmergeWorkOrder).toEqual({ status: 'RECEIVED' });
    expect([await sources(first), await sources(copy)]).toEqual([1, 1]);
    const [candidate] = await t.em().execute(`select status, decided_by from duplicate_candidate where primary_id = ? and duplicate_id = ?`, [first, copy]);
    expect(candidate).toEqual({ status: 'UNMERGED', decided_by: 'OPERATOR' });
  });

  it('lists the other multi-source pairs with their evidence for an operator, who merges or dismisses them', async () => {
    const D = `{ duplicateCandidates(first: 20) { totalCount nodes { id score status primary { id } duplicate { id } evidence { sharedKeywords jaccard cosine timeGapMinutes } } } }`;
    const pending = (await t.gql(t.tokens.OPERATOR, D)).data.duplicateCandidates;
    expect(pending.totalCount).toBeGreaterThan(0);
    for (const c of pending.nodes) {
      expect(c.status).toBe('PENDING');
      expect(c.evidence.sharedKeywords.length).toBeGreaterThan(0);
      expect(c.evidence.timeGapMinutes).toBeGreaterThanOrEqual(0);
    }
    const id = pending.nodes[0].id;
    expect(
      (await t.gql(t.tokens.OPERATOR, 'mutation($id: ID!) { decideDuplicateCandidate(id: $id, merge: false) }', { id })).data.decideDuplicateCandidate,
    ).toBe(true);
    const again = await t.gql(t.tokens.OPERATOR, 'mutation($id: ID!) { decideDuplicateCandidate(id: $id, merge: false) }', { id });
    expect(again.errors![0].extensions!.code).toBe('INVALID_TRANSITION');
    expect((await t.gql(t.tokens.ANALYST, D)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('marks a repeat complaint of the same caller (keyed phone hash) with its count and first order', async () => {
    const repeat = await order('12345', '我又来反映梅林镇赣县汽车站出租车不打表的问题，上次说要处理，至今没有退钱。', 50, '13907971234');
    await t.hub.services.textAnalyzer.runOnce();
    const [row] = await t.em().execute(`select repeat_count, repeat_of_id from work_order where id = ?`, [repeat]);
    const [first] = await t
      .em()
      .execute(`select id from work_order where citizen_phone_hash = (select citizen_phone_hash from work_order where id = ?) order by received_at limit 1`, [
        repeat,
      ]);
    expect(row).toEqual({ repeat_count: 1, repeat_of_id: first.id });
    const q = await t.gql(t.tokens.OPERATOR, 'query($id: ID) { workOrder(id: $id) { repeatCount } }', { id: gid('WorkOrder', repeat) });
    expect(q.data.workOrder.repeatCount).toBe(1);
    // 区长热线日 hard cases show it as a repeat complaint, with its count.
    const month = new Date(base + 50 * HOUR + 8 * HOUR).toISOString().slice(0, 7);
    const hard = await t.gql(t.tokens.OPERATOR, 'query($m: String!) { hardCases(month: $m) { reasons workOrder { id repeatCount } } }', { m: month });
    expect(hard.data.hardCases).toEqual(
      expect.arrayContaining([{ reasons: expect.arrayContaining(['REPEAT']), workOrder: { id: gid('WorkOrder', repeat), repeatCount: 1 } }]),
    );
  });

  it('is read by staff within their scope and decided by the centre', async () => {
    const Q = `{ hotIssues(first: 5) { totalCount nodes { id } } }`;
    expect((await t.gql(t.tokens.ANALYST, Q)).data.hotIssues.totalCount).toBe(1);
    expect((await t.gql(t.tokens.LEADER, Q)).data.hotIssues.totalCount).toBe(1);
    expect((await t.gql(t.tokens['CHANNEL:wzgz'], Q)).errors![0].extensions!.code).toBe('FORBIDDEN');
    // A department sees a hot issue once one of its member orders is assigned to it.
    expect((await t.gql(await t.token(Role.HANDLER, 'JTYSJ'), Q)).data.hotIssues.totalCount).toBe(0);
    const id = (await t.gql(t.tokens.OPERATOR, Q)).data.hotIssues.nodes[0].id;
    const [member] = await t
      .em()
      .execute(
        `select m.work_order_id as id, wo.version from hot_issue_member m join work_order wo on wo.id = m.work_order_id where wo.status = 'RECEIVED' limit 1`,
      );
    const dispatched = await t.gql(t.tokens.OPERATOR, `mutation($i: DispatchWorkOrderInput!) { dispatchWorkOrder(input: $i) { status } }`, {
      i: { workOrderId: gid('WorkOrder', member.id), version: member.version, leadDepartmentCode: 'JTYSJ' },
    });
    expect(dispatched.errors).toBeUndefined();
    expect((await t.gql(await t.token(Role.HANDLER, 'JTYSJ'), Q)).data.hotIssues.totalCount).toBe(1);

    const M = 'mutation($id: ID!) { updateHotIssueStatus(id: $id, status: CONFIRMED) { status statusChangedBy statusChangedAt } }';
    const confirmed = (await t.gql(t.tokens.LEADER, M, { id })).data.updateHotIssueStatus;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', statusChangedBy: 'LEADER' });
    expect((await t.gql(await t.token(Role.HANDLER, 'JTYSJ'), M, { id })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
  it('streams a hot issue’s changes to hotIssueUpdated subscribers, and replays them after a reconnect with since', async () => {
    const id = (await t.gql(t.tokens.OPERATOR, `{ hotIssues(first: 1) { nodes { id } } }`)).data.hotIssues.nodes[0].id;
    const UPDATED = `subscription($id: ID!, $since: String) { hotIssueUpdated(id: $id, since: $since) { status memberCount cursor } }`;
    const live = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, UPDATED, { id });
    await live.started;
    await t.gql(t.tokens.OPERATOR, 'mutation($id: ID!) { updateHotIssueStatus(id: $id, status: RESOLVED) { status } }', { id });
    await waitFor(() => live.events.length > 0, 10_000, 'hotIssueUpdated');
    expect(live.events[0]).toMatchObject({ status: 'RESOLVED', memberCount: expect.any(Number), cursor: expect.stringMatching(/^\d+$/) });
    await live.stop();
    // Away while it changed again: a reconnect with the last cursor gets what it missed.
    await t.gql(t.tokens.OPERATOR, 'mutation($id: ID!) { updateHotIssueStatus(id: $id, status: CONFIRMED) { status } }', { id });
    const back = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, UPDATED, { id, since: live.events[0].cursor });
    await waitFor(() => back.events.length > 0, 10_000, 'the missed change');
    expect(back.events.map((e: { status: string }) => e.status)).toEqual(['CONFIRMED']);
    await back.stop();
  });

  it('folds a detected fragment into the hot issue of its matter (簇合并), and tells the fragment’s hotIssueUpdated subscribers where it went', async () => {
    const SHADI = '360704102000';
    const WATER = '040101';
    const reports = [
      '沙地镇圩上自来水管爆了，一整天没水，做饭都没有水用。',
      '沙地镇街上停水一天了，说是自来水管破了，到现在还没人来修。',
      '沙地镇圩镇自来水管爆裂，整条街断水，请自来水公司赶紧抢修。',
      '沙地镇停水一整天了，自来水管爆了也没人来修，老人小孩都没水喝。',
      '沙地镇圩上自来水管破裂漏水，整条街都停水了。',
      '沙地镇自来水管爆了两天还没修好，街上一直停水。',
    ];
    const ids: number[] = [];
    for (const [i, text] of reports.slice(0, 5).entries()) ids.push(await order('12345', text, 200 + i, undefined, SHADI, WATER));
    await t.hub.services.textAnalyzer.runOnce();
    const inShadi = async () =>
      (await t
        .em()
        .execute(`select id, member_count, detected_at from hot_issue where region_id = (select id from region where code = ?) order by id`, [
          SHADI,
        ])) as Array<{
        id: number;
        member_count: number;
        detected_at: Date | null;
      }>;
    const [issue] = await inShadi();
    expect(issue.member_count).toBe(5);
    expect(issue.detected_at).not.toBeNull();
    // A fragment detected on its own a minute later (as two clusters of one matter can be, before
    // the reports that join them arrive): the last two reports, split off by hand.
    const [{ id: fragment }] = await t.em().execute(
      `insert into hot_issue (title, keywords, region_id, category_id, member_count, first_seen_at, last_seen_at, score, growth, detected_at, band_keys)
       select title, keywords, region_id, category_id, 2, first_seen_at, last_seen_at, score, growth, detected_at + interval '1 minute', band_keys from hot_issue where id = ? returning id`,
      [issue.id],
    );
    await t.em().execute(`update hot_issue_member set hot_issue_id = ? where work_order_id = any(?::int[])`, [fragment, `{${ids.slice(3).join(',')}}`]);

    const UPDATED = `subscription($id: ID!) { hotIssueUpdated(id: $id) { id memberCount mergedFrom } }`;
    const watcher = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, UPDATED, { id: gid('HotIssue', fragment) });
    const other = subscribeWs(t.hub.wsUrl, t.tokens.OPERATOR, UPDATED, { id: gid('HotIssue', issue.id) });
    await Promise.all([watcher.started, other.started]);
    await order('12345', reports[5], 206, undefined, SHADI, WATER);
    await t.hub.services.textAnalyzer.runOnce();

    // One cluster is left: the first detected keeps its id and takes the fragment's members.
    expect((await inShadi()).map((h) => [h.id, h.member_count])).toEqual([[issue.id, 6]]);
    await waitFor(() => watcher.events.length > 0 && other.events.length > 0, 10_000, 'the fold’s update');
    const folded = { id: gid('HotIssue', issue.id), memberCount: 6, mergedFrom: [gid('HotIssue', fragment)] };
    expect(watcher.events).toEqual([folded]);
    expect(other.events).toEqual([folded]);
    const found = await t.gql(t.tokens.OPERATOR, `query($id: ID!) { node(id: $id) { id } hotIssue(id: $id) { id } }`, { id: gid('HotIssue', fragment) });
    expect(found.data).toEqual({ node: null, hotIssue: null });
    // Outside such a delivery the field is empty.
    expect((await t.gql(t.tokens.OPERATOR, `query($id: ID!) { hotIssue(id: $id) { mergedFrom } }`, { id: folded.id })).data.hotIssue.mergedFrom).toEqual([]);
    await Promise.all([watcher.stop(), other.stop()]);
  });
});

describe('the running analyser (MINYI_TEXT_ANALYZER_INTERVAL_MS)', () => {
  it('analyses a new order at once, not at its next tick (a CREATED event nudges it)', async () => {
    // A tick every ten minutes: only the nudge can analyse the order within the test.
    const t = await startTestHub({ env: { MINYI_TEXT_ANALYZER_INTERVAL_MS: '600000' } });
    try {
      const created = await t.gql(t.tokens.OPERATOR, `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { id code } }`, {
        input: {
          requestType: 'COMPLAINT',
          categoryCode: '100101',
          title: '梅林镇农贸市场销售过期食品',
          content: '来电人反映梅林镇农贸市场有摊贩销售过期熟食，要求市场监管部门查处。',
          citizen: { anonymous: true },
          regionCode: '360704100000',
        },
      });
      expect(created.errors).toBeUndefined();
      const analysed = async () =>
        (
          await t
            .em()
            .execute(`select count(*)::int as n from work_order_text t join work_order wo on wo.id = t.work_order_id where wo.code = ?`, [
              created.data.createWorkOrder.code,
            ])
        )[0].n as number;
      for (let waited = 0; (await analysed()) === 0 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(await analysed()).toBe(1);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('measured quality on a fixed-seed labeled stream (npm run eval:hot)', () => {
  it('meets the targets: duplicate F1 ≥ 0.95, hot-issue precision and recall ≥ 0.9, detected within 10 records', async () => {
    const t = await startTestHub();
    try {
      const s = t.hub.services;
      const r = await evaluateHotIssues({
        fork: () => t.em(),
        workOrders: s.workOrders,
        analyzer: s.textAnalyzer,
        policy: s.config.hotPolicy,
        seed: 42,
        size: 600,
      });
      expect(r.bursts).toBeGreaterThan(10);
      expect(r.pairs.truth).toBeGreaterThan(100);
      expect(r.pairs.f1).toBeGreaterThanOrEqual(0.95);
      expect(r.hot.precision).toBeGreaterThanOrEqual(0.9);
      expect(r.hot.recall).toBeGreaterThanOrEqual(0.9);
      expect(r.hot.maxDelay).toBeLessThanOrEqual(10);
    } finally {
      await t.close();
    }
  }, 180_000);
});
