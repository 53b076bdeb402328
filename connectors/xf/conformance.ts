import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { ConnectorXf } from './client';
import { makeConfigXf } from './config';
import { SAMPLE_AUTH_CODE, SAMPLE_SYS_CODE, SimulatorXf, letterXml, sampleLetters } from './simulator';

const URL_XF = 'https://xf.example.gov.cn/xfjk/services/XfDataExchange';

/** 信访 for the shared conformance suite: the §9 sample letters, plus one whose BBH is not a number. */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_XF_URL: URL_XF, MINYI_XF_SYS_CODE: SAMPLE_SYS_CODE, MINYI_XF_AUTH_CODE: SAMPLE_AUTH_CODE },
    problems: [
      { env: { MINYI_XF_URL: URL_XF, MINYI_XF_SYS_CODE: SAMPLE_SYS_CODE }, names: ['MINYI_XF_AUTH_CODE'] },
      {
        env: { MINYI_XF_URL: URL_XF, MINYI_XF_SYS_CODE: 'GX 12345', MINYI_XF_AUTH_CODE: SAMPLE_AUTH_CODE, MINYI_XF_PAGE_SIZE: '101' },
        names: ['MINYI_XF_SYS_CODE', 'MINYI_XF_PAGE_SIZE'],
      },
    ],
  },
  async start() {
    const sim = await SimulatorXf.start({ frozen: true, ratePerSecond: 1000 });
    sim.addLetter({ ...sampleLetters()[1], XFJBH: '36070424030700101', GXSJ: '20240307162640', BBH: 'x' });
    const connector = new ConnectorXf(
      makeConfigXf({ url: sim.url, sysCode: SAMPLE_SYS_CODE, authCode: SAMPLE_AUTH_CODE, pageSize: 50, requestTimeoutMs: 2000 }),
      {
        now: () => sim.now(),
        minRequestIntervalMs: 0,
      },
    );
    return {
      channelCode: 'xf',
      connector,
      sentTexts: () => sim.listLetters().map(letterXml),
      expected: JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[],
      defective: { code: 'INVALID_VERSION', externalId: '36070424030700101' },
      personalValues: ['钟国华', '刘晓梅', '360721196708233010', '13607971288', '0797-4331256', '4331256', '洋塘村下屋组', '江西省赣州市赣县区茅店镇洋塘村'],
      async stop() {
        connector.close();
        await sim.stop();
      },
    };
  },
};
