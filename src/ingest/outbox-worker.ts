import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { PullConnector } from './connector';
import type { ConnectorCatalog } from './connector-catalog';
import type { IngestService } from './ingest.service';
import { PeriodicJob } from '../common/periodic';
import { backoffMs, DEFAULT_RETRY } from './sync-runner';
import { WriteBackRefused } from './write-back';
import type { WriteBackKind, WriteBackPayload } from './write-back-queue';

/**
 * Delivers the outbox: due messages are claimed with `for update skip locked` (so several hub
 * instances share the work without a lock of their own), sent with the channel's idempotency key,
 * and marked DELIVERED, retried later with back-off, or FAILED when the origin refuses them for good.
 */
export class OutboxWorker {
  private stopping = false;
  private readonly job: PeriodicJob;

  constructor(
    private readonly fork: () => EntityManager,
    private readonly connectors: () => ReadonlyMap<string, PullConnector>,
    private readonly catalog: ConnectorCatalog,
    private readonly ingest: IngestService,
    private readonly log?: Logger,
    /** MINYI_OUTBOX_INTERVAL_SECONDS in ms; 0: only deliverDue() when called. */
    intervalMs = 0,
  ) {
    this.job = new PeriodicJob({
      name: 'outbox delivery',
      run: async () => {
        await this.deliverDue();
        if (!this.stopping) await this.pullEvaluations();
      },
      timing: { everyMs: intervalMs },
      log,
      failure: { level: 'error', message: 'outbox delivery failed' },
    });
  }

  start(): void {
    this.job.start();
  }

  /** No new passes; the pass under way ends after the message in flight (the rest stays due for the next start). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.job.stop();
  }

  /**
   * The reads that follow deliveries, for each configured connector that declares one (the board's
   * own user evaluations, message-board.md §6); returns how many were read.
   */
  async pullEvaluations(now: Date = new Date()): Promise<number> {
    let read = 0;
    for (const [code, connector] of this.connectors()) {
      const followUp = this.catalog.of(code)?.followUp;
      if (followUp) read += await followUp({ fork: this.fork, connector, ingest: this.ingest, now, log: this.log });
    }
    return read;
  }

  /** One pass over the due messages; returns how many were delivered. */
  async deliverDue(now: Date = new Date(), batch = 20): Promise<number> {
    let delivered = 0;
    await this.fork().transactional(async (tx) => {
      const due: Array<{
        id: number;
        work_order_id: number;
        channel_id: number;
        external_id: string;
        kind: WriteBackKind;
        payload: WriteBackPayload;
        idempotency_key: string;
        attempts: number;
        code: string;
      }> = await tx.execute(
        `select m.id, m.work_order_id, m.channel_id, m.external_id, m.kind, m.payload, m.idempotency_key, m.attempts, c.code
             from outbox_message m join channel c on c.id = m.channel_id
            where m.status = 'PENDING' and m.next_attempt_at <= ?
            order by m.id limit ? for update of m skip locked`,
        [now, batch],
      );
      for (const m of due) {
        if (this.stopping) break; // the hub is stopping: the rest stays PENDING, claimed again later
        const send = this.catalog.writeBackFor(m.code, this.connectors().get(m.code));
        if (!send) continue; // no connector configured on this instance: another may deliver it
        try {
          await send({ externalId: m.external_id, kind: m.kind, payload: m.payload, idempotencyKey: m.idempotency_key });
          await tx.execute(`update outbox_message set status = 'DELIVERED', attempts = attempts + 1, delivered_at = now(), last_error = null where id = ?`, [
            m.id,
          ]);
          await this.catalog
            .of(m.code)
            ?.afterDelivery?.(tx, { workOrderId: m.work_order_id, channelId: m.channel_id, externalId: m.external_id, kind: m.kind }, now);
          delivered++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof WriteBackRefused) {
            await tx.execute(`update outbox_message set status = 'FAILED', attempts = attempts + 1, last_error = ? where id = ?`, [message, m.id]);
          } else {
            const retryAt = new Date(now.getTime() + backoffMs(m.attempts, DEFAULT_RETRY));
            await tx.execute(`update outbox_message set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?`, [retryAt, message, m.id]);
          }
          this.log?.warn({ outbox: m.id, channel: m.code, err: message }, 'write-back not delivered');
        }
      }
    });
    return delivered;
  }
}
