import type { EntityManager } from '@mikro-orm/postgresql';
import type { IngestContext, IngestItem, IngestService, RecordOutcome } from '../../src/ingest/ingest.service';
import { jsonText } from '../shared/json-text';
import { mapPushRecord } from './mapping';

export interface PushResult {
  index: number;
  externalId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  workOrderId?: string | null;
  reason?: { code: string; message: string };
}

function toResult(index: number, externalId: string | null, outcome: RecordOutcome): PushResult {
  switch (outcome.status) {
    case 'created':
    case 'updated':
      return { index, externalId, status: 'accepted', workOrderId: outcome.workOrderCode };
    case 'unchanged':
      return outcome.sameContent
        ? { index, externalId, status: 'duplicate', workOrderId: outcome.workOrderCode }
        : { index, externalId, status: 'rejected', reason: { code: 'CONFLICTING_DUPLICATE', message: `/records/${index}: same key, different content` } };
    case 'superseded':
      return { index, externalId, status: 'rejected', reason: { code: 'STALE_VERSION', message: `/records/${index}: older than the stored version` } };
    case 'quarantined':
      // The runtime's own reasons (INTERNAL_RECORD_ERROR) name no pointer: answer with the record's.
      return {
        index,
        externalId,
        status: 'rejected',
        reason: { code: outcome.reason, message: outcome.message.startsWith('/records/') ? outcome.message : `/records/${index}: ${outcome.message}` },
      };
  }
}

/**
 * push-api.md §4–§6 for a batch of already-parsed records: each validated and mapped on its own,
 * the version mode checked against what the channel sent before (§4), landed and applied in one
 * transaction, answered per record. Shared by the HTTP intake and GraphQL submitChannelRecords.
 */
export async function submitPushRecords(
  em: EntityManager,
  ingest: IngestService,
  channel: { id: number; code: string },
  records: unknown[],
  /** For the log line of a record that fails while being applied (request id; never a value). */
  context: IngestContext = {},
): Promise<PushResult[]> {
  const now = new Date();
  const items: IngestItem[] = [];
  for (const [index, value] of records.entries()) {
    let mapped = mapPushRecord(value, index, now);
    if (mapped.ok) {
      // §4: a sender that versions an externalId must version every record of it.
      const [earlier] = await em.execute(
        `select version_key from channel_record where channel_id = ? and external_id = ? and version_key is not null limit 1`,
        [channel.id, mapped.record.externalId],
      );
      if (earlier && earlier.version_key.slice(0, 2) !== mapped.record.version.slice(0, 2)) {
        mapped = {
          ok: false,
          code: 'VERSION_MODE_MISMATCH',
          message: `/records/${index}/version: use version for every record of this externalId, or for none`,
          externalId: mapped.record.externalId,
        };
      }
    }
    // Landed raw whatever it holds: jsonText never overflows the stack, and its escapes keep NUL and
    // lone surrogates storable; only a valid externalId is a key (the full text keeps the rest).
    items.push({ raw: { text: jsonText(value), externalId: mapped.ok ? mapped.record.externalId : (mapped.externalId ?? null) }, result: mapped });
  }
  const outcomes = await ingest.ingest(em, channel.code, items, undefined, context);
  return outcomes.map((o, i) => toResult(i, items[i].raw.externalId ?? null, o));
}
