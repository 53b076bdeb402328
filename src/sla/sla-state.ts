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

/** Clocks shorter than this count "due soon" at 20% left; longer ones at two days left (003 三). */
const SHORT_CLOCK_MS = 10 * DAY_MS;

/** 003 三: 距离办结期小于两天的工单 — or, for a clock of hours, its last fifth. */
export function dueSoonThresholdMs(clockStart: Date, dueAt: Date): number {
  const total = Math.max(0, dueAt.getTime() - clockStart.getTime());
  return total >= SHORT_CLOCK_MS ? 2 * DAY_MS : 0.2 * total;
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
