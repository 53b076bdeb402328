import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { WorkOrder } from './work-order';
import { DuplicateStatus } from '../hot-issues/vocabulary';

/**
 * 多头投诉 The same matter from different channels: a pair of orders, the later one (`duplicate`)
 * likely the same as the earlier (`primary`), with the score and the evidence. Above the high
 * threshold the pair is merged automatically (actor SYSTEM, reversible); between the thresholds it
 * waits for an operator in `duplicateCandidates`.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '多头投诉候选 Duplicate candidate: the same matter from different channels' })
@Entity()
@Unique({ properties: ['primary', 'duplicate'] })
@Index({ properties: ['status', 'id'] })
export class DuplicateCandidate extends Node {
  [OptionalProps]?: 'globalId' | 'status' | 'createdAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => WorkOrder)
  primary!: WorkOrder;

  @ManyToOne(() => WorkOrder, { index: true })
  duplicate!: WorkOrder;

  @Field(() => Float, { description: '相似度评分 Score (0–1)' })
  @Property({ type: 'double' })
  score!: number;

  /** Shared keywords, similarity parts, time gap, same region / channels. */
  @Property({ type: 'json' })
  evidence!: Record<string, unknown>;

  @Field(() => DuplicateStatus, { description: '状态 Status' })
  @Enum({ items: () => DuplicateStatus, nativeEnumName: 'duplicate_status' })
  status: DuplicateStatus = DuplicateStatus.PENDING;

  @Field(() => String, { nullable: true, description: '处理人 Decided by' })
  @Property({ length: 100, nullable: true })
  decidedBy?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '处理时间 Decided at' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => GraphQLDateTime, { description: '发现时间 Found at' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
