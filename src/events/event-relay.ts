import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { PeriodicJob } from '../common/periodic';
import { latestCursor, readEventLog } from './event-log';

/** Rows relayed per statement. */
const PAGE = 1000;
/** The relay lease: renewed every tick, taken over by another instance when it lapses. */
const LEASE_MS = 5000;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RelayKeys {
  /** Redis key of the lease (who relays). */
  lease: string;
  /** Redis key of the last cursor relayed, so a new leader continues where the last one stopped. */
  position: string;
  /** Redis channel a topic is published on. */
  channel(topic: string): string;
}

/**
 * 事件转发 The Redis backend's relay: one hub instance at a time (a Redis lease) reads the event log
 * after its cursor and publishes each row on Redis as `{cursor, message}`. It reads committed rows
 * only, so a rolled-back event is never published; ids follow commit order, so "rows after the last
 * cursor relayed" never skips one. A relay that dies after publishing but before saving its position
 * makes the next leader publish a few rows again: subscribers drop cursors they have already seen.
 */
export class EventRelay {
  private readonly token = randomUUID();
  private leader = false;
  private position = '0';
  private stopped = false;
  private readonly job: PeriodicJob<boolean>;

  constructor(
    private readonly redis: Redis,
    private readonly fork: () => EntityManager,
    private readonly keys: RelayKeys,
    intervalMs: number,
    private readonly log?: Logger,
  ) {
    // At once at start, and again at once while a full page says more is waiting; else every intervalMs.
    this.job = new PeriodicJob({
      name: 'event relay tick',
      run: () => this.tick(),
      timing: { delayMs: (last) => (last === null || (!last.failed && last.result) ? 0 : intervalMs) },
      log,
      failure: { ignore: () => this.stopped }, // Redis closing under a stopping hub is no failure
    });
  }

  /**
   * Starts relaying. The first relay of a deployment (no position saved yet) starts from the log's
   * end as of now — fixed before this resolves, so an event committed after the bus started is
   * never skipped, however late this instance wins the lease.
   */
  async start(): Promise<void> {
    await this.redis.set(this.keys.position, await latestCursor(this.fork()), 'NX');
    this.job.start();
  }

  /** True while this instance holds the lease. */
  get leading(): boolean {
    return this.leader;
  }

  /** One round: hold (or try to take) the lease, then relay one page. Returns whether more is waiting. */
  async tick(): Promise<boolean> {
    if (!(await this.holdLease())) return false;
    const em = this.fork();
    const rows = await readEventLog(em, null, this.position, PAGE);
    if (!rows.length) return false;
    const batch = this.redis.multi();
    for (const row of rows) batch.publish(this.keys.channel(row.topic), JSON.stringify({ cursor: row.cursor, message: row.message }));
    batch.set(this.keys.position, rows[rows.length - 1].cursor);
    await batch.exec();
    this.position = rows[rows.length - 1].cursor;
    return rows.length === PAGE;
  }

  private async holdLease(): Promise<boolean> {
    if (this.leader) {
      this.leader = (await this.redis.eval(RENEW, 1, this.keys.lease, this.token, LEASE_MS)) === 1;
      if (!this.leader) this.log?.warn('event relay lease lost; another instance relays');
      return this.leader;
    }
    if ((await this.redis.set(this.keys.lease, this.token, 'PX', LEASE_MS, 'NX')) !== 'OK') return false;
    this.leader = true;
    this.position = (await this.redis.get(this.keys.position)) ?? (await latestCursor(this.fork()));
    this.log?.info({ from: this.position }, 'this instance relays events to Redis');
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.job.stop();
    if (this.leader) await this.redis.eval(RELEASE, 1, this.keys.lease, this.token).catch(() => undefined);
    this.leader = false;
  }
}
