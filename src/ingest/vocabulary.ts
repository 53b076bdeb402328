/**
 * The ingest vocabulary (汇聚词汇) as plain enums: sync-run and write-back (outbox) statuses. GraphQL
 * registers them in graphql/enums.ts.
 */

/** 同步状态 of one pull run of a channel. */
export enum SyncRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** 回传状态 of a write-back to the origin channel (ingest/outbox-worker.ts delivers them). */
export enum OutboxStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
