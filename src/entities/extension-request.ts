import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { DecisionRequest } from './decision-request';

/** 延期申请 Extension request: the lead department asks, the centre decides (002 二(三), 004). */
@ObjectType({ implements: [Node, DecisionRequest], simpleResolvers: true, description: '延期申请 Extension request (decided by the centre)' })
@Entity()
export class ExtensionRequest extends DecisionRequest {
  @PrimaryKey()
  id!: number;

  @Field(() => GraphQLDateTime, { nullable: true, description: '原办理时限 Deadline before the extension' })
  @Property({ type: 'datetime', nullable: true })
  previousDueAt?: Date | null;

  @Field(() => GraphQLDateTime, { description: '申请的新时限 Requested new deadline' })
  @Property({ type: 'datetime' })
  newDueAt!: Date;

  @Field({ description: '延期理由（告知群众）Reason, told to the citizen' })
  @Property({ type: 'text' })
  reason!: string;
}
