import { Entity, ManyToOne, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/core';
import { Channel } from './channel';

/** Where a pull connector stands in its channel (watermark and cursor), one row per stream. */
@Entity()
@Unique({ properties: ['channel', 'stream'] })
export class IngestCheckpoint {
  [OptionalProps]?: 'stream' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Property({ length: 50, default: 'default' })
  stream: string = 'default';

  @Property({ type: 'datetime', nullable: true })
  watermark?: Date | null;

  @Property({ type: 'json', nullable: true })
  cursor?: Record<string, unknown> | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
