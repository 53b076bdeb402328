import { Role } from '../src/auth/roles';
import { Assignment, Department, PiiAccessLog, WorkOrder } from '../src/entities';
import { AssignmentRole } from '../src/work-orders/enums';
import { localId } from '../src/common/relay';
import { startTestHub, type TestHub } from './support/hub';

const CREATE = `mutation Create($input: CreateWorkOrderInput!) {
  createWorkOrder(input: $input) {
    id code status title requestType urgency timeLimitClass receivedAt dueAt signDueAt version
    channel { code } category { code name } region { code name }
    citizen { name phone idNumber address anonymous masked restricted }
    timeline { type toStatus actorLabel actorRole }
    sources { externalId channel { code } }
  }
}`;

const LIST = `query List($filter: WorkOrderFilter, $first: Int, $after: String, $last: Int, $before: String, $orderBy: WorkOrderOrder) {
  workOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id code } }
    nodes { code title status receivedAt dueAt overdue }
  }
}`;

function input(overrides: Record<string, unknown> = {}) {
  return {
    requestType: 'COMPLAINT',
    categoryCode: '100101',
    title: '梅林镇农贸市场销售过期食品',
    content: '来电人反映梅林镇农贸市场有摊贩销售过期熟食，要求市场监管部门查处。',
    citizen: { name: '张三', phone: '139-0797-1234', idNumber: '11010519491231002X', address: '赣县区梅林镇城东村12号' },
    regionCode: '360704100000',
    address: '梅林镇农贸市场',
    ...overrides,
  };
}

