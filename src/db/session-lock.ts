import { Client } from 'pg';
import type { Logger } from 'pino';

/**
 * A session-level advisory lock held on a connection of its own: the instance that takes it leads
 * (the SLA alert scan, the text analyser) until it releases it, stops or dies — its session ends and
 * the lock with it, and another instance takes it on its next try.
 */
export class SessionLock {
  private client?: Client;
  private holding = false;

  /** `key`: a bigint lock key, or a name hashed by PostgreSQL (hashtext). */
  constructor(
    private readonly url: string,
    private readonly key: number | string,
    private readonly applicationName: string,
    private readonly log?: Logger,
  ) {}

  /** True while this instance holds the lock. */
  get held(): boolean {
    return this.holding;
  }

  /** Takes the lock if free (or already ours); returns whether this instance holds it. */
  async acquire(): Promise<boolean> {
    if (this.holding) return true;
    if (!this.client) {
      const client = new Client({ connectionString: this.url, application_name: this.applicationName });
      client.on('error', (error) => {
        this.log?.warn({ err: error }, `${this.applicationName}: lock connection lost; another instance may take over`);
        this.holding = false;
        this.client = undefined;
      });
      await client.connect();
      this.client = client;
    }
    const sql = typeof this.key === 'number' ? 'select pg_try_advisory_lock($1::bigint) as locked' : 'select pg_try_advisory_lock(hashtext($1)) as locked';
    const { rows } = await this.client.query(sql, [this.key]);
    this.holding = rows[0].locked === true;
    return this.holding;
  }

  /** Ends the lock's session, which releases the lock. */
  async release(): Promise<void> {
    this.holding = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
