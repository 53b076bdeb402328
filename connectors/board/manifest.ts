import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/** 领导留言板 (message-board.md v1.0): forward — the hub's department answers, the reply is published on the board. */
export const manifest: ConnectorManifest = {
  code: 'board',
  name: '领导留言板 Leader message board',
  mode: ChannelMode.FORWARD,
  specVersion: '1.0',
  // Channels README "Origin status → hub action": evaluated → reopened alerts; replied after the hub's final reply is an echo.
  originStatus: { cancel: ['withdrawn'], terminal: ['evaluated', 'withdrawn'], echo: { replied: ['RESULT'] } },
};
