/**
 * Event topics. A publication is an event-log row written inside the writing transaction, so every
 * hub instance hears it and only after commit, with its cursor (events/event-log.ts, event-bus.ts).
 * A hub listens to every topic listed here.
 */
export const Topics = {
  WORK_ORDER_EVENTS: 'minyi_work_order_events',
  /** New SLA alerts (DUE_SOON, OVERDUE, UNSIGNED_OVERDUE …), raised by the scheduler. */
  SLA_ALERTS: 'minyi_sla_alerts',
  /** Departments, channels, categories or regions changed: instances drop their reference cache. */
  REFERENCE_CHANGED: 'minyi_reference_changed',
  /** 热点 detected or updated (hot-issues/publication.ts). */
  HOT_ISSUES: 'minyi_hot_issues',
  /** An API token was revoked: every instance closes the WebSockets opened with it (auth/token-revocation.ts). */
  TOKEN_REVOKED: 'minyi_token_revoked',
} as const;

/** Every message about an order carries the facts subscribers are filtered by (auth/policy.ts), never personal data. */
interface OrderMessage {
  workOrderId: number;
  type: string;
  departmentPaths: string[];
  channelIds: number[];
  restrictedIdentity: boolean;
}

/** What travels on WORK_ORDER_EVENTS. */
export interface WorkOrderEventMessage extends OrderMessage {
  eventId: number;
}

/** What travels on SLA_ALERTS. */
export interface AlertMessage extends OrderMessage {
  alertId: number;
}

/** What travels on TOKEN_REVOKED: the token's id only (never the token or its holder). */
export interface TokenRevokedMessage {
  tokenId: number;
}
