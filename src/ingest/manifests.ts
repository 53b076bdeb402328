import { manifest as manifest12315 } from '../../connectors/12315/manifest';
import { mapCase } from '../../connectors/12315/mapping';
import { manifest as manifest12328 } from '../../connectors/12328/manifest';
import { map12328 } from '../../connectors/12328/mapping';
import { manifest as manifest12333 } from '../../connectors/12333/manifest';
import { mapTicket } from '../../connectors/12333/mapping';
import { manifest as manifestBoard } from '../../connectors/board/manifest';
import { mapThread } from '../../connectors/board/mapping';
import { manifest as manifestXf } from '../../connectors/xf/manifest';
import { mapLetter } from '../../connectors/xf/mapping';
import type { MapResult, RawRecord } from './canonical';
import type { ConnectorManifest, OriginStatusRules } from './connector';

/**
 * Every pull connector by channel code: its manifest and its mapping (pure: no configuration
 * needed), so a quarantined record can be replayed and origin statuses acted on by any instance,
 * whether or not it pulls that channel.
 */
export const CONNECTORS: ReadonlyMap<string, { manifest: ConnectorManifest; map: (raw: RawRecord) => MapResult }> = new Map(
  [
    { manifest: manifest12315, map: mapCase },
    { manifest: manifest12333, map: mapTicket },
    { manifest: manifest12328, map: map12328 },
    { manifest: manifestBoard, map: mapThread },
    { manifest: manifestXf, map: mapLetter },
  ].map((c) => [c.manifest.code, c]),
);

/** The channel's row of "Origin status → hub action"; none for push channels (informational only). */
export function originRulesFor(channelCode: string): OriginStatusRules | undefined {
  return CONNECTORS.get(channelCode)?.manifest.originStatus;
}
