/**
 * Results kept for a short while and shared by concurrent callers: one computation per key at a
 * time, its result served to everyone asking within `ttlMs`. Failures are not kept. Bounded: the
 * oldest key goes first.
 */
export class SharedTtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 100,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return compute();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    const value = compute();
    this.entries.set(key, { at: t, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
