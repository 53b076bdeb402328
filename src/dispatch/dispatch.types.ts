import { Field, Int, ObjectType } from 'type-graphql';
import { Department, LeaderDutySchedule, WorkOrder } from '../entities';
import { AssignmentRole, TimeLimitClass } from '../work-orders/enums';
import { HardCaseReason } from './vocabulary';

/** One department the 职责清单 proposes for an order (dispatchSuggestions). */
@ObjectType({ description: '分拨建议（依职责清单）Dispatch suggestion from the 职责清单' })
export class DispatchSuggestion {
  /** Resolved through the reference cache by DispatchSuggestionResolver. */
  departmentId!: number;

  @Field(() => Department, { description: '建议单位 Suggested department' })
  department?: Department;

  @Field(() => AssignmentRole, { description: '建议角色：主办或协办 Suggested role: lead or co-handler' })
  role!: AssignmentRole;

  @Field(() => Int, { description: '排序（1 为首选）Rank, 1 is the first choice' })
  rank!: number;

  @Field(() => TimeLimitClass, { description: '所依规则的办理时限类别 Time-limit class of the rule behind it' })
  timeLimitClass!: TimeLimitClass;

  @Field({ description: '依据：匹配的清单条目、是否乡镇专属、职责依据 Why: the rule matched, whether township-specific, its note' })
  reason!: string;
}

/** An order for the month's 区长热线日 (hardCases). */
@ObjectType({ description: '区长热线日疑难诉求 Hard case for the monthly leader hotline day' })
export class HardCase {
  @Field(() => WorkOrder, { description: '工单 The work order' })
  workOrder!: WorkOrder;

  @Field(() => [HardCaseReason], { description: '疑难原因 Why it is a hard case' })
  reasons!: HardCaseReason[];

  @Field(() => LeaderDutySchedule, {
    nullable: true,
    description: '当月区长热线日安排（无安排时为空，全部分类计入）The month’s schedule; null when none, then every category counts',
  })
  schedule!: LeaderDutySchedule | null;
}
