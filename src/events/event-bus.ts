import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';

/**
 * The hub's event bus, behind one interface so the transport is an adapter
 * (PostgreSQL LISTEN/NOTIFY today; Redis or NATS would plug in the same way).
 */
export interface EventBus {
  /** Queue a message inside the caller's transaction: delivered to every instance after commit. */
  publishInTransaction(em: EntityManager, topic: string, message: object): Promise<void>;
  /** The same for many messages at once (one statement: bulk ingestion publishes a page of events). */
  publishManyInTransaction(em: EntityManager, topic: string, messages: readonly object[]): Promise<void>;
  /** The local fan-out that GraphQL subscriptions read from. */
  readonly pubSub: PubSub;
  close(): Promise<void>;
}
