import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { RequestType, TimeLimitClass, Urgency } from '../work-orders/enums';
import { LimitUnit } from '../sla/vocabulary';

/**
 * 时限政策 A time-limit policy as data. The versioned defaults live in src/sla/policies.ts; rows
 * here are the ADMIN's overrides (same shape, same matching) and win over a default of the same
 * code. Matching: every condition given must hold; the most specific policy (most conditions,
 * then highest priority) applies.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '时限政策（数据库覆盖）Time-limit policy override, editable by ADMIN' })
@Entity()
export class SlaPolicy extends Node {
  [OptionalProps]?: 'globalId' | 'priority' | 'enabled' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @Field({ description: '政策代码 Code (an override replaces the default with the same code)' })
  @Property({ length: 64, unique: true })
  code!: string;

  @Field({ description: '名称 Name' })
  @Property({ length: 200 })
  name!: string;

  @Field(() => Int, { description: '优先级（条件数相同时高者优先）Priority among equally specific policies' })
  @Property({ default: 0 })
  priority: number = 0;

  @Field(() => String, { nullable: true, description: '渠道代码条件 Channel code condition' })
  @Property({ type: 'string', length: 32, nullable: true })
  channelCode?: string | null;

  @Field(() => RequestType, { nullable: true, description: '诉求类型条件 Request type condition' })
  @Enum({ items: () => RequestType, nativeEnumName: 'request_type', nullable: true })
  requestType?: RequestType | null;

  @Field(() => Urgency, { nullable: true, description: '紧急程度条件 Urgency condition' })
  @Enum({ items: () => Urgency, nativeEnumName: 'urgency', nullable: true })
  urgency?: Urgency | null;

  @Field(() => String, { nullable: true, description: '分类代码前缀条件 Category code prefix condition' })
  @Property({ type: 'string', length: 12, nullable: true })
  categoryPrefix?: string | null;

  @Field(() => TimeLimitClass, { nullable: true, description: '时限类别条件 Time-limit class condition' })
  @Enum({ items: () => TimeLimitClass, nativeEnumName: 'time_limit_class', nullable: true })
  timeLimitClass?: TimeLimitClass | null;

  @Field(() => Int, { description: '签收时限 Sign-for limit' })
  @Property()
  signLimit!: number;

  @Field(() => LimitUnit, { description: '签收时限单位 Unit' })
  @Enum({ items: () => LimitUnit, nativeEnumName: 'limit_unit' })
  signUnit!: LimitUnit;

  @Field(() => Int, { description: '首次联系时限 First-contact limit' })
  @Property()
  contactLimit!: number;

  @Field(() => LimitUnit, { description: '首次联系时限单位 Unit' })
  @Enum({ items: () => LimitUnit, nativeEnumName: 'limit_unit' })
  contactUnit!: LimitUnit;

  @Field(() => Int, { description: '答复时限 Reply limit' })
  @Property()
  replyLimit!: number;

  @Field(() => LimitUnit, { description: '答复时限单位 Unit' })
  @Enum({ items: () => LimitUnit, nativeEnumName: 'limit_unit' })
  replyUnit!: LimitUnit;

  @Field({ description: '是否启用 Enabled (a disabled override hides the default of the same code)' })
  @Property({ default: true })
  enabled: boolean = true;

  @Field({ description: '依据 Basis (seed or document)' })
  @Property({ type: 'text' })
  basis!: string;

  @Field(() => GraphQLDateTime, { description: '更新时间 Updated' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
