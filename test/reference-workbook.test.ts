import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import pino from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createToken } from '../src/auth/tokens';
import { Role } from '../src/auth/roles';
import { loadConfig } from '../src/config/config';
import { startHub, type Hub } from '../src/hub';
import { createTestDatabase } from './support/database';
import { startTestHub, type TestHub } from './support/hub';
import { writeReferenceWorkbook } from './support/workbook';

/** `npm run minyi -- reference export|import` (issue 12), spawned as the built CLI. */

const SHEETS = ['部门', '类别', '职责清单', '渠道类别映射', '区划'];
const dir = mkdtempSync(join(tmpdir(), 'minyi-reference-'));

function cli(databaseUrl: string, dataKey: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js'), 'reference', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, MINYI_DATA_KEY: dataKey, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function summaryOf(stdout: string): Record<string, { added: number; changed: number; deactivated: number }> {
  const line = stdout.trim().split('\n').pop()!;
  return JSON.parse(line).summary.tables;
}

async function auditCount(em: EntityManager): Promise<number> {
  return (await em.execute(`select count(*)::int as n from reference_audit`))[0].n;
}

/** Copies a workbook's cell texts into a new one; `edit` gets a sheet's rows (heading first) and returns the new rows. */
async function editWorkbook(from: string, to: string, edits: Record<string, (rows: string[][]) => string[][]>): Promise<void> {
  const source = new Workbook();
  await source.xlsx.readFile(from);
  const target = new Workbook();
  for (const sheet of source.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    const copy = target.addWorksheet(sheet.name);
    for (const cells of (edits[sheet.name] ?? ((r) => r))(rows)) copy.addRow(cells);
  }
  await target.xlsx.writeFile(to);
}

