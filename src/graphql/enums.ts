import { registerEnumType } from 'type-graphql';
import {
  AssignmentRole,
  AssignmentStatus,
  ContactMethod,
  ReplyResult,
  RequestStatus,
  RequestType,
  ReviewStatus,
  Satisfaction,
  SupervisionLevel,
  TimeLimitClass,
  Urgency,
  WorkOrderEventType,
  WorkOrderStatus,
} from '../work-orders/enums';
import { WorkOrderAction } from '../work-orders/transitions';
import { SortDirection, WorkOrderSortField } from '../work-orders/work-order.query';
import { Role } from '../auth/roles';
import { ChannelKind, ChannelMode, DepartmentKind, LiaisonRole, ReferenceTableName, RegionLevel } from '../reference/vocabulary';
import { AlertType, CalendarDaySource, LimitUnit } from '../sla/vocabulary';
import { SlaState } from '../sla/sla-state';
import { HardCaseReason } from '../dispatch/vocabulary';
import { OutboxStatus, SyncRunStatus } from '../ingest/vocabulary';
import { DuplicateStatus, HotIssueOrderBy, HotIssueStatus } from '../hot-issues/vocabulary';
import { KpiGroupBy, KpiInterval, KpiMetric, ReportFormat } from '../analytics/vocabulary';

/**
 * Every GraphQL enum type of the API, registered at the edge: the vocabulary itself lives in plain
 * modules (work-orders/enums.ts, auth/roles.ts, <domain>/vocabulary.ts …) that entities, services and
 * connector manifests import without any GraphQL code. Imported once, for its effect, by the schema
 * build (graphql/schema.ts) before the resolvers are built. Names, values and bilingual descriptions
 * here are the API: schema/schema.graphql changes when they do.
 */

