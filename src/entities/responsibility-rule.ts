import { Collection, Entity, Enum, ManyToMany, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
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
export class ResponsibilityRule extends Node {
  [OptionalProps]?: 'globalId' | 'leadIsTownship' | 'coTownship' | 'note';

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
}
