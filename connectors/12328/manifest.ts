import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/**
 * 交通运输 12328 (12328.md v1.0): merged — a daily file drop the hub handles completely, nothing is sent
 * back. Origin statuses per the channels README "Origin status → hub action", 12328 row: 已作废 cancels;
 * 已办结/已回访/已作废 are terminal (a later 待处理/处理中 is a reopen → alert); no echo (no write-back).
 */
export const manifest: ConnectorManifest = {
  code: '12328',
  name: '交通运输 12328 Transport service supervision hotline 12328',
  mode: ChannelMode.MERGED,
  specVersion: '1.0',
  originStatus: {
    cancel: ['已作废'],
    terminal: ['已办结', '已回访', '已作废'],
    echo: {},
  },
};
