import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { sign } from './signature';

const SECRET = 'c3'.repeat(32);

/**
 * The push intake for the shared conformance suite: the push-api.md sample records and one outside the
 * county, pushed by 问政赣州 (wzgz) as one signed request; each record lands as its JSON text.
 */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_CHANNEL_WZGZ_SECRET: SECRET },
    problems: [
      { env: { MINYI_CHANNEL_WZGZ_SECRET: 'not-a-hex-secret' }, names: ['MINYI_CHANNEL_WZGZ_SECRET'] },
      { env: { MINYI_CHANNEL_WZGZ_SECRET: SECRET, MINYI_CHANNEL_GWY_DC_SECRET: `${SECRET},${SECRET.toUpperCase()}` }, names: ['MINYI_CHANNEL_GWY_DC_SECRET'] },
    ],
  },
  async start() {
    const sample = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-request.json'), 'utf8')) as { records: Array<Record<string, unknown>> };
    const records = [...sample.records, { ...sample.records[0], externalId: 'WZGZ-2024-0305-00999', version: 1, regionCode: '360702' }];
    const body = Buffer.from(JSON.stringify({ records }));
    return {
      channelCode: 'wzgz',
      hubEnv: { MINYI_CHANNEL_WZGZ_SECRET: SECRET },
      async deliver(intakeUrl) {
        // push-api.md §2: the timestamp is the sender's now, within 300 s of the hub's.
        const ts = String(Math.floor(Date.now() / 1000));
        const response = await fetch(`${intakeUrl}/wzgz`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-timestamp': ts, 'x-hub-signature-256': sign(SECRET, ts, body) },
          body,
        });
        const text = await response.text();
        if (response.status !== 202) throw new Error(`intake answered ${response.status}: ${text}`);
        return text;
      },
      sentTexts: () => records.map((r) => JSON.stringify(r)),
      expected: JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[],
      defective: { code: 'OUT_OF_JURISDICTION', externalId: 'WZGZ-2024-0305-00999' },
      personalValues: ['肖文杰', '13870712345', '+8613870712345', '360721199203051813'],
      async stop() {},
    };
  },
};
