import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkOrder } from '../entities';
import { WorkOrderEventType } from '../entities/work-order-event';
import type { EventBus } from '../events/event-bus';
import type { DataCipher } from '../pii/cipher';
import { sealCitizen } from '../pii/citizen';
import { addEvent, publishEvents } from '../work-orders/timeline';
import type { WorkOrderService } from '../work-orders/work-order.service';
import type { CanonicalRecord, MapResult, QuarantineCode, RawRecord } from './canonical';
import type { Checkpoint } from './connector';

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

const SYSTEM = (channelCode: string) => ({ role: null, label: channelCode });

/**
 * "Same content": the canonical record without its warnings and version, dates as instants — so a
 * re-read that changed nothing (board re-reads are new versions by read time) is recognised.
 */
function contentHash(record: CanonicalRecord): string {
  const { warnings: _warnings, version: _version, versionOrder: _order, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * The ingestion runtime's core, shared by every channel: land the raw record (encrypted, with its
 * checksum) before anything else, then apply it to the work-order model idempotently, keyed on
 * (channel, externalId): an older version never overwrites a newer one, the same version changes
 * nothing, a newer one updates the order's channel-side fields with a timeline event and leaves the
 * hub's own handling alone. A batch — its records and the checkpoint that covers them — commits in
 * one transaction, so replaying it any number of times makes no duplicate.
 */
export class IngestService {
  constructor(
    private readonly cipher: DataCipher,
    private readonly workOrders: WorkOrderService,
    private readonly bus: EventBus,
  ) {}

  async ingest(em: EntityManager, channelCode: string, items: IngestItem[], checkpoint?: { stream: string; value: Checkpoint; watermark?: Date | null }): Promise<RecordOutcome[]> {
    return em.transactional(async (tx) => {
      const [channel] = await tx.execute('select id from channel where code = ?', [channelCode]);
      if (!channel) throw new Error(`unknown channel ${channelCode}`);
      const outcomes: RecordOutcome[] = [];
      for (const item of items) {
        outcomes.push(await this.one(tx, channelCode, channel.id, item));
        // Everything of this record is flushed: keep the unit of work small, or each flush of a
        // 500-record page would walk every entity of the page so far (bench:ingest found this).
        tx.clear();
      }
      if (checkpoint) {
        await tx.execute(
          `insert into ingest_checkpoint (channel_id, stream, cursor, watermark, updated_at) values (?, ?, ?, ?, now())
           on conflict (channel_id, stream) do update set cursor = excluded.cursor, watermark = excluded.watermark, updated_at = now()`,
          [channel.id, checkpoint.stream, JSON.stringify(checkpoint.value), checkpoint.watermark ?? null],
        );
      }
      return outcomes;
    });
  }

  private async one(tx: EntityManager, channelCode: string, channelId: number, { raw, result }: IngestItem): Promise<RecordOutcome> {
    const payloadEnc = this.cipher.encrypt(raw.text) ?? this.cipher.encrypt(' ')!;
    if (!result.ok) {
      const hash = createHash('sha256').update(raw.text).digest('hex');
      const [row] = await tx.execute(
        `insert into channel_record (channel_id, external_id, version_key, payload_enc, content_hash, status, reason_code, reason_message, warnings)
         values (?, ?, ?, ?, ?, 'QUARANTINED', ?, ?, '[]')
         on conflict (channel_id, content_hash) where status = 'QUARANTINED' do nothing returning id`,
        [channelId, result.externalId ?? raw.externalId ?? null, null, payloadEnc, hash, result.code, result.message],
      );
      const id = row?.id ?? (await tx.execute(`select id from channel_record where channel_id = ? and content_hash = ? and status = 'QUARANTINED'`, [channelId, hash]))[0].id;
      return { status: 'quarantined', recordId: id, reason: result.code, message: result.message };
    }
    const record = result.record;
    const hash = contentHash(record);
    // Land first: the raw record, exactly as received, whatever happens next.
    const [landed] = await tx.execute(
      `insert into channel_record (channel_id, external_id, version_key, payload_enc, content_hash, status, warnings)
       values (?, ?, ?, ?, ?, 'RECEIVED', ?)
       on conflict (channel_id, external_id, version_key) do nothing returning id`,
      [channelId, record.externalId, record.version, payloadEnc, hash, JSON.stringify(record.warnings)],
    );
    const [source] = await tx.execute(
      `select s.id, s.version_order, s.work_order_id, wo.code from work_order_source s join work_order wo on wo.id = s.work_order_id
        where s.channel_id = ? and s.external_id = ?`,
      [channelId, record.externalId],
    );
    if (!landed) {
      const [earlier] = await tx.execute(
        'select id, content_hash from channel_record where channel_id = ? and external_id = ? and version_key = ?',
        [channelId, record.externalId, record.version],
      );
      return {
        status: 'unchanged',
        recordId: earlier?.id ?? null,
        workOrderId: source?.work_order_id ?? null,
        workOrderCode: source?.code ?? null,
        sameContent: earlier?.content_hash === hash,
      };
    }
    const mark = (status: string, workOrderId: number) =>
      tx.execute(`update channel_record set status = ?, work_order_id = ?, processed_at = now() where id = ?`, [status, workOrderId, landed.id]);

    if (!source) {
      const categoryCode = record.categoryHint ? await this.mappedCategory(tx, channelId, record.categoryHint) : null;
      const order = await this.workOrders.create(
        tx,
        SYSTEM(channelCode),
        {
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
        },
        channelCode,
        { externalId: record.externalId, version: record.version, versionOrder: record.versionOrder, channelStatus: record.channelStatus, categoryHint: record.categoryHint },
      );
      await mark('MAPPED', order.id);
      return { status: 'created', recordId: landed.id, workOrderId: order.id, workOrderCode: order.code };
    }
    if (source.version_order != null && Number(source.version_order) >= record.versionOrder) {
      await mark('SUPERSEDED', source.work_order_id);
      return { status: 'superseded', recordId: landed.id, workOrderId: source.work_order_id, workOrderCode: source.code };
    }
    // A newer version with the same content as the applied one: remember it, change nothing else.
    const [applied] = await tx.execute(
      `select content_hash from channel_record where channel_id = ? and external_id = ? and status = 'MAPPED' order by id desc limit 1`,
      [channelId, record.externalId],
    );
    if (applied?.content_hash === hash) {
      await tx.execute(`update work_order_source set external_version = ?, version_order = ?, last_seen_at = now() where id = ?`, [record.version, record.versionOrder, source.id]);
      await mark('DUPLICATE', source.work_order_id);
      return { status: 'unchanged', recordId: landed.id, workOrderId: source.work_order_id, workOrderCode: source.code, sameContent: true };
    }
    // A newer version: the channel-side fields change; status, assignments and deadlines stay the hub's.
    await tx.execute(
      `update work_order_source set external_version = ?, version_order = ?, channel_status = ?, category_hint = ?, last_seen_at = now() where id = ?`,
      [record.version, record.versionOrder, record.channelStatus ?? null, record.categoryHint ?? null, source.id],
    );
    const order = await tx.findOneOrFail(WorkOrder, source.work_order_id);
    Object.assign(order, {
      requestType: record.requestType,
      title: record.title,
      content: record.content,
      address: record.address ?? null,
      ...(record.citizen ? sealCitizen(this.cipher, record.citizen) : {}),
    });
    const event = addEvent(tx, order, WorkOrderEventType.UPDATED, SYSTEM(channelCode), {
      payload: { channel: channelCode, version: record.version, channelStatus: record.channelStatus ?? null, warnings: record.warnings.map((w) => w.code) },
    });
    await tx.flush();
    await publishEvents(tx, this.bus, [event]);
    await mark('MAPPED', order.id);
    return { status: 'updated', recordId: landed.id, workOrderId: order.id, workOrderCode: order.code };
  }

  /** (channel, hint) → hub category through the editable mapping table; unmapped → no category. */
  private async mappedCategory(tx: EntityManager, channelId: number, hint: string): Promise<string | null> {
    const [row] = await tx.execute(
      'select c.code from category_mapping m join category c on c.id = m.category_id where m.channel_id = ? and m.hint = ?',
      [channelId, hint],
    );
    return row?.code ?? null;
  }
}
