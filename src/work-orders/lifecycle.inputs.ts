import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ReplyResult, Satisfaction } from './enums';

@InputType({ description: '分拨（改派）Dispatch or re-dispatch a work order' })
export class DispatchWorkOrderInput {
  @Field(() => ID, { description: '工单全局 ID Work-order ID' })
  workOrderId!: string;

  @Field(() => Int, { description: '工单版本（乐观锁）Version you last read' })
  version!: number;

  @Field({ description: '首办（主办）单位代码 Lead department code (首办负责)' })
  leadDepartmentCode!: string;

  @Field(() => [String], { nullable: true, description: '协办单位代码 Co-handling department codes' })
  coDepartmentCodes?: string[];

  @Field({ nullable: true, description: '分拨说明 Note to the departments' })
  note?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: '指定办理时限（默认按时限政策）Due time; default from the time-limit policy' })
  dueAt?: Date;
}

@InputType({ description: '提交答复 Submit the department’s reply for its leader’s review' })
export class SubmitReplyInput {
  @Field(() => ID, { description: '工单全局 ID Work-order ID' })
  workOrderId!: string;

  @Field(() => Int, { description: '工单版本（乐观锁）Version you last read' })
  version!: number;

  @Field({ description: '答复内容 Reply text' })
  content!: string;

  @Field(() => ReplyResult, { description: '办理结果 Result' })
  result!: ReplyResult;

  @Field({ description: '经办人 Handler name' })
  handlerName!: string;
}

@InputType({ description: '回访结果 Callback result (统一评价)' })
export class RecordCallbackInput {
  @Field(() => ID, { description: '工单全局 ID Work-order ID' })
  workOrderId!: string;

  @Field(() => Int, { description: '工单版本（乐观锁）Version you last read' })
  version!: number;

  @Field({ description: '承办单位是否联系了群众 Did the department contact the citizen' })
  contacted!: boolean;

  @Field(() => Satisfaction, { description: '服务过程满意度 Satisfaction with the process' })
  processSatisfaction!: Satisfaction;

  @Field(() => Satisfaction, { description: '办理结果满意度 Satisfaction with the result' })
  resultSatisfaction!: Satisfaction;

  @Field({ description: '问题是否解决 Resolved' })
  resolved!: boolean;

  @Field({ nullable: true, description: '回访记录 Comment' })
  comment?: string;
}
