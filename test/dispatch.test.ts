import { Role } from '../src/auth/roles';
import { sqlStatementsTotal } from '../src/db/sql-logger';
import { startTestHub, type TestHub } from './support/hub';
import { Lifecycle } from './support/lifecycle';

const SUGGEST = `query($id: ID!) { dispatchSuggestions(workOrderId: $id) { rank role timeLimitClass reason department { code name kind } } }`;
const SCHEDULES = `query($y: Int!) { leaderDutySchedules(year: $y) { id month leaderName categoriesText categoryCodes } }`;
const SET_SCHEDULE = `mutation($m: String!, $l: String!, $t: String!, $c: [String!]!) {
  setLeaderDutySchedule(month: $m, leaderName: $l, categoriesText: $t, categoryCodes: $c) { id month leaderName categoriesText categoryCodes }
}`;
const HARD_CASES = `query($m: String!) { hardCases(month: $m) { reasons workOrder { id code title } schedule { month leaderName categoryCodes } } }`;

const MEILIN = '360704100000';
const TIANCUN = '360704104000';
const COUNTY = '360704';

interface Suggestion {
  rank: number;
  role: 'LEAD' | 'CO';
  timeLimitClass: string;
  reason: string;
  department: { code: string; name: string; kind: string };
}

describe('dispatch desk: suggestions, 区长热线日 schedule and hard cases', () => {
  let t: TestHub;
  let life: Lifecycle;
  let phoneSeq = 0;
  /** A fresh valid mobile number per caller. */
  const phone = () => `1390797${String(1000 + ++phoneSeq).padStart(4, '0')}`;

  beforeAll(async () => {
    t = await startTestHub();
    life = new Lifecycle(t);
  });
  afterAll(() => t.close());

  const create = (fields: Record<string, unknown>) => life.createFrom({ title: '调度测试工单', citizen: { name: '张三', phone: phone() }, ...fields });

  async function suggestions(id: string, token = t.tokens.OPERATOR): Promise<Suggestion[]> {
    const result = await t.gql(token, SUGGEST, { id });
    expect(result.errors).toBeUndefined();
    return result.data.dispatchSuggestions;
  }

  describe('dispatchSuggestions (职责清单)', () => {
    it('puts the township-specific unit of a county functional matter first, never the township', async () => {
      const order = await create({ categoryCode: '100101', regionCode: MEILIN }); // 食品安全 in 梅林镇
      const list = await suggestions(order.id);
      expect(list.map((s) => [s.rank, s.role, s.department.code])).toEqual([
        [1, 'LEAD', 'SCJGJ_MLS'], // 100101 @ 梅林镇
        [2, 'LEAD', 'SCJGJ'], // 1001 食品药品安全, county-wide
      ]);
      expect(list.some((s) => s.department.kind === 'TOWNSHIP')).toBe(false);
      expect(list[0].timeLimitClass).toBe('GENERAL');
      expect(list[0].reason).toMatch(/「食品安全」\(100101，梅林镇专属\).*梅林市场监管所承办.*\|.*"食品安全" \(100101, specific to 梅林镇\)/);
      expect(list[1].reason).toMatch(/「食品药品安全」\(1001，全区通用\)/);
    });

    it('without a township rule: the county department leads and the township only co-handles', async () => {
      const order = await create({ categoryCode: '100101', regionCode: TIANCUN });
      const list = await suggestions(order.id);
      expect(list.map((s) => [s.rank, s.role, s.department.code, s.department.kind])).toEqual([
        [1, 'LEAD', 'SCJGJ', 'COUNTY_DEPARTMENT'],
        [2, 'CO', expect.stringMatching(/^XZ_/), 'TOWNSHIP'],
      ]);
      expect(list[1].department.name).toBe('田村镇人民政府');
      expect(list[1].reason).toMatch(/协办.*属地/);
    });

    it('does not push a county matter down to a township when a broader rule is 属地', async () => {
      // 030202 工程款纠纷: SFJ_FLYZ leads; its parent 0302 is SFJ, the top level 03 is 属地.
      const order = await create({ categoryCode: '030202', regionCode: MEILIN });
      const list = await suggestions(order.id);
      expect(list[0]).toMatchObject({ rank: 1, role: 'LEAD', department: { code: 'SFJ_FLYZ' } });
      const township = list.filter((s) => s.department.kind === 'TOWNSHIP');
      expect(township.map((s) => [s.role, s.department.code])).toEqual([['CO', 'XZ_MEILIN']]);
      expect(list.map((s) => s.rank)).toEqual(list.map((_, i) => i + 1));
    });

    it('resolves a local matter (邻里纠纷) to the township government of the order’s region', async () => {
      const order = await create({ categoryCode: '030101', regionCode: MEILIN });
      const list = await suggestions(order.id);
      expect(list.map((s) => [s.rank, s.role, s.department.code])).toEqual([
        [1, 'LEAD', 'XZ_MEILIN'],
        [2, 'CO', 'SFJ'],
      ]);
      expect(list[0].department).toMatchObject({ name: '梅林镇人民政府', kind: 'TOWNSHIP' });
      expect(list[0].reason).toMatch(/事发地乡镇人民政府（属地）.*「邻里纠纷」\(030101，全区通用\).*\|.*township government/);
    });

    it('says so when a 属地 rule meets an order on the county itself (360704)', async () => {
      const order = await create({ categoryCode: '030101', regionCode: COUNTY });
      const list = await suggestions(order.id);
      expect(list.map((s) => [s.rank, s.role, s.department.code])).toEqual([[1, 'CO', 'SFJ']]);
      expect(list[0].reason).toMatch(/区本级（360704），无法确定乡镇.*\|.*county itself \(360704\), so no township can be named/);

      // 农村人居环境 (1602) is 属地; the broader 16 rule names 农业农村局, which leads instead.
      const village = await create({ categoryCode: '160201', regionCode: COUNTY });
      const list2 = await suggestions(village.id);
      expect(list2[0]).toMatchObject({ rank: 1, role: 'LEAD', department: { code: 'NYNCJ' } });
      expect(list2.some((s) => s.department.kind === 'TOWNSHIP')).toBe(false);
      expect(list2[0].reason).toMatch(/无法确定乡镇/);
    });

    it('returns an empty list for an order without category', async () => {
      const order = await create({ categoryCode: undefined });
      expect(await suggestions(order.id)).toEqual([]);
    });

    it('is open to OPERATOR, ADMIN and LEADER, FORBIDDEN to others, NOT_FOUND for an unknown order', async () => {
      const order = await create({ categoryCode: '100101' });
      for (const token of [t.tokens.ADMIN, t.tokens.LEADER]) expect((await suggestions(order.id, token))[0].department.code).toBe('SCJGJ_MLS');
      for (const token of [t.tokens['HANDLER:SCJGJ'], t.tokens['DEPT_LEADER:SCJGJ'], t.tokens.ANALYST, t.tokens['CHANNEL:wzgz']]) {
        const result = await t.gql(token, SUGGEST, { id: order.id });
        expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
      }
      const missing = await t.gql(t.tokens.OPERATOR, SUGGEST, { id: Buffer.from('WorkOrder:999999').toString('base64url') });
      expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
    });

    it('costs two SQL statements (the order and the rules), whatever the number of suggestions', async () => {
      const order = await create({ categoryCode: '010101', regionCode: MEILIN }); // 欠薪: a lead and three co-handlers
      await suggestions(order.id); // warms the reference snapshot
      const count = async (query: string, variables?: Record<string, unknown>) => {
        const before = (await sqlStatementsTotal.get()).values[0]?.value ?? 0;
        const result = await t.gql(t.tokens.OPERATOR, query, variables);
        expect(result.errors).toBeUndefined();
        return { result, n: ((await sqlStatementsTotal.get()).values[0]?.value ?? 0) - before };
      };
      const auth = (await count('{ viewer { role } }')).n;
      const { result, n } = await count(SUGGEST, { id: order.id });
      expect(result.data.dispatchSuggestions.length).toBeGreaterThanOrEqual(4);
      expect(n - auth).toBe(2);
    });
  });

  describe('区长热线日 schedule', () => {
    it('is seeded with the ten months of the 2024 table (000 附件)', async () => {
      const result = await t.gql(t.tokens.ANALYST, SCHEDULES, { y: 2024 });
      expect(result.errors).toBeUndefined();
      const rows = result.data.leaderDutySchedules;
      expect(rows).toHaveLength(10);
      expect(rows.map((r: { month: string }) => r.month)).toEqual(Array.from({ length: 10 }, (_, i) => `2024-${String(i + 3).padStart(2, '0')}`));
      expect(rows[0]).toMatchObject({ leaderName: '刘文彦', categoriesText: '区级层面各类疑难诉求', categoryCodes: [] });
      expect(rows[1]).toMatchObject({ leaderName: '汤娇雯', categoriesText: '邮政等', categoryCodes: ['18'] });
      expect(rows[2]).toMatchObject({ leaderName: '高兵', categoryCodes: ['0104', '1706'] });
      expect(rows[8]).toMatchObject({ leaderName: '左兵', categoriesText: '住建、城管、市场监管、交通类等', categoryCodes: ['08', '09', '10', '11'] });
      expect(rows[9]).toMatchObject({ leaderName: '张徽科', categoryCodes: ['1604', '1703'] });
      const demo = await t.gql(t.tokens.OPERATOR, SCHEDULES, { y: 2026 });
      expect(demo.data.leaderDutySchedules.map((r: { leaderName: string }) => r.leaderName)).toEqual(rows.map((r: { leaderName: string }) => r.leaderName));
      expect((await t.gql(t.tokens.OPERATOR, SCHEDULES, { y: 2025 })).data.leaderDutySchedules).toEqual([]);
    });

    it('is readable by staff, not by channels', async () => {
      expect((await t.gql(t.tokens['HANDLER:SCJGJ'], SCHEDULES, { y: 2024 })).errors).toBeUndefined();
      expect((await t.gql(t.tokens['CHANNEL:wzgz'], SCHEDULES, { y: 2024 })).errors![0].extensions!.code).toBe('FORBIDDEN');
    });

    it('validates the month and the category codes', async () => {
      for (const m of ['2025-13', '2025-3', '202503', 'March']) {
        const result = await t.gql(t.tokens.OPERATOR, SET_SCHEDULE, { m, l: '某领导', t: '测试', c: [] });
        expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
      }
      const unknown = await t.gql(t.tokens.OPERATOR, SET_SCHEDULE, { m: '2025-03', l: '某领导', t: '测试', c: ['10', '99'] });
      expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCodes' });
      expect(unknown.errors![0].message).toMatch(/分类代码不存在：99 \| unknown category codes: 99/);
      const blank = await t.gql(t.tokens.OPERATOR, SET_SCHEDULE, { m: '2025-03', l: '  ', t: '测试', c: [] });
      expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leaderName' });
    });

    it('upserts by month, for OPERATOR and ADMIN only', async () => {
      const first = await t.gql(t.tokens.OPERATOR, SET_SCHEDULE, { m: '2025-03', l: '刘文彦', t: '区级层面各类疑难诉求', c: [] });
      expect(first.errors).toBeUndefined();
      const second = await t.gql(t.tokens.ADMIN, SET_SCHEDULE, { m: '2025-03', l: '汤娇雯', t: '邮政、快递等', c: ['18', '18'] });
      expect(second.errors).toBeUndefined();
      expect(second.data.setLeaderDutySchedule).toEqual({
        id: first.data.setLeaderDutySchedule.id,
        month: '2025-03',
        leaderName: '汤娇雯',
        categoriesText: '邮政、快递等',
        categoryCodes: ['18'],
      });
      const rows = (await t.gql(t.tokens.OPERATOR, SCHEDULES, { y: 2025 })).data.leaderDutySchedules;
      expect(rows).toEqual([second.data.setLeaderDutySchedule]);
      for (const token of [t.tokens.LEADER, t.tokens['HANDLER:SCJGJ'], t.tokens.ANALYST]) {
        const refused = await t.gql(token, SET_SCHEDULE, { m: '2025-04', l: '某领导', t: '测试', c: [] });
        expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('hardCases (000 二(二), 003 二)', () => {
    const nov = (day: number, hour = 2) => new Date(Date.UTC(2024, 10, day, hour)).toISOString();
    const codes: Record<string, string> = {};
    let op: string;

    beforeAll(async () => {
      op = t.tokens.OPERATOR;
      const food = { categoryCode: '100101', regionCode: MEILIN };

      codes.ordinary = (await create({ ...food, title: '普通工单', receivedAt: nov(3) })).code;

      // REPEAT: the same caller again within 90 days; a call 132 days earlier does not count.
      const repeatPhone = '13907970001';
      codes.repeatFirst = (await create({ ...food, citizen: { phone: repeatPhone }, receivedAt: nov(5) })).code;
      codes.repeat = (await create({ categoryCode: '090101', citizen: { phone: repeatPhone }, receivedAt: nov(20) })).code;
      const oldPhone = '13907970002';
      await create({ ...food, citizen: { phone: oldPhone }, receivedAt: new Date(Date.UTC(2024, 6, 1, 2)).toISOString() });
      codes.oldRepeat = (await create({ ...food, citizen: { phone: oldPhone }, receivedAt: nov(10) })).code;

      // MULTI_CHANNEL: a merged duplicate brings its channel record to the primary order.
      const primary = await create({ ...food, title: '多头投诉主工单', receivedAt: nov(6) });
      const duplicate = await create({ ...food, title: '多头投诉重复件', receivedAt: nov(7) });
      await life.ok(op, 'merge', { p: primary.id, v: primary.version, d: [duplicate.id] });
      codes.multi = primary.code;
      codes.merged = duplicate.code;

      // TWICE_UNSATISFIED: two unsatisfied callbacks (one department only).
      const o = await create({ ...food, title: '二次不满意', receivedAt: nov(8) });
      codes.twiceUnsatisfied = o.code;
      await life.unsatisfiedTwice(o);

      // RETURNED_TWICE: returned, re-dispatched to the same department, returned again.
      const r = await create({ ...food, title: '两次退单', receivedAt: nov(9) });
      codes.returnedTwice = r.code;
      await life.returnedTwice(r);

      // CROSS_DEPARTMENT: a lead and a co-handler.
      const c = await create({ ...food, title: '跨部门', receivedAt: nov(12) });
      await life.dispatchTo(c, 'SCJGJ', ['XZ_MEILIN']);
      codes.cross = c.code;

      // Two reasons: the repeat caller once more, dispatched to two departments.
      const both = await create({ ...food, citizen: { phone: repeatPhone }, title: '重复且跨部门', receivedAt: nov(25) });
      await life.dispatchTo(both, 'SCJGJ', ['XZ_MEILIN']);
      codes.repeatAndCross = both.code;

      // Outside the November categories (矛盾纠纷), though cross-department.
      const dispute = await create({ categoryCode: '030101', regionCode: MEILIN, title: '邻里纠纷', receivedAt: nov(15) });
      await life.dispatchTo(dispute, 'XZ_MEILIN', ['SFJ']);
      codes.outOfCategory = dispute.code;

      // Month boundaries in Asia/Shanghai: 2024-11-01 00:00 +08:00 is in, 2024-12-01 00:00 +08:00 is out.
      const edgePhone = '13907970003';
      await create({ ...food, citizen: { phone: edgePhone }, receivedAt: new Date(Date.UTC(2024, 9, 20, 2)).toISOString() });
      codes.firstInstant = (await create({ ...food, citizen: { phone: edgePhone }, receivedAt: '2024-10-31T16:00:00.000Z' })).code;
      codes.decemberInstant = (await create({ ...food, citizen: { phone: edgePhone }, receivedAt: '2024-11-30T16:00:00.000Z' })).code;

      // A month without a schedule: every category counts.
      const janPhone = '13907970004';
      await create({ categoryCode: '030101', citizen: { phone: janPhone }, receivedAt: '2025-01-05T02:00:00.000Z' });
      codes.january = (await create({ categoryCode: '030101', citizen: { phone: janPhone }, receivedAt: '2025-01-06T02:00:00.000Z' })).code;
    });

    async function hardCases(month: string, token = t.tokens.OPERATOR) {
      const result = await t.gql(token, HARD_CASES, { m: month });
      expect(result.errors).toBeUndefined();
      return result.data.hardCases as Array<{
        reasons: string[];
        workOrder: { code: string };
        schedule: { month: string; leaderName: string; categoryCodes: string[] } | null;
      }>;
    }

    it('lists each hard case with exactly its reasons, most reasons first, then by received time', async () => {
      const list = await hardCases('2024-11');
      const byCode = Object.fromEntries(Object.entries(codes).map(([name, code]) => [code, name]));
      expect(list.map((c) => [byCode[c.workOrder.code], c.reasons])).toEqual([
        ['repeatAndCross', ['REPEAT', 'CROSS_DEPARTMENT']],
        ['firstInstant', ['REPEAT']],
        ['multi', ['MULTI_CHANNEL']],
        ['twiceUnsatisfied', ['TWICE_UNSATISFIED']],
        ['returnedTwice', ['RETURNED_TWICE']],
        ['cross', ['CROSS_DEPARTMENT']],
        ['repeat', ['REPEAT']],
      ]);
      for (const c of list) expect(c.schedule).toEqual({ month: '2024-11', leaderName: '左兵', categoryCodes: ['08', '09', '10', '11'] });
    });

    it('leaves out ordinary orders, first calls, old repeats, merged duplicates, other categories and other months', async () => {
      const listed = new Set((await hardCases('2024-11')).map((c) => c.workOrder.code));
      for (const name of ['ordinary', 'repeatFirst', 'oldRepeat', 'merged', 'outOfCategory', 'decemberInstant', 'january']) {
        expect([name, listed.has(codes[name])]).toEqual([name, false]);
      }
    });

    it('counts every category in a month without a schedule', async () => {
      const list = await hardCases('2025-01', t.tokens.LEADER);
      expect(list.map((c) => [c.workOrder.code, c.reasons, c.schedule])).toEqual([[codes.january, ['REPEAT'], null]]);
    });

    it('validates the month and refuses other roles', async () => {
      const bad = await t.gql(t.tokens.OPERATOR, HARD_CASES, { m: '2024-11-01' });
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
      for (const token of [t.tokens['HANDLER:SCJGJ'], t.tokens.ANALYST, t.tokens['CHANNEL:wzgz'], await t.token(Role.PETITION_OFFICER, 'XFJ')]) {
        expect((await t.gql(token, HARD_CASES, { m: '2024-11' })).errors![0].extensions!.code).toBe('FORBIDDEN');
      }
    });
  });
});
