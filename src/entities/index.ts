import { DuplicateCandidate } from './duplicate-candidate';
import { HotIssue } from './hot-issue';
import { HotIssueMember } from './hot-issue-member';
import { WorkOrderText } from './work-order-text';
import { Alert } from './alert';
import { ApiToken } from './api-token';
import { StaffUser } from './staff-user';
import { OidcLoginState } from './oidc-login-state';
import { Assignment } from './assignment';
import { Callback } from './callback';
import { Category } from './category';
import { CategoryMapping } from './category-mapping';
import { Channel } from './channel';
import { ChannelEvaluation } from './channel-evaluation';
import { ChannelRecord } from './channel-record';
import { DataKeyRotation } from './data-key-rotation';
import { DecisionRequest } from './decision-request';
import { Department } from './department';
import { DepartmentOrderScope } from './department-order-scope';
import { EventLog } from './event-log';
import { ExtensionRequest } from './extension-request';
import { IngestCheckpoint } from './ingest-checkpoint';
import { IntakeRateWindow } from './intake-rate-window';
import { KpiDaily, KpiDelta, KpiFilterMonthly, KpiGrainDaily, KpiGrainMonthly, KpiMonthly } from './kpi-rollup';
import { LeaderDutySchedule } from './leader-duty-schedule';
import { OutboxMessage } from './outbox-message';
import { PiiAccessLog } from './pii-access-log';
import { Region } from './region';
import { ReferenceAudit } from './reference-audit';
import { Reply } from './reply';
import { ResponsibilityRule } from './responsibility-rule';
import { SlaPolicy } from './sla-policy';
import { Supervision } from './supervision';
import { SyncRun } from './sync-run';
import { TerminationRequest } from './termination-request';
import { WorkCalendarDay } from './work-calendar-day';
import { WorkOrder } from './work-order';
import { WorkOrderEvent } from './work-order-event';
import { WorkOrderSource } from './work-order-source';

export {
  StaffUser,
  OidcLoginState,
  DuplicateCandidate,
  HotIssue,
  HotIssueMember,
  WorkOrderText,
  Alert,
  ApiToken,
  Assignment,
  Callback,
  Category,
  CategoryMapping,
  Channel,
  ChannelEvaluation,
  ChannelRecord,
  DataKeyRotation,
  Department,
  DepartmentOrderScope,
  EventLog,
  ExtensionRequest,
  IngestCheckpoint,
  IntakeRateWindow,
  KpiDaily,
  KpiDelta,
  KpiMonthly,
  KpiGrainDaily,
  KpiGrainMonthly,
  KpiFilterMonthly,
  LeaderDutySchedule,
  OutboxMessage,
  PiiAccessLog,
  Region,
  ReferenceAudit,
  Reply,
  ResponsibilityRule,
  SlaPolicy,
  Supervision,
  SyncRun,
  TerminationRequest,
  WorkCalendarDay,
  WorkOrder,
  WorkOrderEvent,
  WorkOrderSource,
};

export const ENTITIES = [
  Region,
  Department,
  DepartmentOrderScope,
  Channel,
  Category,
  ResponsibilityRule,
  WorkOrder,
  WorkOrderSource,
  Assignment,
  Reply,
  Callback,
  WorkOrderEvent,
  ApiToken,
  PiiAccessLog,
  ChannelRecord,
  IngestCheckpoint,
  CategoryMapping,
  DecisionRequest,
  ExtensionRequest,
  TerminationRequest,
  Supervision,
  SlaPolicy,
  WorkCalendarDay,
  Alert,
  LeaderDutySchedule,
  IntakeRateWindow,
  SyncRun,
  OutboxMessage,
  ChannelEvaluation,
  EventLog,
  WorkOrderText,
  HotIssue,
  HotIssueMember,
  DuplicateCandidate,
  KpiDaily,
  KpiDelta,
  KpiMonthly,
  KpiGrainDaily,
  KpiGrainMonthly,
  KpiFilterMonthly,
  DataKeyRotation,
  ReferenceAudit,
  StaffUser,
  OidcLoginState,
];
