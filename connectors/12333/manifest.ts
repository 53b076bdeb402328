import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/** 人社 12333 (12333.md v1.0): interconnect — 12333 keeps the ticket and calls back, the hub posts feedback (办理反馈). */
export const manifest: ConnectorManifest = {
  code: '12333',
  name: '人社 12333 Human resources and social security 12333',
  mode: ChannelMode.INTERCONNECT,
  specVersion: '1.0',
  // Channels README "Origin status → hub action": 9 revoked; 2 closed (an echo after the hub's feedback).
  originStatus: { cancel: ['9'], terminal: ['2', '9'], echo: { '2': ['RESULT'] } },
};
