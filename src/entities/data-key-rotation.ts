import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 数据密钥轮换 One re-encryption of the personal data from one data key to another
 * (`npm run minyi -- key rotate`, src/pii/key-rotation.ts). Key ids only (a fingerprint prefix),
 * never a key. `progress` holds, per table, the last id done: each batch commits with it, so an
 * interrupted rotation continues where it stopped.
 */
@Entity()
export class DataKeyRotation {
  [OptionalProps]?: 'status' | 'progress' | 'valuesDone' | 'rowsDone' | 'startedAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  /** The key the data was sealed under when the rotation started (the configured one). */
  @Property({ length: 12 })
  fromKeyId!: string;

  @Property({ length: 12 })
  toKeyId!: string;

  /** RUNNING or FINISHED. */
  @Property({ length: 16, default: 'RUNNING' })
  status: string = 'RUNNING';

  @Property({ type: 'json' })
  progress: Record<string, number> = {};

  @Property({ default: 0 })
  rowsDone: number = 0;

  @Property({ default: 0 })
  valuesDone: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;
}
