import { Entity, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';

/**
 * 诉求分类 Category, a three-level tree. Codes are hierarchical ("01" ⊃ "0101" ⊃ "010101"),
 * so a subtree is a code prefix.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '诉求分类 Request category (three levels)' })
@Entity()
export class Category extends Node {
  [OptionalProps]?: 'globalId';

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
}