describe('GraphQL API over real HTTP', () => {
  let t: TestHub;
  let operator: string;

  beforeAll(async () => {
    t = await startTestHub();
    operator = t.tokens.OPERATOR;
  });
  afterAll(() => t.close());

  async function create(overrides: Record<string, unknown> = {}, token = operator) {
    const result = await t.gql(token, CREATE, { input: input(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data.createWorkOrder;
  }

  /** Test setup for scope checks: assign an order to a department directly (dispatch is its own issue). */
  async function assign(globalId: string, departmentCode: string) {
    const em = t.em();
    const department = await em.findOneOrFail(Department, { code: departmentCode });
    em.create(Assignment, {
      workOrder: em.getReference(WorkOrder, localId(globalId, 'WorkOrder')),
      department,
      role: AssignmentRole.LEAD,
      assignedAt: new Date(),
    });
    await em.flush();
  }

  describe('deny by default', () => {
    it('refuses anonymous and unknown tokens with UNAUTHENTICATED', async () => {
      for (const token of [null, 'mh_not-a-real-token']) {
        const result = await t.gql(token, '{ workOrders(first: 1) { totalCount } }');
        // Refused before validation or execution: a request error (no data), HTTP 401.
        expect(result.status).toBe(401);
        expect(result.data).toBeUndefined();
        expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
        expect(result.errors![0].message).toMatch(/未认证.*\|.*Not authenticated/);
      }
      const viewer = await t.gql(null, '{ viewer { role } }');
      expect(viewer.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a role the operation does not allow with FORBIDDEN', async () => {
      for (const token of [t.tokens.ANALYST, t.tokens['HANDLER:SCJGJ'], t.tokens['CHANNEL:wzgz']]) {
        const result = await t.gql(token, CREATE, { input: input() });
        expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
      }
    });

    it('tells a caller who it is', async () => {
      const result = await t.gql(t.tokens['HANDLER:SCJGJ'], '{ viewer { role department { code name } permissions } }');
      expect(result.data.viewer.role).toBe('HANDLER');
      expect(result.data.viewer.department.code).toBe('SCJGJ');
      expect(result.data.viewer.permissions).toContain('revealCitizen');
      expect(result.data.viewer.permissions).not.toContain('createWorkOrder');
    });
  });

  describe('12345 intake (createWorkOrder)', () => {
    it('creates an order with a code, time limits from the 职责清单, a source and a timeline', async () => {
      const order = await create({ receivedAt: '2026-11-20T02:00:00.000Z' }); // Friday 10:00 in Asia/Shanghai
      expect(order.code).toMatch(/^GX\d{8}\d{6,}$/);
      expect(order.status).toBe('RECEIVED');
      expect(order.channel.code).toBe('12345');
      expect(order.category.code).toBe('100101');
      expect(order.region.name).toBe('梅林镇');
      expect(order.timeLimitClass).toBe('GENERAL');
      const received = Date.parse(order.receivedAt);
      expect(Date.parse(order.dueAt) - received).toBe(5 * 24 * 3600 * 1000); // 002: 5 natural days
      expect(Date.parse(order.signDueAt) - received).toBe(3600 * 1000); // 002: started within 1 hour
      expect(order.version).toBe(1);
      expect(order.sources).toEqual([{ externalId: order.code, channel: { code: '12345' } }]);
      expect(order.timeline).toEqual([{ type: 'CREATED', toStatus: 'RECEIVED', actorLabel: 'OPERATOR', actorRole: 'OPERATOR' }]);
    });

    it('gives urgent matters the 3-hour clock and 水电气热 the 24-hour clock (002)', async () => {
      const urgent = await create({ urgency: 'URGENT', receivedAt: '2026-11-20T02:00:00.000Z' });
      expect(urgent.timeLimitClass).toBe('URGENT');
      expect(Date.parse(urgent.dueAt) - Date.parse(urgent.receivedAt)).toBe(3 * 3600 * 1000);
      const water = await create({ categoryCode: '070101', title: '停水', content: '小区停水一天，没有通知。', receivedAt: '2026-11-20T02:00:00.000Z' });
      expect(water.timeLimitClass).toBe('BASIC_LIVING');
      expect(Date.parse(water.dueAt) - Date.parse(water.receivedAt)).toBe(24 * 3600 * 1000);
    });

    it('stores personal data encrypted, with lookup hashes, and returns it masked', async () => {
      const order = await create();
      expect(order.citizen).toEqual({
        name: '张*',
        phone: '139****1234',
        idNumber: '1101**********002X',
        address: '赣县区梅林镇****',
        anonymous: false,
        masked: true,
        restricted: false,
      });
      const [row] = await t.em().execute('select * from work_order where code = ?', [order.code]);
      const stored = JSON.stringify(row);
      for (const secret of ['张三', '13907971234', '11010519491231002X', '城东村']) expect(stored).not.toContain(secret);
      expect(row.citizen_phone_hash).toMatch(/^[0-9a-f]{64}$/);
      const [{ n }] = await t.em().execute('select count(*)::int as n from work_order where citizen_phone_hash = ?', [row.citizen_phone_hash]);
      expect(n).toBeGreaterThanOrEqual(2); // the same caller is recognisable without decrypting
    });

    it.each([
      [{ citizen: { name: '李四', idNumber: '110105194912310021' } }, 'citizen.idNumber', /身份证号码无效.*\|.*check digit/],
      [{ citizen: { phone: '12345' } }, 'citizen.phone', /电话号码无效/],
      [{ regionCode: '999999' }, 'regionCode', /区划代码不存在/],
      [{ categoryCode: '99' }, 'categoryCode', /分类代码不存在/],
      [{ title: '   ' }, 'title', /标题/],
      [{ citizen: { anonymous: true, name: '王五' } }, 'citizen', /匿名/],
      [{ receivedAt: new Date(Date.now() + 3600_000).toISOString() }, 'receivedAt', /受理时间/],
    ])('rejects bad input %j with BAD_USER_INPUT naming the field', async (overrides, field, message) => {
      const result = await t.gql(operator, CREATE, { input: input(overrides) });
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions!.field).toBe(field);
      expect(result.errors![0].message).toMatch(message);
      expect(result.errors![0].extensions!.messageEn).toBeTruthy();
    });
  });

  describe('reading work orders', () => {
    let codes: string[];
    beforeAll(async () => {
      const made = [];
      for (let i = 0; i < 7; i++) {
        made.push(
          await create({
            title: `分页测试 ${i}`,
            receivedAt: new Date(Date.UTC(2026, 0, 10 + i, 2)).toISOString(),
            regionCode: i % 2 ? '360704101000' : '360704100000',
            requestType: i % 3 ? 'COMPLAINT' : 'CONSULTATION',
            categoryCode: i < 4 ? '100101' : '110101',
          }),
        );
      }
      codes = made.map((o) => o.code);
    });

    const window = { receivedFrom: '2026-01-01T00:00:00Z', receivedTo: '2026-02-01T00:00:00Z' };

    it('pages forwards and backwards with stable cursors, newest first by default', async () => {
      const page1 = await t.gql(operator, LIST, { filter: window, first: 3 });
      expect(page1.data.workOrders.totalCount).toBe(7);
      expect(page1.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([codes[6], codes[5], codes[4]]);
      expect(page1.data.workOrders.pageInfo.hasNextPage).toBe(true);
      expect(page1.data.workOrders.nodes[0]).toMatchObject({
        receivedAt: '2026-01-16T02:00:00.000Z',
        dueAt: '2026-01-21T02:00:00.000Z',
        overdue: true,
      });
      const page2 = await t.gql(operator, LIST, { filter: window, first: 3, after: page1.data.workOrders.pageInfo.endCursor });
      expect(page2.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([codes[3], codes[2], codes[1]]);
      const page3 = await t.gql(operator, LIST, { filter: window, first: 3, after: page2.data.workOrders.pageInfo.endCursor });
      expect(page3.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([codes[0]]);
      expect(page3.data.workOrders.pageInfo.hasNextPage).toBe(false);
      const back = await t.gql(operator, LIST, { filter: window, last: 2, before: page2.data.workOrders.pageInfo.startCursor });
      expect(back.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([codes[5], codes[4]]);
      expect(back.data.workOrders.pageInfo.hasPreviousPage).toBe(true); // codes[6] is before them
      expect(back.data.workOrders.pageInfo.hasNextPage).toBe(true);
      const asc = await t.gql(operator, LIST, { filter: window, first: 2, orderBy: { field: 'RECEIVED_AT', direction: 'ASC' } });
      expect(asc.data.workOrders.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([codes[0], codes[1]]);
    });

    it('filters by region (a county code includes its townships), category subtree, type and text', async () => {
      const count = async (filter: Record<string, unknown>) =>
        (await t.gql(operator, LIST, { filter: { ...window, ...filter }, first: 1 })).data.workOrders.totalCount;
      expect(await count({ regionCodes: ['360704101000'] })).toBe(3);
      expect(await count({ regionCodes: ['360704'] })).toBe(7);
      expect(await count({ categoryCodes: ['11'] })).toBe(3);
      expect(await count({ categoryCodes: ['10', '11'] })).toBe(7);
      expect(await count({ requestTypes: ['CONSULTATION'] })).toBe(3);
      expect(await count({ text: '分页测试 3' })).toBe(1);
      expect(await count({ text: codes[2] })).toBe(1);
      expect(await count({ text: '100%' })).toBe(0);
      expect(await count({ status: ['RECEIVED'], channelCodes: ['12345'] })).toBe(7);
      expect(await count({ channelCodes: ['12315'] })).toBe(0);
      expect(await count({ overdue: true })).toBe(7); // January deadlines have passed, none finished
    });

    it('caps pages at 100 and refuses first with last', async () => {
      const big = await t.gql(operator, LIST, { first: 101 });
      expect(big.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const both = await t.gql(operator, LIST, { first: 1, last: 1 });
      expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const cursor = await t.gql(operator, LIST, { first: 1, after: 'garbage' });
      expect(cursor.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('finds one order by code, by global id and through node()', async () => {
      const byCode = await t.gql(operator, 'query($c: String) { workOrder(code: $c) { id code } }', { c: codes[0] });
      const id = byCode.data.workOrder.id;
      const byId = await t.gql(operator, 'query($id: ID) { workOrder(id: $id) { code } }', { id });
      expect(byId.data.workOrder.code).toBe(codes[0]);
      const node = await t.gql(operator, 'query($id: ID!) { node(id: $id) { id ... on WorkOrder { code } } }', { id });
      expect(node.data.node).toEqual({ id, code: codes[0] });
    });
  });

  describe('row scope: departments see only their own work', () => {
    let mine: { id: string; code: string };
    let subUnit: { id: string; code: string };
    let other: { id: string; code: string };

    beforeAll(async () => {
      mine = await create({ title: '市场监管局的工单' });
      subUnit = await create({ title: '梅林市场监管所的工单' });
      other = await create({ title: '人社局的工单', categoryCode: '010101' });
      await assign(mine.id, 'SCJGJ');
      const [sub] = await t
        .em()
        .execute(`select code from department where parent_id = (select id from department where code = 'SCJGJ') order by code limit 1`);
      await assign(subUnit.id, sub.code);
      await assign(other.id, 'RSJ');
    });

    it('a handler lists orders assigned to its department and its sub-units, nothing else', async () => {
      const result = await t.gql(t.tokens['HANDLER:SCJGJ'], LIST, { first: 100 });
      const seen = result.data.workOrders.nodes.map((n: { code: string }) => n.code).sort();
      expect(seen).toEqual([mine.code, subUnit.code].sort());
      expect(result.data.workOrders.totalCount).toBe(2);
    });

    it('another department can neither list nor fetch the order', async () => {
      const rsj = t.tokens['HANDLER:RSJ'];
      const list = await t.gql(rsj, LIST, { first: 100 });
      expect(list.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([other.code]);
      const byId = await t.gql(rsj, 'query($id: ID) { workOrder(id: $id) { code } }', { id: mine.id });
      expect(byId.data.workOrder).toBeNull();
      const byCode = await t.gql(rsj, 'query($c: String) { workOrder(code: $c) { code } }', { c: mine.code });
      expect(byCode.data.workOrder).toBeNull();
      const node = await t.gql(rsj, 'query($id: ID!) { node(id: $id) { id } }', { id: mine.id });
      expect(node.data.node).toBeNull();
    });

    it('a channel owner sees only orders its channel is behind', async () => {
      const result = await t.gql(t.tokens['CHANNEL:wzgz'], LIST, { first: 100 });
      expect(result.data.workOrders.totalCount).toBe(0);
      const created = await t.hub.services.workOrders.create(t.em(), { role: null, label: 'wzgz' }, input({ title: '问政赣州来件' }) as never, 'wzgz');
      const after = await t.gql(t.tokens['CHANNEL:wzgz'], LIST, { first: 100 });
      expect(after.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([created.code]);
    });

    describe('revealCitizen', () => {
      const REVEAL = 'mutation($id: ID!, $reason: String!) { revealCitizen(workOrderId: $id, reason: $reason) { name phone idNumber address masked } }';

      it('shows the centre the citizen in clear and writes an audit row', async () => {
        const result = await t.gql(operator, REVEAL, { id: mine.id, reason: '回访核实联系方式' });
        expect(result.data.revealCitizen).toEqual({
          name: '张三',
          phone: '13907971234',
          idNumber: '11010519491231002X',
          address: '赣县区梅林镇城东村12号',
          masked: false,
        });
        const logs = await t.em().find(PiiAccessLog, { workOrder: localId(mine.id, 'WorkOrder') }, { populate: ['token'] });
        expect(logs).toHaveLength(1);
        expect(logs[0].reason).toBe('回访核实联系方式');
        expect(logs[0].role).toBe(Role.OPERATOR);
        expect(logs[0].fields).toEqual(['name', 'phone', 'idNumber', 'address']);
        expect(logs[0].requestId).toBeTruthy();
      });

      it('lets handlers of the assigned department reveal, and no one else', async () => {
        const ok = await t.gql(t.tokens['HANDLER:SCJGJ'], REVEAL, { id: subUnit.id, reason: '联系诉求人核实' });
        expect(ok.data.revealCitizen.name).toBe('张三');
        const otherDept = await t.gql(t.tokens['HANDLER:RSJ'], REVEAL, { id: mine.id, reason: '联系诉求人核实' });
        expect(otherDept.errors![0].extensions!.code).toBe('NOT_FOUND');
        for (const token of [t.tokens.ANALYST, t.tokens.LEADER, t.tokens['CHANNEL:wzgz']]) {
          const denied = await t.gql(token, REVEAL, { id: mine.id, reason: '想看看' });
          expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
        }
        const noReason = await t.gql(operator, REVEAL, { id: mine.id, reason: ' ' });
        expect(noReason.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
        const [{ n }] = await t.em().execute('select count(*)::int as n from pii_access_log where work_order_id = ?', [localId(mine.id, 'WorkOrder')]);
        expect(n).toBe(1); // refused attempts reveal nothing and log nothing
      });

      it('keeps 信访 identities for the petition bureau only', async () => {
        const petition = await t.hub.services.workOrders.create(t.em(), { role: null, label: 'xf' }, input({ title: '信访件' }) as never, 'xf');
        const id = petition.globalId;
        const seenByOperator = await t.gql(operator, 'query($id: ID) { workOrder(id: $id) { citizen { name phone restricted } } }', { id });
        expect(seenByOperator.data.workOrder.citizen).toEqual({ name: null, phone: null, restricted: true });
        const denied = await t.gql(operator, REVEAL, { id, reason: '回访' });
        expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
        expect(denied.errors![0].message).toMatch(/信访局/);
        const officer = t.tokens['PETITION_OFFICER:XFJ'];
        const masked = await t.gql(officer, 'query($id: ID) { workOrder(id: $id) { citizen { name restricted } } }', { id });
        expect(masked.data.workOrder.citizen).toEqual({ name: '张*', restricted: true });
        const revealed = await t.gql(officer, REVEAL, { id, reason: '信访件办理' });
        expect(revealed.data.revealCitizen.name).toBe('张三');
      });
    });
  });

  describe('reference data', () => {
    it('serves the department tree, category tree, regions and channels', async () => {
      const result = await t.gql(
        t.tokens.ANALYST,
        `{ departments(kind: TOWNSHIP) { code name region { code } children { code } liaisons { role title } }
           categories { code name level children { code level children { code level } } }
           regions { code name level parent { code } }
           channels { code name mode pulled managingDepartment { code } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.departments).toHaveLength(19);
      const meilin = result.data.departments.find((d: { code: string }) => d.code === 'XZ_MEILIN');
      expect(meilin.region.code).toBe('360704100000');
      expect(meilin.children.length).toBeGreaterThan(0);
      expect(meilin.liaisons.map((l: { role: string }) => l.role).sort()).toEqual(['LEADER', 'LIAISON']);
      expect(result.data.categories.length).toBeGreaterThanOrEqual(12);
      const leaves = result.data.categories.flatMap((c: any) => c.children.flatMap((s: any) => s.children));
      expect(leaves.length).toBeGreaterThanOrEqual(60);
      expect(result.data.regions).toHaveLength(20);
      expect(result.data.channels.map((c: { code: string }) => c.code)).toEqual(
        expect.arrayContaining(['12345', '12315', '12333', '12328', 'board', 'xf', 'wzjx', 'wzgz', 'gwy-dc', 'govcn-ly']),
      );
      const channelView = await t.gql(t.tokens['CHANNEL:wzgz'], '{ departments(kind: TOWNSHIP) { liaisons { phone } } }');
      expect(channelView.data.departments[0].liaisons).toEqual([]);
    });
  });

  describe('abuse limits and error shape', () => {
    it('rejects a too-deep query before execution', async () => {
      const deep = `{ departments { ${'parent { '.repeat(12)}code${' }'.repeat(12)} } }`;
      const result = await t.gql(operator, deep);
      expect(result.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
      expect(result.errors![0].extensions!.maxDepth).toBe(12);
      expect(result.errors![0].message).toMatch(/查询嵌套过深.*\| Query depth 13 exceeds/);
    });

    it('rejects a too-complex query before execution', async () => {
      const heavy = `{ workOrders(first: 100) { nodes { timeline { workOrder { timeline { workOrder { timeline { type } } } } } } } }`;
      const result = await t.gql(operator, heavy);
      expect(result.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
      expect(result.errors![0].extensions!.complexity).toBeGreaterThan(20000);
      expect(result.data).toBeUndefined();
    });

    it('answers syntax and validation errors with BAD_USER_INPUT in both languages', async () => {
      const syntax = await t.gql(operator, '{ workOrders(first: ) }');
      expect(syntax.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const unknown = await t.gql(operator, '{ noSuchField }');
      expect(unknown.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(unknown.errors![0].message).toMatch(/查询无效.*\|/);
    });
  });

  describe('HTTP surface', () => {
    const base = () => t.hub.url.replace(/\/graphql$/, '');

    it('serves health, readiness and metrics', async () => {
      expect((await fetch(`${base()}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base()}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      const metrics = await (await fetch(`${base()}/metrics`)).text();
      expect(metrics).toContain('minyi_sql_statements_total');
      expect(metrics).toContain('minyi_http_request_duration_seconds');
    });

    it('echoes a request id', async () => {
      const response = await fetch(`${base()}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
      expect(response.headers.get('x-request-id')).toBe('abc-123');
    });
  });
});
