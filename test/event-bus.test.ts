import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../src/events/event-bus';
import { appendToEventLog, type Logged } from '../src/events/event-log';
import { pruneEventLog } from '../src/events/event-log-prune';
import { PgEventBus } from '../src/events/pg-event-bus';
import { RedisEventBus } from '../src/events/redis-event-bus';
import { ReplayThenLive } from '../src/events/replay';
import { createTestDatabase } from './support/database';
import { waitFor } from './support/graphql-ws-client';

/** Redis for the Redis backend's tests (the machine's own by default). */
const REDIS_URL = process.env.MINYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOPIC = 'minyi_test_events';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the event bus and its log', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const fork = () => db.orm.em.fork() as EntityManager;
  const closing: EventBus[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((bus) => bus.close()));
  });
  afterAll(() => db.close());

  const logCount = async () => Number((await fork().execute('select count(*)::int as n from event_log'))[0].n);
  const collect = (bus: EventBus) => {
    const got: Logged[] = [];
    bus.listen(TOPIC, (m) => got.push(m));
    return got;
  };
  const pgBus = async () => {
    const bus = await PgEventBus.start(db.url, [TOPIC]);
    closing.push(bus);
    return bus;
  };
  const redisBus = async (prefix: string) => {
    const bus = await RedisEventBus.start({ redisUrl: REDIS_URL, fork, topics: [TOPIC], prefix, relayIntervalMs: 20 });
    closing.push(bus);
    return bus;
  };

  for (const backend of ['PostgreSQL', 'Redis'] as const) {
    it(`${backend}: a rolled-back transaction publishes nothing; a committed one is delivered once, with its cursor`, async () => {
      const bus = backend === 'PostgreSQL' ? await pgBus() : await redisBus(`minyi:test-${randomBytes(4).toString('hex')}:`);
      const got = collect(bus);
      const before = await logCount();
      await expect(
        fork().transactional(async (tx) => {
          await bus.publishManyInTransaction(tx, TOPIC, [{ n: 'rolled back 1' }, { n: 'rolled back 2' }]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await fork().transactional((tx) => bus.publishInTransaction(tx, TOPIC, { n: 'committed' }));
      await waitFor(() => got.length > 0);
      await sleep(300);
      expect(got).toEqual([{ n: 'committed', cursor: expect.stringMatching(/^\d+$/) }]);
      expect(await logCount()).toBe(before + 1);
    });
  }

  it('Redis: one relay leads; events published through one bus reach both, in commit order; a successor relays when the leader leaves', async () => {
    const prefix = `minyi:test-${randomBytes(4).toString('hex')}:`;
    const a = await redisBus(prefix);
    const b = await redisBus(prefix);
    const gotA = collect(a);
    const gotB = collect(b);
    await waitFor(() => a.eventRelay.leading || b.eventRelay.leading);
    expect(a.eventRelay.leading && b.eventRelay.leading).toBe(false);

    await fork().transactional((tx) => a.publishManyInTransaction(tx, TOPIC, [{ n: 1 }, { n: 2 }]));
    await fork().transactional((tx) => a.publishInTransaction(tx, TOPIC, { n: 3 }));
    await waitFor(() => gotB.length === 3 && gotA.length === 3);
    expect(gotB.map((m) => m.n)).toEqual([1, 2, 3]);
    expect(gotB).toEqual(gotA);
    const cursors = gotB.map((m) => Number(m.cursor));
    expect([...cursors].sort((x, y) => x - y)).toEqual(cursors);

    const [leader, follower, followerGot] = a.eventRelay.leading ? [a, b, gotB] : [b, a, gotA];
    await leader.close();
    closing.splice(closing.indexOf(leader), 1);
    await waitFor(() => follower.eventRelay.leading, 5000, 'the other relay to take over');
    await fork().transactional((tx) => follower.publishInTransaction(tx, TOPIC, { n: 4 }));
    await waitFor(() => followerGot.length === 4);
    await sleep(200);
    expect(followerGot.map((m) => m.n)).toEqual([1, 2, 3, 4]); // nothing twice across the hand-over
  });

  it('PostgreSQL: an event committed while the listener was disconnected is delivered after it reconnects', async () => {
    const bus = await pgBus();
    const got = collect(bus);
    await fork().transactional((tx) => bus.publishInTransaction(tx, TOPIC, { n: 'before' }));
    await waitFor(() => got.length === 1);
    await fork().execute(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'minyi-hub-listener' and datname = current_database()`,
    );
    await fork().transactional((tx) => bus.publishInTransaction(tx, TOPIC, { n: 'while away' }));
    await waitFor(() => got.length === 2, 10_000, 'catch-up after reconnect');
    await fork().transactional((tx) => bus.publishInTransaction(tx, TOPIC, { n: 'after' }));
    await waitFor(() => got.length === 3);
    await sleep(200);
    expect(got.map((m) => m.n)).toEqual(['before', 'while away', 'after']);
  });

  it('replay: logged events after the cursor, then live ones; live events that arrive while replaying are neither lost nor doubled', async () => {
    for (const n of [1, 2, 3]) await fork().transactional((tx) => appendToEventLog(tx, TOPIC, [{ n }]));
    const rows: Array<{ cursor: string }> = await fork().execute(
      `select id::text as cursor from event_log where topic = ? order by event_log.id desc limit 3`,
      [TOPIC],
    );
    const [c3, , c1] = rows.map((r) => r.cursor);
    let live!: (m: Logged) => void;
    const bus = { listen: (_topic: string, listener: (m: Logged) => void) => ((live = listener), () => undefined) } as unknown as EventBus;
    const accepted: unknown[] = [];
    const feed = new ReplayThenLive<{ n: number }>({
      bus,
      fork,
      topic: TOPIC,
      since: c1,
      accept: (m) => (accepted.push(m.n), m.n !== 2 && m.n !== 5), // the viewer may not see 2 and 5
    });
    // While the log is being read: event 3 arrives live too (committed before the read), then 4 and 5, newer.
    live({ n: 3, cursor: c3 });
    live({ n: 4, cursor: String(Number(c3) + 10) });
    live({ n: 5, cursor: String(Number(c3) + 11) });
    const take = async () => ((await feed.next()).value as Logged<{ n: number }>).n;
    expect(await take()).toBe(3); // 2 was replayed but is not the viewer's
    expect(await take()).toBe(4);
    live({ n: 6, cursor: String(Number(c3) + 12) });
    expect(await take()).toBe(6);
    expect(accepted).toEqual([2, 3, 4, 5, 6]); // c2 replayed (then filtered), 3 once, not twice
    // return() ends a waiting next() at once.
    const waiting = feed.next();
    await feed.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('prunes rows older than the retention, on one instance at a time', async () => {
    await fork().transactional((tx) => appendToEventLog(tx, TOPIC, [{ n: 'old' }, { n: 'old' }, { n: 'new' }]));
    await fork().execute(`update event_log set created_at = now() - interval '8 days' where payload->>'n' = 'old'`);
    const before = await logCount();
    expect(await pruneEventLog(fork, 7 * 24 * 3_600_000)).toBe(2);
    expect(await logCount()).toBe(before - 2);
    expect(Number((await fork().execute(`select count(*)::int as n from event_log where payload->>'n' = 'new'`))[0].n)).toBe(1);
  });
});
