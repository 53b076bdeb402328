import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Department, LeaderDutySchedule, WorkOrder } from '../entities';
import { AssignmentRole, TimeLimitClass } from '../work-orders/enums';

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

/** 疑难诉求原因 (000 二(二), 003 二). */
export enum HardCaseReason {
  REPEAT = 'REPEAT',
  MULTI_CHANNEL = 'MULTI_CHANNEL',
  TWICE_UNSATISFIED = 'TWICE_UNSATISFIED',
  RETURNED_TWICE = 'RETURNED_TWICE',
  CROSS_DEPARTMENT = 'CROSS_DEPARTMENT',
}
registerEnumType(HardCaseReason, {
  name: 'HardCaseReason',
  description: '疑难诉求原因 Why an order is a hard case',
  valuesConfig: {
    REPEAT: { description: '重复投诉：同一来电人 90 天内已有工单 repeat: the same caller had another order in the previous 90 days' },
    MULTI_CHANNEL: { description: '多头投诉：多个渠道来源 multi-channel: more than one channel record behind the order' },
    TWICE_UNSATISFIED: { description: '二次不满意（已列入会商）unsatisfied at two callbacks, listed for 会商' },
    RETURNED_TWICE: { description: '两次及以上退单 returned by departments twice or more' },
    CROSS_DEPARTMENT: { description: '部门职能交叉：涉及多个承办单位 cross-department: more than one department among its assignments' },
  },
});

/** An order for the month's 区长热线日 (hardCases). */
@ObjectType({ description: '区长热线日疑难诉求 Hard case for the monthly leader hotline day' })
export class HardCase {
  @Field(() => WorkOrder, { description: '工单 The work order' })
  workOrder!: WorkOrder;

  @Field(() => [HardCaseReason], { description: '疑难原因 Why it is a hard case' })
  reasons!: HardCaseReason[];

  @Field(() => LeaderDutySchedule, { nullable: true, description: '当月区长热线日安排（无安排时为空，全部分类计入）The month’s schedule; null when none, then every category counts' })
  schedule!: LeaderDutySchedule | null;
}
