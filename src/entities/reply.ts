import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { ReplyResult, ReviewStatus } from '../work-orders/enums';
import { Department } from './department';
import { WorkOrder } from './work-order';

/** 答复 Reply of the handling department, signed off by its leader (003 一). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '办理答复 Department reply, reviewed by the unit leader' })
@Entity()
@Index({ properties: ['workOrder', 'submittedAt'] })
export class Reply extends Node {
  [OptionalProps]?: 'globalId' | 'reviewStatus';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @ManyToOne(() => Department)
  department!: Department;

  @Field({ description: '答复内容 Reply text' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => ReplyResult, { description: '办理结果 Result' })
  @Enum({ items: () => ReplyResult, nativeEnumName: 'reply_result' })
  result!: ReplyResult;

  @Field({ description: '经办人 Handler name' })
  @Property({ length: 50 })
  handlerName!: string;

  @Field(() => GraphQLDateTime, { description: '提交时间 Submitted at' })
  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Field(() => ReviewStatus, { description: '审核状态 Review status' })
  @Enum({ items: () => ReviewStatus, nativeEnumName: 'review_status' })
  reviewStatus: ReviewStatus = ReviewStatus.PENDING;

  @Field(() => GraphQLDateTime, { nullable: true, description: '审核时间 Reviewed at' })
  @Property({ type: 'datetime', nullable: true })
  reviewedAt?: Date | null;

  @Field(() => String, { nullable: true, description: '审核意见 Review note' })
  @Property({ type: 'text', nullable: true })
  reviewNote?: string | null;
}
