import { DAY_MS, HOUR_MS } from '../common/time';
import { TimeLimitClass, Urgency } from '../work-orders/enums';

/**
 * The time limits of 002 二(一), in their simplest reading:
 *  - every order is started (签收, first contact) within 1 hour;
 *  - reply within 3 hours for 突发事件/不稳定因素 (URGENT), 24 hours for 水电气热 (BASIC_LIVING),
 *    5 natural days for everything else (GENERAL).
 * Policy data per channel/type/category and the 调休-aware working-day calendar replace this
 * in the SLA module of the lifecycle issue; callers only see dueTimes().
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

/** 《信访工作条例》: a petition is handled within 60 days of acceptance (petition.md §5). */
export const PETITION_HANDLING_MS = 60 * DAY_MS;

/** The reply clock after a rework (重办) or re-dispatch restarts from `from`. */
export function replyDueFrom(from: Date, cls: TimeLimitClass): Date {
  return new Date(from.getTime() + TIME_LIMITS[cls].replyMs);
}

export function signDueFrom(from: Date, cls: TimeLimitClass): Date {
  return new Date(from.getTime() + TIME_LIMITS[cls].startMs);
}
