import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { readMapper } from '../db/read-model';
import { Category, Channel, Department, Region, SlaPolicy, WorkCalendarDay } from '../entities';
import { WorkCalendar } from '../sla/calendar';
import { effectivePolicies, type SlaPolicyData } from '../sla/policies';
import type { EventBus } from '../events/event-bus';
import { appendToEventLog } from '../events/event-log';
import { Topics } from '../events/topics';
import { CalendarDaySource } from '../sla/vocabulary';

type WithId = { id: number; parent?: { id: number } };

export interface ReferenceSnapshot {
  departments: Map<number, Department>;
  channels: Map<number, Channel>;
  categories: Map<number, Category>;
  regions: Map<number, Region>;
  children: {
    departments: Map<number, Department[]>;
    categories: Map<number, Category[]>;
    regions: Map<number, Region[]>;
  };
  /** Time-limit policies: the defaults with ADMIN overrides applied. */
  slaPolicies: SlaPolicyData[];
  /** The working-day calendar with imported notices and overrides. */
  calendar: WorkCalendar;
}

function policyData(p: SlaPolicy): SlaPolicyData {
  return {
    code: p.code,
    name: p.name,
    priority: p.priority,
    channelCode: p.channelCode,
    requestType: p.requestType,
    urgency: p.urgency,
    categoryPrefix: p.categoryPrefix,
    timeLimitClass: p.timeLimitClass,
    sign: { amount: p.signLimit, unit: p.signUnit },
    contact: { amount: p.contactLimit, unit: p.contactUnit },
    reply: { amount: p.replyLimit, unit: p.replyUnit },
    enabled: p.enabled,
    basis: p.basis,
  };
}

function byId<T extends WithId>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function byParent<T extends WithId>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) if (row.parent) map.set(row.parent.id, [...(map.get(row.parent.id) ?? []), row]);
  return map;
}

/**
 * The small reference tables (departments, channels, categories, regions, SLA policy overrides,
 * calendar days: a few hundred rows),
 * held as read models per instance. Every instance drops its copy when any instance announces a
 * change (NOTIFY on REFERENCE_CHANGED, see notifyReferenceChanged) and after `ttlMs` as a safety
 * net, so a second instance never serves stale data for long. Saves a statement per relation
 * level on every list request.
 */
export class ReferenceCache {
  private snapshot?: Promise<ReferenceSnapshot>;
  /** The snapshot's value once loaded (current()). */
  private loaded?: ReferenceSnapshot;
  private loadedAt = 0;

  constructor(
    private readonly fork: () => EntityManager,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** Drops the snapshot when the bus announces a change (on this or any other instance). */
  follow(bus: EventBus, log?: Logger): void {
    void (async () => {
      for await (const _ of bus.pubSub.subscribe(Topics.REFERENCE_CHANGED) as AsyncIterable<unknown>) {
        this.invalidate();
      }
    })().catch((error) => log?.warn({ err: error }, 'reference cache stopped following changes'));
  }

  invalidate(): void {
    this.snapshot = undefined;
    this.loaded = undefined;
  }

  get(): Promise<ReferenceSnapshot> {
    if (!this.snapshot || Date.now() - this.loadedAt > this.ttlMs) {
      this.loadedAt = Date.now();
      this.loaded = undefined;
      const loading = this.load();
      loading.then(
        (snapshot) => {
          if (this.snapshot === loading) this.loaded = snapshot;
        },
        () => {
          if (this.snapshot === loading) this.snapshot = undefined;
        },
      );
      this.snapshot = loading;
    }
    return this.snapshot;
  }

  /**
   * The snapshot when one is loaded and current, at once (no promise): the resolvers of reference
   * relations answer from it synchronously (graphql/loaders.ts); undefined sends them through get().
   */
  current(): ReferenceSnapshot | undefined {
    return this.loaded && Date.now() - this.loadedAt <= this.ttlMs ? this.loaded : undefined;
  }

  private async load(): Promise<ReferenceSnapshot> {
    const em = this.fork();
    const all = async <T>(entity: { new (...args: never[]): T; name: string }, order: string): Promise<T[]> => {
      const mapper = readMapper(em, entity);
      return (await em.execute(`select * from "${mapper.table}" order by ${order}`)).map(mapper.map);
    };
    const departments = await all(Department, 'code');
    const channels = await all(Channel, 'id');
    const categories = await all(Category, 'code');
    const regions = await all(Region, 'code');
    const overrides = await all(SlaPolicy, 'code');
    const days = await all(WorkCalendarDay, 'date');
    const officialYears = days.filter((d) => d.source === CalendarDaySource.OFFICIAL_NOTICE && d.noticeYear).map((d) => d.noticeYear!);
    return {
      departments: byId(departments),
      channels: byId(channels),
      categories: byId(categories),
      regions: byId(regions),
      children: { departments: byParent(departments), categories: byParent(categories), regions: byParent(regions) },
      slaPolicies: effectivePolicies(overrides.map(policyData)),
      calendar: new WorkCalendar(
        days.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name ?? undefined })),
        officialYears,
      ),
    };
  }
}

/**
 * Announces a reference-data change to every hub instance (delivered after the caller's commit):
 * an event-log row, like every bus message, so it travels on either bus backend.
 */
export async function notifyReferenceChanged(em: EntityManager): Promise<void> {
  await appendToEventLog(em, Topics.REFERENCE_CHANGED, [{}]);
}
