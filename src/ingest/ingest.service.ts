import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { WorkOrder } from '../entities';
import type { EventBus } from '../events/event-bus';
import { bulkInsert, executeBound, pgArray, type SqlValue } from '../db/sql';
import type { DataCipher } from '../pii/cipher';
import { sealCitizen } from '../pii/citizen';
import { addEvent, publishEvents } from '../work-orders/timeline';
import type { NewWorkOrder, SourceRecord, WorkOrderService } from '../work-orders/work-order.service';
import type { CanonicalRecord, MapResult, QuarantineCode, RawRecord } from './canonical';
import type { Checkpoint, OriginStatusRules } from './connector';
import type { LifecycleService } from '../work-orders/lifecycle.service';
import { applyOriginAction, deliveredKinds, originAction } from './origin-status';
import { storableText } from '../common/storable-text';
import { WorkOrderEventType } from '../work-orders/enums';

/** What became of one received record. */
export type RecordOutcome =
  | { status: 'created' | 'updated'; recordId: number; workOrderId: number; workOrderCode: string }
  /** The same version was already received: nothing changes. `sameContent` false means it differs (push: CONFLICTING_DUPLICATE). */
  | { status: 'unchanged'; recordId: number | null; workOrderId: number | null; workOrderCode: string | null; sameContent: boolean }
  /** Older than the version already applied: kept raw, never applied. */
  | { status: 'superseded'; recordId: number; workOrderId: number; workOrderCode: string }
  | { status: 'quarantined'; recordId: number; reason: QuarantineCode; message: string };

export interface IngestItem {
  raw: RawRecord;
  result: MapResult;
}

/** Who asked, for the log line of a record that fails while being applied (never a value). */
export interface IngestContext {
  requestId?: string;
}

/**
 * Failures of the database or the connection, not of one record: the batch fails as a whole and the
 * sender retries (5xx). SQLSTATE classes 08 connection, 40 serialization/deadlock, 53 resources,
 * 55 object state (lock not available), 57 operator intervention (shutdown, cancel), 58 system, XX
 * internal; 23505 is a concurrent landing of the same key (ingest() documents the retry).
 */
const SYSTEM_SQLSTATE = /^(08|40|53|55|57|58|XX)/;
const SYSTEM_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

function sqlState(error: unknown): string | null {
  const e = error as { sqlState?: unknown; code?: unknown } | null;
  const code = typeof e?.sqlState === 'string' ? e.sqlState : typeof e?.code === 'string' ? e.code : null;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function isSystemFailure(error: unknown): boolean {
  const state = sqlState(error);
  if (state) return SYSTEM_SQLSTATE.test(state) || state === '23505';
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && SYSTEM_ERRNO.has(e.code)) return true;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection|Timeout/.test(name) || /connection|timeout acquiring|terminat/i.test(message);
}

/** What may be logged or stored about a failure: its class and SQLSTATE, never its message (it may quote values or SQL). */
function failureFacts(error: unknown): { errorClass: string; sqlState: string | null } {
  const errorClass = error instanceof Error ? error.constructor.name || error.name : typeof error;
  return { errorClass: errorClass.slice(0, 60), sqlState: sqlState(error) };
}

