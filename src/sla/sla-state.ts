import { registerEnumType } from 'type-graphql';
import { DAY_MS } from '../common/time';
import { FINISHED_STATUSES, type WorkOrderStatus } from '../work-orders/enums';

export enum SlaState {
  ON_TRACK = 'ON_TRACK',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
}
registerEnumType(SlaState, {
  name: 'SlaState',
  description: '时限状态 Where an order stands against its reply deadline',
  valuesConfig: {
    ON_TRACK: { description: '正常 on track' },
    DUE_SOON: { description: '即将到期 due soon (less than two days left, or 20% of a short clock — 003 三)' },
    OVERDUE: { description: '已超期 overdue' },
  },
});

/**
 * 003 三: 距离办结期小于两天的工单 are "due soon" — for a clock of at least `shortClockMs`; a shorter
 * clock (hours, a few days) is due soon in its last `shortClockFraction`. The one place this rule is
 * written: the field resolver and the alert scan (sla/alert-scheduler.ts) both read it.
 */
export const DUE_SOON_RULE = { shortClockMs: 10 * DAY_MS, leadMs: 2 * DAY_MS, shortClockFraction: 0.2 } as const;

export function dueSoonThresholdMs(clockStart: Date, dueAt: Date): number {
  const total = Math.max(0, dueAt.getTime() - clockStart.getTime());
  return total >= DUE_SOON_RULE.shortClockMs ? DUE_SOON_RULE.leadMs : DUE_SOON_RULE.shortClockFraction * total;
}

export interface SlaStanding {
  state: SlaState;
  remainingMs: number;
}

/** Null when no clock runs (finished orders, or no deadline). */
export function slaStanding(
  order: { status: WorkOrderStatus; dueAt?: Date | null; receivedAt: Date; dispatchedAt?: Date | null },
  now: Date = new Date(),
): SlaStanding | null {
  if (!order.dueAt || FINISHED_STATUSES.includes(order.status)) return null;
  const remainingMs = order.dueAt.getTime() - now.getTime();
  if (remainingMs < 0) return { state: SlaState.OVERDUE, remainingMs };
  const start = order.dispatchedAt ?? order.receivedAt;
  return { state: remainingMs < dueSoonThresholdMs(start, order.dueAt) ? SlaState.DUE_SOON : SlaState.ON_TRACK, remainingMs };
}
