import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Channel } from './channel';
import { WorkOrder } from './work-order';
import { OutboxStatus } from '../ingest/vocabulary';

/**
 * 统一回复回传 A write-back to the origin channel (12315 result, 12333 feedback, board reply, 信访
 * FeedbackRequest), stored in the same transaction as the hub change that causes it and delivered
 * by the outbox worker with the channel's idempotency key, so it is sent at least once and applied
 * once.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '回传原平台 Write-back to the origin channel' })
@Entity()
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMessage extends Node {
  [OptionalProps]?: 'globalId' | 'status' | 'attempts' | 'createdAt' | 'nextAttemptAt';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @ManyToOne(() => Channel)
  channel!: Channel;

  /** The origin's record the message is about (caseNo, ticket_id, tid, XFJBH). */
  @Field({ description: '渠道原始编号 External id' })
  @Property({ length: 64 })
  externalId!: string;

  @Field({ description: '类型 Kind (RESULT …)' })
  @Property({ length: 20 })
  kind!: string;

  /** The channel's idempotency key (12315 Idempotency-Key, 12333 feedback_no, board clientReplyId). */
  @Field({ description: '幂等键 Idempotency key' })
  @Property({ length: 64, unique: true })
  idempotencyKey!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Field(() => OutboxStatus, { description: '状态 Status' })
  @Enum({ items: () => OutboxStatus, nativeEnumName: 'outbox_status' })
  status: OutboxStatus = OutboxStatus.PENDING;

  @Field(() => Int, { description: '尝试次数 Attempts' })
  @Property({ default: 0 })
  attempts: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Field(() => String, { nullable: true, description: '最近错误 Last error' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => GraphQLDateTime, { description: '创建 Created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true, description: '送达 Delivered' })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;
}
