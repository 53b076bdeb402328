import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { refusing } from '../../src/ingest/write-back';
import { Connector12315, ResultRejectedError } from './client';
import { loadConfig12315 } from './config';
import { demo12315 } from './demo';
import { manifest } from './manifest';
import { mapCase } from './mapping';

/** 市场监管 12315 (12315.md): pulled by cursor; the approved reply goes back as the case result (Idempotency-Key). */
export const connector12315: ConnectorDefinition = {
  manifest,
  map: mapCase,
  fromEnv: (env) => (env.MINYI_12315_URL ? new Connector12315(loadConfig12315(env)) : null),
  writeBack: (connector) => {
    const client = connector as Connector12315;
    return (m) =>
      refusing(
        () =>
          client.postResult(
            m.externalId,
            { result: m.payload.text, handler: `${m.payload.orgName} ${m.payload.handlerName}`, handledAt: m.payload.handledAt },
            m.idempotencyKey,
          ),
        (e) => (e instanceof ResultRejectedError ? `${e.code}: ${e.message}` : null),
      );
  },
  demo: [demo12315],
};