describe('reference workbook on the demo county', () => {
  let t: TestHub;
  let run: (args: string[]) => ReturnType<typeof cli>;
  const exported = join(dir, 'county.xlsx');

  beforeAll(async () => {
    t = await startTestHub();
    run = (args) => cli(t.hub.database.url, t.hub.services.config.dataKey!.toString('hex'), args);
  });
  afterAll(() => t.close());

  it('exports one sheet per table with Chinese headings, and importing it back changes nothing', async () => {
    const exportRun = await run(['export', '--out', exported]);
    expect(exportRun.stderr).toBe('');
    expect(exportRun.code).toBe(0);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(exported);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    expect((workbook.getWorksheet('部门')!.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      '单位代码',
      '单位名称',
      '单位类型',
      '上级单位代码',
      '所在区划代码',
    ]);
    const [{ n: departments }] = await t.em().execute(`select count(*)::int as n from department where active`);
    expect(workbook.getWorksheet('部门')!.actualRowCount).toBe(departments + 1);
    expect(workbook.getWorksheet('职责清单')!.actualRowCount).toBeGreaterThan(100);

    const [{ n: events }] = await t.em().execute(`select count(*)::int as n from event_log where topic = 'minyi_reference_changed'`);
    const importRun = await run(['import', exported]);
    expect(importRun.stderr).toBe('');
    expect(importRun.code).toBe(0);
    for (const [, t0] of Object.entries(summaryOf(importRun.stdout))) expect(t0).toEqual({ added: 0, changed: 0, deactivated: 0 });
    expect(Object.keys(summaryOf(importRun.stdout))).toEqual(SHEETS);
    expect(await auditCount(t.em())).toBe(0);
    expect((await t.em().execute(`select count(*)::int as n from event_log where topic = 'minyi_reference_changed'`))[0].n).toBe(events);
  });

  it('reports every problem with sheet, row and column (exit 2) and changes nothing', async () => {
    const broken = join(dir, 'broken.xlsx');
    await editWorkbook(exported, broken, {
      部门: (rows) => [
        ...rows,
        ['NEW_A', '新单位甲', '区直部门', 'NO_SUCH', '360704', '', '', '', '', '', ''], // row: unknown parent code
        ['NEW_B', '新单位乙', '区直部门', '', '360704999000', '', '', '', '', '', ''], // unknown region
        [rows[1][0], '重复代码', '区直部门', '', '360704', '', '', '', '', '', ''], // duplicate code
        ['NEW_C', '', '区直部门', '', '360704', '', '', '', '', '', ''], // missing required cell
      ],
      职责清单: (rows) => rows.map((r, i) => (i === 1 ? [r[0], r[1], r[2], r[3], '很快', r[5]] : r)), // bad time-limit class
    });
    const result = await run(['import', broken]);
    expect(result.code).toBe(2);
    const departmentRows = (await t.em().execute(`select count(*)::int as n from department where active`))[0].n + 1;
    const lines = result.stderr.trim().split('\n');
    const problem = (re: RegExp) => lines.find((l) => re.test(l));
    expect(
      problem(
        new RegExp(
          `^\\[部门\\] 第 ${departmentRows + 1} 行「上级单位代码」（D${departmentRows + 1}）：上级单位代码不存在：NO_SUCH \\| sheet 部门, row ${departmentRows + 1}, column 上级单位代码 \\(D${departmentRows + 1}\\): unknown parent code NO_SUCH$`,
        ),
      ),
    ).toBeDefined();
    expect(
      problem(new RegExp(`^\\[部门\\] 第 ${departmentRows + 2} 行「所在区划代码」.*区划代码不存在：360704999000 \\| .*unknown region code 360704999000`)),
    ).toBeDefined();
    expect(problem(new RegExp(`^\\[部门\\] 第 ${departmentRows + 3} 行「单位代码」.*重复的代码.*duplicate code`))).toBeDefined();
    expect(problem(new RegExp(`^\\[部门\\] 第 ${departmentRows + 4} 行「单位名称」.*必填项.*required cell 单位名称 is empty`))).toBeDefined();
    expect(problem(/^\[职责清单\] 第 2 行「办理时限类别」（E2）：办理时限类别无效：很快 \| .*bad time-limit class "很快"/)).toBeDefined();
    expect(lines[lines.length - 1]).toBe('5 个问题，未做任何修改 | 5 problem(s); nothing was changed');
    expect(await auditCount(t.em())).toBe(0);
    expect(await t.em().execute(`select 1 from department where code like 'NEW\\_%'`)).toHaveLength(0);
  });

  it('applies an edited workbook in one transaction: added, changed, and removed rows deactivated; --dry-run only reports', async () => {
    const edited = join(dir, 'edited.xlsx');
    let removedRule = '';
    await editWorkbook(exported, edited, {
      部门: (rows) => [
        ...rows.map((r) => (r[0] === 'SCJGJ' ? [r[0], '区市场监督管理局（新名）', ...r.slice(2)] : r)),
        ['WBTEST', '工作簿测试单位', '区直部门', '', '360704', '王联络', '科员', '0797-4411111', '', '', ''],
      ],
      职责清单: (rows) => rows.filter((r, i) => (i === 3 ? ((removedRule = `${r[0]}@${r[1]}`), false) : true)),
    });
    const expected = {
      部门: { added: 1, changed: 1, deactivated: 0 },
      类别: { added: 0, changed: 0, deactivated: 0 },
      职责清单: { added: 0, changed: 0, deactivated: 1 },
      渠道类别映射: { added: 0, changed: 0, deactivated: 0 },
      区划: { added: 0, changed: 0, deactivated: 0 },
    };
    const dry = await run(['import', edited, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(summaryOf(dry.stdout)).toEqual(expected);
    expect(await auditCount(t.em())).toBe(0);
    expect(await t.em().execute(`select 1 from department where code = 'WBTEST'`)).toHaveLength(0);

    const real = await run(['import', edited]);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(summaryOf(real.stdout)).toEqual(expected);
    const audit = await t.em().execute(`select actor_label, actor_token_id, table_name, key from reference_audit order by id`);
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor_label: 'cli', actor_token_id: null, table_name: 'department', key: 'WBTEST' },
        { actor_label: 'cli', actor_token_id: null, table_name: 'department', key: 'SCJGJ' },
        { actor_label: 'cli', actor_token_id: null, table_name: 'responsibility_rule', key: removedRule },
      ]),
    );
    expect(audit).toHaveLength(3);
    const [category, region] = removedRule.split('@');
    const [rule] = await t.em().execute(
      `select r.active, r.deactivated_at from responsibility_rule r join category c on c.id = r.category_id left join region g on g.id = r.region_id
        where c.code = ? and coalesce(g.code, '') = ?`,
      [category, region],
    );
    expect(rule.active).toBe(false); // deactivated, not deleted
    expect(rule.deactivated_at).not.toBeNull();
    const [liaison] = await t.em().execute(`select liaisons from department where code = 'WBTEST'`);
    expect(liaison.liaisons).toEqual([{ role: 'LIAISON', name: '王联络', title: '科员', phone: '0797-4411111' }]);
  });
});

