import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../graphql/node';
import { Region } from './region';
import { DepartmentKind } from '../reference/vocabulary';

/** One 24-hour contact of a unit (001 附件2 快速处理联络表). */
export interface Liaison {
  role: 'LIAISON' | 'LEADER';
  name: string;
  title: string;
  phone: string;
}

/**
 * 承办单位 Department: county departments, township governments and their sub-units, as a tree.
 * `path` is the materialised path of ids ("/3/17/") so a department subtree is one LIKE prefix.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '承办单位 Handling unit (department, township, sub-unit)' })
@Entity()
export class Department extends Node {
  [OptionalProps]?: 'globalId' | 'liaisons' | 'active' | 'path' | 'deactivatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @Field({ description: '单位代码 Unit code' })
  @Property({ length: 32, unique: true })
  code!: string;

  @Field({ description: '单位名称 Unit name' })
  @Property({ length: 100 })
  name!: string;

  @Field(() => DepartmentKind, { description: '单位类型 Kind of unit' })
  @Enum({ items: () => DepartmentKind, nativeEnumName: 'department_kind' })
  kind!: DepartmentKind;

  @Index()
  @ManyToOne(() => Department, { nullable: true })
  parent?: Department;

  /** Materialised path of ancestor ids including itself, e.g. "/3/17/". */
  @Index({ name: 'department_path_index', expression: 'create index "department_path_index" on "department" ("path" text_pattern_ops)' })
  @Property({ length: 200 })
  path!: string;

  @ManyToOne(() => Region)
  region!: Region;

  /** 24-hour liaison contacts (001 附件2); staff contacts, not citizen data. */
  @Property({ type: 'json' })
  liaisons: Liaison[] = [];

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
