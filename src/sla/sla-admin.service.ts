import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { SlaPolicy, WorkCalendarDay } from '../entities';
import { notifyReferenceChanged } from '../reference/reference-cache';
import type { RequestType, TimeLimitClass, Urgency } from '../work-orders/enums';
import { parseHolidayCnJson } from './calendar';
import { CalendarDaySource, type LimitUnit } from './vocabulary';

export interface SlaPolicyInput {
  code: string;
  name: string;
  priority?: number | null;
  channelCode?: string | null;
  requestType?: RequestType | null;
  urgency?: Urgency | null;
  categoryPrefix?: string | null;
  timeLimitClass?: TimeLimitClass | null;
  signLimit: number;
  signUnit: LimitUnit;
  contactLimit: number;
  contactUnit: LimitUnit;
  replyLimit: number;
  replyUnit: LimitUnit;
  enabled?: boolean | null;
  basis: string;
}

/**
 * ADMIN's edits of time-limit data: policy overrides and calendar days. Every change is announced
 * (NOTIFY) so each hub instance reloads its snapshot; it applies to deadlines computed afterwards.
 */
export class SlaAdminService {
  async upsertPolicy(em: EntityManager, input: SlaPolicyInput): Promise<SlaPolicy> {
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.code)) throw badInput('政策代码格式无效', 'code must be lowercase letters, digits and dashes', 'code');
    for (const [name, value] of [
      ['signLimit', input.signLimit],
      ['contactLimit', input.contactLimit],
      ['replyLimit', input.replyLimit],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 3650)
        throw badInput(`${name} 须为 1–3650 的整数`, `${name} must be a whole number from 1 to 3650`, name);
    }
    if (!input.name?.trim() || !input.basis?.trim()) throw badInput('请填写名称和依据', 'name and basis are required', 'basis');
    return em.transactional(async (tx) => {
      const policy =
        (await tx.findOne(SlaPolicy, { code: input.code })) ?? tx.create(SlaPolicy, { ...input, name: input.name.trim(), basis: input.basis.trim() });
      tx.assign(policy, {
        ...input,
        name: input.name.trim(),
        basis: input.basis.trim(),
        priority: input.priority ?? 0,
        enabled: input.enabled ?? true,
      });
      await tx.flush();
      await notifyReferenceChanged(tx);
      return policy;
    });
  }

  async setCalendarDay(
    em: EntityManager,
    day: { date: string; isOffDay: boolean; name?: string | null },
    source = CalendarDaySource.OVERRIDE,
  ): Promise<WorkCalendarDay> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number.isNaN(Date.parse(`${day.date}T00:00:00Z`))) {
      throw badInput('日期格式应为 yyyy-MM-dd', 'date must be yyyy-MM-dd', 'date');
    }
    return em.transactional(async (tx) => {
      const row = await this.upsertDay(tx, day, source);
      await notifyReferenceChanged(tx);
      return row;
    });
  }

  /** `npm run minyi -- calendar import <file>`: an official notice in the holiday-cn JSON shape. */
  async importNotice(em: EntityManager, json: string): Promise<{ year: number; days: number }> {
    let notice;
    try {
      notice = parseHolidayCnJson(json);
    } catch (error) {
      const [zh, en] = (error as Error).message.split(' | ');
      throw badInput(zh, en ?? zh, 'notice');
    }
    await em.transactional(async (tx) => {
      for (const day of notice.days) await this.upsertDay(tx, day, CalendarDaySource.OFFICIAL_NOTICE, notice.year);
      await notifyReferenceChanged(tx);
    });
    return { year: notice.year, days: notice.days.length };
  }

  private async upsertDay(
    tx: EntityManager,
    day: { date: string; isOffDay: boolean; name?: string | null },
    source: CalendarDaySource,
    noticeYear: number | null = null,
  ) {
    const row = (await tx.findOne(WorkCalendarDay, { date: day.date })) ?? tx.create(WorkCalendarDay, { date: day.date, isOffDay: day.isOffDay, source });
    row.isOffDay = day.isOffDay;
    row.name = day.name ?? null;
    row.source = source;
    row.noticeYear = noticeYear;
    await tx.flush();
    return row;
  }
}
