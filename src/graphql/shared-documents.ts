import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

type EntityClass<T> = { new (...args: never[]): T; name: string };

/** A DataLoader cache whose entries expire `ttlMs` after they were stored. */
class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  constructor(private readonly ttlMs: number) {}
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: K, value: V): this {
    if (this.entries.size >= 1000) this.sweep();
    this.entries.set(key, { value, at: Date.now() });
    return this;
  }
  delete(key: K): boolean {
    return this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (now - entry.at > this.ttlMs) this.entries.delete(key);
  }
}

/**
 * 推送共享读取 The document behind a published event, read once for all the subscribers it is
 * delivered to (not one query per subscriber), batched across events of the same tick and kept
 * for a few seconds. For event-like documents (timeline events are immutable; alerts as raised):
 * each subscriber still resolves its own fields (work order, department) within its own scope.
 * Shared instances are read-only: callers never modify or flush them.
 */
export class SharedDocuments {
  private readonly loaders = new Map<EntityClass<object>, DataLoader<number, object | null>>();

  constructor(
    private readonly fork: () => EntityManager,
    private readonly ttlMs = 10_000,
  ) {}

  load<T extends object>(entity: EntityClass<T>, id: number): Promise<T | null> {
    let loader = this.loaders.get(entity);
    if (!loader) {
      loader = new DataLoader<number, object | null>(
        async (ids) => {
          const rows = await this.fork().find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
          const byId = new Map(rows.map((row) => [(row as { id: number }).id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { cacheMap: new ExpiringMap(this.ttlMs) },
      );
      this.loaders.set(entity, loader);
    }
    return loader.load(id) as Promise<T | null>;
  }
}
