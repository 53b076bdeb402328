import type { EntityManager } from '@mikro-orm/postgresql';
import type { MapResult, RawRecord } from '../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector } from '../src/ingest/connector';
import { backoffMs, SyncRunner } from '../src/ingest/sync-runner';
import { IngestOpsService } from '../src/ingest/ingest-ops.service';
import { RequestType, Urgency } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';
import { ChannelMode } from '../src/reference/vocabulary';

/**
 * A channel for the runner's own rules: records served from a list, two per page, with faults
 * queued before chosen pages. (The real channels have their simulators under connectors/.)
 */
class ListChannel implements PullConnector {
  manifest = { code: '12328', name: 'list', mode: ChannelMode.MERGED, specVersion: 'test' };
  records: Array<{ id: string; version: number; title: string }> = [];
  faults: Array<ChannelError | Error | null> = [];
  calls = 0;

  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    this.calls++;
    const fault = this.faults.shift();
    if (fault) throw fault;
    const offset = Number(checkpoint.offset ?? 0);
    const slice = this.records.slice(offset, offset + 2);
    return {
      records: slice.map((r) => ({ text: JSON.stringify(r), externalId: r.id, version: String(r.version) })),
      next: { offset: offset + slice.length, cursor: offset + slice.length < this.records.length ? `c${offset + slice.length}` : null },
      done: offset + slice.length >= this.records.length,
    };
  }

  map(raw: RawRecord): MapResult {
    const r = JSON.parse(raw.text);
    if (!r.title) return { ok: false, code: 'UNPARSEABLE', message: '/title is missing', externalId: r.id };
    return {
      ok: true,
      record: {
        externalId: r.id,
        version: String(r.version),
        versionOrder: r.version,
        requestType: RequestType.COMPLAINT,
        title: r.title,
        content: `${r.title}（内容）`,
        regionCode: '360704100000',
        receivedAt: new Date('2026-03-02T01:00:00Z'),
        urgency: Urgency.NORMAL,
        warnings: [],
      },
    };
  }
}

