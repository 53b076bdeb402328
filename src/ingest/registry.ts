import type { MapResult, RawRecord } from './canonical';

/** How a channel's raw record becomes a canonical record (for ingestion and quarantine replay); ConnectorCatalog.mapperFor gives each channel's. */
export type Mapper = (raw: RawRecord) => MapResult;

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
