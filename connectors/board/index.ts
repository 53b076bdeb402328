import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { refusing } from '../../src/ingest/write-back';
import { BoardRejectedError, ConnectorBoard } from './client';
import { loadConfigBoard } from './config';
import { demoBoard } from './demo';
import { pullEvaluations, watchEvaluation } from './evaluation';
import { manifest } from './manifest';
import { mapThread } from './mapping';

/**
 * 领导留言板 (message-board.md): pulled, open threads re-read daily; the approved reply goes back as
 * the final reply (clientReplyId), after which the board's own user evaluation is read (§6).
 */
export const connectorBoard: ConnectorDefinition = {
  manifest,
  map: mapThread,
  fromEnv: (env) => (env.MINYI_BOARD_URL ? new ConnectorBoard(loadConfigBoard(env)) : null),
  writeBack: (connector) => {
    const client = connector as ConnectorBoard;
    return (m) =>
      refusing(
        () =>
          client.postReply(m.externalId, {
            clientReplyId: m.idempotencyKey,
            content: m.payload.text,
            orgName: m.payload.orgName,
            replyTime: m.payload.handledAt,
            replyType: 'final',
          }),
        (e) => (e instanceof BoardRejectedError ? `${e.code}: ${e.message}` : null),
      );
  },
  // The final reply delivered: the thread's 统一评价 is read daily from now on.
  afterDelivery: async (tx, delivered, now) => {
    if (delivered.kind === 'RESULT') await watchEvaluation(tx, delivered.workOrderId, delivered.channelId, delivered.externalId, now);
  },
  followUp: ({ fork, connector, ingest, now, log }) => pullEvaluations(fork, connector as ConnectorBoard, ingest, now, log),
  demo: [demoBoard],
};