// 工单 Work orders
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
registerEnumType(WorkOrderEventType, {
  name: 'WorkOrderEventType',
  description: '时间线事件类型 Timeline event type',
  valuesConfig: {
    CREATED: { description: '受理 created' },
    UPDATED: { description: '渠道更新 updated from the origin channel' },
    SOURCE_ADDED: { description: '新增来源（多头投诉）another channel record joined' },
    DISPATCHED: { description: '分拨 dispatched' },
    SIGNED: { description: '签收 signed for' },
    RETURNED: { description: '退单 returned' },
    CONTACTED: { description: '联系群众 citizen contacted' },
    REPLY_SUBMITTED: { description: '提交答复 reply submitted' },
    REPLY_APPROVED: { description: '答复审核通过 reply approved' },
    REPLY_REJECTED: { description: '答复退回 reply rejected' },
    CALLBACK_RECORDED: { description: '回访 callback recorded' },
    REWORK: { description: '重办 rework' },
    EXTENSION_REQUESTED: { description: '申请延期 extension requested' },
    EXTENSION_DECIDED: { description: '延期审批 extension decided' },
    ESCALATED: { description: '提级转办 escalated' },
    SUPERVISED: { description: '督办 supervised' },
    TERMINATION_REQUESTED: { description: '申请终结 termination requested' },
    TERMINATED: { description: '终结 terminated' },
    MERGED: { description: '并单 merged' },
    UNMERGED: { description: '撤销并单 merge undone' },
    NOTE: { description: '备注 note' },
  },
});
registerEnumType(SupervisionLevel, {
  name: 'SupervisionLevel',
  description: '督办级别 Supervision level (003 五)',
  valuesConfig: {
    CENTRE: { description: '热线中心督办：承办单位分管负责人到场 centre supervision: the unit’s deputy head attends' },
    LEADER: { description: '区领导督办：承办单位主要负责人到场 county-leader supervision: the unit’s head attends' },
  },
});
registerEnumType(WorkOrderAction, {
  name: 'WorkOrderAction',
  description: '工单操作（见流转表）Work-order action, as declared in the transition table',
  valuesConfig: {
    DISPATCH: { description: '分拨（改派）dispatch or re-dispatch' },
    SIGN: { description: '签收 sign for (lead department)' },
    SIGN_AS_CO_HANDLER: { description: '协办签收 sign for a co-handling assignment' },
    RETURN: { description: '退单 return' },
    RECORD_CONTACT: { description: '联系群众 record contact with the citizen' },
    SUBMIT_REPLY: { description: '提交答复 submit the reply' },
    APPROVE_REPLY: { description: '审核通过答复 approve the reply' },
    REJECT_REPLY: { description: '退回答复 reject the reply' },
    CLOSE_AFTER_CALLBACK: { description: '回访办结 close after a satisfied callback' },
    REWORK_AFTER_CALLBACK: { description: '回访重办 rework after an unsatisfied callback' },
    REQUEST_EXTENSION: { description: '申请延期 request an extension' },
    APPROVE_EXTENSION: { description: '同意延期 approve an extension' },
    REJECT_EXTENSION: { description: '不同意延期 reject an extension' },
    ESCALATE: { description: '提级转办 escalate to the petition bureau' },
    SUPERVISE: { description: '督办 supervise' },
    REQUEST_TERMINATION: { description: '申请终结 request termination' },
    APPROVE_TERMINATION: { description: '同意终结 approve termination' },
    REJECT_TERMINATION: { description: '不同意终结 reject termination' },
    MERGE: { description: '并单（被并入）merged into another order' },
    ABSORB_DUPLICATES: { description: '并单（主工单）take in duplicates' },
    UNMERGE: { description: '撤销并单 undo a merge (the order returns to the state it had)' },
  },
});
registerEnumType(WorkOrderSortField, {
  name: 'WorkOrderSortField',
  description: '工单排序字段 Work-order sort field',
  valuesConfig: {
    RECEIVED_AT: { description: '受理时间 received time' },
    UPDATED_AT: { description: '更新时间 last update' },
    DUE_AT: { description: '办理时限 reply deadline (orders without one last)' },
    CODE: { description: '工单编号 code' },
  },
});
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: '排序方向 Sort direction',
  valuesConfig: { ASC: { description: '升序 ascending' }, DESC: { description: '降序 descending' } },
});

// 权限 Access
registerEnumType(Role, {
  name: 'Role',
  description: '角色 Role',
  valuesConfig: {
    ADMIN: { description: '系统管理员 administrator' },
    OPERATOR: { description: '12345 热线中心话务/分拨员 hotline centre operator' },
    HANDLER: { description: '承办单位经办人 department handler (own department subtree only)' },
    DEPT_LEADER: { description: '承办单位负责人 department leader (signs off replies)' },
    PETITION_OFFICER: { description: '区委信访局 petition bureau officer' },
    ANALYST: { description: '数据分析员 analyst (statistics, no personal data)' },
    LEADER: { description: '区领导 county leader' },
    CHANNEL: { description: '渠道方 channel owner (one channel)' },
  },
});

