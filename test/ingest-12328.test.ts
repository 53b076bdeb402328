import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connector12328 } from '../connectors/12328/client';
import { makeConfig12328 } from '../connectors/12328/config';
import { Simulator12328 } from '../connectors/12328/simulator';
import { startTestHub, type TestHub } from './support/hub';

/** 12328 end to end: daily files in the drop folder and `minyi import`, through the runtime, into work orders. */
describe('12328 files through the ingestion runtime', () => {
  const key = randomBytes(32).toString('hex');
  const CONNECTOR_NOW = new Date('2024-03-10T12:00:00+08:00');
  const drop = mkdtempSync(join(tmpdir(), 'minyi-12328-drop-'));
  let sim: Simulator12328;
  let t: TestHub;
  const SYNC = `mutation { syncChannel(code: "12328") { status pages created updated unchanged superseded quarantined errors notices } }`;
  const orderOf = async (id: string) =>
    (
      await t.em().execute(
        `select wo.id, wo.status, s.channel_status, s.external_version from work_order_source s join work_order wo on wo.id = s.work_order_id
          join channel c on c.id = s.channel_id where c.code = '12328' and s.external_id = ?`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    sim = new Simulator12328(drop);
    t = await startTestHub({
      env: { MINYI_DATA_KEY: key },
      // A fixed clock for the connector (file stability, the 10:00 missing-file check): 2024-03-10 12:00
      // Asia/Shanghai, after every simulated file's mtime, and yesterday's (03-09) file never comes.
      pullConnectors: new Map([['12328', new Connector12328(makeConfig12328({ dropDir: drop, stableSeconds: 60 }), { now: () => CONNECTOR_NOW })]]),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the sample days in (date, N) order: new orders, then the later status as an update', async () => {
    sim.seedSamples();
    await sim.writeSampleFiles();
    const run = await t.gql(t.tokens.OPERATOR, SYNC);
    expect(run.errors).toBeUndefined();
    expect(run.data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: 4, updated: 1, quarantined: 0 });
    // After 10:00 on the connector's clock yesterday's file is missing, a delivery fault (§1), reported on the run.
    expect(run.data.syncChannel.notices).toEqual([expect.stringMatching(/^no file for business date 20240309 by 10:00/)]);
    expect(await orderOf('20240301000015')).toMatchObject({ status: 'RECEIVED', channel_status: '已办结', external_version: '20240302_0' });
    // Polling again finds nothing new (the files were archived after their commit).
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: 0 });
  });

  it('acts on 12328 statuses: 已作废 cancels the order, 已办结 → 处理中 alerts operators', async () => {
    sim.setClock(new Date('2024-03-04T08:00:00+08:00'));
    sim.setStatus('20240301000031', '已作废', '20240303');
    sim.setStatus('20240301000015', '处理中', '20240303');
    await sim.writeDay('20240303');
    expect((await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel).toMatchObject({ status: 'SUCCEEDED', updated: 2 });
    expect(await orderOf('20240301000031')).toMatchObject({ status: 'TERMINATED', channel_status: '已作废' });
    expect(await orderOf('20240301000015')).toMatchObject({ status: 'RECEIVED', channel_status: '处理中' });
    const [alert] = await t.em().execute(`select type, message from alert where work_order_id = ?`, [(await orderOf('20240301000015')).id]);
    expect(alert).toMatchObject({ type: 'ORIGIN_REOPENED', message: expect.stringContaining('12328') });
  });

  it('a late re-issue of an older date never overwrites newer state', async () => {
    sim.setStatus('20240302000008', '处理中', '20240302');
    await sim.writeDay('20240302', { n: 1, only: ['20240302000008', '20240301000015'] });
    const run = (await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel;
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    // 20240301000015 already carries 20240303_0: the 20240302_1 row is kept raw, not applied.
    expect(await orderOf('20240301000015')).toMatchObject({ channel_status: '处理中', external_version: '20240303_0' });
    expect(await orderOf('20240302000008')).toMatchObject({ channel_status: '处理中', external_version: '20240302_1' });
  });

  it('`npm run minyi -- import 12328 FILE` imports a file with a progress bar; the drop folder then treats it as done', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'minyi-12328-import-'));
    chmodSync(elsewhere, 0o755);
    const other = new Simulator12328(elsewhere, { clock: new Date('2024-03-06T08:00:00+08:00') });
    for (let i = 1; i <= 1500; i++) {
      other.addOrder(
        {
          工单号: `20240305${String(i).padStart(6, '0')}`,
          受理时间: '2024/3/5 9:30',
          诉求类别: '公交',
          事发地点: '赣县区梅林镇',
          诉求内容: `公交车不按站停靠（第${i}件）`,
          紧急程度: '一般',
          处理状态: '待处理',
        },
        '20240305',
      );
    }
    const file = await other.writeDay('20240305');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js'), 'import', '12328', file.path], {
        env: { PATH: process.env.PATH, DATABASE_URL: t.hub.database.url, MINYI_DATA_KEY: key, LOG_LEVEL: 'silent' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'SUCCEEDED', created: 1500, quarantined: 0 });
    expect(result.stderr).toMatch(/导入 importing \[#+\] 100% 1500\/1500/);
    // The same file dropped later is recognised as processed: nothing is created twice.
    await sim.writeRaw(file.name, file.bytes, new Date('2024-03-06T08:00:00+08:00'));
    const run = (await t.gql(t.tokens.OPERATOR, SYNC)).data.syncChannel;
    expect(run.created).toBe(0);
    const [{ n }] = await t.em().execute(`select count(*)::int as n from work_order_source s join channel c on c.id = s.channel_id where c.code = '12328'`);
    expect(n).toBe(1504);
  });
});
