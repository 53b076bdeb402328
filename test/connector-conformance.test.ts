import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { CONNECTORS } from '../connectors';
import type { CanonicalJson, ConformanceRun, ConnectorConformance } from '../connectors/shared/conformance';
import type { ConnectorDefinition } from '../src/ingest/connector-definition';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The shared connector conformance suite: every definition in the connector list (connectors/index.ts)
 * against its own fixture (connectors/<code>/conformance.ts) — configuration problems, a sample page
 * landed raw as its exact text, the expected records as work orders, a defective record quarantined
 * with its stable code while the others land, and no personal value in any log line or message.
 * A connector added to the list without a fixture fails here. Each connector keeps its spec's own
 * tests (paging, auth, faults, write-back) in its folder.
 */

function fixtureOf(definition: ConnectorDefinition): ConnectorConformance | null {
  const file = join(__dirname, '..', 'connectors', definition.manifest.code, 'conformance.ts');
  return existsSync(file) ? (require(file) as { conformance: ConnectorConformance }).conformance : null;
}

/** What configures nothing: no connector, or no secret. */
const nothing = (configured: unknown) => configured === null || configured === undefined || (configured instanceof Map && configured.size === 0);

/** A canonical record as JSON (Dates → ISO text), without the fields that are the hub's read time. */
const comparable = (record: unknown, readTimeFields: readonly string[] = []) => {
  const json = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  for (const field of readTimeFields) delete json[field];
  return json;
};

interface StoredRecord {
  external_id: string | null;
  version_key: string | null;
  status: string;
  reason_code: string | null;
  reason_message: string | null;
  warnings: unknown;
  payload_enc: string;
  text: string;
}

