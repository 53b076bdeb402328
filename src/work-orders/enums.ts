/**
 * The work-order vocabulary (工单词汇): statuses, request types, urgencies, time-limit classes and the
 * rest, as plain enums. Entities, services and connectors import them from here; the GraphQL enum
 * types (names and bilingual descriptions) are registered at the edge, in graphql/enums.ts.
 */

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

/** 时间线事件类型 what a work-order timeline event records (entities/work-order-event.ts). */
export enum WorkOrderEventType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SOURCE_ADDED = 'SOURCE_ADDED',
  DISPATCHED = 'DISPATCHED',
  SIGNED = 'SIGNED',
  RETURNED = 'RETURNED',
  CONTACTED = 'CONTACTED',
  REPLY_SUBMITTED = 'REPLY_SUBMITTED',
  REPLY_APPROVED = 'REPLY_APPROVED',
  REPLY_REJECTED = 'REPLY_REJECTED',
  CALLBACK_RECORDED = 'CALLBACK_RECORDED',
  REWORK = 'REWORK',
  EXTENSION_REQUESTED = 'EXTENSION_REQUESTED',
  EXTENSION_DECIDED = 'EXTENSION_DECIDED',
  ESCALATED = 'ESCALATED',
  SUPERVISED = 'SUPERVISED',
  TERMINATION_REQUESTED = 'TERMINATION_REQUESTED',
  TERMINATED = 'TERMINATED',
  MERGED = 'MERGED',
  UNMERGED = 'UNMERGED',
  NOTE = 'NOTE',
}

/** 督办级别 supervision level (003 五): who attends for the unit. */
export enum SupervisionLevel {
  CENTRE = 'CENTRE',
  LEADER = 'LEADER',
}
