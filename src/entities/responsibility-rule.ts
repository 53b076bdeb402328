import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../graphql/node';
import { TimeLimitClass } from '../work-orders/enums';
import { Category } from './category';
import { Department } from './department';
import { Region } from './region';

/**
 * 职责清单 Responsibility rule (001 任务4): a category (and optionally a township) → lead
 * department, co-handling departments and time-limit class. `leadIsTownship` means the
 * township government where the matter happened (属地).
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '职责清单条目 Responsibility rule: category (+ region) → lead and co-handling units' })
@Entity()
// One row per 职责清单 key (category × region, county-wide = no region); deactivated rows keep their key.
@Index({
  name: 'responsibility_rule_key_unique',
  expression: 'create unique index "responsibility_rule_key_unique" on "responsibility_rule" ("category_id", coalesce("region_id", 0))',
})
export class ResponsibilityRule extends Node {
  [OptionalProps]?: 'globalId' | 'leadIsTownship' | 'coTownship' | 'note' | 'active' | 'deactivatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Category)
  category!: Category;

  @ManyToOne(() => Region, { nullable: true })
  region?: Region;

  @ManyToOne(() => Department, { nullable: true })
  leadDepartment?: Department;

  @Field({ description: '由事发地乡镇主办 Lead is the township government where the matter happened (属地)' })
  @Property({ default: false })
  leadIsTownship: boolean = false;

  @ManyToMany(() => Department, undefined, { pivotTable: 'responsibility_rule_co_department' })
  coDepartments = new Collection<Department>(this);

  @Field({ description: '事发地乡镇协办 The township government co-handles' })
  @Property({ default: false })
  coTownship: boolean = false;

  @Field(() => TimeLimitClass, { description: '办理时限类别 Time-limit class' })
  @Enum({ items: () => TimeLimitClass, nativeEnumName: 'time_limit_class' })
  timeLimitClass!: TimeLimitClass;

  @Field({ description: '职责依据 Basis (三定方案 etc.)' })
  @Property({ type: 'text', default: '' })
  note: string = '';

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
