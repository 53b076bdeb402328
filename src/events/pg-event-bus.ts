import { executeBound, pgArray } from '../db/sql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createPubSub } from '@graphql-yoga/subscription';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { PubSub } from 'type-graphql';
import type { EventBus } from './event-bus';

/**
 * EventBus over PostgreSQL LISTEN/NOTIFY. NOTIFY issued inside a transaction is delivered only
 * when it commits (and never if it rolls back): "published after commit" with no outbox.
 * Every hub instance LISTENs on its own connection, so subscribers on any instance get every event.
 */
export class PgEventBus implements EventBus {
  readonly pubSub: PubSub;
  private readonly local = createPubSub<Record<string, [unknown]>>();
  private client?: Client;
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;

  private constructor(
    private readonly url: string,
    private readonly topics: string[],
    private readonly log?: Logger,
  ) {
    this.pubSub = this.local as unknown as PubSub;
  }

  static async start(url: string, topics: string[], log?: Logger): Promise<PgEventBus> {
    const bus = new PgEventBus(url, topics, log);
    await bus.connect();
    return bus;
  }

  async publishInTransaction(em: EntityManager, topic: string, message: object): Promise<void> {
    await em.execute('select pg_notify(?, ?)', [topic, JSON.stringify(message)]);
  }

  async publishManyInTransaction(em: EntityManager, topic: string, messages: readonly object[]): Promise<void> {
    if (!messages.length) return;
    await executeBound(em, 'select pg_notify(?, m) from unnest(?::text[]) m', [topic, pgArray(messages.map((m) => JSON.stringify(m)))]);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'minyi-hub-listener' });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        this.local.publish(msg.channel, JSON.parse(msg.payload));
      } catch (error) {
        this.log?.warn({ err: error, channel: msg.channel }, 'unreadable event notification');
      }
    });
    client.on('error', (error) => this.log?.warn({ err: error }, 'event listener connection error'));
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    for (const topic of this.topics) await client.query(`listen "${topic.replace(/"/g, '')}"`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    this.log?.warn('event listener disconnected; reconnecting in 1 s');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((error) => {
        this.log?.warn({ err: error }, 'event listener reconnect failed');
        this.scheduleReconnect();
      });
    }, 1000);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }
}
