import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { ConnectorBoard } from './client';
import { makeConfigBoard } from './config';
import { SAMPLE_APP_KEY, SAMPLE_SECRET, SimulatorBoard, sampleThreads } from './simulator';

const URL_BOARD = 'https://liuyan.example.cn/board/v2';

/** The message board for the shared conformance suite: the §8 sample threads, plus one whose tid is not a number. */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_BOARD_URL: URL_BOARD, MINYI_BOARD_APP_KEY: SAMPLE_APP_KEY, MINYI_BOARD_APP_SECRET: SAMPLE_SECRET },
    problems: [
      { env: { MINYI_BOARD_URL: URL_BOARD, MINYI_BOARD_APP_SECRET: SAMPLE_SECRET }, names: ['MINYI_BOARD_APP_KEY'] },
      {
        env: { MINYI_BOARD_URL: URL_BOARD, MINYI_BOARD_APP_KEY: SAMPLE_APP_KEY, MINYI_BOARD_APP_SECRET: 'short secret', MINYI_BOARD_WINDOW_HOURS: '169' },
        names: ['MINYI_BOARD_APP_SECRET', 'MINYI_BOARD_WINDOW_HOURS'],
      },
    ],
  },
  async start() {
    // The board's version is the hub's read time (README "last re-read"): the sample's read time.
    const sim = await SimulatorBoard.start({ clock: '2024-03-03T10:00:00.000+08:00', frozen: true, ratePerSecond: 1000 });
    const defective = { ...sampleThreads()[0], tid: 'T18823999' };
    sim.setFault({ kind: 'defectiveRecord', record: defective });
    const connector = new ConnectorBoard(
      makeConfigBoard({ baseUrl: sim.url, appKey: SAMPLE_APP_KEY, appSecret: SAMPLE_SECRET, pageSize: 50, requestTimeoutMs: 2000 }),
      { now: () => sim.now() },
    );
    return {
      channelCode: 'board',
      connector,
      sentTexts: () => [...sampleThreads().map((t) => sim.getThread(t.tid)), defective].map((t) => JSON.stringify(t)),
      expected: JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[],
      readTimeFields: ['version', 'versionOrder'],
      defective: { code: 'INVALID_EXTERNAL_ID', externalId: null },
      personalValues: ['13979712345'],
      async stop() {
        connector.close();
        await sim.stop();
      },
    };
  },
};
