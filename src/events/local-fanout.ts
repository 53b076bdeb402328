import { createPubSub } from '@graphql-yoga/subscription';
import type { PubSub } from 'type-graphql';
import type { Logged } from './event-log';

export type EventListener = (message: Logged) => void;

/**
 * The in-process side of the event bus: delivers each logged event once to this instance's
 * listeners (subscription iterators) and to the type-graphql PubSub. Cursors follow commit order,
 * so one watermark drops duplicates (a backend that catches up from the log after a reconnect,
 * or a Redis relay that re-sends after a fail-over, may hand over an event twice).
 */
export class LocalFanout {
  readonly pubSub: PubSub;
  private readonly yoga = createPubSub<Record<string, [unknown]>>();
  private readonly listeners = new Map<string, Set<EventListener>>();
  private last = -1;

  constructor(private readonly onListenerError?: (error: unknown) => void) {
    this.pubSub = this.yoga as unknown as PubSub;
  }

  /** The highest cursor delivered so far ("" before the first). */
  get lastCursor(): string {
    return this.last < 0 ? '' : String(this.last);
  }

  /** Starts the watermark (events at or below it count as already delivered). */
  startAt(cursor: string): void {
    this.last = Math.max(this.last, Number(cursor));
  }

  listen(topic: string, listener: EventListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Returns false for a duplicate (cursor at or below the watermark). */
  deliver(topic: string, cursor: string, message: Record<string, unknown>): boolean {
    const value = Number(cursor);
    if (value <= this.last) return false;
    this.last = value;
    const logged: Logged = { ...message, cursor };
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        listener(logged);
      } catch (error) {
        this.onListenerError?.(error);
      }
    }
    this.yoga.publish(topic, logged);
    return true;
  }
}
