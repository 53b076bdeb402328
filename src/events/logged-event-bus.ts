import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { PubSub } from 'type-graphql';
import type { EventBus } from './event-bus';
import { appendToEventLog } from './event-log';
import { LocalFanout, type EventListener } from './local-fanout';

/**
 * What every event bus shares: publishing appends to the event log in the caller's transaction,
 * and this instance's listeners and GraphQL subscriptions are fed by one local fan-out. A subclass
 * only brings committed rows to `fanout` (PostgreSQL NOTIFY, or a Redis relay).
 */
export abstract class LoggedEventBus implements EventBus {
  protected readonly fanout: LocalFanout;

  protected constructor(log?: Logger) {
    this.fanout = new LocalFanout((error) => log?.warn({ err: error }, 'event listener failed'));
  }

  get pubSub(): PubSub {
    return this.fanout.pubSub;
  }

  async publishInTransaction(em: EntityManager, topic: string, message: object): Promise<void> {
    await appendToEventLog(em, topic, [message]);
  }

  async publishManyInTransaction(em: EntityManager, topic: string, messages: readonly object[]): Promise<void> {
    await appendToEventLog(em, topic, messages);
  }

  listen(topic: string, listener: EventListener): () => void {
    return this.fanout.listen(topic, listener);
  }

  abstract close(): Promise<void>;
}
