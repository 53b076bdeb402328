import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_TOKEN, sampleCases, Simulator12315 } from '../connectors/12315/simulator';
import { formatShanghaiIso } from '../src/common/time';
import { createTestDatabase } from './support/database';

const CASES = 400;
const MINYI = join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js');

/** A sync process killed with SIGKILL mid-run, then run again, ends with exactly the channel's records. */
describe('crash safety of a pull', () => {
  it('loses nothing and duplicates nothing across a SIGKILL', async () => {
    const sim = await Simulator12315.start({ frozen: true, seed: false, ratePerSecond: 100_000, ratePerDay: 10_000_000 });
    const db = await createTestDatabase({ referenceData: true });
    try {
      const template = sampleCases()[0];
      const base = Date.parse('2024-03-02T00:00:00+08:00');
      for (let i = 0; i < CASES; i++) {
        sim.addCase({ ...template, caseNo: `CRASH${String(i).padStart(8, '0')}`, updatedAt: formatShanghaiIso(new Date(base + i * 1000), { millis: true }) });
      }
      const dataDir = mkdtempSync(join(tmpdir(), 'minyi-crash-'));
      chmodSync(dataDir, 0o755);
      const env = {
        PATH: process.env.PATH!,
        DATABASE_URL: db.url,
        MINYI_DATA_KEY: randomBytes(32).toString('hex'),
        MINYI_DATA_DIR: dataDir,
        MINYI_12315_URL: sim.url,
        MINYI_12315_TOKEN: SAMPLE_TOKEN,
        MINYI_12315_PAGE_SIZE: '2',
        MINYI_12315_START: '2024-03-01T00:00:00+08:00',
      };
      const orders = async () =>
        (
          await db.orm.em
            .fork()
            .execute(
              `select count(*)::int as n, count(distinct s.external_id)::int as d from work_order_source s join channel c on c.id = s.channel_id where c.code = '12315'`,
            )
        )[0] as { n: number; d: number };

      const child = spawn(process.execPath, [MINYI, 'sync', '12315'], { env, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      for (let waited = 0; (await orders()).n < 40 && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const atKill = await orders();
      expect(atKill.n).toBeGreaterThanOrEqual(40);
      expect(atKill.n).toBeLessThan(CASES); // really killed mid-run
      expect(atKill.d).toBe(atKill.n);

      // (Not spawnSync: the simulator runs in this process and must keep answering.)
      const rerun = spawn(process.execPath, [MINYI, 'sync', '12315'], { env });
      let stdout = '';
      rerun.stdout.on('data', (d) => (stdout += d));
      const status = await new Promise<number | null>((resolve) => rerun.on('exit', (code) => resolve(code)));
      expect(status).toBe(0);
      expect(JSON.parse(stdout.slice(stdout.indexOf('{'))).status).toBe('SUCCEEDED');
      expect(await orders()).toEqual({ n: CASES, d: CASES }); // 0 lost, 0 duplicated
      const [records] = await db.orm.em
        .fork()
        .execute(`select count(distinct (external_id, version_key))::int as n from channel_record where status <> 'QUARANTINED'`);
      expect(records.n).toBe(CASES);
    } finally {
      await sim.stop();
      await db.close();
    }
  }, 180_000);
});
