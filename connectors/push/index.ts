import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { PUSH_CHANNEL_CODES } from '../../src/reference/channels';
import { pushDemoChannel } from './demo';
import { manifest } from './manifest';
import { mapPushRecord } from './mapping';
import { submitPushRecords } from './records';
import { demoSecrets, secretsFromEnv } from './secrets';
import { verify } from './signature';

/**
 * Channels that push (push-api.md: 问政江西, 问政赣州, 互联网+督查, 政府网留言 …): the hub's own intake.
 * The HTTP edge (src/http/push-intake.ts) checks the request; the protocol's signature and records live here.
 */
export const connectorPush: ConnectorDefinition = {
  manifest,
  channelCodes: PUSH_CHANNEL_CODES,
  map: (raw) => mapPushRecord(JSON.parse(raw.text), 0),
  intake: {
    verify,
    submit: submitPushRecords,
    // MINYI_CHANNEL_<CODE>_SECRET; demo mode: generated once into the data directory where missing.
    secrets: (env, { demoDataDir } = {}) => {
      const fromEnv = secretsFromEnv(PUSH_CHANNEL_CODES, env);
      return demoDataDir ? demoSecrets(demoDataDir, PUSH_CHANNEL_CODES, fromEnv) : fromEnv;
    },
  },
  demo: [pushDemoChannel('wzgz')],
};
