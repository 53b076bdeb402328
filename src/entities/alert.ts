import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Department } from './department';
import { WorkOrder } from './work-order';

export enum AlertType {
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  UNSIGNED_OVERDUE = 'UNSIGNED_OVERDUE',
  ESCALATION_SUGGESTED = 'ESCALATION_SUGGESTED',
  SUPERVISION_DUE = 'SUPERVISION_DUE',
  SUPERVISED = 'SUPERVISED',
  ORIGIN_REOPENED = 'ORIGIN_REOPENED',
}
registerEnumType(AlertType, {
  name: 'AlertType',
  description: '预警类型 Alert type',
  valuesConfig: {
    DUE_SOON: { description: '即将到期（不足两天或短时限的 20%，003 三）due soon' },
    OVERDUE: { description: '已超期 past its reply deadline' },
    UNSIGNED_OVERDUE: { description: '超期未签收（扣分，003 三）not signed for in time (deduction)' },
    ESCALATION_SUGGESTED: { description: '建议提级转办（五个工作日未办结或承办单位不明，003 四）escalation suggested' },
    SUPERVISION_DUE: { description: '督办到期 supervision deadline reached' },
    SUPERVISED: { description: '被督办（003 五）the order was put under supervision' },
    ORIGIN_REOPENED: { description: '原平台重新打开（渠道状态由办结回到办理中）reopened at the origin channel' },
  },
});

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
