import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../auth/roles';
import { Node } from '../graphql/node';
import { WorkOrder } from './work-order';
import { SupervisionLevel } from '../work-orders/enums';

/** 督办 Supervision of an order: no state change, visible on the order and in alerts (003 五). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '督办 Supervision (no state change)' })
@Entity()
export class Supervision extends Node {
  [OptionalProps]?: 'globalId' | 'createdAt';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @Field(() => SupervisionLevel, { description: '级别 Level' })
  @Enum({ items: () => SupervisionLevel, nativeEnumName: 'supervision_level' })
  level!: SupervisionLevel;

  @Field({ description: '督办要求 Note' })
  @Property({ type: 'text' })
  note!: string;

  @Field(() => GraphQLDateTime, { description: '督办期限 Deadline' })
  @Property({ type: 'datetime' })
  deadline!: Date;

  @Field(() => Role, { description: '督办人角色 Role of who supervised' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  actorRole!: Role;

  @Field({ description: '督办人 Who supervised (token label)' })
  @Property({ length: 100 })
  actorLabel!: string;

  @Field(() => GraphQLDateTime, { description: '督办时间 Created at' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
