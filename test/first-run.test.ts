import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMinyi } from './support/cli';
import { createEmptyDatabase } from './support/database';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { writeReferenceWorkbook } from './support/workbook';

/**
 * Issue 12's production first run, as a county IT team would do it: an empty database, the hub
 * started as `node dist/src/main.js` with NODE_ENV=production and no demo, the first administrator
 * created with the CLI (password on standard input), the county's own workbook imported, people
 * created and signed in over GraphQL, and an order created and dispatched to a department that
 * exists only in that workbook, as its imported 职责清单 rule suggests.
 */
describe('production first run', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let hub: HubProcess;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'minyi-first-run-'));

  beforeAll(async () => {
    db = await createEmptyDatabase('minyi_first_run');
    env = { DATABASE_URL: db.url, MINYI_DATA_KEY: randomBytes(32).toString('hex'), MINYI_DATA_DIR: join(dir, 'data'), NODE_ENV: 'production' };
    hub = await startHubProcess(env);
  });
  afterAll(async () => {
    await hub?.stop();
    await db?.drop();
  });

  const gql = async (token: string | null, query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
    if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const login = async (username: string, password: string) =>
    (await gql(null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token viewer { role } } }', { u: username, p: password })).login
      .token as string;

  const countyWorkbook = () =>
    writeReferenceWorkbook(join(dir, 'county.xlsx'), {
      部门: [
        ['FRSWJ', '首府县水务局', '区直部门', '', '369900', '刘联络', '办公室主任', '0797-7654321', '孙分管', '副局长', '13700000000'],
        ['FRZFJ', '首府县住建局', '区直部门', '', '369900', '周联络', '办公室主任', '0797-7654322', '吴分管', '副局长', '13700000001'],
      ],
      类别: [
        ['41', '城乡供水', ''],
        ['4101', '停水断水', '41'],
      ],
      职责清单: [['4101', '369900101000', 'FRSWJ', 'FRZFJ', '基本生活保障（24小时）', '三定方案：城乡供水']],
      区划: [
        ['369900', '首府县', '区县', ''],
        ['369900101000', '清泉镇', '乡镇', '369900'],
      ],
    });

  it('empty database → admin → workbook → people sign in → an order dispatched by an imported 职责清单 rule', async () => {
    // 1. The first administrator, from the CLI beside the running hub; the password only on stdin.
    const adminPassword = 'first-admin-只在标准输入';
    const created = await runMinyi(['user', 'create', '--username', 'it.admin', '--name', '信息科管理员', '--role', 'ADMIN', '--password-stdin'], env, {
      input: `${adminPassword}\n`,
    });
    expect(created.code).toBe(0);
    expect(created.stdout + created.stderr).not.toContain(adminPassword);

    // 2. The county's own reference data.
    const imported = await runMinyi(['reference', 'import', await countyWorkbook()], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    // 3. The administrator signs in and creates the people.
    const admin = await login('it.admin', adminPassword);
    const people = [
      { username: 'op.li', displayName: '李话务', role: 'OPERATOR', password: 'operator-password-1' },
      { username: 'sw.zhang', displayName: '张经办', role: 'HANDLER', departmentCode: 'FRSWJ', password: 'handler-password-1' },
    ];
    for (const person of people) await gql(admin, 'mutation($i: CreateUserInput!) { createUser(input: $i) { username } }', { i: person });

    // 4. The operator signs in, takes a call, and dispatches it as the imported rule suggests.
    const operator = await login('op.li', 'operator-password-1');
    const order = (
      await gql(operator, 'mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { id version timeLimitClass } }', {
        i: {
          requestType: 'HELP',
          title: '清泉镇停水',
          content: '清泉镇街上从昨晚停水到现在，没有通知。',
          regionCode: '369900101000',
          categoryCode: '4101',
          citizen: { name: '陈某', phone: '13907970001' },
        },
      })
    ).createWorkOrder;
    expect(order.timeLimitClass).toBe('BASIC_LIVING');
    const suggestions = (await gql(operator, 'query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank role department { code } } }', { id: order.id }))
      .dispatchSuggestions;
    expect(suggestions[0]).toEqual({ rank: 1, role: 'LEAD', department: { code: 'FRSWJ' } });
    expect(suggestions.map((s: { department: { code: string } }) => s.department.code)).toContain('FRZFJ');
    const dispatched = (
      await gql(operator, 'mutation($i: DispatchWorkOrderInput!) { dispatchWorkOrder(input: $i) { status leadDepartment { code } } }', {
        i: { workOrderId: order.id, version: order.version, leadDepartmentCode: 'FRSWJ', coDepartmentCodes: ['FRZFJ'] },
      })
    ).dispatchWorkOrder;
    expect(dispatched).toEqual({ status: 'DISPATCHED', leadDepartment: { code: 'FRSWJ' } });

    // 5. The imported department's handler signs in and finds it; the timeline names the person who acted.
    const handler = await login('sw.zhang', 'handler-password-1');
    const seen = (await gql(handler, 'query($id: ID) { workOrder(id: $id) { status timeline { type actorName } } }', { id: order.id })).workOrder;
    expect(seen.status).toBe('DISPATCHED');
    expect(seen.timeline.map((e: { actorName: string | null }) => e.actorName)).toContain('李话务');
  });
});
