import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { DemoChannel } from '../demo/trickle/channel';
import type { MapResult, RawRecord } from './canonical';
import type { Checkpoint, ConnectorManifest, Page, PullConnector } from './connector';
import type { IngestContext, IngestService } from './ingest.service';
import type { WriteBack } from './write-back';
import type { WriteBackKind } from './write-back-queue';

/** A pull connector this instance runs, with what it holds open (a file watcher, sockets …). */
export type ConfiguredConnector = PullConnector & { close?: () => void };

/**
 * Everything the runtime knows about one channel, exported by each connector folder's `index.ts` and
 * listed once in the connector list (the connectors folder's `index.ts`) (like an Airbyte connector's metadata + spec). The runtime
 * (src/ingest, src/http, src/demo/trickle) never names a connector: the composition root hands it
 * the list, and it asks the definitions.
 */
export interface ConnectorDefinition {
  manifest: ConnectorManifest;
  /**
   * The channel codes this definition serves (default: `[manifest.code]`). The push intake serves
   * every channel whose owner pushes (问政赣州 `wzgz` …).
   */
  channelCodes?: readonly string[];
  /** Native (or pushed) record → canonical record. Pure: no configuration, no I/O (quarantine replay uses it). */
  map(raw: RawRecord): MapResult;
  /** Pull: the connector the environment configures (URL, credentials), or null when it configures none. */
  fromEnv?(env: NodeJS.ProcessEnv): ConfiguredConnector | null;
  /** Pull: how often its spec says to poll, in seconds (default 300); `MINYI_<CODE>_POLL_SECONDS` overrides it. */
  pollSeconds?: number;
  /** A file imported by hand (`minyi import CODE FILE`), read as one page from `checkpoint`. */
  importFile?(file: string, options: { checkpoint: Checkpoint; onProgress?: (done: number, total: number) => void }): Promise<Page>;
  /** How a configured connector delivers the outbox (统一回复回传) with the channel's idempotency key and refusals. */
  writeBack?(connector: PullConnector): WriteBack;
  /**
   * Write-back kinds besides RESULT the channel takes, each with the origin statuses that allow it
   * (信访: 受理告知 and 不予受理告知 while the letter is 10, 延期申请 while it is 20). Not listed: not sent.
   */
  writeBackKinds?: Readonly<Partial<Record<Exclude<WriteBackKind, 'RESULT'>, readonly string[]>>>;
  /** After a write-back was delivered (in the delivering transaction): e.g. the board starts reading its evaluation. */
  afterDelivery?(tx: EntityManager, delivered: DeliveredWriteBack, now: Date): Promise<void>;
  /** Reads that follow a delivery (the board's 统一评价), run with each outbox pass; returns how many were read. */
  followUp?(context: FollowUpContext): Promise<number>;
  /** Records channel owners push to the hub (POST /intake/{code}, GraphQL submitChannelRecords). */
  intake?: PushIntake;
  /** The channel's entries in the demo trickle (a simulator, or a sender to the hub's intake). */
  demo?: readonly DemoChannel[];
}

export interface DeliveredWriteBack {
  workOrderId: number;
  channelId: number;
  externalId: string;
  kind: WriteBackKind;
}

export interface FollowUpContext {
  fork: () => EntityManager;
  /** This instance's configured connector of the channel. */
  connector: PullConnector;
  ingest: IngestService;
  now: Date;
  log?: Logger;
}

/** One record's answer to its sender (push-api.md §6). */
export interface PushRecordOutcome {
  index: number;
  externalId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  workOrderId?: string | null;
  reason?: { code: string; message: string };
}

/** The hub's own intake protocol for channels that push: the HTTP edge checks the request, this the records. */
export interface PushIntake {
  /** The request's signature against the channel's secrets (two during rotation). */
  verify(headers: { timestamp?: string; signature?: string }, rawBody: Buffer, secrets: readonly string[]): { ok: true } | { ok: false; code: string };
  /**
   * The channels' intake secrets by channel code, from the environment (two during rotation), as a
   * pull connector's configuration comes from it; throws on a malformed one. With `demoDataDir` (demo
   * mode) those missing are generated once into that folder, so a newcomer can sign requests.
   */
  secrets(env: NodeJS.ProcessEnv, options?: { demoDataDir?: string }): Map<string, string[]>;
  /** Already-parsed records validated, mapped, landed and applied, answered one by one. */
  submit(
    em: EntityManager,
    ingest: IngestService,
    channel: { id: number; code: string },
    records: unknown[],
    context?: IngestContext,
  ): Promise<PushRecordOutcome[]>;
}
