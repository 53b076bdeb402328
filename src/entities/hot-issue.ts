import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Category } from './category';
import { Region } from './region';
import { HotIssueStatus } from '../hot-issues/vocabulary';

/**
 * 热点 A cluster of recent orders about one matter (similar text, same township and category),
 * kept incrementally as orders arrive (hot-issues/clustering.ts); its score is the burst against
 * the region × category baseline (hot-issues/hot-score.ts). `detectedAt` is set once the score
 * first crosses the threshold: that is when `hotIssueDetected` fires.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '热点诉求 Hot issue: a burst of similar complaints' })
@Entity()
@Index({ properties: ['lastSeenAt'] })
@Index({ properties: ['detectedAt'] })
@Index({ properties: ['bandKeys'], type: 'gin' })
export class HotIssue extends Node {
  [OptionalProps]?: 'globalId' | 'status' | 'memberCount' | 'score' | 'growth' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @Field({ description: '标题（关键词生成）Title generated from the top keywords' })
  @Property({ length: 200 })
  title!: string;

  @Field(() => [String], { description: '关键词 Keywords' })
  @Property({ type: 'json' })
  keywords!: string[];

  @ManyToOne(() => Region)
  region!: Region;

  @ManyToOne(() => Category, { nullable: true })
  category?: Category | null;

  @Field(() => HotIssueStatus, { description: '状态 Status' })
  @Enum({ items: () => HotIssueStatus, nativeEnumName: 'hot_issue_status' })
  status: HotIssueStatus = HotIssueStatus.NEW;

  @Field(() => String, { nullable: true, description: '状态变更人 Who changed the status last' })
  @Property({ length: 100, nullable: true })
  statusChangedBy?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '状态变更时间 When the status changed last' })
  @Property({ type: 'datetime', nullable: true })
  statusChangedAt?: Date | null;

  @Field(() => Int, { description: '工单数 Member orders' })
  @Property({ default: 0 })
  memberCount: number = 0;

  @Field(() => GraphQLDateTime, { description: '首次出现 First member received' })
  @Property({ type: 'datetime' })
  firstSeenAt!: Date;

  @Field(() => GraphQLDateTime, { description: '最近出现 Last member received' })
  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  @Field(() => Float, { description: '热度分（近 24 小时相对 28 天基线的突增）Score: the last 24 h against the 28-day baseline' })
  @Property({ type: 'double', default: 0 })
  score: number = 0;

  @Field(() => Float, { description: '增长（近 24 小时成员数 ÷ 此前 24 小时成员数）Growth: members in the last 24 h ÷ the 24 h before' })
  @Property({ type: 'double', default: 0 })
  growth: number = 0;

  @Field(() => GraphQLDateTime, { nullable: true, description: '判定为热点的时间 When it first crossed the hot threshold' })
  @Property({ type: 'datetime', nullable: true })
  detectedAt?: Date | null;

  /** Band keys of the members (deduplicated, capped): new orders find the cluster by index lookup. */
  /** LSH band keys as 64-bit integers (bigint[] compares fast; text[] would compare with collation). */
  @Property({ columnType: 'bigint[]', type: 'string[]' })
  bandKeys!: string[];

  @Field(() => GraphQLDateTime, { description: '创建 Created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { description: '更新 Updated' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
