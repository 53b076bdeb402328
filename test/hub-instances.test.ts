import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../src/auth/roles';
import { createToken } from '../src/auth/tokens';
import { createTestDatabase } from './support/database';
import { subscribeWs, waitFor } from './support/graphql-ws-client';
import { startHubProcess, type HubProcess } from './support/hub-process';

const REDIS_URL = process.env.MINYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = `subscription { workOrderEvents { type cursor workOrder { code title } } }`;
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { code } }`;

/** Two hub processes (`node dist/src/main.js`) on one database: what is committed through one reaches subscribers of the other. */
describe('two hub instances on one database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let token: string;
  const env = () => ({
    DATABASE_URL: db.url,
    MINYI_DATA_KEY: key,
    MINYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'minyi-instances-')),
    MINYI_ALERT_INTERVAL_SECONDS: '0',
    MINYI_OUTBOX_INTERVAL_SECONDS: '0',
  });
  const key = randomBytes(32).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase({ referenceData: true });
    token = (await createToken(db.orm.em.fork() as EntityManager, { role: Role.OPERATOR, label: 'instances' })).token;
  });
  afterAll(() => db.close());

  for (const backend of ['PostgreSQL LISTEN/NOTIFY', 'Redis'] as const) {
    it(`${backend}: a work order created over A's API reaches a graphql-ws subscriber connected to B`, async () => {
      const extra: Record<string, string> = backend === 'Redis' ? { REDIS_URL } : {};
      const hubs: HubProcess[] = [];
      try {
        hubs.push(await startHubProcess({ ...env(), ...extra }));
        hubs.push(await startHubProcess({ ...env(), ...extra }));
        const [a, b] = hubs;
        const sub = subscribeWs(b.wsUrl, token, EVENTS);
        await sub.started;
        const title = `两个实例：${backend}`;
        const response = await fetch(a.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: CREATE,
            variables: { input: { requestType: 'HELP', categoryCode: '100101', title, content: '实例间推送', regionCode: '360704100000' } },
          }),
        });
        const created = ((await response.json()) as any).data.createWorkOrder;
        await waitFor(() => sub.events.length > 0, 10_000, 'the event on B');
        expect(sub.events[0]).toMatchObject({ type: 'CREATED', workOrder: { code: created.code, title }, cursor: expect.stringMatching(/^\d+$/) });
        expect(sub.errors).toEqual([]);
        await sub.stop();
      } finally {
        const codes = await Promise.all(hubs.map((h) => h.stop()));
        expect(codes).toEqual(hubs.map(() => 0));
      }
    }, 120_000);
  }

  it('ingestion on A, a subscriber on B: the hot issue A detects reaches hotIssueDetected on B (filtered by township)', async () => {
    const hubs: HubProcess[] = [];
    try {
      hubs.push(await startHubProcess({ ...env(), MINYI_TEXT_ANALYZER_INTERVAL_MS: '200' }));
      hubs.push(await startHubProcess({ ...env(), MINYI_TEXT_ANALYZER_INTERVAL_MS: '0' }));
      const [a, b] = hubs;
      const HOT = `subscription($f: HotIssueSubscriptionFilter) { hotIssueDetected(filter: $f) { title memberCount cursor region { code } } }`;
      const here = subscribeWs(b.wsUrl, token, HOT, { f: { regionCodes: ['360704103000'] } });
      const elsewhere = subscribeWs(b.wsUrl, token, HOT, { f: { regionCodes: ['360704105000'] } });
      await Promise.all([here.started, elsewhere.started]);
      const texts = [
        '江口镇江口客运站到南康的班车严重超员，过道坐满了人，很危险。',
        '江口客运站（江口镇）去南康的客车超载，核载19人坐了26人。',
        '反映江口镇江口客运站发往南康的班车超员载客，请交通部门查处。',
      ];
      for (const [i, content] of texts.entries()) {
        const response = await fetch(a.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: CREATE,
            variables: {
              input: {
                requestType: 'COMPLAINT',
                categoryCode: '110103',
                title: content.slice(0, 20),
                content,
                regionCode: '360704103000',
                citizen: { name: '乘客', phone: `1397097123${i}` },
              },
            },
          }),
        });
        expect(((await response.json()) as any).errors).toBeUndefined();
      }
      await waitFor(() => here.events.length > 0, 20_000, 'hotIssueDetected on B');
      expect(here.events[0]).toMatchObject({
        memberCount: 3,
        region: { code: '360704103000' },
        title: expect.stringContaining('江口镇'),
        cursor: expect.stringMatching(/^\d+$/),
      });
      expect(elsewhere.events).toEqual([]);
      await here.stop();
      await elsewhere.stop();
    } finally {
      const codes = await Promise.all(hubs.map((h) => h.stop()));
      expect(codes).toEqual(hubs.map(() => 0));
    }
  }, 120_000);
});
