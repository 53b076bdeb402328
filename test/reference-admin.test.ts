import { startTestHub, type TestHub } from './support/hub';

/** 基础数据维护 (issue 12) over GraphQL: ADMIN edits the county's reference data, audited and announced. */

const MEILIN = '360704100000';
const DEPT_FIELDS = 'code name kind active version deactivatedAt parent { code } region { code } liaisons { role name title phone }';
const SAVE_DEPT = `mutation($i: DepartmentInput!) { saveDepartment(input: $i) { ${DEPT_FIELDS} } }`;
const SET_DEPT = `mutation($c: String!, $a: Boolean!, $v: Int!) { setDepartmentActive(code: $c, active: $a, version: $v) { code active version deactivatedAt } }`;
const SAVE_CAT = `mutation($i: CategoryInput!) { saveCategory(input: $i) { code name level active version parent { code } } }`;
const SET_CAT = `mutation($c: String!, $a: Boolean!, $v: Int!) { setCategoryActive(code: $c, active: $a, version: $v) { code active version } }`;
const SAVE_RULE = `mutation($i: ResponsibilityRuleInput!) { saveResponsibilityRule(input: $i) {
  category { code } region { code } leadDepartment { code } coDepartments { code } leadIsTownship coTownship timeLimitClass note active version } }`;
const SET_RULE = `mutation($c: String!, $r: String, $a: Boolean!, $v: Int!) { setResponsibilityRuleActive(categoryCode: $c, regionCode: $r, active: $a, version: $v) { active version } }`;
const SAVE_REGION = `mutation($i: RegionInput!) { saveRegion(input: $i) { code name level active version parent { code } } }`;
const SAVE_MAPPING = `mutation($i: CategoryMappingInput!) { saveCategoryMapping(input: $i) { channelCode hint category { code } active version } }`;
const SET_MAPPING = `mutation($c: String!, $h: String!, $a: Boolean!, $v: Int!) { setCategoryMappingActive(channelCode: $c, hint: $h, active: $a, version: $v) { active version } }`;
const AUDIT = `query($first: Int, $after: String, $table: ReferenceTable) { referenceAudit(first: $first, after: $after, table: $table) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id actorTokenId actorLabel table key before after occurredAt } } }`;
const CREATE = `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { id version category { code } } }`;
const SUGGEST = `query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank role department { code } } }`;
const DISPATCH = `mutation($i: DispatchWorkOrderInput!) { dispatchWorkOrder(input: $i) { id } }`;