/** A quarantine key column: varchar(64), storable text (the full value stays in the raw text). */
function keyColumn(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = storableText(value).text;
  return text.length <= 64 ? text : `${text.slice(0, 55)}~${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}

const SYSTEM = (channelCode: string) => ({ role: null, label: channelCode });

/**
 * "Same content": the canonical record without its warnings and version, dates as instants — so a
 * re-read that changed nothing (board re-reads are new versions by read time) is recognised.
 */
function contentHash(record: CanonicalRecord): string {
  const { warnings: _warnings, version: _version, versionOrder: _order, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

interface Source {
  id: number;
  version_order: string | null;
  work_order_id: number;
  code: string;
  channel_status: string | null;
}

/** One accepted record of a batch. */
interface Landed {
  index: number;
  record: CanonicalRecord;
  hash: string;
  /** The same (externalId, version) was received before (or earlier in this batch): not landed again. */
  repeat: Landed | { id: number; content_hash: string } | null;
  /** What it did, decided before it is landed (its channel_record row is written with it). */
  status?: 'MAPPED' | 'SUPERSEDED' | 'DUPLICATE';
  workOrderId?: number;
  outcome?: RecordOutcome;
}

const LANDING_COLUMNS = [
  ['channel_id', 'int'],
  ['external_id', 'text'],
  ['version_key', 'text'],
  ['payload_enc', 'text'],
  ['content_hash', 'text'],
  ['status', 'channel_record_status'],
  ['reason_code', 'text'],
  ['reason_message', 'text'],
  ['warnings', 'jsonb'],
] as const;

/** What the runtime needs to act on origin statuses: each channel's rules (its connector's manifest) and the lifecycle that applies a cancel. */
export interface OriginStatusHandling {
  rulesFor(channelCode: string): OriginStatusRules | undefined;
  lifecycle: Pick<LifecycleService, 'cancelAtOrigin'>;
}

/**
 * The ingestion runtime's core, shared by every channel: every record received is kept raw
 * (encrypted, with its checksum) in `channel_record`, and applied to the work-order model
 * idempotently, keyed on (channel, externalId): an older version never overwrites a newer one, the same version changes
 * nothing, a newer one updates the order's channel-side fields with a timeline event and leaves the
 * hub's own handling alone; the origin's status acts per "Origin status → hub action". A batch — its
 * records and the checkpoint that covers them — commits in one transaction, so replaying it any
 * number of times makes no duplicate.
 *
 * A batch is set-based where the work is: one statement finds the versions already received, one
 * reads the sources, new orders go in through WorkOrderService.createMany (bulk inserts, one
 * NOTIFY), and one statement lands all raw records with what they did. Updates of existing orders,
 * rarer, take the per-record path.
 */
export class IngestService {
  constructor(
    private readonly cipher: DataCipher,
    private readonly workOrders: WorkOrderService,
    private readonly bus: EventBus,
    private readonly origins: OriginStatusHandling,
    private readonly log?: Logger,
  ) {}

  /**
   * Lands and applies a batch (set-based, one transaction). Should that fail on something other than
   * the database itself (isSystemFailure), one record is to blame: the batch is applied again record
   * by record, each under a SAVEPOINT, and a record that still fails is quarantined as
   * INTERNAL_RECORD_ERROR (its raw text kept, replayable) while the others go through; the
   * checkpoint commits with them. The failure is logged with its class and SQLSTATE only.
   */
  async ingest(
    em: EntityManager,
    channelCode: string,
    items: IngestItem[],
    checkpoint?: { stream: string; value: Checkpoint; watermark?: Date | null },
    context: IngestContext = {},
  ): Promise<RecordOutcome[]> {
    try {
      return await em.transactional(async (tx) => {
        const channelId = await this.channelId(tx, channelCode);
        const outcomes = await this.batch(tx, channelCode, channelId, items);
        await this.saveCheckpoint(tx, channelId, checkpoint);
        return outcomes;
      });
    } catch (error) {
      if (!items.length || isSystemFailure(error) || /^unknown channel /.test((error as Error)?.message ?? '')) throw error;
      this.log?.warn(
        { requestId: context.requestId, channel: channelCode, records: items.length, ...failureFacts(error) },
        'ingest batch failed; applying its records one by one',
      );
      return this.oneByOne(em, channelCode, items, checkpoint, context);
    }
  }

  private async oneByOne(
    em: EntityManager,
    channelCode: string,
    items: IngestItem[],
    checkpoint: { stream: string; value: Checkpoint; watermark?: Date | null } | undefined,
    context: IngestContext,
  ): Promise<RecordOutcome[]> {
    return em.transactional(async (tx) => {
      const channelId = await this.channelId(tx, channelCode);
      const outcomes: RecordOutcome[] = new Array(items.length);
      for (const [index, item] of items.entries()) {
        try {
          [outcomes[index]] = await tx.transactional((savepoint) => this.batch(savepoint as EntityManager, channelCode, channelId, [item]));
        } catch (error) {
          if (isSystemFailure(error)) throw error;
          const facts = failureFacts(error);
          this.log?.error({ requestId: context.requestId, channel: channelCode, index, ...facts }, 'record quarantined: it failed while being applied');
          const failed: IngestItem = {
            raw: item.raw,
            result: {
              ok: false,
              code: 'INTERNAL_RECORD_ERROR',
              message: `could not be applied (${facts.sqlState ? `SQLSTATE ${facts.sqlState}` : facts.errorClass}); kept for review, do not resend it unchanged`,
              externalId: item.result.ok ? item.result.record.externalId : (item.result.externalId ?? item.raw.externalId ?? null),
            },
          };
          const one: RecordOutcome[] = new Array(1);
          await tx.transactional((savepoint) => this.quarantine(savepoint as EntityManager, channelId, [failed], one));
          outcomes[index] = one[0];
        }
      }
      await this.saveCheckpoint(tx, channelId, checkpoint);
      return outcomes;
    });
  }

  private async channelId(tx: EntityManager, channelCode: string): Promise<number> {
    const [channel] = await tx.execute('select id from channel where code = ?', [channelCode]);
    if (!channel) throw new Error(`unknown channel ${channelCode}`);
    return channel.id;
  }

  /** The set-based path: quarantine the unmappable, find repeats, apply, land. */
  private async batch(tx: EntityManager, channelCode: string, channelId: number, items: IngestItem[]): Promise<RecordOutcome[]> {
    const outcomes: RecordOutcome[] = new Array(items.length);
    await this.quarantine(tx, channelId, items, outcomes);
    const accepted = await this.accepted(tx, channelId, items);
    await this.apply(tx, channelCode, channelId, accepted, outcomes);
    await this.land(tx, channelId, items, accepted);
    return outcomes;
  }

  private async saveCheckpoint(
    tx: EntityManager,
    channelId: number,
    checkpoint?: { stream: string; value: Checkpoint; watermark?: Date | null },
  ): Promise<void> {
    if (!checkpoint) return;
    await tx.execute(
      `insert into ingest_checkpoint (channel_id, stream, cursor, watermark, updated_at) values (?, ?, ?, ?, now())
       on conflict (channel_id, stream) do update set cursor = excluded.cursor, watermark = excluded.watermark, updated_at = now()`,
      [channelId, checkpoint.stream, JSON.stringify(checkpoint.value), checkpoint.watermark ?? null],
    );
  }

  /** Records that cannot be mapped: kept raw with their reason, once per content. */
  private async quarantine(tx: EntityManager, channelId: number, items: IngestItem[], outcomes: RecordOutcome[]): Promise<void> {
    const rejected = items.flatMap((item, index) => (item.result.ok ? [] : [{ index, item, result: item.result }]));
    if (!rejected.length) return;
    const rows = rejected.map(({ item, result }): SqlValue[] => [
      channelId,
      keyColumn(result.externalId ?? item.raw.externalId ?? null), // whatever the channel sent: cut to the column, kept whole in the raw text
      null, // no version: a replay after a mapping fix lands under the real (externalId, version)
      this.seal(item.raw.text),
      createHash('sha256').update(item.raw.text).digest('hex'),
      'QUARANTINED',
      result.code,
      storableText(result.message).text,
      '[]',
    ]);
    await bulkInsert(tx, 'channel_record', LANDING_COLUMNS, rows, `on conflict (channel_id, content_hash) where status = 'QUARANTINED' do nothing`);
    const ids: Array<{ id: number; content_hash: string }> = await tx.execute(
      `select id, content_hash from channel_record where channel_id = ? and status = 'QUARANTINED' and content_hash = any(?::text[])`,
      [channelId, pgArray(rows.map((r) => r[4]))],
    );
    const byHash = new Map(ids.map((r) => [r.content_hash, r.id]));
    rejected.forEach(({ index, result }, i) => {
      outcomes[index] = { status: 'quarantined', recordId: byHash.get(rows[i][4] as string)!, reason: result.code, message: rows[i][7] as string };
    });
  }

  /** The mapped records, each marked when its (externalId, version) was received before. */
  private async accepted(tx: EntityManager, channelId: number, items: IngestItem[]): Promise<Landed[]> {
    const accepted: Landed[] = items.flatMap((item, index) =>
      item.result.ok ? [{ index, record: item.result.record, hash: contentHash(item.result.record), repeat: null }] : [],
    );
    if (!accepted.length) return accepted;
    // By external id (an index range per id), the versions compared here: a join on both keys plans worse.
    const rows: Array<{ id: number; content_hash: string; external_id: string; version_key: string }> = await executeBound(
      tx,
      `select id, content_hash, external_id, version_key from channel_record where channel_id = ? and external_id = any(?::text[]) and version_key is not null`,
      [channelId, pgArray([...new Set(accepted.map((l) => l.record.externalId))])],
    );
    const wanted = new Set(accepted.map((l) => `${l.record.externalId}\u0000${l.record.version}`));
    const seen = new Map<string, Landed | { id: number; content_hash: string }>(
      rows.map((r) => [`${r.external_id}\u0000${r.version_key}`, r] as const).filter(([key]) => wanted.has(key)),
    );
    for (const item of accepted) {
      const key = `${item.record.externalId}\u0000${item.record.version}`;
      item.repeat = seen.get(key) ?? null;
      if (!item.repeat) seen.set(key, item);
    }
    return accepted;
  }

  /**
   * Lands the records exactly as received, with what they did, in the transaction that applied
   * them (raw record, effect and checkpoint commit together or not at all). A concurrent landing
   * of the same (externalId, version) fails this transaction on the unique key; the sender retries.
   */
  private async land(tx: EntityManager, channelId: number, items: IngestItem[], accepted: Landed[]): Promise<void> {
    const fresh = accepted.filter((l) => !l.repeat);
    const inserted = await bulkInsert<{ id: number }>(
      tx,
      'channel_record',
      [...LANDING_COLUMNS, ['work_order_id', 'int'], ['processed_at', 'timestamptz']],
      fresh.map(({ index, record, hash, status, workOrderId }) => [
        channelId,
        record.externalId,
        record.version,
        this.seal(items[index].raw.text),
        hash,
        status!,
        null,
        null,
        JSON.stringify(record.warnings),
        workOrderId ?? null,
        new Date(),
      ]),
      'returning id',
    );
    const ids = new Map(fresh.map((l, i) => [l, inserted[i].id]));
    for (const item of accepted) {
      const outcome = item.outcome!;
      if ('recordId' in outcome && outcome.recordId === -1) {
        outcome.recordId = item.repeat ? (ids.get(item.repeat as Landed) ?? (item.repeat as { id: number }).id) : ids.get(item)!;
      }
    }
  }

  private async apply(tx: EntityManager, channelCode: string, channelId: number, landed: Landed[], outcomes: RecordOutcome[]): Promise<void> {
    if (!landed.length) return;
    const externalIds = [...new Set(landed.map((l) => l.record.externalId))];
    const found: Array<Source & { external_id: string }> = await tx.execute(
      `select s.external_id, s.id, s.version_order, s.work_order_id, wo.code, s.channel_status from work_order_source s join work_order wo on wo.id = s.work_order_id
        where s.channel_id = ? and s.external_id = any(?::text[])`,
      [channelId, pgArray(externalIds)],
    );
    const sources = new Map<string, Source>(found.map((s) => [s.external_id, s]));
    /** Content applied in this batch by external id (its channel_record rows are marked at the end). */
    const appliedHashes = new Map<string, string>();
    let creations: Landed[] = [];
    const pending = new Set<string>();
    const flushCreations = async () => {
      if (!creations.length) return;
      const batch = creations;
      creations = [];
      pending.clear();
      await this.createOrders(tx, channelCode, batch, sources, outcomes);
    };

    for (const item of landed) {
      const { record, hash, index, repeat } = item;
      if (pending.has(record.externalId)) await flushCreations();
      const source = sources.get(record.externalId);
      if (repeat) {
        outcomes[index] = item.outcome = {
          status: 'unchanged',
          recordId: -1, // the earlier copy's id, known once landed
          workOrderId: source?.work_order_id ?? null,
          workOrderCode: source?.code ?? null,
          sameContent: ('hash' in repeat ? repeat.hash : repeat.content_hash) === hash,
        };
        continue;
      }
      if (!source) {
        creations.push(item);
        pending.add(record.externalId);
        appliedHashes.set(record.externalId, hash);
        continue;
      }
      outcomes[index] = item.outcome = await this.applyVersion(tx, channelCode, channelId, source, item, appliedHashes);
    }
    await flushCreations();
  }

  /** New external ids: their orders in one bulk intake; an origin cancel status applies at once. */
  private async createOrders(tx: EntityManager, channelCode: string, batch: Landed[], sources: Map<string, Source>, outcomes: RecordOutcome[]): Promise<void> {
    const categories = await this.mappedCategories(
      tx,
      channelCode,
      batch.map((l) => l.record.categoryHint),
    );
    const created = await this.workOrders.createMany(
      tx,
      SYSTEM(channelCode),
      channelCode,
      batch.map(({ record }) => ({
        input: newOrder(record, record.categoryHint ? (categories.get(record.categoryHint) ?? null) : null),
        source: sourceOf(record),
      })),
    );
    const rules = this.origins.rulesFor(channelCode);
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i];
      const { record, index } = item;
      const order = created[i];
      sources.set(record.externalId, {
        id: -1,
        version_order: String(record.versionOrder),
        work_order_id: order.id,
        code: order.code,
        channel_status: record.channelStatus ?? null,
      });
      Object.assign(item, { status: 'MAPPED', workOrderId: order.id });
      outcomes[index] = item.outcome = { status: 'created', recordId: -1, workOrderId: order.id, workOrderCode: order.code };
      const action = originAction(rules, null, record.channelStatus ?? null, new Set());
      if (action !== 'INFO')
        await applyOriginAction(tx, this.bus, this.origins.lifecycle, action, { id: order.id, channelCode, channelStatus: record.channelStatus! });
    }
  }

  /** A later record of a known external id: superseded, a repeat of the applied content, or an update. */
  private async applyVersion(
    tx: EntityManager,
    channelCode: string,
    channelId: number,
    source: Source,
    item: Landed,
    appliedHashes: Map<string, string>,
  ): Promise<RecordOutcome> {
    const { record, hash } = item;
    const workOrderId = source.work_order_id;
    const recordId = -1; // known once landed
    if (source.version_order != null && Number(source.version_order) >= record.versionOrder) {
      Object.assign(item, { status: 'SUPERSEDED', workOrderId });
      return { status: 'superseded', recordId, workOrderId, workOrderCode: source.code };
    }
    const appliedHash =
      appliedHashes.get(record.externalId) ??
      (
        await tx.execute(`select content_hash from channel_record where channel_id = ? and external_id = ? and status = 'MAPPED' order by id desc limit 1`, [
          channelId,
          record.externalId,
        ])
      )[0]?.content_hash;
    // A newer version with the same content as the applied one: remember it, change nothing else.
    if (appliedHash === hash) {
      await tx.execute(`update work_order_source set external_version = ?, version_order = ?, last_seen_at = now() where channel_id = ? and external_id = ?`, [
        record.version,
        record.versionOrder,
        channelId,
        record.externalId,
      ]);
      source.version_order = String(record.versionOrder);
      Object.assign(item, { status: 'DUPLICATE', workOrderId });
      return { status: 'unchanged', recordId, workOrderId, workOrderCode: source.code, sameContent: true };
    }
    // A newer version: the channel-side fields change; status, assignments and deadlines stay the hub's.
    await tx.execute(
      `update work_order_source set external_version = ?, version_order = ?, channel_status = ?, category_hint = ?, last_seen_at = now() where channel_id = ? and external_id = ?`,
      [record.version, record.versionOrder, record.channelStatus ?? null, record.categoryHint ?? null, channelId, record.externalId],
    );
    appliedHashes.set(record.externalId, hash);
    const previousStatus = source.channel_status;
    source.version_order = String(record.versionOrder);
    source.channel_status = record.channelStatus ?? null;
    const order = await tx.findOneOrFail(WorkOrder, workOrderId);
    Object.assign(order, {
      requestType: record.requestType,
      title: record.title,
      content: record.content,
      address: record.address ?? null,
      ...(record.citizen ? sealCitizen(this.cipher, record.citizen) : {}),
      ...(record.restrictedContent !== undefined ? { restrictedContentEnc: this.cipher.encrypt(record.restrictedContent ?? null) } : {}),
    });
    const event = addEvent(tx, order, WorkOrderEventType.UPDATED, SYSTEM(channelCode), {
      payload: { channel: channelCode, version: record.version, channelStatus: record.channelStatus ?? null, warnings: record.warnings.map((w) => w.code) },
    });
    await tx.flush();
    await publishEvents(tx, this.bus, [event]);
    tx.clear(); // keep the unit of work small across a page
    const rules = this.origins.rulesFor(channelCode);
    const current = record.channelStatus ?? null;
    if (rules && current !== previousStatus) {
      const action = originAction(rules, previousStatus, current, await deliveredKinds(tx, workOrderId, channelId));
      if (action !== 'INFO') await applyOriginAction(tx, this.bus, this.origins.lifecycle, action, { id: workOrderId, channelCode, channelStatus: current! });
    }
    Object.assign(item, { status: 'MAPPED', workOrderId });
    return { status: 'updated', recordId, workOrderId, workOrderCode: source.code };
  }

  /** (channel, hint) → hub category through the editable mapping table; unmapped (or deactivated) → no category. */
  private async mappedCategories(tx: EntityManager, channelCode: string, hints: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(hints.filter((h): h is string => !!h))];
    if (!wanted.length) return new Map();
    const rows: Array<{ hint: string; code: string }> = await tx.execute(
      `select m.hint, c.code from category_mapping m join category c on c.id = m.category_id join channel ch on ch.id = m.channel_id
        where ch.code = ? and m.hint = any(?::text[]) and m.active and c.active`,
      [channelCode, pgArray(wanted)],
    );
    return new Map(rows.map((r) => [r.hint, r.code]));
  }

  private seal(text: string): string {
    return this.cipher.encrypt(text) ?? this.cipher.encrypt(' ')!;
  }
}

function newOrder(record: CanonicalRecord, categoryCode: string | null): NewWorkOrder {
  return {
    requestType: record.requestType,
    categoryCode,
    title: record.title,
    content: record.content,
    citizen: record.citizen ?? null,
    regionCode: record.regionCode,
    address: record.address ?? null,
    urgency: record.urgency,
    receivedAt: record.receivedAt,
    channelDeadlines: record.deadlines,
    restrictedContent: record.restrictedContent ?? null,
  };
}

function sourceOf(record: CanonicalRecord): SourceRecord {
  return {
    externalId: record.externalId,
    version: record.version,
    versionOrder: record.versionOrder,
    channelStatus: record.channelStatus,
    categoryHint: record.categoryHint,
  };
}
