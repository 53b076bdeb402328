import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { DecisionRequest } from './decision-request';

/**
 * 终结申请 Termination request for unreasonable or out-of-scope demands: written reason and legal
 * basis required, approved by the centre (002 二(三) "按程序书面申请归档").
 */
@ObjectType({
  implements: [Node, DecisionRequest],
  simpleResolvers: true,
  description: '终结归档申请 Termination request (written basis, decided by the centre)',
})
@Entity()
export class TerminationRequest extends DecisionRequest {
  @PrimaryKey()
  id!: number;

  @Field({ description: '终结理由 Reason' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: '法律政策依据 Legal or policy basis' })
  @Property({ type: 'text' })
  legalBasis!: string;
}
