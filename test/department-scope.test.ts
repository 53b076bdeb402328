import { Role } from '../src/auth/roles';
import type { Viewer } from '../src/auth/viewer';
import { generateDemoOrders } from '../src/demo/generator';
import { startTestHub, type TestHub } from './support/hub';

/**
 * Department staff's row scope read off department_order_scope (issue 15, the HANDLER list): the
 * table the database keeps beside `assignment`, and the list walking it page by page, compared with
 * the scope written out longhand over `assignment` (auth/policy.ts: orders with a live assignment in
 * the viewer's department subtree).
 */
describe('department scope: the table and the walk', () => {
  let t: TestHub;

  /** The (department, order, received_at) triples the scope must hold, from `assignment` directly. */
  const expectedPairs = () =>
    t.em().execute(
      `select distinct a.department_id, a.work_order_id, wo.received_at from assignment a join work_order wo on wo.id = a.work_order_id
          where a.status <> 'CANCELLED' order by 1, 2`,
    );
  const actualPairs = () => t.em().execute(`select department_id, work_order_id, received_at from department_order_scope order by 1, 2`);

  /** Codes of the orders a department subtree may see, newest received first (longhand scope). */
  const expectedCodes = async (departmentCode: string, statuses?: string[]): Promise<string[]> => {
    const rows = await t.em().execute(
      `select wo.code from work_order wo
        where exists (select 1 from assignment a join department d on d.id = a.department_id
                       where a.work_order_id = wo.id and a.status <> 'CANCELLED'
                         and d.path like (select path from department where code = ?) || '%')
          ${statuses ? `and wo.status::text = any(?::text[])` : ''}
        order by wo.received_at desc, wo.id desc`,
      statuses ? [departmentCode, `{${statuses.join(',')}}`] : [departmentCode],
    );
    return rows.map((r) => String(r.code));
  };

  /** Every page of the list as a HANDLER of `departmentCode` sees it, forwards then backwards. */
  const walk = async (departmentCode: string, pageSize: number, filter = '') => {
    const token = await t.token(Role.HANDLER, departmentCode);
    const page = async (args: string) => {
      const result = await t.gql(token, `{ workOrders(${args}${filter}) { nodes { code } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);
      expect(result.errors).toBeUndefined();
      return result.data.workOrders as {
        nodes: { code: string }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
      };
    };
    const forwards: string[] = [];
    let after: string | null = null;
    let last: Awaited<ReturnType<typeof page>> | null = null;
    do {
      last = await page(`first: ${pageSize}${after ? `, after: "${after}"` : ''}`);
      forwards.push(...last.nodes.map((n) => n.code));
      after = last.pageInfo.endCursor;
    } while (last.pageInfo.hasNextPage);
    const backwards: string[] = [];
    let before: string | null = null;
    do {
      last = await page(`last: ${pageSize}${before ? `, before: "${before}"` : ''}`);
      backwards.unshift(...last.nodes.map((n) => n.code));
      before = last.pageInfo.startCursor;
    } while (last.pageInfo.hasPreviousPage);
    return { forwards, backwards };
  };

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 300, seed: 11 });
  });
  afterAll(() => t.close());

  it('holds exactly the live assignments after a load, a cancellation, a restoration, a deletion and a changed received time', async () => {
    expect(await actualPairs()).toEqual(await expectedPairs());
    expect((await actualPairs()).length).toBeGreaterThan(100);

    // Cancel every live assignment of three orders, restore one, delete another's assignments.
    const orders = (await t.em().execute(`select distinct work_order_id as id from assignment where status <> 'CANCELLED' order by 1 limit 3`)).map((r) =>
      Number(r.id),
    );
    await t.em().execute(`update assignment set status = 'CANCELLED' where work_order_id = any(?::int[])`, [`{${orders.join(',')}}`]);
    expect(await t.em().execute(`select * from department_order_scope where work_order_id = any(?::int[])`, [`{${orders.join(',')}}`])).toEqual([]);
    await t.em().execute(`update assignment set status = 'PENDING' where work_order_id = ?`, [orders[0]]);
    await t.em().execute(`delete from assignment where work_order_id = ?`, [orders[1]]);
    // A second live assignment of a department that already has one, then the first cancelled: the pair stays.
    const [twice] = await t.em().execute(`select department_id, work_order_id, id from assignment where status <> 'CANCELLED' order by id limit 1`);
    await t
      .em()
      .execute(`insert into assignment (work_order_id, department_id, role, status, assigned_at) values (?, ?, 'CO', 'PENDING', now())`, [
        twice.work_order_id,
        twice.department_id,
      ]);
    await t.em().execute(`update assignment set status = 'CANCELLED' where id = ?`, [twice.id]);
    await t.em().execute(`update work_order set received_at = received_at - interval '3 days' where id = ?`, [orders[0]]);

    const after = await actualPairs();
    expect(after).toEqual(await expectedPairs());
    expect(after.some((r) => Number(r.work_order_id) === orders[0])).toBe(true);
    expect(after.some((r) => Number(r.work_order_id) === orders[1])).toBe(false);
    expect(after.some((r) => Number(r.work_order_id) === orders[2])).toBe(false);
    expect(after.some((r) => Number(r.work_order_id) === Number(twice.work_order_id) && Number(r.department_id) === Number(twice.department_id))).toBe(true);
  });

  it.each([
    ['a department without sub-units', 'SCJGJ'],
    ['a department with sub-units', 'JTYSJ'],
    ['a township', null],
  ])('a HANDLER of %s pages through exactly its scope, newest first, both ways', async (_name, given) => {
    const code =
      given ??
      String(
        (
          await t
            .em()
            .execute(
              `select d.code from department d join department_order_scope s on s.department_id = d.id group by d.code order by count(*) desc, d.code limit 1`,
            )
        )[0].code,
      );
    const expected = await expectedCodes(code);
    expect(expected.length).toBeGreaterThan(5);
    const { forwards, backwards } = await walk(code, 4);
    expect(forwards).toEqual(expected);
    expect(backwards).toEqual(expected);
  });

  it('applies filters inside the walk (a status filter), pages still exact', async () => {
    const expected = await expectedCodes('JTYSJ', ['CLOSED']);
    expect(expected.length).toBeGreaterThan(2);
    const { forwards, backwards } = await walk('JTYSJ', 3, ', filter: { status: [CLOSED] }');
    expect(forwards).toEqual(expected);
    expect(backwards).toEqual(expected);
  });

  it("reads a handler's page off the scope index, not by scanning the department's orders", async () => {
    const [dept] = await t.em().execute(`select path from department where code = 'JTYSJ'`);
    const viewer: Viewer = { tokenId: 0, role: Role.HANDLER, departmentPath: String(dept.path), label: 'test' };
    const statement = t.hub.services.workOrderQueries.listStatement(viewer, { first: 50 });
    expect(statement.sql).toContain('department_order_scope');
    const text = await t.em().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off'); // the small test tables would otherwise be read whole
      const [{ 'QUERY PLAN': plan }] = await tx.execute(`explain (format json) ${statement.sql}`, statement.params);
      return JSON.stringify(plan);
    });
    expect(text).toContain('department_order_scope_received_index');
    expect(text).not.toContain('"Relation Name":"assignment"');
  });
});