describe('a fresh production install (DATABASE_URL, MINYI_DEMO unset): an empty county loaded from a workbook', () => {
  let hub: Hub;
  let close: () => Promise<void>;
  let dataKey: string;
  let url: string;
  let em: () => EntityManager;

  beforeAll(async () => {
    const database = await createTestDatabase();
    url = database.url;
    em = () => database.orm.em.fork() as EntityManager;
    dataKey = randomBytes(32).toString('hex');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      MINYI_DATA_KEY: dataKey,
      MINYI_DATA_DIR: mkdtempSync(join(tmpdir(), 'minyi-test-data-')),
      LOG_LEVEL: 'silent',
      MINYI_ALERT_INTERVAL_SECONDS: '0',
      MINYI_OUTBOX_INTERVAL_SECONDS: '0',
      MINYI_TEXT_ANALYZER_INTERVAL_MS: '0',
      MINYI_RATE_LIMIT_PER_SECOND: '0',
    });
    hub = await startHub(config, { database, logger: pino({ level: 'silent' }), pullConnectors: new Map() });
    close = async () => {
      await hub.stop();
      await database.close();
    };
  });
  afterAll(() => close());

  async function gql(token: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
  }

  it('starts empty and serves; after `reference import` the county’s own department is listed and suggested by its 职责清单', async () => {
    const admin = (await createToken(em(), { role: Role.ADMIN })).token;
    const operator = (await createToken(em(), { role: Role.OPERATOR })).token;
    // No demo data was seeded into the external database.
    expect((await gql(admin, `{ departments { code } regions { code } }`)).data).toEqual({ departments: [], regions: [] });

    const file = await writeReferenceWorkbook(join(dir, 'fresh-county.xlsx'), {
      部门: [['QXSWJ', '某县水务局', '区直部门', '', '361000', '李联络', '办公室主任', '0794-1234567', '赵分管', '副局长', '13800000000']],
      类别: [
        ['31', '水务', ''],
        ['3101', '供水', '31'],
        ['310101', '停水', '3101'],
      ],
      职责清单: [['3101', '361000100000', 'QXSWJ', '', '基本生活保障（24小时）', '三定方案：供水管理']],
      区划: [
        ['361000', '某县', '区县', ''],
        ['361000100000', '某镇', '乡镇', '361000'],
      ],
    });

    const result = await cli(url, dataKey, ['import', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary).toMatchObject({ 部门: { added: 1 }, 类别: { added: 3 }, 职责清单: { added: 1 }, 区划: { added: 2 } });
    expect(summary.渠道.added).toBeGreaterThan(0); // the hub's own channels (12345 …) for a fresh county

    // Every instance drops its reference snapshot when the change event arrives (after the CLI's commit).
    let departments: Array<{ code: string; liaisons: unknown[] }> = [];
    for (let i = 0; i < 50 && !departments.length; i++) {
      departments = (await gql(admin, `{ departments { code liaisons { role name phone } } }`)).data.departments;
      if (!departments.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(departments).toEqual([
      {
        code: 'QXSWJ',
        liaisons: [
          { role: 'LIAISON', name: '李联络', phone: '0794-1234567' },
          { role: 'LEADER', name: '赵分管', phone: '13800000000' },
        ],
      },
    ]);

    const created = await gql(operator, `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { id timeLimitClass } }`, {
      i: {
        requestType: 'HELP',
        title: '小区停水',
        content: '小区从早上开始停水，请尽快处理。',
        regionCode: '361000100000',
        categoryCode: '310101',
        citizen: { name: '王五', phone: '13907971234' },
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createWorkOrder.timeLimitClass).toBe('BASIC_LIVING');
    const suggested = await gql(operator, `query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank role department { code name } } }`, {
      id: created.data.createWorkOrder.id,
    });
    expect(suggested.errors).toBeUndefined();
    expect(suggested.data.dispatchSuggestions).toEqual([{ rank: 1, role: 'LEAD', department: { code: 'QXSWJ', name: '某县水务局' } }]);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
