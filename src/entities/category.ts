import { Entity, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../graphql/node';

/**
 * 诉求分类 Category, a three-level tree. Codes are hierarchical ("01" ⊃ "0101" ⊃ "010101"),
 * so a subtree is a code prefix.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '诉求分类 Request category (three levels)' })
@Entity()
export class Category extends Node {
  [OptionalProps]?: 'globalId' | 'active' | 'deactivatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @Field({ description: '分类代码 Category code (2, 4 or 6 digits)' })
  @Index({ name: 'category_code_prefix_index', expression: 'create index "category_code_prefix_index" on "category" ("code" text_pattern_ops)' })
  @Property({ length: 12, unique: true })
  code!: string;

  @Field({ description: '分类名称 Category name' })
  @Property({ length: 100 })
  name!: string;

  @Field(() => Int, { description: '层级 Level (1–3)' })
  @Property({ type: 'smallint' })
  level!: number;

  @Index()
  @ManyToOne(() => Category, { nullable: true })
  parent?: Category;

  @Field({ description: '是否启用 Active' })
  @Property({ default: true })
  active: boolean = true;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: '停用时间（停用后不再用于新的分拨或分类）Deactivated at: no longer offered for new dispatch or categorisation',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @Field(() => Int, { description: '版本（乐观锁，修改时回传）Version for optimistic locking: pass it back when editing' })
  @Property({ version: true })
  version!: number;
}
