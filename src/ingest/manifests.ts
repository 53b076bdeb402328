import { manifest as manifest12315 } from '../../connectors/12315/manifest';
import { manifest as manifest12333 } from '../../connectors/12333/manifest';
import { manifest as manifestBoard } from '../../connectors/board/manifest';
import type { ConnectorManifest, OriginStatusRules } from './connector';

/** Every connector's manifest by channel code (whether or not this instance pulls it). */
export const CONNECTOR_MANIFESTS: ReadonlyMap<string, ConnectorManifest> = new Map(
  [manifest12315, manifest12333, manifestBoard].map((m) => [m.code, m]),
);

/** The channel's row of "Origin status → hub action"; none for push channels (informational only). */
export function originRulesFor(channelCode: string): OriginStatusRules | undefined {
  return CONNECTOR_MANIFESTS.get(channelCode)?.originStatus;
}
