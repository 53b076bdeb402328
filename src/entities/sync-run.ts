import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Channel } from './channel';
import { SyncRunStatus } from '../ingest/vocabulary';

/** 同步记录 One pull run of a channel: pages, records by outcome, errors, duration. */
@ObjectType({ implements: Node, simpleResolvers: true, description: '渠道同步记录 One pull run of a channel' })
@Entity()
@Index({ properties: ['channel', 'startedAt'] })
export class SyncRun extends Node {
  [OptionalProps]?:
    | 'globalId'
    | 'status'
    | 'startedAt'
    | 'pages'
    | 'created'
    | 'updated'
    | 'unchanged'
    | 'superseded'
    | 'quarantined'
    | 'retries'
    | 'errors'
    | 'notices'
    | 'revisited';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Channel)
  channel!: Channel;

  @Field({ description: '触发方式 Trigger (SCHEDULE, MANUAL, CLI)' })
  @Property({ length: 20 })
  trigger!: string;

  @Field(() => SyncRunStatus, { description: '状态 Status' })
  @Enum({ items: () => SyncRunStatus, nativeEnumName: 'sync_run_status' })
  status: SyncRunStatus = SyncRunStatus.RUNNING;

  @Field(() => GraphQLDateTime, { description: '开始 Started' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  startedAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true, description: '结束 Finished' })
  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  @Field(() => Int, { description: '页数 Pages' })
  @Property({ default: 0 })
  pages: number = 0;

  @Field(() => Int, { description: '新建工单 Records that created orders' })
  @Property({ default: 0 })
  created: number = 0;

  @Field(() => Int, { description: '更新 Records that updated orders' })
  @Property({ default: 0 })
  updated: number = 0;

  @Field(() => Int, { description: '未变化（重复）Records already received' })
  @Property({ default: 0 })
  unchanged: number = 0;

  @Field(() => Int, { description: '旧版本 Older versions kept, not applied' })
  @Property({ default: 0 })
  superseded: number = 0;

  @Field(() => Int, { description: '隔离 Quarantined records' })
  @Property({ default: 0 })
  quarantined: number = 0;

  @Field(() => Int, { description: '复读记录（如留言板每日重读未办结留言）Records re-read because the pull does not signal their changes' })
  @Property({ default: 0 })
  revisited: number = 0;

  @Field(() => Int, { description: '重试次数 Retries' })
  @Property({ default: 0 })
  retries: number = 0;

  @Field(() => [String], { description: '错误 Errors (no personal data)' })
  @Property({ type: 'json' })
  errors: string[] = [];

  @Field(() => [String], { description: '提示（被忽略的文件、补发差异等）Notices for operators: ignored files, re-issue differences …' })
  @Property({ type: 'json', default: '[]' })
  notices: string[] = [];
}
