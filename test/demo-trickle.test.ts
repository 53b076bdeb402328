import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Connector12315 } from '../connectors/12315/client';
import { makeConfig12315 } from '../connectors/12315/config';
import { SAMPLE_TOKEN, Simulator12315 } from '../connectors/12315/simulator';
import { mapPushRecord } from '../connectors/push/mapping';
import { verify } from '../connectors/push/signature';
import { ConfigError, loadConfig } from '../src/config/config';
import type { MapResult } from '../src/ingest/canonical';
import type { Checkpoint } from '../src/ingest/connector';
import { DemoContent } from '../src/demo/trickle/content';
import { DEMO_CHANNELS as CHANNELS } from '../connectors';
import { Random } from '../src/demo/random';
import { startTestHub, type TestHub } from './support/hub';

/** The demo trickle: simulated channels feeding a hub in demo mode (src/demo/trickle). */

/** Fast enough for a test: 10 records a second across the channels, polled every second. */
const FAST = { MINYI_DEMO: '1', MINYI_DEMO_TRICKLE_PER_MINUTE: '600', MINYI_DEMO_POLL_SECONDS: '1' };
const DEMO_CHANNELS = ['12315', '12333', '12328', 'board', 'xf', 'wzgz'];
/** The channels that send changes the hub's pull or intake sees (board changes need the daily re-read, §3.1). */
const CHANGING_CHANNELS = DEMO_CHANNELS.filter((code) => code !== 'board');
const inDemoChannels = `(${DEMO_CHANNELS.map(() => '?').join(', ')})`;

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('demo trickle configuration', () => {
  it('defaults to 6 records a minute and 30 s polls; 0 a minute or MINYI_DEMO=0 turns it off; bad values are reported by name', () => {
    expect(loadConfig({})).toMatchObject({ demoTricklePerMinute: 6, demoPollSeconds: 30 });
    expect(loadConfig({ MINYI_DEMO: '1', MINYI_DEMO_TRICKLE_PER_MINUTE: '60', MINYI_DEMO_POLL_SECONDS: '5' })).toMatchObject({
      demoTricklePerMinute: 60,
      demoPollSeconds: 5,
    });
    expect(loadConfig({ MINYI_DEMO_TRICKLE_PER_MINUTE: '0' }).demoTricklePerMinute).toBe(0);
    expect(loadConfig({ MINYI_DEMO: '0', MINYI_DEMO_TRICKLE_PER_MINUTE: '60' }).demoTricklePerMinute).toBe(0);
    expect(loadConfig({ MINYI_DEMO: 'false' }).demoTricklePerMinute).toBe(0);

    let problems: string[] = [];
    try {
      loadConfig({ MINYI_DEMO_TRICKLE_PER_MINUTE: 'lots', MINYI_DEMO_POLL_SECONDS: '0' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringContaining('MINYI_DEMO_TRICKLE_PER_MINUTE="lots"'), expect.stringContaining('MINYI_DEMO_POLL_SECONDS="0"')]);
  });
});

describe('demo channels', () => {
  /** A stand-in for the hub's intake: checks each request's signature (push-api.md §2) and keeps the records. */
  async function intake(secret: string): Promise<{ server: Server; origin: string; records: unknown[]; badSignatures: number }> {
    const seen = { records: [] as unknown[], badSignatures: 0 };
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const check = verify({ timestamp: req.headers['x-hub-timestamp'] as string, signature: req.headers['x-hub-signature-256'] as string }, body, [secret]);
        if (!check.ok) seen.badSignatures++;
        const records = (JSON.parse(body.toString('utf8')) as { records: unknown[] }).records;
        seen.records.push(...records);
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ results: records.map(() => ({ status: 'accepted' })) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return Object.assign(seen, { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }

  it('write records their channel specs accept, without a single defect warning, through hundreds of changes', async () => {
    const secret = 'ab'.repeat(32);
    const push = await intake(secret);
    const context = {
      content: new DemoContent(new Random(20240305)),
      hubOrigin: push.origin,
      pushSecrets: new Map([['wzgz', [secret]]]),
      log: pino({ level: 'silent' }),
    };
    const problems: string[] = [];
    const check = (code: string, result: MapResult) => {
      if (!result.ok) problems.push(`${code}: ${result.code} ${result.message}`);
      else for (const w of result.record.warnings) problems.push(`${code}: ${w.field} ${w.code}`);
    };
    try {
      for (const channel of CHANNELS) {
        const running = await channel.start(context, 3);
        try {
          const actions = { added: 0, updated: 0 };
          for (let i = 0; i < 300; i++) actions[await running.tick()]++;
          expect(actions.added).toBeGreaterThan(100);
          if (channel.code !== 'board') expect(actions.updated).toBeGreaterThan(50);
          const connector = running.connector;
          if (!connector) continue;
          // Everything the simulator now holds, read and mapped as the hub's runtime would; files
          // (12328) are read once written and stable, so read on until every record has come.
          const ids = new Set<string>();
          let checkpoint: Checkpoint = {};
          const deadline = Date.now() + 20_000;
          for (let page = 0; page < 200 && ids.size < 3 + actions.added; page++) {
            const fetched = await connector.fetchPage(checkpoint);
            for (const raw of fetched.records) {
              const result = connector.map(raw);
              check(channel.code, result);
              if (result.ok) ids.add(result.record.externalId);
            }
            checkpoint = fetched.next;
            if (fetched.done && Date.now() > deadline) break;
            if (fetched.done) await new Promise((resolve) => setTimeout(resolve, 250));
          }
          expect(ids.size).toBe(3 + actions.added);
        } finally {
          await running.stop();
        }
      }
      expect(push.badSignatures).toBe(0);
      expect(push.records.length).toBeGreaterThan(300);
      push.records.forEach((record, i) => check('wzgz', mapPushRecord(record, i)));
      expect(problems).toEqual([]);
    } finally {
      push.server.close();
    }
  });
});

describe('demo trickle in a running hub', () => {
  let t: TestHub;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, next) => (logLines.push(String(chunk)), next()) }));
    t = await startTestHub({ env: FAST, logger });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('feeds every demo channel: records become work orders once, changes become UPDATED events', async () => {
    const trickle = t.hub.demoTrickle!;
    expect(trickle.channels).toEqual(DEMO_CHANNELS);
    // The pull channels' connectors are the hub's: polled by its scheduler, used by its outbox and syncChannel.
    expect([...t.hub.services.pullConnectors().keys()].sort()).toEqual(['12315', '12328', '12333', 'board', 'xf']);

    const perChannel = async () => {
      const rows: Array<{ code: string; orders: number; sources: number; updates: number }> = await t.em().execute(
        `select c.code,
                (select count(*)::int from work_order wo where wo.channel_id = c.id) as orders,
                (select count(distinct s.external_id)::int from work_order_source s where s.channel_id = c.id) as sources,
                (select count(*)::int from work_order_event e join work_order wo on wo.id = e.work_order_id
                  where wo.channel_id = c.id and e.type = 'UPDATED') as updates
           from channel c where c.code in ${inDemoChannels} order by c.code`,
        DEMO_CHANNELS,
      );
      return Object.fromEntries(rows.map(({ code, ...counts }) => [code, counts]));
    };
    // Board threads come as new records (a thread's changes need the daily re-read, not the window pull).
    const counts = await until(
      `records from every channel and changes from ${CHANGING_CHANNELS.join(', ')}`,
      perChannel,
      (c) => DEMO_CHANNELS.every((code) => c[code]?.orders >= 5) && CHANGING_CHANNELS.every((code) => c[code].updates >= 1),
    );
    const ticks = Object.fromEntries(trickle.ticks); // read after the counts: ticks only grow

    for (const code of DEMO_CHANNELS) {
      // Nothing twice: one work order per record, however often the overlapping polls re-read it …
      expect(counts[code].sources).toBe(counts[code].orders);
      expect(counts[code].orders).toBeLessThanOrEqual(3 + ticks[code].added);
      // … and one UPDATED event per change at the origin, none for a re-read.
      expect(counts[code].updates).toBeLessThanOrEqual(ticks[code].updated);
    }

    const [oddities] = await t.em().execute(
      `select (select count(*)::int from (select 1 from work_order_event where type = 'CREATED' group by work_order_id having count(*) <> 1) x) as created_twice,
              (select count(*)::int from channel_record where status = 'QUARANTINED') as quarantined,
              (select count(*)::int from channel_record where warnings::text <> '[]') as mapped_with_warnings,
              (select count(*)::int from work_order_event u where u.type = 'UPDATED'
                 and not exists (select 1 from work_order_event c where c.work_order_id = u.work_order_id and c.type = 'CREATED' and c.id < u.id)) as updated_before_created`,
    );
    // The simulated records are as the channel specs describe them: no defect warnings.
    expect(oddities).toEqual({ created_twice: 0, quarantined: 0, mapped_with_warnings: 0, updated_before_created: 0 });

    // 信访 identities are the petition bureau's alone (petition.md §8); no other channel's are.
    const restricted: Array<{ code: string; restricted: boolean; orders: number }> = await t.em().execute(
      `select c.code, wo.restricted_identity as restricted, count(*)::int as orders from work_order wo join channel c on c.id = wo.channel_id
        where c.code in ${inDemoChannels} group by c.code, wo.restricted_identity order by c.code`,
      DEMO_CHANNELS,
    );
    expect(restricted.filter((row) => row.restricted).map((row) => row.code)).toEqual(['xf']);
    expect(restricted.filter((row) => row.code === 'xf').map((row) => row.restricted)).toEqual([true]);

    // Realistic records: townships of the county, the channels' own statuses, citizens on most of them.
    const nodes: Array<{ title: string; region: { code: string }; sources: Array<{ channel: { code: string }; channelStatus: string | null }> }> = [];
    for (const code of DEMO_CHANNELS) {
      const orders = await t.gql(
        t.tokens.OPERATOR,
        `{ workOrders(filter: { channelCodes: ["${code}"] }, first: 50) { nodes { title region { code } sources { channel { code } channelStatus } } } }`,
      );
      expect(orders.errors).toBeUndefined();
      nodes.push(...orders.data.workOrders.nodes);
    }
    expect(nodes.every((n) => n.region.code.startsWith('360704') && n.title.length > 0)).toBe(true);
    expect(nodes.some((n) => n.region.code.length === 12)).toBe(true);
    const statuses = new Set(nodes.flatMap((n) => n.sources.map((s) => `${s.channel.code}:${s.channelStatus}`)));
    expect([...statuses].some((s) => /^12315:(WAIT_ACCEPT|ACCEPTED)$/.test(s))).toBe(true);
    expect([...statuses].some((s) => /^wzgz:待处理$/.test(s))).toBe(true);
    expect([...statuses].some((s) => /^12328:(待处理|处理中)$/.test(s))).toBe(true);
    expect([...statuses].some((s) => /^xf:(10|20)$/.test(s))).toBe(true);
  });

  it('logs no personal data, and no trouble', async () => {
    const rows: Array<Record<string, string | null>> = await t
      .em()
      .execute(
        `select wo.citizen_name_enc, wo.citizen_phone_enc, wo.citizen_id_number_enc, wo.citizen_address_enc from work_order wo join channel c on c.id = wo.channel_id where c.code in ${inDemoChannels}`,
        DEMO_CHANNELS,
      );
    const personal = rows.flatMap((row) => Object.values(row).map((value) => t.hub.services.cipher.decrypt(value))).filter((v): v is string => !!v);
    expect(personal.length).toBeGreaterThan(0);
    const logs = logLines.join('');
    expect(logs).toContain('demo trickle started');
    for (const value of personal) expect(logs).not.toContain(value);
    expect(logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 40)).toEqual([]);
  });
});

describe('demo trickle: when it does not run, and who wins', () => {
  it('starts nothing outside demo mode, or at 0 records a minute', async () => {
    const cases: Array<Record<string, string>> = [{ MINYI_DEMO_TRICKLE_PER_MINUTE: '600' }, { MINYI_DEMO: '1', MINYI_DEMO_TRICKLE_PER_MINUTE: '0' }];
    for (const env of cases) {
      const t = await startTestHub({ env });
      try {
        expect(t.hub.demoTrickle).toBeNull();
        expect(t.hub.services.pullConnectors().size).toBe(0);
      } finally {
        await t.close();
      }
    }
  });

  it('leaves a channel with a configured connector to that connector', async () => {
    const sim = await Simulator12315.start({ frozen: true });
    const configured = new Connector12315(makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], requestTimeoutMs: 2000 }));
    const t = await startTestHub({ env: FAST, pullConnectors: new Map([['12315', configured]]) });
    try {
      expect(t.hub.demoTrickle!.channels).toEqual(['12333', '12328', 'board', 'xf', 'wzgz']);
      expect(t.hub.services.pullConnectors().get('12315')).toBe(configured);
    } finally {
      await t.close();
      configured.close();
      await sim.stop();
    }
  });
});
