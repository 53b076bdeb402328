import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Category } from './category';
import { Channel } from './channel';

/** Editable mapping of a channel's own category text (hint, verbatim) to a hub category. */
@Entity()
@Unique({ properties: ['channel', 'hint'] })
export class CategoryMapping {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Property({ length: 200 })
  hint!: string;

  @ManyToOne(() => Category)
  category!: Category;
}
