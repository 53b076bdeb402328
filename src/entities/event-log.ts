import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 事件日志 Every message published on the event bus, written in the publishing transaction.
 * The bigserial id is the event cursor: a subscriber reconnecting with `since: <cursor>` is
 * replayed the rows after it (events/replay.ts). The payload is the published message itself
 * (ids and visibility facts, never documents or personal data). Pruned by age (events/event-log-prune.ts).
 */
@Entity()
@Index({ properties: ['topic', 'id'] })
export class EventLog {
  [OptionalProps]?: 'createdAt';

  /** The event cursor (bigint, read as a string). */
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ length: 63 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
