import { Entity, Enum, Index, ManyToOne, OptionalProps, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InterfaceType } from 'type-graphql';
import { Node } from '../graphql/node';
import { RequestStatus } from '../work-orders/enums';
import { Department } from './department';
import { WorkOrder } from './work-order';

/** What a department asks and the centre decides (延期, 终结): who asked, when, and the decision. */
@InterfaceType('DecisionRequest', {
  implements: Node,
  description: '待中心审批的申请（延期、终结）A request the centre decides (extension, termination)',
  resolveType: (value: object) => value.constructor.name,
})
@Entity({ abstract: true })
export abstract class DecisionRequest extends Node {
  [OptionalProps]?: 'globalId' | 'status' | 'requestedAt';

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  /** The requesting (lead) department. */
  @ManyToOne(() => Department)
  department!: Department;

  @Field(() => RequestStatus, { description: '审批状态 Status' })
  @Enum({ items: () => RequestStatus, nativeEnumName: 'request_status' })
  status: RequestStatus = RequestStatus.PENDING;

  @Field(() => GraphQLDateTime, { description: '申请时间 Requested at' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  requestedAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true, description: '审批时间 Decided at' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: '审批意见 Decision note' })
  @Property({ type: 'text', nullable: true })
  decisionNote?: string | null;
}
