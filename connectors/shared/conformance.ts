import type { QuarantineCode } from '../../src/ingest/canonical';
import type { ConfiguredConnector } from '../../src/ingest/connector-definition';

/**
 * What one connector gives the shared conformance suite (test/connector-conformance.test.ts), from
 * `connectors/<code>/conformance.ts`: the suite runs it for every definition in the connector list,
 * and a definition without one fails the suite. Test support only: nothing here runs in the hub.
 */
export interface ConnectorConformance {
  config: {
    /** An environment that configures the connector (pull: `fromEnv`; push: the intake's `secrets`). */
    valid: NodeJS.ProcessEnv;
    /** Environments with problems, each with the variables its problem report must name. */
    problems: ReadonlyArray<{ env: NodeJS.ProcessEnv; names: readonly string[] }>;
  };
  /** Starts the channel's side (its simulator) with a sample page that holds one defective record. */
  start(): Promise<ConformanceRun>;
}

export interface ConformanceRun {
  /** The channel the page lands in (a push definition serves several). */
  channelCode: string;
  /** Pull: the connector to sync, configured against the simulator (on its clock). */
  connector?: ConfiguredConnector;
  /** Push: sends the page to the hub's intake (`…/intake`); returns the answer's body text. */
  deliver?(intakeUrl: string): Promise<string>;
  /** Environment the hub needs for this channel (the push channel's secret). */
  hubEnv?: Record<string, string>;
  /** Each record of the page exactly as the channel sent it: what the raw store must hold. */
  sentTexts(): string[];
  /** The page's good records as canonical records (fixtures/expected-records.json form: dates as ISO text). */
  expected: readonly CanonicalJson[];
  /** Canonical fields that are the hub's read time rather than the record's (the board's version): not compared. */
  readTimeFields?: readonly string[];
  /** The defective record: its stable quarantine code, and the external id stored with it (null: unreadable). */
  defective: { code: QuarantineCode; externalId: string | null };
  /** Personal values present in the page (names, phones, ID numbers): never in a log line or message. */
  personalValues: readonly string[];
  stop(): Promise<void>;
}

export type CanonicalJson = Record<string, unknown> & { externalId: string };
