/**
 * Issue 15 (bench:hot): the text analyser finds a township's nearby orders (±nearbyHours, the latest
 * 300) by the order's received_at copied onto its text row, one range of the (region_id,
 * received_at) index, instead of walking every order received in the window; the copy stays equal
 * to work_order.received_at. Fixed times, no wall clock.
 */
import { EntityManager } from '@mikro-orm/postgresql';
import { RequestType } from '../src/work-orders/enums';
import { startTestHub, type TestHub } from './support/hub';

interface PlanNode {
  'Subplan Name'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** A plan node and all the nodes under it. */
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('work_order_text.received_at: the nearby lookup of the text analyser (issue 15)', () => {
  let t: TestHub;
  const HOUR = 3_600_000;
  const BASE = Date.UTC(2026, 10, 2, 1, 30);
  const ids: number[] = [];
  /** The analyser's candidate statements (sql and parameters), as it sent them. */
  const candidateStatements: Array<{ sql: string; params: unknown[] }> = [];

  async function order(content: string, hoursIn: number, region = '360704108000'): Promise<number> {
    const [created] = await t.em().transactional((tx) =>
      t.hub.services.workOrders.createMany(tx, { role: null, label: '12345' }, '12345', [
        {
          input: {
            requestType: RequestType.COMPLAINT,
            categoryCode: '110101',
            title: content.slice(0, 20),
            content,
            citizen: { anonymous: true },
            regionCode: region,
            receivedAt: new Date(BASE + hoursIn * HOUR),
          },
          source: { externalId: `N-${hoursIn}-${ids.length}`, version: '1', versionOrder: 1 },
        },
      ]),
    );
    return created.id;
  }

  beforeAll(async () => {
    t = await startTestHub();
    ids.push(await order('五云镇汽车站门口出租车司机不打表，到县城开口要八十块，要求查处。', 0));
    ids.push(await order('五云镇汽车站的出租车都不打表，乱要价，外地人被宰，希望管一管。', 1));
    ids.push(await order('五云镇汽车站打的，司机拒绝打表，一口价八十，要求运管部门处理。', 2.5));
    ids.push(await order('五云镇中学门口的减速带坏了，车开得很快，学生过马路危险。', 30));
    ids.push(await order('大埠乡村道上的路灯坏了半个月，晚上很黑。', 4, '360704201000'));
    const execute = jest.spyOn(EntityManager.prototype, 'execute');
    try {
      await t.hub.services.textAnalyzer.runOnce();
      for (const [sql, params] of execute.mock.calls)
        if (typeof sql === 'string' && sql.includes('near as materialized')) candidateStatements.push({ sql, params: params ?? [] });
    } finally {
      execute.mockRestore();
    }
  });
  afterAll(() => t.close());

  it("copies each order's received_at onto its text row", async () => {
    const rows: Array<{ id: number; text_at: Date; order_at: Date }> = await t
      .em()
      .execute(
        `select wo.id, t.received_at as text_at, wo.received_at as order_at from work_order wo join work_order_text t on t.work_order_id = wo.id order by wo.id`,
      );
    expect(rows.map((r) => r.id)).toEqual(ids);
    for (const r of rows) expect(new Date(r.text_at).getTime()).toBe(new Date(r.order_at).getTime());
    expect(new Date(rows[2].text_at).toISOString()).toBe('2026-11-02T04:00:00.000Z');
  });

  it('finds the township’s nearby orders through the (region_id, received_at) index, not by walking the window’s orders', async () => {
    expect(candidateStatements).toHaveLength(ids.length);
    const { sql, params } = candidateStatements.at(-1)!;
    expect(sql).not.toMatch(/join work_order_text n/); // the nearby rows are the text rows themselves
    const plan: PlanNode = await t.em().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off'); // as the analyser's transaction
      const [{ 'QUERY PLAN': p }] = await tx.execute(`explain (format json) ${sql}`, params);
      return p[0].Plan;
    });
    const near = nodes(plan).find((n) => n['Subplan Name'] === 'CTE near');
    expect(near).toBeDefined();
    const scans = nodes(near!).filter((n) => n['Relation Name']);
    // One backward range of the text rows' index, no work_order row read, nothing else.
    expect(scans.map((n) => [n['Relation Name'], n['Index Name']])).toEqual([['work_order_text', 'work_order_text_region_received_index']]);
  });

  it('follows a change of the order’s received_at (a database trigger)', async () => {
    const moved = new Date(BASE + 7 * HOUR);
    await t.em().execute(`update work_order set received_at = ? where id = ?`, [moved, ids[1]]);
    const [row] = await t.em().execute(`select received_at from work_order_text where work_order_id = ?`, [ids[1]]);
    expect(new Date(row.received_at).getTime()).toBe(moved.getTime());
    const [{ n }] = await t
      .em()
      .execute(
        `select count(*)::int as n from work_order_text t join work_order wo on wo.id = t.work_order_id where t.received_at is distinct from wo.received_at`,
      );
    expect(n).toBe(0);
  });
});
