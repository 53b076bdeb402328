import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';

/** 区长热线日 The county leader on duty for a month and the hard-case categories (000 附件). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '区长热线日安排 Leader on duty for the monthly hotline day (000)' })
@Entity()
export class LeaderDutySchedule extends Node {
  [OptionalProps]?: 'globalId' | 'categoryCodes';

  @PrimaryKey()
  id!: number;

  /** yyyy-MM */
  @Field({ description: '月份 Month (yyyy-MM)' })
  @Property({ length: 7, unique: true })
  month!: string;

  @Field({ description: '值班区领导 Leader on duty' })
  @Property({ length: 50 })
  leaderName!: string;

  @Field({ description: '疑难诉求类别（原文）Hard-case categories, as in the schedule' })
  @Property({ type: 'text' })
  categoriesText!: string;

  /** Hub category codes the text maps to (empty: every category, e.g. 区级层面各类疑难诉求). */
  @Field(() => [String], { description: '对应分类代码（空为全部）Category codes (empty: all)' })
  @Property({ type: 'json' })
  categoryCodes: string[] = [];
}
