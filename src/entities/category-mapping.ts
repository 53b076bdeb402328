import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Category } from './category';
import { Channel } from './channel';

/** Editable mapping of a channel's own category text (hint, verbatim) to a hub category. */
@Entity()
@Unique({ properties: ['channel', 'hint'] })
export class CategoryMapping {
  [OptionalProps]?: 'active' | 'deactivatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Property({ length: 200 })
  hint!: string;

  @ManyToOne(() => Category)
  category!: Category;

  /** Inactive: the hint is no longer mapped (the row is kept for the audit trail). */
  @Property({ default: true })
  active: boolean = true;

  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @Property({ version: true })
  version!: number;
}
