import { DAY_MS, HOUR_MS } from '../common/time';
import { TimeLimitClass, Urgency } from '../work-orders/enums';

/**
 * Time-limit classes (002 二(一)) and a quick clock for bulk demo data. Live orders get their
 * deadlines from policy data and the 调休-aware calendar (sla/sla.service.ts); the demo generator,
 * which writes 100k orders at once, uses these plain offsets (same defaults, no calendar).
 */
export const TIME_LIMITS: Record<TimeLimitClass, { startMs: number; replyMs: number }> = {
  [TimeLimitClass.URGENT]: { startMs: 1 * HOUR_MS, replyMs: 3 * HOUR_MS },
  [TimeLimitClass.BASIC_LIVING]: { startMs: 1 * HOUR_MS, replyMs: 24 * HOUR_MS },
  [TimeLimitClass.GENERAL]: { startMs: 1 * HOUR_MS, replyMs: 5 * DAY_MS },
};

/** Urgency wins over the category's class: an urgent matter is URGENT whatever its category. */
export function timeLimitClassFor(urgency: Urgency, ruleClass: TimeLimitClass | null | undefined): TimeLimitClass {
  if (urgency === Urgency.URGENT || urgency === Urgency.CRITICAL) return TimeLimitClass.URGENT;
  if (urgency === Urgency.BASIC_LIVING) return TimeLimitClass.BASIC_LIVING;
  return ruleClass ?? TimeLimitClass.GENERAL;
}

export function dueTimes(from: Date, cls: TimeLimitClass): { signDueAt: Date; firstContactDueAt: Date; dueAt: Date } {
  const limits = TIME_LIMITS[cls];
  return {
    signDueAt: new Date(from.getTime() + limits.startMs),
    firstContactDueAt: new Date(from.getTime() + limits.startMs),
    dueAt: new Date(from.getTime() + limits.replyMs),
  };
}

