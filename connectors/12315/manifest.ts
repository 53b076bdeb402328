import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/** 市场监管 12315 (12315.md v1.0): interconnect — the platform answers the consumer, the hub posts its result back. */
export const manifest: ConnectorManifest = {
  code: '12315',
  name: '市场监管 12315 Market regulation 12315',
  mode: ChannelMode.INTERCONNECT,
  specVersion: '1.0',
  // Channels README "Origin status → hub action".
  originStatus: { cancel: ['WITHDRAWN', 'NOT_ACCEPTED'], terminal: ['CLOSED', 'WITHDRAWN', 'NOT_ACCEPTED'], echo: { CLOSED: ['RESULT'] } },
};
