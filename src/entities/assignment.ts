import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { AssignmentRole, AssignmentStatus } from '../work-orders/enums';
import { Department } from './department';
import { WorkOrder } from './work-order';

/** 承办 Assignment of a work order to a department as lead (首办/主办) or co-handler (协办). */
@ObjectType({ implements: Node, simpleResolvers: true, description: '承办分派 Assignment of an order to a unit (lead 主办 or co-handler 协办)' })
@Entity()
@Index({ properties: ['department', 'workOrder'] })
export class Assignment extends Node {
  [OptionalProps]?: 'globalId' | 'status';

  @PrimaryKey()
  id!: number;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @ManyToOne(() => Department)
  department!: Department;

  @Field(() => AssignmentRole, { description: '承办角色 Role' })
  @Enum({ items: () => AssignmentRole, nativeEnumName: 'assignment_role' })
  role!: AssignmentRole;

  @Field(() => AssignmentStatus, { description: '承办状态 Status' })
  @Enum({ items: () => AssignmentStatus, nativeEnumName: 'assignment_status' })
  status: AssignmentStatus = AssignmentStatus.PENDING;

  @Field(() => GraphQLDateTime, { description: '分派时间 Assigned at' })
  @Property({ type: 'datetime' })
  assignedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: '签收时间 Signed for at' })
  @Property({ type: 'datetime', nullable: true })
  signedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '办理时限 Due' })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  @Field(() => String, { nullable: true, description: '分派说明 Note' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
