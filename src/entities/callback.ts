import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Satisfaction } from '../work-orders/enums';
import { WorkOrder } from './work-order';

/** 回访 Callback: the centre asks the citizen (003 六: contacted? process? result?). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '回访 Centre callback to the citizen (统一评价)' })
@Entity()
export class Callback extends Node {
  [OptionalProps]?: 'globalId';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @Field({ description: '承办单位是否联系了群众 Did the department contact the citizen' })
  @Property()
  contacted!: boolean;

  @Field(() => Satisfaction, { description: '服务过程满意度 Satisfaction with the process' })
  @Enum({ items: () => Satisfaction, nativeEnumName: 'satisfaction' })
  processSatisfaction!: Satisfaction;

  @Field(() => Satisfaction, { description: '办理结果满意度 Satisfaction with the result' })
  @Enum({ items: () => Satisfaction, nativeEnumName: 'satisfaction' })
  resultSatisfaction!: Satisfaction;

  @Field({ description: '问题是否解决 Resolved' })
  @Property()
  resolved!: boolean;

  @Field(() => String, { nullable: true, description: '回访记录 Comment' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => GraphQLDateTime, { description: '回访时间 Called at' })
  @Property({ type: 'datetime' })
  calledAt!: Date;
}
