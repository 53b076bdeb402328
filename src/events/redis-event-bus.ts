import type { EntityManager } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { latestCursor, readEventLog } from './event-log';
import { EventRelay } from './event-relay';
import { LoggedEventBus } from './logged-event-bus';

const CATCH_UP_PAGE = 1000;

export interface RedisEventBusOptions {
  redisUrl: string;
  /** A fresh EntityManager (log reads). */
  fork: () => EntityManager;
  /** Topics this instance delivers to its subscribers. */
  topics: string[];
  /** Prefix of every Redis key and channel, e.g. `minyi:<database>:`, so hubs of different databases can share a Redis. */
  prefix: string;
  /** How often the relay leader looks for new log rows. */
  relayIntervalMs: number;
  log?: Logger;
}

/**
 * EventBus over Redis pub/sub (selected by REDIS_URL; PostgreSQL NOTIFY stays the default).
 *
 * Published after commit, by construction: publishing only appends to the event log inside the
 * caller's transaction (the same statement as the PostgreSQL bus); nothing is sent to Redis from
 * the transaction. The relay (event-relay.ts; one instance at a time by a Redis lease) reads
 * *committed* log rows after its last cursor and publishes them on Redis, so a rolled-back
 * transaction has no row to relay and cannot be published, and a crash between commit and relay
 * loses nothing (the next relay round, or the next leader, picks the row up). Log ids are numbered
 * in commit order, so the relay's cursor never skips a late commit. Delay: at most one relay
 * interval (MINYI_EVENT_RELAY_INTERVAL_MS) plus a log read.
 *
 * Every instance subscribes to the topics' Redis channels and delivers in cursor order, once
 * (duplicates from a relay fail-over are dropped); after a Redis reconnect it first reads the log
 * rows it missed, as the PostgreSQL bus does after a LISTEN reconnect.
 */
export class RedisEventBus extends LoggedEventBus {
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly relay: EventRelay;
  private tail: Promise<void> = Promise.resolve();
  private started = false;

  private constructor(private readonly options: RedisEventBusOptions) {
    super(options.log);
    const log = options.log;
    const connection = (name: string) => {
      const redis = new Redis(options.redisUrl, { lazyConnect: true, connectionName: `minyi-hub-${name}` });
      redis.on('error', (error) => log?.warn({ err: error, connection: name }, 'Redis connection error'));
      return redis;
    };
    this.commands = connection('events');
    this.subscriber = connection('event-listener');
    this.relay = new EventRelay(
      this.commands,
      options.fork,
      { lease: `${options.prefix}events:relay-lease`, position: `${options.prefix}events:relayed`, channel: (topic) => this.channel(topic) },
      options.relayIntervalMs,
      log,
    );
  }

  static async start(options: RedisEventBusOptions): Promise<RedisEventBus> {
    const bus = new RedisEventBus(options);
    await bus.connect();
    return bus;
  }

  /** The relay of this instance (tests look at who leads). */
  get eventRelay(): EventRelay {
    return this.relay;
  }

  private channel(topic: string): string {
    return `${this.options.prefix}${topic}`;
  }

  private async connect(): Promise<void> {
    const byChannel = new Map(this.options.topics.map((t) => [this.channel(t), t]));
    this.subscriber.on('message', (channel: string, text: string) => {
      const topic = byChannel.get(channel);
      if (!topic) return;
      this.tail = this.tail.then(() => {
        try {
          const { cursor, message } = JSON.parse(text) as { cursor: string; message: Record<string, unknown> };
          this.fanout.deliver(topic, cursor, message);
        } catch (error) {
          this.options.log?.warn({ err: error, channel }, 'unreadable Redis event');
        }
      });
    });
    // After a reconnect: once subscribed again (acknowledged), read what was relayed while away.
    this.subscriber.on('ready', () => {
      if (!this.started) return;
      this.tail = this.tail
        .then(() => this.subscriber.subscribe(...byChannel.keys()))
        .then(
          () => this.catchUp(),
          (error) => this.options.log?.warn({ err: error }, 'Redis resubscribe failed'),
        );
    });
    await Promise.all([this.commands.connect(), this.subscriber.connect()]);
    // The watermark first, SUBSCRIBE second, then the rows in between: nothing falls in a gap.
    this.fanout.startAt(await latestCursor(this.options.fork()));
    await this.subscriber.subscribe(...byChannel.keys());
    this.started = true;
    this.tail = this.tail.then(() => this.catchUp());
    await this.tail;
    await this.relay.start();
  }

  private async catchUp(): Promise<void> {
    try {
      for (;;) {
        const rows = await readEventLog(this.options.fork(), this.options.topics, this.fanout.lastCursor || '0', CATCH_UP_PAGE);
        for (const row of rows) this.fanout.deliver(row.topic, row.cursor, row.message);
        if (rows.length < CATCH_UP_PAGE) return;
      }
    } catch (error) {
      this.options.log?.warn({ err: error }, 'Redis event listener could not catch up from the log');
    }
  }

  async close(): Promise<void> {
    await this.relay.stop();
    await this.tail;
    await Promise.all([this.subscriber.quit().catch(() => undefined), this.commands.quit().catch(() => undefined)]);
  }
}
