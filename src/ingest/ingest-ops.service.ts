import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { readMapper } from '../db/read-model';
import { pgArray } from '../db/sql';
import { SyncRun } from '../entities';
import type { DataCipher } from '../pii/cipher';
import type { IngestService, RecordOutcome } from './ingest.service';
import { mapSafely, type Mapper } from './registry';

export interface QuarantinedRow {
  id: number;
  channel_code: string;
  external_id: string | null;
  reason_code: string;
  reason_message: string;
  received_at: Date;
}

/**
 * Operating the ingestion: list what is quarantined, replay it after a mapping fix. A replayed
 * record is landed again through the normal path (so it is idempotent like any other) and its
 * quarantined copy is marked as superseded by it.
 */
export class IngestOpsService {
  constructor(
    private readonly cipher: DataCipher,
    private readonly ingest: IngestService,
    /** Each channel's mapping (tests replace it to stand for a mapping fix). */
    private readonly mapperOf: (channelCode: string) => Mapper | null,
  ) {}

  async quarantined(em: EntityManager, channelCode: string | null, limit: number, afterId: number | null): Promise<QuarantinedRow[]> {
    return em.execute(
      `select r.id, c.code as channel_code, r.external_id, r.reason_code, r.reason_message, r.received_at
         from channel_record r join channel c on c.id = r.channel_id
        where r.status = 'QUARANTINED' and (?::text is null or c.code = ?) and (?::int is null or r.id > ?)
        order by r.id limit ?`,
      [channelCode, channelCode, afterId, afterId, limit],
    );
  }

  /** How many records are quarantined (of one channel, or of all). */
  async quarantinedCount(em: EntityManager, channelCode: string | null): Promise<number> {
    const [row] = await em.execute(
      `select count(*)::int as n from channel_record r join channel c on c.id = r.channel_id where r.status = 'QUARANTINED' and (?::text is null or c.code = ?)`,
      [channelCode, channelCode],
    );
    return row.n;
  }

  /** A channel's sync runs, newest first. */
  async syncRuns(em: EntityManager, channelCode: string, limit: number): Promise<SyncRun[]> {
    const rows = await em.execute(
      `select r.* from sync_run r join channel c on c.id = r.channel_id where c.code = ? order by r.started_at desc, r.id desc limit ?`,
      [channelCode, limit],
    );
    return rows.map(readMapper(em, SyncRun).map);
  }

  async replay(
    em: EntityManager,
    ids: number[],
  ): Promise<Array<{ id: number; outcome: RecordOutcome | { status: 'still_quarantined'; reason: string; message: string } }>> {
    if (!ids.length || ids.length > 1000) throw badInput('一次重放 1–1000 条', 'replay 1–1000 records at a time', 'ids');
    const rows: Array<{ id: number; code: string; payload_enc: string; status: string }> = await em.execute(
      `select r.id, c.code, r.payload_enc, r.status from channel_record r join channel c on c.id = r.channel_id where r.id = any(?::int[]) order by r.id`,
      [pgArray(ids)],
    );
    const results = [];
    for (const row of rows) {
      if (row.status !== 'QUARANTINED') throw badInput(`记录 ${row.id} 未被隔离`, `record ${row.id} is not quarantined`, 'ids');
      const mapper = this.mapperOf(row.code);
      if (!mapper) throw badInput(`渠道 ${row.code} 没有映射`, `no mapping for channel ${row.code}`, 'ids');
      const text = this.cipher.decrypt(row.payload_enc) ?? '';
      const result = mapSafely(mapper, { text });
      if (!result.ok) {
        await em.execute(`update channel_record set reason_code = ?, reason_message = ?, processed_at = now() where id = ?`, [
          result.code,
          result.message,
          row.id,
        ]);
        results.push({ id: row.id, outcome: { status: 'still_quarantined' as const, reason: result.code, message: result.message } });
        continue;
      }
      const [outcome] = await this.ingest.ingest(em, row.code, [
        { raw: { text, externalId: result.record.externalId, version: result.record.version }, result },
      ]);
      if (outcome.status === 'quarantined') {
        // It failed again while being applied (INTERNAL_RECORD_ERROR): it stays in quarantine.
        results.push({ id: row.id, outcome: { status: 'still_quarantined' as const, reason: outcome.reason, message: outcome.message } });
        continue;
      }
      await em.execute(`update channel_record set status = 'SUPERSEDED', reason_message = ?, processed_at = now() where id = ?`, [
        `replayed: ${outcome.status}`,
        row.id,
      ]);
      results.push({ id: row.id, outcome });
    }
    return results;
  }
}
