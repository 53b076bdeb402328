import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/core';
import { Channel } from './channel';
import { WorkOrder } from './work-order';

export enum ChannelRecordStatus {
  /** Stored raw, not yet mapped. */
  RECEIVED = 'RECEIVED',
  /** Mapped and applied to its work order. */
  MAPPED = 'MAPPED',
  /** Cannot be mapped (reason code and message); can be replayed after a mapping fix. */
  QUARANTINED = 'QUARANTINED',
  DUPLICATE = 'DUPLICATE',
  STALE = 'STALE',
  /** An older version than the one already applied: kept, never applied. */
  SUPERSEDED = 'SUPERSEDED',
}

/**
 * 原始记录 Every record a channel sends, stored raw (encrypted) before it is mapped; what cannot
 * be mapped stays QUARANTINED with its reason and can be replayed. The ingestion runtime
 * (src/ingest) owns it; (channel, externalId, versionKey) is the idempotency key.
 */
@Entity()
@Unique({ properties: ['channel', 'externalId', 'versionKey'] })
// The same unmappable record received again (a replayed page) is kept once, not piled up.
@Index({
  name: 'channel_record_quarantine_once',
  expression: `create unique index "channel_record_quarantine_once" on "channel_record" ("channel_id", "content_hash") where "status" = 'QUARANTINED'`,
})
export class ChannelRecord {
  [OptionalProps]?: 'status' | 'warnings' | 'receivedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Channel)
  channel!: Channel;

  /** Null when the record's identity is unusable (then it is quarantined). */
  @Property({ type: 'string', length: 64, nullable: true })
  externalId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  versionKey?: string | null;

  /** Raw payload, AES-256-GCM encrypted: raw records hold personal data too. */
  @Property({ type: 'text' })
  payloadEnc!: string;

  /** SHA-256 of the canonical content, for duplicate detection. */
  @Property({ length: 64 })
  contentHash!: string;

  @Index()
  @Enum({ items: () => ChannelRecordStatus, nativeEnumName: 'channel_record_status' })
  status: ChannelRecordStatus = ChannelRecordStatus.RECEIVED;

  @Property({ type: 'string', length: 40, nullable: true })
  reasonCode?: string | null;

  @Property({ type: 'text', nullable: true })
  reasonMessage?: string | null;

  @Property({ type: 'json' })
  warnings: Array<{ field: string; code: string; message: string }> = [];

  @ManyToOne(() => WorkOrder, { nullable: true })
  workOrder?: WorkOrder;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  receivedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  processedAt?: Date | null;
}
