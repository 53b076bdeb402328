import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/** The hub's own intake for channels that push (问政江西, 问政赣州, 互联网+督查, 政府网留言 …). */
export const manifest: ConnectorManifest = { code: 'push', name: '推送接入 Push intake', mode: ChannelMode.MERGED, specVersion: '1.0' };
