import { registerEnumType } from 'type-graphql';

/** 诉求类型 request type. */
export enum RequestType {
  CONSULTATION = 'CONSULTATION',
  HELP = 'HELP',
  COMPLAINT = 'COMPLAINT',
  REPORT = 'REPORT',
  SUGGESTION = 'SUGGESTION',
  PRAISE = 'PRAISE',
  OTHER = 'OTHER',
}

/** 紧急程度 urgency. BASIC_LIVING (水电气热) is its own time-limit class (002: 24 hours). */
export enum Urgency {
  NORMAL = 'NORMAL',
  URGENT = 'URGENT',
  CRITICAL = 'CRITICAL',
  BASIC_LIVING = 'BASIC_LIVING',
}

/** 工单状态 work-order status; the transitions between them are declared in work-orders/transitions.ts. */
export enum WorkOrderStatus {
  RECEIVED = 'RECEIVED',
  DISPATCHED = 'DISPATCHED',
  HANDLING = 'HANDLING',
  REPLY_REVIEW = 'REPLY_REVIEW',
  REPLIED = 'REPLIED',
  CLOSED = 'CLOSED',
  RETURNED = 'RETURNED',
  ESCALATED = 'ESCALATED',
  TERMINATED = 'TERMINATED',
  MERGED = 'MERGED',
}

/** States in which the order no longer runs against a time limit. */
export const FINISHED_STATUSES: readonly WorkOrderStatus[] = [
  WorkOrderStatus.REPLIED,
  WorkOrderStatus.CLOSED,
  WorkOrderStatus.TERMINATED,
  WorkOrderStatus.MERGED,
];

export enum AssignmentRole {
  LEAD = 'LEAD',
  CO = 'CO',
}

export enum AssignmentStatus {
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  RETURNED = 'RETURNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** 办理结果 handling result of a reply. */
export enum ReplyResult {
  RESOLVED = 'RESOLVED',
  PARTIALLY_RESOLVED = 'PARTIALLY_RESOLVED',
  UNRESOLVED = 'UNRESOLVED',
  EXPLAINED = 'EXPLAINED',
}

export enum ReviewStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** 审批状态 of extension and termination requests. */
export enum RequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** 联系方式 how the handler reached the citizen (003 一: every order is contacted). */
export enum ContactMethod {
  PHONE = 'PHONE',
  VISIT = 'VISIT',
  SMS = 'SMS',
}

/** 满意度 satisfaction given at the centre's callback (回访). */
export enum Satisfaction {
  SATISFIED = 'SATISFIED',
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  UNSATISFIED = 'UNSATISFIED',
}

/** 办理时限类别 time-limit class of a 职责清单 rule (002: 3 hours / 24 hours / 5 natural days). */
export enum TimeLimitClass {
  URGENT = 'URGENT',
  BASIC_LIVING = 'BASIC_LIVING',
  GENERAL = 'GENERAL',
}

registerEnumType(RequestType, {
  name: 'RequestType',
  description: '诉求类型 Request type',
  valuesConfig: {
    CONSULTATION: { description: '咨询 consultation' },
    HELP: { description: '求助 request for help' },
    COMPLAINT: { description: '投诉 complaint' },
    REPORT: { description: '举报 report of wrongdoing' },
    SUGGESTION: { description: '建议 suggestion' },
    PRAISE: { description: '表扬 praise' },
    OTHER: { description: '其他 other' },
  },
});
registerEnumType(Urgency, {
  name: 'Urgency',
  description: '紧急程度 Urgency',
  valuesConfig: {
    NORMAL: { description: '一般 normal' },
    URGENT: { description: '紧急 urgent (突发事件、不稳定因素: reply within 3 hours)' },
    CRITICAL: { description: '特急 critical (set by operators or push channels only)' },
    BASIC_LIVING: { description: '水电气热 basic living needs (reply within 24 hours)' },
  },
});
registerEnumType(WorkOrderStatus, {
  name: 'WorkOrderStatus',
  description: '工单状态 Work-order status',
  valuesConfig: {
    RECEIVED: { description: '待分拨 received, waiting for dispatch' },
    DISPATCHED: { description: '待签收 dispatched, waiting for the department to sign for it' },
    HANDLING: { description: '办理中 being handled' },
    REPLY_REVIEW: { description: '回复待审核 reply waiting for the department leader' },
    REPLIED: { description: '待回访 replied, waiting for the centre callback' },
    CLOSED: { description: '已办结 closed' },
    RETURNED: { description: '已退单 returned by the department' },
    ESCALATED: { description: '已提级转办 escalated to the petition bureau' },
    TERMINATED: { description: '已终结 terminated' },
    MERGED: { description: '已并单 merged into another order' },
  },
});
registerEnumType(AssignmentRole, {
  name: 'AssignmentRole',
  description: '承办角色 Assignment role',
  valuesConfig: { LEAD: { description: '首办/主办 lead (first-responsible) unit' }, CO: { description: '协办 co-handling unit' } },
});
registerEnumType(AssignmentStatus, {
  name: 'AssignmentStatus',
  description: '承办状态 Assignment status',
  valuesConfig: {
    PENDING: { description: '待签收 waiting to be signed for' },
    SIGNED: { description: '已签收 signed for' },
    RETURNED: { description: '已退单 returned' },
    DONE: { description: '已完成 finished' },
    CANCELLED: { description: '已撤销 cancelled (re-dispatched)' },
  },
});
registerEnumType(ReplyResult, {
  name: 'ReplyResult',
  description: '办理结果 Handling result',
  valuesConfig: {
    RESOLVED: { description: '已解决 resolved' },
    PARTIALLY_RESOLVED: { description: '部分解决 partially resolved' },
    UNRESOLVED: { description: '未解决 unresolved' },
    EXPLAINED: { description: '已解释说明 explained (not solvable, citizen informed)' },
  },
});
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: '审核状态 Review status',
  valuesConfig: {
    PENDING: { description: '待审核 pending' },
    APPROVED: { description: '已通过 approved' },
    REJECTED: { description: '已退回 rejected' },
  },
});
registerEnumType(Satisfaction, {
  name: 'Satisfaction',
  description: '满意度 Satisfaction',
  valuesConfig: {
    SATISFIED: { description: '满意 satisfied' },
    BASICALLY_SATISFIED: { description: '基本满意 basically satisfied' },
    UNSATISFIED: { description: '不满意 unsatisfied' },
  },
});
registerEnumType(TimeLimitClass, {
  name: 'TimeLimitClass',
  description: '办理时限类别 Time-limit class',
  valuesConfig: {
    URGENT: { description: '突发事件、不稳定因素：3 小时内反馈 reply within 3 hours' },
    BASIC_LIVING: { description: '水电气热：24 小时内反馈 reply within 24 hours' },
    GENERAL: { description: '其他：5 个自然日内反馈 reply within 5 natural days' },
  },
});
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description: '申请审批状态 Request status',
  valuesConfig: {
    PENDING: { description: '待审批 pending' },
    APPROVED: { description: '已同意 approved' },
    REJECTED: { description: '不同意 rejected' },
  },
});
registerEnumType(ContactMethod, {
  name: 'ContactMethod',
  description: '联系方式 Contact method',
  valuesConfig: {
    PHONE: { description: '电话 phone call' },
    VISIT: { description: '上门/见面 visit in person' },
    SMS: { description: '短信 text message' },
  },
});