describe('reference administration over GraphQL (ADMIN)', () => {
  let t: TestHub;
  let phoneSeq = 0;
  const phone = () => `1390797${String(2000 + ++phoneSeq).padStart(4, '0')}`;
  const liaisons = [
    { role: 'LIAISON', name: '陈联络', title: '办公室主任', phone: '0797-4400001' },
    { role: 'LEADER', name: '刘分管', title: '副局长', phone: '13900000001' },
  ];

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  async function ok<T = any>(query: string, variables: Record<string, unknown>, token = t.tokens.ADMIN): Promise<T> {
    const result = await t.gql(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  async function fails(query: string, variables: Record<string, unknown>, token = t.tokens.ADMIN) {
    const result = await t.gql(token, query, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    return result.errors![0];
  }

  async function createOrder(categoryCode: string, regionCode = MEILIN) {
    return t.gql(t.tokens.OPERATOR, CREATE, {
      i: {
        requestType: 'COMPLAINT',
        title: '基础数据测试工单',
        content: '来电人反映有关问题，要求处理。',
        regionCode,
        categoryCode,
        citizen: { name: '张三', phone: phone() },
      },
    });
  }

  it('is for ADMIN only: other roles are refused the edits and the audit trail', async () => {
    const edit = await fails(SAVE_DEPT, { i: { code: 'OPS_TRY', name: '越权单位', kind: 'COUNTY_DEPARTMENT', regionCode: '360704' } }, t.tokens.OPERATOR);
    expect(edit.extensions?.code).toBe('FORBIDDEN');
    expect((await fails(AUDIT, {}, t.tokens.ANALYST)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(`{ responsibilityRules { note } }`, {}, t.tokens['HANDLER:SCJGJ'])).extensions?.code).toBe('FORBIDDEN');
  });

  it('adds a department with its 附件2 contacts, audits who did it and announces the change on the event bus', async () => {
    const [{ n: eventsBefore }] = await t.em().execute(`select count(*)::int as n from event_log where topic = 'minyi_reference_changed'`);
    const created = (await ok(SAVE_DEPT, { i: { code: 'SJZX', name: '区数据中心', kind: 'SUB_UNIT', parentCode: 'XZSPJ', regionCode: '360704', liaisons } }))
      .saveDepartment;
    expect(created).toMatchObject({ code: 'SJZX', active: true, version: 1, parent: { code: 'XZSPJ' }, region: { code: '360704' }, deactivatedAt: null });
    expect(created.liaisons).toEqual(liaisons);

    // Listed at once (the local reference cache was dropped), with a path inside its parent's subtree.
    const listed = (await ok(`{ departments(parentCode: "XZSPJ") { code } }`, {})).departments.map((d: { code: string }) => d.code);
    expect(listed).toContain('SJZX');
    const [paths] = await t
      .em()
      .execute(`select d.path, p.path as parent_path from department d join department p on p.id = d.parent_id where d.code = 'SJZX'`);
    expect(paths.path.startsWith(paths.parent_path)).toBe(true);
    expect(paths.path).toMatch(/^\/\d+\/\d+\/$/);

    const audit = (await ok(AUDIT, { first: 1, table: 'DEPARTMENT' })).referenceAudit.nodes[0];
    const [{ id: adminTokenId }] = await t.em().execute(`select id::text as id from api_token where role = 'ADMIN' order by id limit 1`);
    expect(audit).toMatchObject({ table: 'DEPARTMENT', key: 'SJZX', actorTokenId: adminTokenId, before: null });
    expect(audit.after).toMatchObject({ code: 'SJZX', name: '区数据中心', parentCode: 'XZSPJ', active: true, version: 1 });
    const [{ n: eventsAfter }] = await t.em().execute(`select count(*)::int as n from event_log where topic = 'minyi_reference_changed'`);
    expect(eventsAfter).toBe(eventsBefore + 1);

    // The same code again is a duplicate, not an edit.
    const duplicate = await fails(SAVE_DEPT, { i: { code: 'SJZX', name: '重复', kind: 'SUB_UNIT', regionCode: '360704' } });
    expect(duplicate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('edits with the version last seen: a stale version is a CONFLICT; a cycle in the tree and a second 联络员 are refused', async () => {
    const edited = (
      await ok(SAVE_DEPT, { i: { code: 'SJZX', name: '区大数据中心', kind: 'SUB_UNIT', parentCode: 'XZSPJ', regionCode: '360704', liaisons, version: 1 } })
    ).saveDepartment;
    expect(edited).toMatchObject({ name: '区大数据中心', version: 2 });
    const stale = await fails(SAVE_DEPT, { i: { code: 'SJZX', name: '旧版本', kind: 'SUB_UNIT', parentCode: 'XZSPJ', regionCode: '360704', version: 1 } });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    // XZSPJ under its own grandchild: refused, nothing written.
    const [{ version: parentVersion }] = await t.em().execute(`select version from department where code = 'XZSPJ'`);
    const cycle = await fails(SAVE_DEPT, {
      i: { code: 'XZSPJ', name: '区行政审批局', kind: 'COUNTY_DEPARTMENT', parentCode: 'SJZX', regionCode: '360704', version: parentVersion },
    });
    expect(cycle.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentCode' });
    expect(cycle.message).toContain('循环');
    const twoLiaisons = await fails(SAVE_DEPT, {
      i: {
        code: 'SJZX',
        name: '区大数据中心',
        kind: 'SUB_UNIT',
        parentCode: 'XZSPJ',
        regionCode: '360704',
        version: 2,
        liaisons: [...liaisons, { ...liaisons[0], name: '第二人' }],
      },
    });
    expect(twoLiaisons.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'liaisons' });
    const [{ parent }] = await t.em().execute(`select p.code as parent from department d left join department p on p.id = d.parent_id where d.code = 'XZSPJ'`);
    expect(parent).toBeNull();
  });

  it('moves a department with its subtree: every descendant path follows', async () => {
    await ok(SAVE_DEPT, { i: { code: 'SJZX_YW', name: '运维科', kind: 'SUB_UNIT', parentCode: 'SJZX', regionCode: '360704' } });
    const [{ version }] = await t.em().execute(`select version from department where code = 'SJZX'`);
    await ok(SAVE_DEPT, { i: { code: 'SJZX', name: '区大数据中心', kind: 'SUB_UNIT', parentCode: 'ZFB', regionCode: '360704', liaisons, version } });
    const rows = await t.em().execute(`select code, path from department where code in ('ZFB', 'SJZX', 'SJZX_YW')`);
    const path = Object.fromEntries((rows as Array<{ code: string; path: string }>).map((r) => [r.code, r.path]));
    expect(path.SJZX.startsWith(path.ZFB)).toBe(true);
    expect(path.SJZX_YW.startsWith(path.SJZX)).toBe(true);
  });

  it('keeps the 职责清单 consistent: a rule naming an inactive unit is refused, a unit named by an active rule cannot be deactivated', async () => {
    const category = (await ok(SAVE_CAT, { i: { code: '990101', name: '测试三级分类' } }).catch(() => null)) as any;
    expect(category).toBeNull(); // its parents do not exist yet
    await ok(SAVE_CAT, { i: { code: '99', name: '测试一级分类' } });
    await ok(SAVE_CAT, { i: { code: '9901', name: '测试二级分类' } });
    const level3 = (await ok(SAVE_CAT, { i: { code: '990101', name: '测试三级分类' } })).saveCategory;
    expect(level3).toMatchObject({ level: 3, parent: { code: '9901' }, active: true, version: 1 });

    const rule = (
      await ok(SAVE_RULE, {
        i: {
          categoryCode: '990101',
          regionCode: MEILIN,
          leadDepartmentCode: 'SJZX',
          coDepartmentCodes: ['SCJGJ'],
          timeLimitClass: 'GENERAL',
          note: '测试依据',
        },
      })
    ).saveResponsibilityRule;
    expect(rule).toMatchObject({
      category: { code: '990101' },
      region: { code: MEILIN },
      leadDepartment: { code: 'SJZX' },
      coDepartments: [{ code: 'SCJGJ' }],
      version: 1,
      active: true,
    });
    const badClass = await t.gql(t.tokens.ADMIN, SAVE_RULE, { i: { categoryCode: '9901', leadDepartmentCode: 'SJZX', timeLimitClass: 'SOMETIME' } });
    expect(badClass.errors?.[0]).toBeDefined();

    // The rule's lead cannot be deactivated while the rule is active.
    const [{ version: deptVersion }] = await t.em().execute(`select version from department where code = 'SJZX'`);
    await ok(SET_DEPT, { c: 'SJZX_YW', a: false, v: 1 });
    const refused = await fails(SET_DEPT, { c: 'SJZX', a: false, v: deptVersion });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'active' });
    expect(refused.message).toContain('职责清单');

    // The new order of that category in that township is suggested to the rule's lead.
    const order = await createOrder('990101');
    expect(order.errors).toBeUndefined();
    const suggested = (await ok(SUGGEST, { id: order.data.createWorkOrder.id }, t.tokens.OPERATOR)).dispatchSuggestions;
    expect(suggested[0]).toMatchObject({ rank: 1, role: 'LEAD', department: { code: 'SJZX' } });

    // Rule off, then the unit: allowed although an open order exists; it is no longer offered.
    expect((await ok(SET_RULE, { c: '990101', r: MEILIN, a: false, v: 1 })).setResponsibilityRuleActive).toMatchObject({ active: false, version: 2 });
    const off = (await ok(SET_DEPT, { c: 'SJZX', a: false, v: deptVersion })).setDepartmentActive;
    expect(off).toMatchObject({ active: false, version: deptVersion + 1 });
    expect(off.deactivatedAt).not.toBeNull();
    const listed = (await ok(`{ departments { code } }`, {})).departments.map((d: { code: string }) => d.code);
    expect(listed).not.toContain('SJZX');
    const all = (await ok(`{ departments(includeInactive: true) { code active } }`, {})).departments;
    expect(all).toContainEqual({ code: 'SJZX', active: false });
    expect((await ok(SUGGEST, { id: order.data.createWorkOrder.id }, t.tokens.OPERATOR)).dispatchSuggestions).toEqual([]);
    const dispatch = await t.gql(t.tokens.OPERATOR, DISPATCH, {
      i: { workOrderId: order.data.createWorkOrder.id, version: order.data.createWorkOrder.version, leadDepartmentCode: 'SJZX' },
    });
    expect(dispatch.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // Re-activating the rule while its lead is inactive is refused.
    const reactivate = await fails(SET_RULE, { c: '990101', r: MEILIN, a: true, v: 2 });
    expect(reactivate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leadDepartmentCode' });
    expect(await t.em().execute(`select 1 from department where code = 'SJZX'`)).toHaveLength(1); // never deleted
  });

  it('deactivates a category in use: kept by its orders, refused for new ones at intake', async () => {
    const order = await createOrder('9901');
    expect(order.errors).toBeUndefined();
    const refused = await fails(SET_CAT, { c: '9901', a: false, v: 1 });
    expect(refused.extensions?.field).toBe('active'); // its subcategory 990101 is active
    await ok(SET_CAT, { c: '990101', a: false, v: 1 });
    expect((await ok(SET_CAT, { c: '9901', a: false, v: 1 })).setCategoryActive).toMatchObject({ active: false, version: 2 });
    const again = await createOrder('9901');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCode' });
    const kept = (await ok(`query($id: ID!) { workOrder(id: $id) { category { code active } } }`, { id: order.data.createWorkOrder.id }, t.tokens.OPERATOR))
      .workOrder;
    expect(kept.category).toEqual({ code: '9901', active: false });
    const listed = (await ok(`{ categories(all: true) { code } }`, {})).categories.map((c: { code: string }) => c.code);
    expect(listed).not.toContain('9901');
    expect(listed).toContain('99');
  });

  it('maps a channel’s category text, and regions down to villages', async () => {
    const mapping = (await ok(SAVE_MAPPING, { i: { channelCode: '12315', hint: '测试映射文本', categoryCode: '99' } })).saveCategoryMapping;
    expect(mapping).toMatchObject({ channelCode: '12315', hint: '测试映射文本', category: { code: '99' }, active: true, version: 1 });
    const listed = (await ok(`{ categoryMappings(channelCode: "12315") { hint } }`, {})).categoryMappings.map((m: { hint: string }) => m.hint);
    expect(listed).toContain('测试映射文本');
    const unknownChannel = await fails(SAVE_MAPPING, { i: { channelCode: 'nope', hint: 'x', categoryCode: '99' } });
    expect(unknownChannel.extensions?.field).toBe('channelCode');
    expect((await ok(SET_MAPPING, { c: '12315', h: '测试映射文本', a: false, v: 1 })).setCategoryMappingActive).toMatchObject({ active: false, version: 2 });

    const village = (await ok(SAVE_REGION, { i: { code: '360704100201', name: '测试村', level: 'VILLAGE', parentCode: MEILIN } })).saveRegion;
    expect(village).toMatchObject({ level: 'VILLAGE', parent: { code: MEILIN }, active: true });
    const wrongParent = await fails(SAVE_REGION, { i: { code: '360704100202', name: '错村', level: 'VILLAGE', parentCode: '360704' } });
    expect(wrongParent.extensions?.field).toBe('parentCode');
  });

  it('pages the audit trail newest first, by table', async () => {
    const first = (await ok(AUDIT, { first: 2 })).referenceAudit;
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(Number(first.nodes[0].id)).toBeGreaterThan(Number(first.nodes[1].id));
    const next = (await ok(AUDIT, { first: 2, after: first.pageInfo.endCursor })).referenceAudit;
    expect(Number(next.nodes[0].id)).toBeLessThan(Number(first.nodes[1].id));
    const rules = (await ok(AUDIT, { first: 100, table: 'RESPONSIBILITY_RULE' })).referenceAudit;
    expect(rules.nodes.map((n: { key: string }) => n.key)).toEqual([`990101@${MEILIN}`, `990101@${MEILIN}`]);
    expect(rules.nodes[0]).toMatchObject({ before: { active: true, version: 1 }, after: { active: false, version: 2 } });
    expect(rules.totalCount).toBe(2);
  });
});
