import type { EntityManager } from '@mikro-orm/postgresql';
import { readMapper } from '../db/read-model';
import { WorkCalendarDay } from '../entities';
import type { ReferenceCache } from '../reference/reference-cache';
import type { ChannelKind } from '../reference/vocabulary';
import { TimeLimitClass, Urgency } from '../work-orders/enums';
import type { WorkCalendar } from './calendar';
import { choosePolicy, DEFAULT_POLICIES, type Limit, type PolicyFacts, type SlaPolicyData } from './policies';
import { HOUR_MS, DAY_MS } from '../common/time';
import { LimitUnit } from './vocabulary';

export interface Deadlines {
  signDueAt: Date;
  firstContactDueAt: Date;
  dueAt: Date;
  policyCode: string;
  /** Bilingual warnings, e.g. a working-day deadline across a year without an official holiday notice. */
  warnings: string[];
}

/** Deadlines a channel record carries itself (信访 SLQX 受理期限, BLQX 办理期限): they win (petition.md §5). */
export interface ChannelDeadlines {
  acceptBy?: Date | null;
  handleBy?: Date | null;
}

/**
 * 办理时限 Deadlines from policy data and the 调休-aware calendar. Policies and calendar come from
 * the instance's reference snapshot (defaults + ADMIN overrides, imported notices + overrides),
 * refreshed when any instance announces a change.
 */
export class SlaService {
  constructor(readonly reference: ReferenceCache) {}

  async deadlines(facts: PolicyFacts, from: Date, channel: ChannelDeadlines = {}): Promise<Deadlines> {
    const { slaPolicies, calendar } = await this.reference.get();
    const policy = choosePolicy(slaPolicies, facts) ?? DEFAULT_POLICIES.find((p) => p.code === 'general-5d')!;
    const warnings: string[] = [];
    const urgent = facts.urgency === Urgency.URGENT || facts.urgency === Urgency.CRITICAL;
    // 002: on working days every order, on days off urgent ones, start within the limit; others start when business opens.
    const start = urgent ? from : this.collect(calendar.nextWorkingStart(from), warnings);
    const signDueAt = this.add(start, policy.sign, calendar, warnings);
    const firstContactDueAt = channel.acceptBy ?? this.add(start, policy.contact, calendar, warnings);
    const dueAt = channel.handleBy ?? this.add(from, policy.reply, calendar, warnings);
    return { signDueAt, firstContactDueAt, dueAt, policyCode: policy.code, warnings: [...new Set(warnings)] };
  }

  /** A new reply clock from `from` (re-dispatch, rework), same policy. */
  async replyDue(facts: PolicyFacts, from: Date): Promise<{ dueAt: Date; warnings: string[] }> {
    const d = await this.deadlines(facts, from);
    return { dueAt: d.dueAt, warnings: d.warnings };
  }

  /** The policy facts of an existing order (codes come from the reference snapshot). */
  async factsOf(
    order: {
      channel: { id: number };
      category?: { id: number } | null;
      requestType: PolicyFacts['requestType'];
      urgency: PolicyFacts['urgency'];
      timeLimitClass?: PolicyFacts['timeLimitClass'] | null;
    },
    overrides: Partial<PolicyFacts> = {},
  ): Promise<PolicyFacts> {
    const snapshot = await this.reference.get();
    return {
      channelCode: snapshot.channels.get(order.channel.id)?.code ?? '12345',
      requestType: order.requestType,
      urgency: order.urgency,
      categoryCode: order.category ? snapshot.categories.get(order.category.id)?.code : null,
      timeLimitClass: order.timeLimitClass ?? TimeLimitClass.GENERAL,
      ...overrides,
    };
  }

  /**
   * The facts that make an order count as a record of a kind of channel (提级转办 to the petition
   * bureau: handled as a 信访件, ChannelKind.PETITION): the code of the reference channel of that
   * kind, so its time-limit policy applies; none when no channel is of that kind.
   */
  async asChannelOfKind(kind: ChannelKind): Promise<Partial<PolicyFacts>> {
    const channel = [...(await this.reference.get()).channels.values()].find((c) => c.kind === kind);
    return channel ? { channelCode: channel.code } : {};
  }

  async policies(): Promise<SlaPolicyData[]> {
    return (await this.reference.get()).slaPolicies;
  }

  /** The calendar days imported or overridden for a year, by date. */
  async calendarDays(em: EntityManager, year: number): Promise<WorkCalendarDay[]> {
    const rows = await em.execute(`select * from work_calendar_day where date like ? order by date`, [`${year}-%`]);
    return rows.map(readMapper(em, WorkCalendarDay).map);
  }

  private collect(result: { at: Date; warnings: string[] }, warnings: string[]): Date {
    warnings.push(...result.warnings);
    return result.at;
  }

  private add(from: Date, limit: Limit, calendar: WorkCalendar, warnings: string[]): Date {
    switch (limit.unit) {
      case LimitUnit.HOURS:
        return new Date(from.getTime() + limit.amount * HOUR_MS);
      case LimitUnit.NATURAL_DAYS:
        return new Date(from.getTime() + limit.amount * DAY_MS);
      case LimitUnit.WORKING_DAYS:
        return this.collect(calendar.addWorkingDays(from, limit.amount), warnings);
    }
  }
}
