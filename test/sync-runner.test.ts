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
