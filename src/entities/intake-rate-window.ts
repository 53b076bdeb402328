import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Channel } from './channel';

/**
 * Request counts per channel and second for the push intake's rate limit (push-api.md §3: 10
 * requests/s per channel). Kept in PostgreSQL so the limit holds across hub instances.
 */
@Entity()
export class IntakeRateWindow {
  [PrimaryKeyProp]?: ['channel', 'second'];

  @ManyToOne(() => Channel, { primary: true })
  channel!: Channel;

  @Property({ type: 'datetime', primary: true })
  second!: Date;

  @Property()
  count!: number;
}
