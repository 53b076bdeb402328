import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { refusing } from '../../src/ingest/write-back';
import { Connector12333, FeedbackRejectedError } from './client';
import { loadConfig12333 } from './config';
import { demo12333 } from './demo';
import { manifest } from './manifest';
import { mapTicket } from './mapping';

/** 人社 12333 (12333.md): pulled by page token; the approved reply goes back as feedback (feedback_no). */
export const connector12333: ConnectorDefinition = {
  manifest,
  map: mapTicket,
  fromEnv: (env) => (env.MINYI_12333_URL ? new Connector12333(loadConfig12333(env)) : null),
  writeBack: (connector) => {
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
        (e) => (e instanceof FeedbackRejectedError ? `${e.code}: ${e.message}` : null),
      );
  },
  demo: [demo12333],
};
