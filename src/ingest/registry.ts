import type { MapResult, RawRecord } from './canonical';
import { CONNECTORS } from './manifests';
import { mapPushRecord } from '../../connectors/push/mapping';
import { PUSH_CHANNEL_CODES } from '../reference/channels';

/** How a channel's raw record becomes a canonical record (for ingestion and quarantine replay). */
export type Mapper = (raw: RawRecord) => MapResult;

const PUSH_CHANNELS = new Set(PUSH_CHANNEL_CODES);

/** The mapping of each channel: the push canonical schema, or the pull connector's own mapping. */
export function mapperFor(channelCode: string): Mapper | null {
  if (PUSH_CHANNELS.has(channelCode)) return (raw) => mapPushRecord(JSON.parse(raw.text), 0);
  return CONNECTORS.get(channelCode)?.map ?? null;
}

/**
 * The runtime's one way to map a raw record: a record the transport already rejected is
 * quarantined with its reason, and a mapping that throws quarantines the record instead of
 * stopping the run.
 */
export function mapSafely(map: Mapper, raw: RawRecord): MapResult {
  if (raw.rejected) return { ok: false, code: raw.rejected.code, message: raw.rejected.message, externalId: raw.externalId ?? null };
  try {
    return map(raw);
  } catch {
    return { ok: false, code: 'UNPARSEABLE', message: 'the record could not be read (mapping failed)', externalId: raw.externalId ?? null };
  }
}
