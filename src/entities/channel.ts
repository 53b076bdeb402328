import { Entity, Enum, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { Department } from './department';
import { ChannelKind, ChannelMode } from '../reference/vocabulary';

/** 诉求渠道 Channel: 12345 itself, the pulled hotlines, boards, 信访 and push channels. */
@ObjectType({ implements: Node, simpleResolvers: true, description: '诉求渠道 Complaint channel' })
@Entity()
export class Channel extends Node {
  [OptionalProps]?: 'globalId' | 'pulled' | 'enabled';

  @PrimaryKey()
  id!: number;

  @Field({ description: '渠道代码 Channel code, e.g. 12315, board, xf, wzgz' })
  @Property({ length: 32, unique: true })
  code!: string;

  @Field({ description: '渠道名称 Channel name' })
  @Property({ length: 100 })
  name!: string;

  @Field(() => ChannelKind, { description: '渠道类型 Kind' })
  @Enum({ items: () => ChannelKind, nativeEnumName: 'channel_kind' })
  kind!: ChannelKind;

  @Field(() => ChannelMode, { description: '汇聚方式 Integration mode' })
  @Enum({ items: () => ChannelMode, nativeEnumName: 'channel_mode' })
  mode!: ChannelMode;

  /** true: a connector pulls from the origin; false: the owner pushes (push-api.md) or it is the hub itself. */
  @Field({ description: '是否由连接器拉取 Pulled by a connector (false: pushed or the hub’s own intake)' })
  @Property({ default: false })
  pulled: boolean = false;

  @ManyToOne(() => Department, { nullable: true })
  managingDepartment?: Department;

  @Field({ description: '是否启用 Enabled' })
  @Property({ default: true })
  enabled: boolean = true;
}
