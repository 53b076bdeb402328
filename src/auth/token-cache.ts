import type { EventBus } from '../events/event-bus';
import { Topics, type TokenRevokedMessage } from '../events/topics';
import type { Viewer } from './viewer';

/**
 * Verified bearer tokens kept in memory for a short while (issue 15: the token check was one SQL
 * statement on every request), keyed by the token's SHA-256 (the token itself is never kept).
 *
 * - An entry lives `ttlMs` (30 s by default) and never past the token's own expiry, checked
 *   against this instance's clock on every hit.
 * - A revocation takes effect at once: every revocation (`token revoke`, logout, changePassword,
 *   resetUserPassword, disableUser) goes through auth/token-revocation.ts, which publishes
 *   TOKEN_REVOKED; every instance drops the token when it hears it, and the revoking instance drops
 *   it also right after its own commit (`forgetRevoked`), before it answers. A lookup that was in
 *   flight across a revocation is not kept (generation check), so it cannot put a revoked token back.
 * - Reference changes (a department moved: its path is part of the viewer) drop everything.
 * - Bounded: at most `max` tokens, the oldest entry goes first.
 *
 * Without the event bus (a bus that lost its connection catches up from the event log when it is
 * back, events/pg-event-bus.ts), a revocation made elsewhere is honoured at the latest when the entry
 * expires, `ttlMs` after it was looked up.
 */
export interface TokenCacheOptions {
  ttlMs?: number;
  max?: number;
  now?: () => number;
}

interface Entry {
  viewer: Viewer;
  /** Until when the entry may be served: the lookup time + ttl, capped by the token's expiry. */
  until: number;
}

export const TOKEN_CACHE_TTL_MS = 30_000;

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;
  /** Bumped by every forget/clear: a lookup started before it must not be stored after it. */
  private epoch = 0;

  constructor(options: TokenCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? TOKEN_CACHE_TTL_MS;
    this.max = options.max ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The viewer of a verified token hash, or undefined (not cached, or its time is up). */
  get(hash: string): Viewer | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.viewer;
  }

  /** Taken before a database lookup and handed to `set`: a revocation heard in between wins. */
  get generation(): number {
    return this.epoch;
  }

  /** Keeps a token just verified by the database (`expiresAt`: the token's own expiry, null for none). */
  set(hash: string, viewer: Viewer, expiresAt: Date | null, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.epoch) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, expiresAt ? expiresAt.getTime() : Infinity);
    if (until <= now) return;
    this.entries.delete(hash);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { viewer: Object.freeze({ ...viewer }), until });
  }

  /** Drops every entry of a token (by id). */
  forget(tokenId: number): void {
    this.epoch++;
    for (const [hash, entry] of this.entries) if (entry.viewer.tokenId === tokenId) this.entries.delete(hash);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Listens to TOKEN_REVOKED and REFERENCE_CHANGED on this instance's bus; returns the unlisten. */
  listenTo(bus: EventBus): () => void {
    const caches = CACHES_BY_BUS.get(bus) ?? new Set<TokenCache>();
    CACHES_BY_BUS.set(bus, caches.add(this));
    const unlistenRevoked = bus.listen(Topics.TOKEN_REVOKED, (message) => {
      const { tokenId } = message as unknown as TokenRevokedMessage;
      if (typeof tokenId === 'number') this.forget(tokenId);
      else this.clear();
    });
    const unlistenReference = bus.listen(Topics.REFERENCE_CHANGED, () => this.clear());
    return () => {
      caches.delete(this);
      unlistenRevoked();
      unlistenReference();
    };
  }
}

/** The token caches fed by a bus (one per hub instance; tests run several instances in one process). */
const CACHES_BY_BUS = new WeakMap<EventBus, Set<TokenCache>>();

/**
 * Called by the revoking code after its commit: the instance that revoked drops the token before
 * it answers, without waiting for its own TOKEN_REVOKED to come back through the bus.
 */
export function forgetRevoked(bus: EventBus, tokenId: number): void {
  for (const cache of CACHES_BY_BUS.get(bus) ?? []) cache.forget(tokenId);
}
