import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { CanonicalJson, ConnectorConformance } from '../shared/conformance';
import { Connector12328 } from './client';
import { makeConfig12328 } from './config';
import { Simulator12328 } from './simulator';

/**
 * 12328 for the shared conformance suite: the §6 file of 2024-03-01 from the simulator, with one more
 * row whose 工单号 is not 14 digits. Each row lands as the header line + CRLF + its physical text.
 */
export const conformance: ConnectorConformance = {
  config: {
    valid: { MINYI_12328_DROP_DIR: '/srv/sftp/ch12328/inbound/12328' },
    problems: [
      { env: { MINYI_12328_DROP_DIR: 'inbound/12328' }, names: ['MINYI_12328_DROP_DIR'] },
      {
        env: { MINYI_12328_DROP_DIR: '/in/12328', MINYI_12328_ARCHIVE_DIR: 'archive', MINYI_12328_STABLE_SECONDS: 'soon' },
        names: ['MINYI_12328_ARCHIVE_DIR', 'MINYI_12328_STABLE_SECONDS'],
      },
    ],
  },
  async start() {
    const drop = await mkdtemp(join(tmpdir(), 'minyi-12328-conformance-'));
    const sim = new Simulator12328(drop);
    sim.seedSamples();
    const file = await sim.writeDay('20240301', { faults: [{ kind: 'badOrderId' }] });
    sim.advance(61_000); // §1: read once unchanged for 60 s
    const connector = new Connector12328(makeConfig12328({ dropDir: drop, stableSeconds: 60 }), { now: () => sim.now() });
    const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'expected-records.json'), 'utf8')) as CanonicalJson[];
    return {
      channelCode: '12328',
      connector,
      sentTexts: () => {
        // The file's physical rows: each starts with its 工单号 (or the footer's 合计) after a CRLF.
        const [header, ...rows] = iconv.decode(file.bytes, 'gb18030').split(/\r\n(?=(?:[0-9]{14}|ABC|合计),)/);
        return rows.filter((row) => !row.startsWith('合计,')).map((row) => `${header}\r\n${row}`);
      },
      expected: expected.filter((r) => r.version === '20240301_0'),
      defective: { code: 'INVALID_EXTERNAL_ID', externalId: null },
      personalValues: ['王先生', '13767012345', '李女士', '0797-4456789'],
      async stop() {
        await rm(drop, { recursive: true, force: true });
      },
    };
  },
};
