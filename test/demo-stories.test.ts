/**
 * Issue 13, the demo: a new user sees hot issues, duplicate candidates and repeat links within
 * minutes of `npm start` — the demo seed holds recent bursts, repeat callers and cross-channel
 * duplicates (src/demo/stories.ts, texts in src/demo/data/bursts.ts), found by the text analyser's
 * first pass; and the trickle's burst mode starts a burst that grows through several channels
 * (src/demo/trickle/bursts.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_CHANNELS } from '../connectors';
import { seedDemoCounty } from '../src/demo/seed';
import { demoStories } from '../src/demo/stories';
import { SEED_BURSTS, TRICKLE_BURSTS } from '../src/demo/data/bursts';
import { startDemoTrickle, type DemoTrickle } from '../src/demo/trickle/trickle';
import { startTestHub, type TestHub } from './support/hub';

const NOW = new Date('2026-11-20T04:00:00Z');

describe('the demo seed: stories the text analyser finds (issue 13)', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
    await seedDemoCounty(t.em(), t.hub.services.cipher, { orders: 300, dataDir: mkdtempSync(join(tmpdir(), 'minyi-demo-stories-')), now: NOW });
    await t.hub.services.textAnalyzer.runOnce();
  }, 180_000);
  afterAll(() => t?.close());

  it('writes each burst through several channels in one township, recent, growing, with repeat callers', () => {
    const stories = demoStories(NOW);
    for (const burst of SEED_BURSTS) {
      const orders = stories.filter((s) => s.story === burst.key);
      expect(orders.length).toBeGreaterThanOrEqual(10);
      expect(new Set(orders.map((o) => o.channel)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(orders.map((o) => o.townshipCode))).toEqual(new Set([burst.townshipCode]));
      expect(new Set(orders.map((o) => o.content)).size).toBe(orders.length);
      for (const o of orders) expect(o.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(Math.min(...orders.map((o) => o.receivedAt.getTime()))).toBeGreaterThan(NOW.getTime() - 3 * 24 * 3_600_000);
      const phones = orders.flatMap((o) => (o.citizen ? [o.citizen.phone] : []));
      expect(phones.length - new Set(phones).size).toBeGreaterThanOrEqual(1); // someone called again
    }
    // The same seed and clock write the same stories.
    expect(demoStories(NOW)).toEqual(stories);
  });

  it('counts the stories among the MINYI_DEMO_ORDERS orders', async () => {
    const [{ n }] = await t.em().execute(`select count(*)::int as n from work_order`);
    expect(n).toBe(300);
  });

  it('shows hot issues, duplicate candidates and repeat links through the API after the first pass', async () => {
    const hot = await t.gql(
      t.tokens.OPERATOR,
      `{ hotIssues(first: 10) { totalCount nodes { id title memberCount region { code } members(first: 20) { nodes { id title sources { channel { code } } } } } } }`,
    );
    expect(hot.errors).toBeUndefined();
    const issues = hot.data.hotIssues.nodes as Array<{
      title: string;
      memberCount: number;
      region: { code: string };
      members: { nodes: Array<{ title: string; sources: Array<{ channel: { code: string } }> }> };
    }>;
    // Each seeded burst is one hot issue in its township, through several channels.
    const stories = demoStories(NOW);
    let found = 0;
    for (const burst of SEED_BURSTS) {
      const titles = new Set(stories.filter((s) => s.story === burst.key).map((s) => s.title));
      const issue = issues.find((i) => i.region.code === burst.townshipCode && i.members.nodes.filter((m) => titles.has(m.title)).length >= 3);
      if (!issue) continue;
      found++;
      expect(new Set(issue.members.nodes.flatMap((m) => m.sources.map((s) => s.channel.code))).size).toBeGreaterThanOrEqual(2);
    }
    expect(found).toBeGreaterThanOrEqual(1);

    const duplicates = await t.gql(
      t.tokens.OPERATOR,
      `{ duplicateCandidates(first: 50, statuses: [PENDING, MERGED, DISMISSED]) { totalCount nodes { primary { id } duplicate { id } evidence { sharedKeywords viaHotIssue } } } }`,
    );
    expect(duplicates.errors).toBeUndefined();
    expect(duplicates.data.duplicateCandidates.totalCount).toBeGreaterThanOrEqual(1);

    const [repeat] = await t.em().execute(`select id, repeat_of_id from work_order where repeat_of_id is not null order by id limit 1`);
    expect(repeat).toBeDefined();
    const gid = (id: number) => Buffer.from(`WorkOrder:${id}`).toString('base64url');
    const links = await t.gql(t.tokens.OPERATOR, `query($id: ID) { workOrder(id: $id) { repeatOf { id repeats(first: 5) { totalCount } } } }`, {
      id: gid(repeat.id),
    });
    expect(links.errors).toBeUndefined();
    expect(links.data.workOrder.repeatOf.id).toBe(gid(repeat.repeat_of_id));
    expect(links.data.workOrder.repeatOf.repeats.totalCount).toBeGreaterThanOrEqual(1);
  });
});

describe('the demo trickle in burst mode (issue 13)', () => {
  const SECRET = 'cd'.repeat(32);
  const previousSecret = process.env.MINYI_CHANNEL_WZGZ_SECRET;
  let t: TestHub;
  let trickle: DemoTrickle;

  beforeAll(async () => {
    process.env.MINYI_CHANNEL_WZGZ_SECRET = SECRET; // the hub reads push secrets from its environment at start
    t = await startTestHub();
    // The hub's own trickle is off (no demo mode); this one is driven tick by tick, 6 a minute, a burst after one minute.
    trickle = await startDemoTrickle({
      perMinute: 6,
      hubOrigin: `http://127.0.0.1:${t.hub.port}`,
      pushSecrets: new Map([['wzgz', [SECRET]]]),
      dataDir: mkdtempSync(join(tmpdir(), 'minyi-demo-burst-')),
      channels: DEMO_CHANNELS,
      log: pino({ level: 'silent' }),
      randomSeed: 20261120,
      bursts: { everyMinutes: 15, firstAfterMinutes: 1 },
      manual: true,
    });
  }, 120_000);
  afterAll(async () => {
    await trickle?.stop();
    await t?.close();
    if (previousSecret === undefined) delete process.env.MINYI_CHANNEL_WZGZ_SECRET;
    else process.env.MINYI_CHANNEL_WZGZ_SECRET = previousSecret;
  });

  it('starts a burst after a minute that grows through several channels among ordinary records, and the analyser finds it hot', async () => {
    // Ten minutes of trickle at 6 a minute.
    for (let i = 0; i < 60; i++) await trickle.tick();
    expect(trickle.bursts.length).toBe(1);
    const burst = TRICKLE_BURSTS.find((b) => b.key === trickle.bursts[0])!;

    // What the pull channels' simulators now hold reaches the hub as the scheduler would pull it
    // (12328 files are read once unchanged for a second, as the demo's drop folder is configured).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const connector of trickle.connectors.values()) await t.hub.services.syncRunner.run(connector, 'CLI');
    await t.hub.services.textAnalyzer.runOnce();

    const texts = burst.reports.map((r) => r.content.slice(-24));
    const orders: Array<{ id: number; content: string; channel: string; region: string }> = await t
      .em()
      .execute(
        `select wo.id, wo.content, c.code as channel, r.code as region from work_order wo join channel c on c.id = wo.channel_id join region r on r.id = wo.region_id`,
      );
    const told = orders.filter((o) => texts.some((x) => o.content.includes(x)));
    // Interleaved: most records are ordinary ones; the burst's came through several channels.
    expect(told.length).toBeGreaterThanOrEqual(5);
    expect(orders.length).toBeGreaterThan(2 * told.length);
    expect(new Set(told.map((o) => o.channel)).size).toBeGreaterThanOrEqual(2);

    const hot = await t.gql(
      t.tokens.OPERATOR,
      `{ hotIssues(first: 10) { nodes { id detectedAt memberCount region { code } members(first: 30) { nodes { id } } } } }`,
    );
    expect(hot.errors).toBeUndefined();
    const toldIds = new Set(told.map((o) => Buffer.from(`WorkOrder:${o.id}`).toString('base64url')));
    const issue = (hot.data.hotIssues.nodes as Array<{ detectedAt: string | null; region: { code: string }; members: { nodes: Array<{ id: string }> } }>).find(
      (h) => h.members.nodes.filter((m) => toldIds.has(m.id)).length >= 3,
    );
    expect(issue).toBeDefined();
    expect(issue!.region.code).toBe(burst.townshipCode);
    expect(issue!.detectedAt).not.toBeNull();
  }, 120_000);
});
