import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { Connector12333 } from './client';
import { makeConfig12333 } from './config';
import { SAMPLE_KEY, Simulator12333, sampleTickets } from './simulator';

const URL_12333 = 'https://rs12333.example.gov.cn/openapi';

/** 12333 for the shared conformance suite: the §7 sample tickets, plus one whose modified_ms is past the year 9999. */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_12333_URL: URL_12333, MINYI_12333_KEY: SAMPLE_KEY },
    problems: [
      { env: { MINYI_12333_URL: URL_12333 }, names: ['MINYI_12333_KEY'] },
      {
        env: { MINYI_12333_URL: URL_12333, MINYI_12333_KEY: `${SAMPLE_KEY}zz`, MINYI_12333_START: 'yesterday' },
        names: ['MINYI_12333_KEY', 'MINYI_12333_START'],
      },
    ],
  },
  async start() {
    const sim = await Simulator12333.start({ frozen: true, ratePerMinute: 100_000 });
    sim.addTicket({ ...sampleTickets()[1], ticket_id: '20240306000099', modified_ms: 253_402_300_800_000 });
    const connector = new Connector12333(makeConfig12333({ baseUrl: sim.url, apiKey: SAMPLE_KEY, pageSize: 100, requestTimeoutMs: 2000 }), {
      now: () => sim.now(),
    });
    return {
      channelCode: '12333',
      connector,
      sentTexts: () => sim.listTickets().map((t) => JSON.stringify(t)),
      expected: JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[],
      defective: { code: 'INVALID_VERSION', externalId: '20240306000099' },
      personalValues: ['曾庆华', '139-0797-1234', '13907971234', '邱女士', '138 7972 0016', '13879720016', '360721197811020528'],
      async stop() {
        connector.close();
        await sim.stop();
      },
    };
  },
};
