import type { RequestType, Urgency } from '../work-orders/enums';

/**
 * The hub's canonical record: what every connector's mapping produces from a channel record
 * (channels README "Request-type mapping" and "Other field mapping"). The ingestion runtime
 * lands the raw record, then upserts the work order from this.
 */
export interface CanonicalRecord {
  /** The record's id in the origin system (caseNo, ticket_id, 工单号, tid, XFJBH, externalId). */
  externalId: string;
  /** The version as the origin states it (updatedAt, modified_ms, BBH …), verbatim. */
  version: string;
  /** A number that orders versions of one externalId (epoch ms of updatedAt, modified_ms, BBH, re-issue …). */
  versionOrder: number;
  requestType: RequestType;
  title: string;
  content: string;
  citizen?: {
    name?: string | null;
    /** Normalised (12333 §4.2) when it normalises; else raw with a warning. */
    phone?: string | null;
    idNumber?: string | null;
    address?: string | null;
    anonymous?: boolean;
  } | null;
  /** Incident address (where it happened). */
  address?: string | null;
  /** Township code, or 360704 when it cannot be resolved (with a warning). */
  regionCode: string;
  receivedAt: Date;
  urgency: Urgency;
  /** The channel's own category text, verbatim (mapped through category_mapping). */
  categoryHint?: string | null;
  /** The channel's own status, verbatim. */
  channelStatus?: string | null;
  /** Text only the petition bureau may read (信访 XFNR): stored field-encrypted, never in `content`. */
  restrictedContent?: string | null;
  /** Deadlines carried by the record itself (信访 SLQX/BLQX): they win over policy. */
  deadlines?: { acceptBy?: Date | null; handleBy?: Date | null };
  /** Defects that did not prevent mapping: the field, a stable code, a message (never a personal value). */
  warnings: MappingWarning[];
}

export interface MappingWarning {
  field: string;
  code: string;
  message: string;
}

/**
 * Why a record cannot be mapped: the pull channels' quarantine reasons (channels README "Defective
 * records from pull channels"), and the push intake's per-record rejection codes (push-api.md §6).
 */
export type QuarantineCode =
  | 'UNPARSEABLE'
  | 'INVALID_EXTERNAL_ID'
  | 'INVALID_VERSION'
  | 'SCHEMA_VIOLATION'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_REGION_CODE'
  | 'OUT_OF_JURISDICTION'
  | 'INVALID_TIME'
  | 'VERSION_MODE_MISMATCH'
  /** The record was mapped but failed while being applied (a defect the mapping did not catch): kept raw for review and replay. */
  | 'INTERNAL_RECORD_ERROR';

export type MapResult =
  | { ok: true; record: CanonicalRecord }
  | { ok: false; code: QuarantineCode; message: string; externalId?: string | null; version?: string | null };

/** One record as received: its exact text, before any parsing by the runtime. */
export interface RawRecord {
  /** The record's exact text (a JSON object's source, an XML element, a CSV row). */
  text: string;
  /** Best-effort identity read without trusting the record (may be null for garbage). */
  externalId?: string | null;
  version?: string | null;
  /**
   * The transport found the record unusable before any mapping (a 12328 file failing its
   * integrity checks): the runtime quarantines it with this reason instead of calling map().
   */
  rejected?: { code: QuarantineCode; message: string };
}
