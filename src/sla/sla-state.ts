import { DUE_SOON_RULE } from './policies';
import { FINISHED_STATUSES, type WorkOrderStatus } from '../work-orders/enums';

export enum SlaState {
  ON_TRACK = 'ON_TRACK',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
}

/** How close to its deadline an order is "due soon" (DUE_SOON_RULE, sla/policies.ts: 003 三). */
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
