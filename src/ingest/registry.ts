import type { MapResult, RawRecord } from './canonical';
import type { PullConnector } from './connector';
import { mapPushRecord } from '../../connectors/push/mapping';
import { CHANNELS } from '../reference/channels';

/** How a channel's raw record becomes a canonical record (for ingestion and quarantine replay). */
export type Mapper = (raw: RawRecord) => MapResult;

const PUSH_CHANNELS = new Set(CHANNELS.filter((c) => !c.pulled && c.code !== '12345').map((c) => c.code));

/** The mapping of each channel: the push canonical schema, or the pull connector's own mapping. */
export function mapperFor(channelCode: string, pull: ReadonlyMap<string, PullConnector>): Mapper | null {
  if (PUSH_CHANNELS.has(channelCode)) return (raw) => mapPushRecord(JSON.parse(raw.text), 0);
  const connector = pull.get(channelCode);
  return connector ? (raw) => connector.map(raw) : null;
}
