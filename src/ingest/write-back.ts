import type { WriteBackKind, WriteBackPayload } from './write-back-queue';

/** One message to the origin (stored in the outbox). */
export interface WriteBackMessage {
  externalId: string;
  kind: WriteBackKind;
  payload: WriteBackPayload;
  idempotencyKey: string;
}

/** The origin refused the message for good (bad state, unknown record …): do not retry as is. */
export class WriteBackRefused extends Error {}

/**
 * How one channel takes the hub's unified reply back (channels README "Modes"), with its own
 * idempotency key; each connector's definition supplies it (`ConnectorDefinition.writeBack`).
 */
export type WriteBack = (message: WriteBackMessage) => Promise<void>;

/**
 * A business refusal becomes WriteBackRefused (FAILED, for an operator); so does a RangeError, a
 * client refusing a value before sending it (a board reply under 10 characters). Anything else is retried.
 */
export async function refusing(send: () => Promise<unknown>, refused: (error: unknown) => string | null): Promise<void> {
  try {
    await send();
  } catch (error) {
    const reason = error instanceof RangeError ? error.message : refused(error);
    if (reason !== null) throw new WriteBackRefused(reason);
    throw error;
  }
}
