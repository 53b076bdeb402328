import { notifyReferenceChanged } from '../src/reference/reference-cache';
import { startTestHub, type TestHub } from './support/hub';

async function waitFor<T>(fn: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reference data cache across instances', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const DEPT = 'query($id: ID!) { node(id: $id) { ... on Department { code name } } }';

  it('serves a department renamed elsewhere once the change is announced (NOTIFY), and new rows at once', async () => {
    const list = await t.gql(t.tokens.ADMIN, '{ departments(kind: COUNTY_DEPARTMENT) { id code name } }');
    const scjg = list.data.departments.find((d: { code: string }) => d.code === 'SCJGJ');
    expect((await t.gql(t.tokens.ADMIN, DEPT, { id: scjg.id })).data.node.name).toBe('区市场监管局'); // snapshot loaded

    // Another instance (here: plain SQL) renames it without announcing: this instance still has its snapshot.
    await t.em().execute(`update department set name = '区市场监督管理局' where code = 'SCJGJ'`);
    expect((await t.gql(t.tokens.ADMIN, DEPT, { id: scjg.id })).data.node.name).toBe('区市场监管局');

    // Announced: every instance drops its snapshot.
    await notifyReferenceChanged(t.em());
    const renamed = await waitFor(
      () => t.gql(t.tokens.ADMIN, DEPT, { id: scjg.id }),
      (r) => r.data.node.name === '区市场监督管理局',
    );
    expect(renamed.data.node.name).toBe('区市场监督管理局');

    // A department the snapshot does not know yet is read from the database.
    const [{ id }] = await t.em().execute(
      `insert into department (code, name, kind, path, region_id, liaisons)
       values ('TEST_NEW', '新设单位', 'COUNTY_DEPARTMENT', '/x/', (select id from region where code = '360704'), '[]') returning id`,
    );
    const fresh = await t.gql(t.tokens.ADMIN, DEPT, { id: Buffer.from(`Department:${id}`).toString('base64url') });
    expect(fresh.data.node).toEqual({ code: 'TEST_NEW', name: '新设单位' });
  });
});
