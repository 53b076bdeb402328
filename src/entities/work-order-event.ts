import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../auth/roles';
import { Node } from '../graphql/node';
import { WorkOrderStatus, WorkOrderEventType } from '../work-orders/enums';
import { Department } from './department';
import { StaffUser } from './staff-user';
import { WorkOrder } from './work-order';

/**
 * 工单时间线 Immutable timeline event. The database refuses UPDATE and DELETE on this table
 * (trigger in the initial migration), so the history cannot be rewritten.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '工单时间线事件（不可修改）Immutable timeline event of a work order' })
@Entity()
@Index({ properties: ['workOrder', 'id'] })
export class WorkOrderEvent extends Node {
  [OptionalProps]?: 'globalId' | 'payload';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @Field(() => WorkOrderEventType, { description: '事件类型 Event type' })
  @Enum({ items: () => WorkOrderEventType, nativeEnumName: 'work_order_event_type' })
  type!: WorkOrderEventType;

  @Field(() => GraphQLDateTime, { description: '发生时间 When' })
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Field(() => Role, { nullable: true, description: '操作人角色 Actor role (null: system or channel)' })
  @Enum({ items: () => Role, nativeEnumName: 'role', nullable: true })
  actorRole?: Role | null;

  @Field({ description: '操作人 Actor label (token label, "system", or channel code)' })
  @Property({ length: 100 })
  actorLabel!: string;

  @Property({ type: 'integer', nullable: true })
  actorTokenId?: number | null;

  /** The person who acted (a session's user; null: API token, system or channel). */
  @ManyToOne(() => StaffUser, { nullable: true })
  actorUser?: StaffUser | null;

  @Field(() => String, { nullable: true, description: '操作人姓名 Name of the person who acted (null: API token, system or channel)' })
  @Property({ length: 100, nullable: true })
  actorName?: string | null;

  @ManyToOne(() => Department, { nullable: true })
  actorDepartment?: Department;

  @Field(() => WorkOrderStatus, { nullable: true, description: '原状态 From status' })
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status', nullable: true })
  fromStatus?: WorkOrderStatus | null;

  @Field(() => WorkOrderStatus, { nullable: true, description: '新状态 To status' })
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status', nullable: true })
  toStatus?: WorkOrderStatus | null;

  @Field(() => String, { nullable: true, description: '原因/说明 Reason or note' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => GraphQLJSONObject, { description: '附加数据 Details (never personal data)' })
  @Property({ type: 'json' })
  payload: Record<string, unknown> = {};
}
