import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Department } from './department';
import { WorkOrder } from './work-order';
import { AlertType } from '../sla/vocabulary';

/**
 * 预警 An alert raised by the SLA scheduler. (workOrder, type, dueAt) is unique: a deadline raises
 * each kind of alert once, however many scheduler runs or hub instances see it.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '时限预警 SLA alert' })
@Entity()
@Unique({ properties: ['workOrder', 'type', 'dueAt'] })
export class Alert extends Node {
  [OptionalProps]?: 'globalId' | 'raisedAt' | 'deductionPoints';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @Field(() => AlertType, { description: '类型 Type' })
  @Enum({ items: () => AlertType, nativeEnumName: 'alert_type' })
  type!: AlertType;

  @Index()
  @ManyToOne(() => Department, { nullable: true })
  department?: Department;

  @Field(() => GraphQLDateTime, { description: '相关时限 The deadline concerned' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => GraphQLDateTime, { description: '预警时间 Raised at' })
  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  raisedAt: Date = new Date();

  @Field(() => Int, { description: '扣分（003 三：超期未签收）Deduction points' })
  @Property({ default: 0 })
  deductionPoints: number = 0;

  @Field({ description: '说明 Message' })
  @Property({ type: 'text' })
  message!: string;
}
