import { ResultRejectedError, type Connector12315 } from '../../connectors/12315/client';
import { FeedbackRejectedError as Rejected12333, type Connector12333 } from '../../connectors/12333/client';
import { BoardRejectedError, type ConnectorBoard } from '../../connectors/board/client';
import { FeedbackRejectedError as RejectedXf, type ConnectorXf } from '../../connectors/xf/client';
import type { PullConnector } from './connector';
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

export type WriteBack = (message: WriteBackMessage) => Promise<void>;

/**
 * A business refusal becomes WriteBackRefused (FAILED, for an operator); so does a RangeError, a
 * client refusing a value before sending it (a board reply under 10 characters). Anything else is retried.
 */
async function refusing(send: () => Promise<unknown>, refused: (error: unknown) => string | null): Promise<void> {
  try {
    await send();
  } catch (error) {
    const reason = error instanceof RangeError ? error.message : refused(error);
    if (reason !== null) throw new WriteBackRefused(reason);
    throw error;
  }
}

/** 信访 FKLX by the hub's write-back kind (petition.md §6). */
const FKLX: Record<WriteBackKind, '01' | '02' | '03' | '04'> = { ACCEPT: '01', REJECT: '02', EXTENSION: '03', RESULT: '04' };

/**
 * How each channel takes the hub's unified reply back (channels README "Modes"), each with its
 * own idempotency key: 12315 Idempotency-Key, 12333 feedback_no, board clientReplyId, 信访 FKBH.
 * Null when this instance has no client for the channel (another instance may deliver it).
 */
export function writeBackFor(channelCode: string, connector: PullConnector | undefined): WriteBack | null {
  if (!connector) return null;
  switch (channelCode) {
    case '12315': {
      const client = connector as Connector12315;
      return (m) =>
        refusing(
          () => client.postResult(m.externalId, { result: m.payload.text, handler: `${m.payload.orgName} ${m.payload.handlerName}`, handledAt: m.payload.handledAt }, m.idempotencyKey),
          (e) => (e instanceof ResultRejectedError ? `${e.code}: ${e.message}` : null),
        );
    }
    case '12333': {
      const client = connector as Connector12333;
      return (m) =>
        refusing(
          () =>
            client.postFeedback(m.externalId, {
              feedback_no: m.idempotencyKey,
              result: m.payload.text,
              handler_org: m.payload.orgName,
              handler_name: m.payload.handlerName,
              handled_ms: new Date(m.payload.handledAt),
              contacted: !!m.payload.contacted,
            }),
          (e) => (e instanceof Rejected12333 ? `${e.code}: ${e.message}` : null),
        );
    }
    case 'board': {
      const client = connector as ConnectorBoard;
      return (m) =>
        refusing(
          () => client.postReply(m.externalId, { clientReplyId: m.idempotencyKey, content: m.payload.text, orgName: m.payload.orgName, replyTime: m.payload.handledAt, replyType: 'final' }),
          (e) => (e instanceof BoardRejectedError ? `${e.code}: ${e.message}` : null),
        );
    }
    case 'xf': {
      const client = connector as ConnectorXf;
      return (m) =>
        refusing(
          () =>
            client.postFeedback({
              XFJBH: m.externalId,
              FKBH: m.idempotencyKey,
              FKLX: FKLX[m.kind],
              FKNR: m.payload.text,
              CBDW: m.payload.orgName,
              CBR: m.payload.handlerName,
              FKSJ: new Date(m.payload.handledAt),
              YQTS: m.kind === 'EXTENSION' ? m.payload.extensionDays ?? null : null,
            }),
          (e) => (e instanceof RejectedXf ? `${e.code}: ${e.message}` : null),
        );
    }
    default:
      return null;
  }
}
