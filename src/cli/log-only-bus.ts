import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import type { EventBus } from '../events/event-bus';
import { appendToEventLog } from '../events/event-log';

/**
 * The event bus of a one-shot CLI: it only publishes. A published message is a row of the event
 * log written in the caller's transaction; at commit the log's trigger NOTIFYs it, and with
 * REDIS_URL a running hub's relay forwards the committed row to Redis. Either way every running hub
 * on the same database hears it (e.g. TOKEN_REVOKED closes the token's WebSockets), with nothing
 * for the CLI to keep open.
 */
export function logOnlyBus(): EventBus {
  return {
    publishInTransaction: (em: EntityManager, topic: string, message: object) => appendToEventLog(em, topic, [message]),
    publishManyInTransaction: (em: EntityManager, topic: string, messages: readonly object[]) => appendToEventLog(em, topic, messages),
    listen() {
      throw new Error('the CLI event bus only publishes');
    },
    get pubSub(): PubSub {
      throw new Error('the CLI event bus only publishes');
    },
    async close() {},
  };
}
