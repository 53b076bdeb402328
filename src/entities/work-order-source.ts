import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Channel } from './channel';
import { WorkOrder } from './work-order';

/**
 * 来源记录 One channel record behind a work order; an order can have several (多头投诉).
 * (channel, externalId) is unique: the same record never makes two orders.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '工单来源 A channel record behind a work order (多头投诉: several per order)' })
@Entity()
@Unique({ properties: ['channel', 'externalId'] })
export class WorkOrderSource extends Node {
  [OptionalProps]?: 'globalId' | 'firstSeenAt' | 'lastSeenAt';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Field({ description: '渠道原始编号 Id in the origin system' })
  @Property({ length: 64 })
  externalId!: string;

  @Field(() => String, { nullable: true, description: '渠道版本 Origin version (updatedAt, modified_ms, BBH …)' })
  @Property({ type: 'string', length: 64, nullable: true })
  externalVersion?: string | null;

  /** Orders the origin's versions (epoch ms of updatedAt, modified_ms, BBH …): older ones never overwrite. */
  @Property({ type: 'bigint', nullable: true })
  versionOrder?: string | null;

  @Field(() => String, { nullable: true, description: '渠道状态（原文）Origin status, verbatim' })
  @Property({ type: 'string', length: 32, nullable: true })
  channelStatus?: string | null;

  @Field(() => String, { nullable: true, description: '渠道分类（原文）Origin category hint, verbatim' })
  @Property({ type: 'string', length: 200, nullable: true })
  categoryHint?: string | null;

  @Field(() => GraphQLDateTime, { description: '首次接收 First received by the hub' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  firstSeenAt: Date = new Date();

  @Field(() => GraphQLDateTime, { description: '最近接收 Last received by the hub' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastSeenAt: Date = new Date();
}