// 基础数据 Reference data
registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: '单位类型 Kind of unit',
  valuesConfig: {
    COUNTY_DEPARTMENT: { description: '区直部门 county department' },
    TOWNSHIP: { description: '乡镇人民政府 township government' },
    SUB_UNIT: { description: '下属单位（所、队、站）sub-unit' },
    ENTERPRISE: { description: '公共服务企业（供电、供水、邮政）utility or public-service company' },
    PEOPLE_ORGANISATION: { description: '群团组织（工会、妇联、残联）people’s organisation' },
  },
});
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: '行政区划层级 Administrative level',
  valuesConfig: {
    COUNTY: { description: '区县 county' },
    TOWNSHIP: { description: '乡镇 township' },
    VILLAGE: { description: '村/社区 village or community' },
  },
});
registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  description: '渠道类型 Kind of channel',
  valuesConfig: {
    HOTLINE: { description: '热线 telephone hotline' },
    MESSAGE_BOARD: { description: '留言板 leader message board' },
    PETITION: { description: '信访 petition platform' },
    WEB: { description: '网络问政平台 web platform' },
  },
});
registerEnumType(ChannelMode, {
  name: 'ChannelMode',
  description: '汇聚方式 Integration mode',
  valuesConfig: {
    INTERCONNECT: { description: '互联互通：原平台答复，中枢回传办理结果 origin answers; the hub syncs results back' },
    FORWARD: { description: '转办：部门在中枢答复，结果回帖原平台 the hub’s department replies; published on the origin' },
    MERGED: { description: '并入：中枢全程办理 fully handled in the hub' },
  },
});
registerEnumType(LiaisonRole, {
  name: 'LiaisonRole',
  description: '联络人类型 Liaison role',
  valuesConfig: { LIAISON: { description: '联络员 liaison officer' }, LEADER: { description: '分管领导 leader in charge' } },
});
registerEnumType(ReferenceTableName, {
  name: 'ReferenceTable',
  description: '基础数据表 Reference table',
  valuesConfig: {
    DEPARTMENT: { description: '承办单位 departments' },
    CATEGORY: { description: '诉求分类 categories' },
    REGION: { description: '行政区划 regions' },
    RESPONSIBILITY_RULE: { description: '职责清单 responsibility rules' },
    CATEGORY_MAPPING: { description: '渠道分类映射 channel category mappings' },
  },
});

// 时限 SLA
registerEnumType(LimitUnit, {
  name: 'LimitUnit',
  description: '时限单位 Unit of a time limit',
  valuesConfig: {
    HOURS: { description: '小时 hours' },
    NATURAL_DAYS: { description: '自然日 natural days (24 h each)' },
    WORKING_DAYS: { description: '工作日（含调休）working days, 调休-aware; the deadline is the end of the last one' },
  },
});
registerEnumType(AlertType, {
  name: 'AlertType',
  description: '预警类型 Alert type',
  valuesConfig: {
    DUE_SOON: { description: '即将到期（不足两天或短时限的 20%，003 三）due soon' },
    OVERDUE: { description: '已超期 past its reply deadline' },
    UNSIGNED_OVERDUE: { description: '超期未签收（扣分，003 三）not signed for in time (deduction)' },
    ESCALATION_SUGGESTED: { description: '建议提级转办（五个工作日未办结或承办单位不明，003 四）escalation suggested' },
    SUPERVISION_DUE: { description: '督办到期 supervision deadline reached' },
    SUPERVISED: { description: '被督办（003 五）the order was put under supervision' },
    ORIGIN_REOPENED: { description: '原平台重新打开（渠道状态由办结回到办理中）reopened at the origin channel' },
  },
});
registerEnumType(CalendarDaySource, {
  name: 'CalendarDaySource',
  description: '日历来源 Source of a calendar day',
  valuesConfig: {
    OFFICIAL_NOTICE: { description: '国务院办公厅节假日通知（导入）imported official notice' },
    OVERRIDE: { description: '管理员调整 administrator override' },
  },
});
registerEnumType(SlaState, {
  name: 'SlaState',
  description: '时限状态 Where an order stands against its reply deadline',
  valuesConfig: {
    ON_TRACK: { description: '正常 on track' },
    DUE_SOON: { description: '即将到期 due soon (less than two days left, or 20% of a short clock — 003 三)' },
    OVERDUE: { description: '已超期 overdue' },
  },
});

// 分拨 Dispatch
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

// 汇聚 Ingest
registerEnumType(SyncRunStatus, {
  name: 'SyncRunStatus',
  description: '同步状态 Sync run status',
  valuesConfig: {
    RUNNING: { description: '进行中 running' },
    SUCCEEDED: { description: '完成 finished' },
    FAILED: { description: '失败（已提交的批次保留）failed; committed batches stay' },
  },
});
registerEnumType(OutboxStatus, {
  name: 'OutboxStatus',
  description: '回传状态 Write-back delivery status',
  valuesConfig: {
    PENDING: { description: '待发送（含重试中）pending, including retries' },
    DELIVERED: { description: '已送达 delivered' },
    FAILED: { description: '被原平台拒绝，需人工处理 refused by the origin; needs an operator' },
  },
});

