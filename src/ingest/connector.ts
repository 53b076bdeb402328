import type { MapResult, RawRecord } from './canonical';
import type { ChannelMode } from '../reference/vocabulary';

/** Identity of a connector (like an Airbyte connector's metadata.yaml). */
export interface ConnectorManifest {
  code: string;
  name: string;
  mode: ChannelMode;
  specVersion: string;
  /** What the origin's statuses make the hub do (channels README "Origin status → hub action"). */
  originStatus?: OriginStatusRules;
}

/**
 * One row of the channels README table "Origin status → hub action". Statuses are the channel's
 * own values, verbatim. Anything not listed is informational: stored and shown, no state change.
 */
export interface OriginStatusRules {
  /** ¹ The hub terminates its work order (reason "cancelled at origin"), unless the status is an echo. */
  cancel: readonly string[];
  /** ² Terminal at the origin: a later version in a non-terminal status is a reopen → operators are alerted. */
  terminal: readonly string[];
  /** ³ Status → the write-back kinds after whose delivery seeing this status is an echo (timeline note only). */
  echo: Readonly<Record<string, readonly string[]>>;
}

/** Where a pull stands: the connector's own state, stored as JSON in ingest_checkpoint. */
export type Checkpoint = Record<string, unknown>;

export interface Page {
  records: RawRecord[];
  /** The checkpoint to store once these records are landed (same transaction). */
  next: Checkpoint;
  /** No more pages in this run. */
  done: boolean;
  /** Things operators should know that are not records (ignored files, a re-issue's differences …). */
  notices?: string[];
}

/** A transport failure the runtime can act on (retry after, back off, stop and alert). */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'RATE_LIMITED' | 'RETRYABLE' | 'RESTART' | 'FATAL',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/**
 * A pull connector: what is specific to one channel. The runtime (src/ingest) owns landing,
 * upserts, checkpoints, retries, quarantine, runs and scheduling.
 */
export interface PullConnector {
  manifest: ConnectorManifest;
  /** Fetches the page after `checkpoint` (an empty checkpoint: start from the configured watermark). */
  fetchPage(checkpoint: Checkpoint): Promise<Page>;
  /** Native record → canonical record, or the reason it cannot be mapped. Pure: no I/O. */
  map(raw: RawRecord): MapResult;
  /**
   * Where to go after a RESTART error (an expired cursor or page token): the checkpoint without
   * its position in the traversal. Default: the checkpoint without `cursor`.
   */
  restartCheckpoint?(checkpoint: Checkpoint): object;
  /**
   * Records whose changes the channel's pull does not signal (the board's open threads, §3.1):
   * after each successful run the runtime re-reads those in `statuses` not seen for `everyMs`.
   */
  revisit?: Revisit;
}

export interface Revisit {
  statuses: readonly string[];
  everyMs: number;
  /** The current records (a record the channel no longer returns is left out). */
  read(externalIds: readonly string[]): Promise<RawRecord[]>;
}
