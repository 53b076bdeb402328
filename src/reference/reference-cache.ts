import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { readMapper } from '../db/read-model';
import { Category, Channel, Department, Region } from '../entities';
import type { EventBus } from '../events/event-bus';
import { Topics } from '../events/topics';

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
 * The small reference tables (departments, channels, categories, regions: a few hundred rows),
 * held as read models per instance. Every instance drops its copy when any instance announces a
 * change (NOTIFY on REFERENCE_CHANGED, see notifyReferenceChanged) and after `ttlMs` as a safety
 * net, so a second instance never serves stale data for long. Saves a statement per relation
 * level on every list request.
 */
export class ReferenceCache {
  private snapshot?: Promise<ReferenceSnapshot>;
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
  }

  get(): Promise<ReferenceSnapshot> {
    if (!this.snapshot || Date.now() - this.loadedAt > this.ttlMs) {
      this.loadedAt = Date.now();
      const loading = this.load();
      loading.catch(() => {
        if (this.snapshot === loading) this.snapshot = undefined;
      });
      this.snapshot = loading;
    }
    return this.snapshot;
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
    return {
      departments: byId(departments),
      channels: byId(channels),
      categories: byId(categories),
      regions: byId(regions),
      children: { departments: byParent(departments), categories: byParent(categories), regions: byParent(regions) },
    };
  }
}

/** Announces a reference-data change to every hub instance (delivered after the caller's commit). */
export async function notifyReferenceChanged(em: EntityManager): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [Topics.REFERENCE_CHANGED, '{}']);
}
