import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { executeBound } from '../db/sql';
import type { EventBus } from './event-bus';
import { readEventLog, type Logged } from './event-log';

/** Log rows read per statement while replaying (and queued before the next read). */
const PAGE = 500;

export interface ReplayOptions<M extends object> {
  bus: EventBus;
  fork: () => EntityManager;
  topic: string;
  /** The client's last cursor (already validated): the logged events after it come first. Absent: live only. */
  since?: string | null;
  /** The viewer's filter, the same for replayed and live events; it reads only the facts in the message. */
  accept: (message: Logged<M>) => boolean | Promise<boolean>;
}

/**
 * Refuses a `since` cursor this event log never issued (above the last id its sequence handed out,
 * e.g. a cursor kept across a database reset): replaying "after" it would also drop every live
 * event below it, muting the subscription. BAD_USER_INPUT: resubscribe without since.
 */
export async function checkSinceIssued(em: EntityManager, since: string): Promise<void> {
  const [{ issued }] = await executeBound<{ issued: string }>(
    em,
    `select coalesce(pg_sequence_last_value(pg_get_serial_sequence('event_log', 'id')::regclass), 0)::text as issued`,
    [],
  );
  if (Number(since) > Number(issued)) {
    throw badInput('since 游标超出事件日志（数据库可能已重置），请不带 since 重新订阅', 'since is ahead of the event log; resubscribe without since', 'since');
  }
}

/** A ReplayThenLive after checking its `since` (checkSinceIssued): what subscriptions return. */
export async function replayThenLive<M extends object>(options: ReplayOptions<M>): Promise<ReplayThenLive<M>> {
  if (options.since != null) await checkSinceIssued(options.fork(), options.since);
  return new ReplayThenLive<M>(options);
}

/**
 * 断线续传 A subscription's events: with `since`, first the logged events after that cursor, then
 * live ones, with no gap and no duplicate at the switch-over.
 *
 * It listens before it reads the log; live events that arrive while the log is being replayed are
 * buffered, and once the log has nothing more after the last replayed cursor the buffer is played,
 * dropping cursors at or below it (those were replayed). Cursors follow commit order (event-log.ts),
 * so that comparison is exact: an event committed after the last log read has a higher cursor and
 * reaches the buffer, since the listener was there before the read. A plain iterator, not an
 * async generator, so that `return()` (client unsubscribes) ends a waiting `next()` at once.
 */
export class ReplayThenLive<M extends object> implements AsyncIterableIterator<Logged<M>> {
  /** Events to hand out, in cursor order (not yet filtered). */
  private readonly queue: Logged<M>[] = [];
  /** Live events held while replaying; null once live. */
  private buffer: Logged<M>[] | null;
  /** The highest cursor queued so far. */
  private last: number;
  private waiting?: { resolve: () => void; reject: (error: unknown) => void };
  private drained?: () => void;
  private done = false;
  private failure?: unknown;
  private readonly unlisten: () => void;
  /** The highest cursor heard from the bus so far (-1: none). */
  private received = -1;

  constructor(private readonly options: ReplayOptions<M>) {
    this.unlisten = options.bus.listen(options.topic, (message) => this.onLive(message as Logged<M>));
    if (options.since != null) {
      this.buffer = [];
      this.last = Number(options.since);
      void this.replay();
    } else {
      this.buffer = null;
      this.last = -1;
    }
  }

  /**
   * True while live with nothing queued: what it yields from now on is exactly what the bus
   * delivers after this moment (a shared fan-out may take such a stream over: graphql/shared-execution.ts).
   */
  get caughtUp(): boolean {
    return !this.done && this.buffer === null && this.queue.length === 0 && this.failure === undefined;
  }

  /** The highest cursor heard from the bus so far (-1: none): the events up to it were handed to this stream. */
  get lastReceived(): number {
    return this.received;
  }

  private onLive(message: Logged<M>): void {
    if (this.done) return;
    const cursor = Number(message.cursor);
    if (cursor > this.received) this.received = cursor;
    if (this.buffer) this.buffer.push(message);
    else this.enqueue(message);
  }

  private enqueue(message: Logged<M>): void {
    const cursor = Number(message.cursor);
    if (cursor <= this.last) return;
    this.last = cursor;
    this.queue.push(message);
    this.wake();
  }

  private async replay(): Promise<void> {
    try {
      for (;;) {
        const rows = await readEventLog(this.options.fork(), [this.options.topic], String(this.last), PAGE);
        if (this.done) return;
        for (const row of rows) this.enqueue({ ...row.message, cursor: row.cursor } as Logged<M>);
        if (rows.length < PAGE) break;
        // Back-pressure: read the next page once the client has taken this one.
        if (this.queue.length) await new Promise<void>((resolve) => (this.drained = resolve));
        if (this.done) return;
      }
      const buffered = this.buffer ?? [];
      this.buffer = null;
      for (const message of buffered) this.enqueue(message);
    } catch (error) {
      this.failure = error;
      this.wake();
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return;
    if (this.failure) waiting.reject(this.failure);
    else waiting.resolve();
  }

  async next(): Promise<IteratorResult<Logged<M>>> {
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        const accepted = this.options.accept(message);
        if (accepted === true || (accepted !== false && (await accepted))) return { value: message, done: false };
        continue;
      }
      if (this.failure) {
        const failure = this.failure;
        await this.return();
        throw failure;
      }
      if (this.done) return { value: undefined, done: true };
      const drained = this.drained;
      this.drained = undefined;
      drained?.();
      await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
    }
  }

  async return(): Promise<IteratorResult<Logged<M>>> {
    if (!this.done) {
      this.done = true;
      this.unlisten();
      this.queue.length = 0;
      this.buffer = null;
      const drained = this.drained;
      this.drained = undefined;
      drained?.();
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve();
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<Logged<M>>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Logged<M>> {
    return this;
  }
}