// 热点 Hot issues
registerEnumType(HotIssueStatus, {
  name: 'HotIssueStatus',
  description: '热点状态 Hot-issue status',
  valuesConfig: {
    NEW: { description: '新发现 newly detected' },
    CONFIRMED: { description: '已确认 confirmed by an operator' },
    DISMISSED: { description: '已排除 dismissed (not a real hot issue)' },
    RESOLVED: { description: '已化解 resolved' },
  },
});
registerEnumType(DuplicateStatus, {
  name: 'DuplicateStatus',
  description: '多头投诉候选状态 Duplicate-candidate status',
  valuesConfig: {
    PENDING: { description: '待研判 waiting for an operator' },
    MERGED: { description: '已并单（自动或人工）merged, automatically or by an operator' },
    DISMISSED: { description: '非重复 not a duplicate' },
    UNMERGED: { description: '已撤销并单 merge undone' },
  },
});
registerEnumType(HotIssueOrderBy, {
  name: 'HotIssueOrderBy',
  description: '热点排序（降序）Hot-issue order, descending',
  valuesConfig: {
    SCORE: { description: '热度分 by score' },
    LAST_SEEN: { description: '最近出现 by the latest member' },
    DETECTED: { description: '判定时间 by detection time' },
  },
});

// 统计 Analytics
registerEnumType(KpiGroupBy, {
  name: 'KpiGroupBy',
  description: '统计分组 What statistics are grouped by',
  valuesConfig: {
    DEPARTMENT: { description: '首办单位 lead department' },
    CHANNEL: { description: '来源渠道 channel' },
    CATEGORY_L1: { description: '一级分类 level-1 category' },
    CATEGORY_L2: { description: '二级分类 level-2 category' },
    REGION: { description: '镇（乡）township' },
    REQUEST_TYPE: { description: '诉求类型 request type' },
    TOTAL: { description: '合计 the whole period' },
  },
});
registerEnumType(KpiInterval, {
  name: 'KpiInterval',
  description: '趋势粒度 Trend interval',
  valuesConfig: { DAY: { description: '日 day' }, WEEK: { description: '周（周一起）week, from Monday' }, MONTH: { description: '月 month' } },
});
registerEnumType(KpiMetric, {
  name: 'KpiMetric',
  description: '指标 A KPI of analytics/kpi.ts',
  valuesConfig: {
    RECEIVED: { description: '受理量 received' },
    DISPATCHED: { description: '派单量 dispatched' },
    CLOSED: { description: '办结量 closed' },
    OVERDUE: { description: '超期量 overdue' },
    SIGN_ON_TIME_RATE: { description: '按时签收率 signed on time' },
    RESPONSE_RATE: { description: '响应率 response rate' },
    REPLY_ON_TIME_RATE: { description: '回复率（按时办结率）replied on time' },
    CLOSE_RATE: { description: '办结率 close rate' },
    RESOLUTION_RATE: { description: '解决率 resolution rate' },
    SATISFACTION_RATE: { description: '满意率 satisfaction rate' },
    RETURN_RATE: { description: '退单率 return rate' },
    REWORK_RATE: { description: '重办率 rework rate' },
    EXTENSION_RATE: { description: '延期率 extension rate' },
    AVG_HANDLING_HOURS: { description: '平均办理时长（小时）average handling hours' },
  },
});
registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: '月报文件格式 Monthly report file format',
  valuesConfig: {
    XLSX: { description: 'Excel 工作簿 Excel workbook (.xlsx)' },
    HTML: { description: '网页（含图表，可打印）Web page with charts, printable (.html)' },
  },
});
