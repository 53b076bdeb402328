import { Client } from 'pg';
import type { Logger } from 'pino';
import { LoggedEventBus } from './logged-event-bus';

/** Rows read per statement when catching up from the log after the listener was away. */
const CATCH_UP_PAGE = 1000;

/**
 * EventBus over PostgreSQL LISTEN/NOTIFY (the default). Publishing appends to the event log in the
 * caller's transaction; the log's commit trigger NOTIFYs each row with its cursor, which
 * PostgreSQL delivers to every listening instance only when (and if) that transaction commits:
 * "published after commit" with no outbox. A payload too large for NOTIFY comes as its cursor and
 * is read from the log. NOTIFY drops what arrives while a listener is disconnected, so after a
 * reconnect the listener first reads the log rows after the last cursor it delivered.
 */
export class PgEventBus extends LoggedEventBus {
  private client?: Client;
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** Notifications are handled one after another (some need a read), so delivery keeps commit order. */
  private tail: Promise<void> = Promise.resolve();

  private constructor(
    private readonly url: string,
    private readonly topics: string[],
    private readonly log?: Logger,
  ) {
    super(log);
  }

  static async start(url: string, topics: string[], log?: Logger): Promise<PgEventBus> {
    const bus = new PgEventBus(url, topics, log);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'minyi-hub-listener' });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      this.tail = this.tail.then(() => this.onNotification(client, msg.channel, msg.payload!));
    });
    client.on('error', (error) => this.log?.warn({ err: error }, 'event listener connection error'));
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    // The watermark first, LISTEN second, then the rows in between: nothing falls in a gap.
    if (!this.fanout.lastCursor) {
      const { rows } = await client.query('select coalesce(max(id), 0)::text as id from event_log');
      this.fanout.startAt(rows[0].id);
    }
    for (const topic of this.topics) await client.query(`listen "${topic.replace(/"/g, '')}"`);
    this.client = client;
    this.tail = this.tail.then(() => this.catchUp(client));
    await this.tail;
  }

  private async onNotification(client: Client, channel: string, payload: string): Promise<void> {
    try {
      const { cursor, message } = JSON.parse(payload) as { cursor: string; message?: Record<string, unknown> };
      if (message) {
        this.fanout.deliver(channel, cursor, message);
        return;
      }
      const { rows } = await client.query('select payload from event_log where id = $1::bigint', [cursor]);
      if (rows[0]) this.fanout.deliver(channel, cursor, rows[0].payload);
    } catch (error) {
      this.log?.warn({ err: error, channel }, 'unreadable event notification');
    }
  }

  /** Delivers the logged events after the last one delivered (those NOTIFY dropped while away). */
  private async catchUp(client: Client): Promise<void> {
    try {
      for (;;) {
        const { rows } = await client.query(
          'select id::text as cursor, topic, payload from event_log where id > $1::bigint and topic = any($2::text[]) order by event_log.id limit $3',
          [this.fanout.lastCursor || '0', this.topics, CATCH_UP_PAGE],
        );
        for (const row of rows) this.fanout.deliver(row.topic, row.cursor, row.payload);
        if (rows.length < CATCH_UP_PAGE) return;
      }
    } catch (error) {
      this.log?.warn({ err: error }, 'event listener could not catch up from the log');
    }
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
