import { DAY_MS, HOUR_MS } from '../common/time';
import { TimeLimitClass, Urgency } from '../work-orders/enums';
import { DEFAULT_POLICIES, type Limit } from './policies';
import { LimitUnit } from './vocabulary';

/**
 * Time-limit classes (002 二(一)) and a quick clock for bulk demo data. Live orders get their
 * deadlines from policy data and the 调休-aware calendar (sla/sla.service.ts); the demo generator,
 * which writes 100k orders at once, uses these plain offsets (same defaults, no calendar).
 */
function plainMs(limit: Limit): number {
  if (limit.unit === LimitUnit.WORKING_DAYS) throw new Error('the demo clock takes hours or natural days only');
  return limit.amount * (limit.unit === LimitUnit.HOURS ? HOUR_MS : DAY_MS);
}

/** The default policy of each class (sla/policies.ts), as plain offsets. */
export const TIME_LIMITS = Object.fromEntries(
  Object.values(TimeLimitClass).map((cls) => {
    const policy = DEFAULT_POLICIES.find((p) => p.enabled && p.timeLimitClass === cls && !p.channelCode)!;
    return [cls, { startMs: plainMs(policy.sign), replyMs: plainMs(policy.reply) }];
  }),
) as Record<TimeLimitClass, { startMs: number; replyMs: number }>;

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