describe('the pull runtime: pages, checkpoints, retries, replays', () => {
  let t: TestHub;
  let waits: number[];
  let runner: SyncRunner;
  const orders = async () =>
    (await t.em().execute(`select count(*)::int as n from work_order_source s join channel c on c.id = s.channel_id where c.code = '12328'`))[0].n;

  beforeAll(async () => {
    t = await startTestHub();
    waits = [];
    runner = new SyncRunner(
      t.hub.database.url,
      () => t.hub.database.orm.em.fork() as EntityManager,
      t.hub.services.ingest,
      undefined,
      { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      async (ms) => void waits.push(ms),
    );
  });
  afterAll(() => t.close());

  it('backs off exponentially with jitter, capped', () => {
    const policy = { maxRetries: 6, baseDelayMs: 2000, maxDelayMs: 300_000 };
    expect(backoffMs(0, policy, () => 0)).toBe(1000);
    expect(backoffMs(0, policy, () => 1)).toBe(2000);
    expect(backoffMs(3, policy, () => 1)).toBe(16000);
    expect(backoffMs(20, policy, () => 1)).toBe(300_000);
  });

  it('pulls every page through faults, then a replay from scratch duplicates nothing', async () => {
    const channel = new ListChannel();
    channel.records = Array.from({ length: 7 }, (_, i) => ({ id: `R${i}`, version: 1, title: `记录 ${i}` }));
    channel.records.push({ id: 'BAD', version: 1, title: '' });
    channel.faults = [
      null,
      new ChannelError('RATE_LIMITED', '429', 1234),
      new ChannelError('RETRYABLE', '502 Bad Gateway'),
      null,
      new ChannelError('RESTART', 'CURSOR_EXPIRED'),
    ];
    const run = (await runner.run(channel, 'MANUAL'))!;
    expect(run.status).toBe('SUCCEEDED');
    expect({ pages: run.pages, created: run.created, quarantined: run.quarantined, retries: run.retries }).toEqual({
      pages: 4,
      created: 7,
      quarantined: 1,
      retries: 2,
    });
    expect(waits[0]).toBe(1234); // Retry-After honoured exactly
    expect(await orders()).toBe(7);

    // Nothing new: the next run starts at the checkpoint.
    const next = (await runner.run(channel, 'MANUAL'))!;
    expect({ created: next.created, updated: next.updated }).toEqual({ created: 0, updated: 0 });

    // Replaying everything (checkpoint lost) changes nothing.
    await t.em().execute(`delete from ingest_checkpoint`);
    const replay = (await runner.run(channel, 'MANUAL'))!;
    expect({ created: replay.created, updated: replay.updated, unchanged: replay.unchanged }).toEqual({ created: 0, updated: 0, unchanged: 7 });
    expect(await orders()).toBe(7);

    // A newer version updates its order; an older one is kept and not applied.
    channel.records[0] = { id: 'R0', version: 3, title: '记录 0（已更新）' };
    channel.records[1] = { id: 'R1', version: 0, title: '记录 1（旧版本）' };
    await t.em().execute(`delete from ingest_checkpoint`);
    const changes = (await runner.run(channel, 'MANUAL'))!;
    expect({ updated: changes.updated, superseded: changes.superseded }).toEqual({ updated: 1, superseded: 1 });
    const [r0] = await t.em().execute(`select wo.title from work_order wo join work_order_source s on s.work_order_id = wo.id where s.external_id = 'R0'`);
    expect(r0.title).toBe('记录 0（已更新）');
  });

  it('re-ingesting unchanged pages writes nothing but the checkpoint; a changed record among them is applied alone', async () => {
    const channel = new ListChannel();
    channel.manifest = { ...channel.manifest, code: '12345' };
    channel.records = Array.from({ length: 5 }, (_, i) => ({ id: `U${i}`, version: 1, title: `未变 ${i}` }));
    channel.records.push({ id: 'UBAD', version: 1, title: '' });
    const first = (await runner.run(channel, 'MANUAL'))!;
    expect({ created: first.created, quarantined: first.quarantined, pages: first.pages }).toEqual({ created: 5, quarantined: 1, pages: 3 });
    const channelId = (await t.em().execute(`select id from channel where code = '12345'`))[0].id;
    /** Every row the channel's records wrote, with its row version (xmin changes on any update). */
    type Row = { t: string; id: string; v: string };
    const rows = async (): Promise<Row[]> =>
      t.em().execute(
        `select 'channel_record' as t, id, xmin::text as v from channel_record where channel_id = ?
          union all select 'work_order_source', id, xmin::text from work_order_source where channel_id = ?
          union all select 'work_order', wo.id, wo.xmin::text from work_order wo join work_order_source s on s.work_order_id = wo.id where s.channel_id = ?
          union all select 'work_order_event', e.id, e.xmin::text from work_order_event e join work_order_source s on s.work_order_id = e.work_order_id where s.channel_id = ?
          union all select 'event_log', count(*), '' from event_log
          order by 1, 2`, // (bigint after the union: ids come back as text)
        [channelId, channelId, channelId, channelId],
      );
    const before = await rows();
    const checkpoint = async () =>
      (await t.em().execute(`select cursor from ingest_checkpoint where channel_id = ? and stream = 'default'`, [channelId]))[0]?.cursor;
    const finalCheckpoint = await checkpoint();

    await t.em().execute(`delete from ingest_checkpoint where channel_id = ?`, [channelId]);
    const again = (await runner.run(channel, 'MANUAL'))!;
    expect({
      status: again.status,
      pages: again.pages,
      created: again.created,
      updated: again.updated,
      unchanged: again.unchanged,
      quarantined: again.quarantined,
    }).toEqual({
      status: 'SUCCEEDED',
      pages: 3,
      created: 0,
      updated: 0,
      unchanged: 5,
      quarantined: 1, // reported again, but stored once
    });
    expect(await rows()).toEqual(before); // no row added, none updated (same xmin), no event published
    expect(await checkpoint()).toEqual(finalCheckpoint); // the checkpoint still advanced page by page to the end

    // One record changed among the unchanged: it alone lands, updates its order and publishes its event.
    channel.records[2] = { id: 'U2', version: 2, title: '未变 2（已更新）' };
    await t.em().execute(`delete from ingest_checkpoint where channel_id = ?`, [channelId]);
    const changed = (await runner.run(channel, 'MANUAL'))!;
    expect({ created: changed.created, updated: changed.updated, unchanged: changed.unchanged }).toEqual({ created: 0, updated: 1, unchanged: 4 });
    const after = await rows();
    const key = (r: Row) => `${r.t}:${r.id}:${r.v}`;
    const kept = new Set(before.map(key));
    const u2 = (await t.em().execute(`select work_order_id as id from work_order_source where channel_id = ? and external_id = 'U2'`, [channelId]))[0].id;
    const touched = after.filter((r) => !kept.has(key(r)));
    expect(touched.map((r) => r.t).sort()).toEqual(['channel_record', 'event_log', 'work_order', 'work_order_event', 'work_order_source']);
    expect(Number(touched.find((r) => r.t === 'work_order')!.id)).toBe(u2);
    expect(await checkpoint()).toEqual(finalCheckpoint);
  });

  it('lists quarantined records without their content, and replays them after a mapping fix', async () => {
    const Q = `query($c: String) { quarantinedRecords(channelCode: $c, first: 10) { totalCount nodes { id channelCode externalId reasonCode reasonMessage } } }`;
    const listed = await t.gql(t.tokens.OPERATOR, Q, { c: '12328' });
    expect(listed.data.quarantinedRecords.totalCount).toBe(1);
    const record = listed.data.quarantinedRecords.nodes[0];
    expect(record).toMatchObject({ channelCode: '12328', externalId: 'BAD', reasonCode: 'UNPARSEABLE', reasonMessage: '/title is missing' });
    expect((await t.gql(t.tokens['HANDLER:SCJGJ'], Q, { c: '12328' })).errors![0].extensions!.code).toBe('FORBIDDEN');

    // Still failing with the same mapping: stays quarantined.
    const unfixed = new ListChannel();
    const ops = (channel: PullConnector) =>
      new IngestOpsService(t.hub.services.cipher, t.hub.services.ingest, (code) => (code === '12328' ? (raw) => channel.map(raw) : null));
    const localId = Number(Buffer.from(record.id, 'base64url').toString().split(':')[1]);
    expect((await ops(unfixed).replay(t.em(), [localId]))[0].outcome.status).toBe('still_quarantined');
    // After the fix (an empty title falls back to a default), the record becomes a work order; replaying again is refused.
    const fixed = new ListChannel();
    fixed.map = (raw) => {
      const r = JSON.parse(raw.text);
      return new ListChannel().map({ text: JSON.stringify({ ...r, title: r.title || '（无标题）' }) });
    };
    const [replayed] = await ops(fixed).replay(t.em(), [localId]);
    expect(replayed.outcome).toMatchObject({ status: 'created' });
    expect((await t.gql(t.tokens.OPERATOR, Q, { c: '12328' })).data.quarantinedRecords.totalCount).toBe(0);
    await expect(ops(fixed).replay(t.em(), [localId])).rejects.toThrow(/not quarantined/);
  });

  it('stops on an authentication failure, keeps the committed pages, and the next run finishes the job exactly', async () => {
    const channel = new ListChannel();
    channel.manifest = { ...channel.manifest, code: 'board' };
    channel.records = Array.from({ length: 6 }, (_, i) => ({ id: `B${i}`, version: 1, title: `留言 ${i}` }));
    channel.faults = [null, new ChannelError('FATAL', '401 UNAUTHORIZED')];
    const failed = (await runner.run(channel, 'MANUAL'))!;
    expect(failed.status).toBe('FAILED');
    expect(failed.errors.join()).toMatch(/401/);
    expect(failed.created).toBe(2);
    const resumed = (await runner.run(channel, 'MANUAL'))!;
    expect(resumed.status).toBe('SUCCEEDED');
    expect(resumed.created).toBe(4);
    const [{ n }] = await t.em().execute(`select count(*)::int as n from work_order_source s join channel c on c.id = s.channel_id where c.code = 'board'`);
    expect(n).toBe(6);
  });

  it('gives up after the retries and records why', async () => {
    const channel = new ListChannel();
    channel.manifest = { ...channel.manifest, code: 'xf' };
    channel.records = [{ id: 'X1', version: 1, title: '信访' }];
    channel.faults = Array.from({ length: 10 }, () => new ChannelError('RETRYABLE', 'HTTP 500 (SOAP fault)'));
    const run = (await runner.run(channel, 'MANUAL'))!;
    expect(run.status).toBe('FAILED');
    expect(run.retries).toBe(3);
    expect(run.errors.filter((e) => e.includes('500'))).toHaveLength(4);
  });

  it('lets only one run pull a channel at a time', async () => {
    const slow = new ListChannel();
    slow.manifest = { ...slow.manifest, code: '12333' };
    slow.records = [{ id: 'S1', version: 1, title: '慢' }];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = slow.fetchPage.bind(slow);
    slow.fetchPage = async (c) => {
      await gate;
      return original(c);
    };
    const first = runner.run(slow, 'SCHEDULE');
    await new Promise((r) => setTimeout(r, 200));
    expect(await runner.run(slow, 'MANUAL')).toBeNull(); // another instance holds the channel
    release();
    expect((await first)!.status).toBe('SUCCEEDED');
  });
});
