import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { Connector12315 } from './client';
import { makeConfig12315 } from './config';
import { SAMPLE_TOKEN, Simulator12315, sampleCases } from './simulator';

const URL_12315 = 'https://open.12315.example.gov.cn/api/v1';

/** 12315 for the shared conformance suite: the §7 sample cases from the simulator, plus one case without a usable caseNo. */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_12315_URL: URL_12315, MINYI_12315_TOKEN: SAMPLE_TOKEN },
    problems: [
      { env: { MINYI_12315_URL: URL_12315 }, names: ['MINYI_12315_TOKEN'] },
      {
        env: { MINYI_12315_URL: 'open.12315', MINYI_12315_TOKEN: SAMPLE_TOKEN, MINYI_12315_PAGE_SIZE: 'ten' },
        names: ['MINYI_12315_URL', 'MINYI_12315_PAGE_SIZE'],
      },
    ],
  },
  async start() {
    const sim = await Simulator12315.start({ frozen: true, ratePerSecond: 1000 });
    const defective = { ...sampleCases()[0], caseNo: 'case-0012', updatedAt: '2024-03-02T11:00:00.000+08:00' };
    sim.setFault({ kind: 'defectiveRecord', record: defective });
    const connector = new Connector12315(makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], pageSize: 100, requestTimeoutMs: 2000 }));
    return {
      channelCode: '12315',
      connector,
      sentTexts: () => [...sim.listCases(), defective].map((c) => JSON.stringify(c)),
      expected: JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[],
      defective: { code: 'INVALID_EXTERNAL_ID', externalId: 'case-0012' }, // kept as the channel sent it
      personalValues: ['刘志强', '13807971234', '360721198507123412', '钟丽华', '15970712345'],
      async stop() {
        connector.close();
        await sim.stop();
      },
    };
  },
};