describe.each(CONNECTORS.map((definition) => [definition.manifest.code, definition] as const))('connector %s conformance', (code, definition) => {
  const fixture = fixtureOf(definition);

  it('has a conformance fixture (connectors/<code>/conformance.ts)', () => {
    expect(fixture).not.toBeNull();
  });
  if (!fixture) return;
  // A definition's configuration from the environment: its pull connector, or its push intake's secrets.
  const read = (env: NodeJS.ProcessEnv): unknown => (definition.fromEnv ? definition.fromEnv(env) : (definition.intake?.secrets(env) ?? null));

  describe('configuration', () => {
    it('configures nothing without its variables, and is configured by a valid environment', () => {
      expect(nothing(read({}))).toBe(true);
      const configured = read(fixture.config.valid) as { manifest?: { code: string }; close?: () => void } | Map<string, string[]>;
      expect(nothing(configured)).toBe(false);
      if (!(configured instanceof Map)) {
        expect(configured.manifest?.code).toBe(code);
        configured.close?.();
      }
    });

    it.each(fixture.config.problems.map((p) => [p.names.join(', '), p] as const))(
      'a problem with %s is reported naming the variable; nothing is configured',
      (_names, problem) => {
        let configured: unknown;
        let error: unknown;
        try {
          configured = read(problem.env);
        } catch (e) {
          error = e;
        }
        expect(configured).toBeUndefined();
        expect(error).toBeInstanceOf(Error);
        // A problem report, not a crash of the reading code.
        for (const crash of [TypeError, RangeError, ReferenceError, SyntaxError]) expect(error).not.toBeInstanceOf(crash);
        for (const name of problem.names) expect((error as Error).message).toContain(name);
      },
    );
  });

  describe('a sample page with one defective record, through the runtime', () => {
    let run: ConformanceRun;
    let t: TestHub;
    let stored: StoredRecord[];
    let sync: { status: string; created: number; quarantined: number; errors: string[]; notices: string[] } | null = null;
    const logs: string[] = [];
    /** Every answer, error and notice the run produced (the sync run, the intake's answer). */
    const messages: string[] = [];

    beforeAll(async () => {
      run = await fixture.start();
      const sink = new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) });
      // The hub reads push secrets from the process environment at start.
      const saved = Object.fromEntries(Object.keys(run.hubEnv ?? {}).map((k) => [k, process.env[k]]));
      Object.assign(process.env, run.hubEnv);
      try {
        t = await startTestHub({
          pullConnectors: run.connector ? new Map([[code, run.connector]]) : undefined,
          logger: pino({ level: 'trace' }, sink),
          env: { LOG_LEVEL: 'trace', ...run.hubEnv },
        });
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      if (run.connector) {
        const result = await t.gql(t.tokens.OPERATOR, `mutation { syncChannel(code: "${code}") { status created quarantined errors notices } }`);
        messages.push(JSON.stringify(result));
        sync = result.data?.syncChannel ?? null;
      } else {
        messages.push(await run.deliver!(t.hub.url.replace(/\/graphql$/, '/intake')));
      }
      const rows: Array<Omit<StoredRecord, 'text'>> = await t.em().execute(
        `select r.external_id, r.version_key, r.status, r.reason_code, r.reason_message, r.warnings, r.payload_enc
           from channel_record r join channel c on c.id = r.channel_id where c.code = ? order by r.id`,
        [run.channelCode],
      );
      stored = rows.map((r) => ({ ...r, text: t.hub.services.cipher.decrypt(r.payload_enc)! }));
    });
    afterAll(async () => {
      await t?.close();
      await run?.stop();
    });

    it('is served by this definition', () => {
      expect(definition.channelCodes ?? [code]).toContain(run.channelCode);
      if (run.connector) expect(sync).toMatchObject({ status: 'SUCCEEDED', created: run.expected.length, quarantined: 1, errors: [] });
    });

    it('stores every record raw, exactly as sent, encrypted', () => {
      expect(stored.map((r) => r.text).sort()).toEqual(run.sentTexts().sort());
      for (const value of run.personalValues) expect(stored.filter((r) => r.payload_enc.includes(value))).toEqual([]);
    });

    it('lands the expected records as work orders', async () => {
      const mapped = stored.filter((r) => r.status === 'MAPPED');
      expect(mapped.map((r) => r.external_id).sort()).toEqual(run.expected.map((r) => r.externalId).sort());
      // What the raw text maps to is the expected canonical record.
      const byId = new Map(mapped.map((r) => [r.external_id, r]));
      for (const expected of run.expected) {
        const row = byId.get(expected.externalId)!;
        const result = definition.map({ text: row.text, externalId: row.external_id, version: row.version_key });
        expect(result.ok && comparable(result.record, run.readTimeFields)).toEqual(comparable(expected, run.readTimeFields));
      }
      // And the work orders carry it.
      const orders: Array<Record<string, unknown>> = await t.em().execute(
        `select c.code as channel, s.external_id, s.channel_status, s.category_hint, wo.request_type, wo.urgency, wo.title, wo.received_at, r.code as region_code
           from work_order_source s join work_order wo on wo.id = s.work_order_id join channel c on c.id = s.channel_id join region r on r.id = wo.region_id
          where c.code = ? order by s.external_id`,
        [run.channelCode],
      );
      const want = (r: CanonicalJson) => ({
        channel: run.channelCode,
        external_id: r.externalId,
        channel_status: r.channelStatus ?? null,
        category_hint: r.categoryHint ?? null,
        request_type: r.requestType,
        urgency: r.urgency,
        title: r.title,
        received_at: r.receivedAt,
        region_code: r.regionCode,
      });
      expect(orders.map((o) => ({ ...o, received_at: new Date(o.received_at as string).toISOString() }))).toEqual(
        [...run.expected].sort((a, b) => (a.externalId < b.externalId ? -1 : 1)).map(want),
      );
    });

    it('quarantines the defective record with its stable code; the others of the page land', () => {
      const quarantined = stored.filter((r) => r.status === 'QUARANTINED');
      expect(quarantined).toEqual([
        expect.objectContaining({ reason_code: run.defective.code, external_id: run.defective.externalId, reason_message: expect.any(String) }),
      ]);
      expect(stored.filter((r) => r.status === 'MAPPED')).toHaveLength(run.expected.length);
      expect(stored).toHaveLength(run.expected.length + 1);
    });

    it('puts no personal value of the page in any log line, error, warning or quarantine message', () => {
      // The values are really in the page (or what it maps to), and the log was captured.
      const page = [...stored.map((r) => r.text), JSON.stringify(run.expected)].join('\n');
      for (const value of run.personalValues) expect(page).toContain(value);
      expect(logs.length).toBeGreaterThan(0);
      const texts = [...logs, ...messages, ...stored.map((r) => `${r.reason_message ?? ''} ${JSON.stringify(r.warnings)}`)];
      for (const value of run.personalValues) expect(texts.filter((text) => text.includes(value))).toEqual([]);
    });
  });
});
