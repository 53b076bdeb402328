import { ResultRejectedError, type Connector12315 } from '../../connectors/12315/client';
import type { PullConnector } from './connector';

/** One message to the origin (stored in the outbox). */
export interface WriteBackMessage {
  externalId: string;
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
}

/** The origin refused the message for good (bad state, unknown record …): do not retry as is. */
export class WriteBackRefused extends Error {}

export type WriteBack = (message: WriteBackMessage) => Promise<void>;

/** How each channel takes the hub's unified reply back (channels README "Modes"). */
export function writeBackFor(channelCode: string, connector: PullConnector | undefined): WriteBack | null {
  if (channelCode === '12315' && connector) {
    const client = connector as Connector12315;
    return async (m) => {
      try {
        await client.postResult(m.externalId, m.payload as { result: string; handler: string; handledAt: string }, m.idempotencyKey);
      } catch (error) {
        if (error instanceof ResultRejectedError) throw new WriteBackRefused(`${error.code}: ${error.message}`);
        throw error;
      }
    };
  }
  return null;
}
