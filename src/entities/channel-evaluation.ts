import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Channel } from './channel';
import { WorkOrder } from './work-order';

/**
 * 渠道评价 The origin's own evaluation of the hub's reply (the leader message board's user rating,
 * message-board.md §6), kept next to the centre's callback (回访). One row per reply round; the
 * evaluation pull re-reads it daily until the round is rated, then for three more days after
 * 不满意 to catch a reopen.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '渠道评价（原平台的用户评价）Evaluation by the origin channel’s user' })
@Entity()
@Unique({ properties: ['workOrder', 'channel', 'round'] })
@Index({ properties: ['nextCheckAt'] })
export class ChannelEvaluation extends Node {
  [OptionalProps]?: 'globalId' | 'evaluated' | 'isDefault' | 'createdAt' | 'checks';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Field({ description: '渠道原始编号 External id (board tid)' })
  @Property({ length: 64 })
  externalId!: string;

  @Field(() => Int, { description: '答复轮次 Reply round at the origin' })
  @Property()
  round!: number;

  @Field({ description: '是否已评价 Rated by the user' })
  @Property({ default: false })
  evaluated: boolean = false;

  @Field(() => String, { nullable: true, description: '满意度（原文：满意、基本满意、不满意）Satisfaction as the origin states it' })
  @Property({ length: 20, nullable: true })
  satisfaction?: string | null;

  @Field(() => String, { nullable: true, description: '评价内容 Comment (unescaped)' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '评价时间 Rated at' })
  @Property({ type: 'datetime', nullable: true })
  evaluatedAt?: Date | null;

  @Field({ description: '默认满意（7 天未评价）Default 满意 after 7 days without a rating' })
  @Property({ default: false })
  isDefault: boolean = false;

  /** When the pull reads it again; null when no more reads are due. */
  @Property({ type: 'datetime', nullable: true })
  nextCheckAt?: Date | null;

  @Property({ default: 0 })
  checks: number = 0;

  @Field(() => GraphQLDateTime, { description: '创建 Created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
