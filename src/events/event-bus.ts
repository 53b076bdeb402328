import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import type { EventListener } from './local-fanout';

/**
 * The hub's event bus, behind one interface so the transport is an adapter: PostgreSQL
 * LISTEN/NOTIFY by default (pg-event-bus.ts), Redis when REDIS_URL is set (redis-event-bus.ts).
 * Either way a message is first a row of the event log (event-log.ts), written in the caller's
 * transaction, and reaches subscribers only after that transaction commits, with its cursor.
 */
export interface EventBus {
  /** Queue a message inside the caller's transaction: delivered to every instance after commit. */
  publishInTransaction(em: EntityManager, topic: string, message: object): Promise<void>;
  /** The same for many messages at once (one statement: bulk ingestion publishes a page of events). */
  publishManyInTransaction(em: EntityManager, topic: string, messages: readonly object[]): Promise<void>;
  /**
   * Calls `listener` synchronously for each event of `topic` this instance receives, in cursor
   * order, each once (subscription iterators buffer from here: see replay.ts). Returns the unlisten.
   */
  listen(topic: string, listener: EventListener): () => void;
  /** The local fan-out as a type-graphql PubSub (messages carry their `cursor`). */
  readonly pubSub: PubSub;
  close(): Promise<void>;
}
