import { CATEGORIES, type CategorySeed } from '../src/demo/data/categories';
import { DEPARTMENTS } from '../src/demo/data/departments';
import { RESPONSIBILITY_RULES } from '../src/demo/data/responsibility-rules';
import { ORDER_TEMPLATES } from '../src/demo/data/texts';
import { generateDemoOrders } from '../src/demo/generator';
import { seedReferenceData } from '../src/demo/reference-seed';
import { DataCipher } from '../src/pii/cipher';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from './support/database';

function leaves(seeds: CategorySeed[]): CategorySeed[] {
  return seeds.flatMap((s) => (s.children?.length ? leaves(s.children) : [s]));
}

describe('the demo county', () => {
  const leafCodes = leaves(CATEGORIES).map((c) => c.code);

  it('has the taxonomy, departments and 职责清单 the issue asks for', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(12);
    expect(leafCodes.length).toBeGreaterThanOrEqual(60);
    expect(leafCodes.every((c) => c.length === 6)).toBe(true);
    expect(RESPONSIBILITY_RULES.length).toBeGreaterThanOrEqual(40);
    const names = DEPARTMENTS.map((d) => d.name).join(' ');
    for (const unit of [
      '市场监管',
      '人社',
      '交通运输',
      '信访',
      '行政审批',
      '12345',
      '住建',
      '城管',
      '公安',
      '司法',
      '教体',
      '卫健',
      '文广',
      '商务',
      '生态环境',
      '农业农村',
      '应急管理',
      '水利',
      '邮政',
      '工会',
      '妇联',
      '农机',
      '残联',
      '融媒体',
      '供电',
      '供水',
    ]) {
      expect(names).toContain(unit);
    }
    expect(DEPARTMENTS.filter((d) => d.kind === 'TOWNSHIP')).toHaveLength(19);
  });

  it('covers every leaf category with a rule (at its level or above) and a text template', () => {
    const ruleCodes = RESPONSIBILITY_RULES.map((r) => r.categoryCode);
    expect(leafCodes.filter((leaf) => !ruleCodes.some((code) => leaf.startsWith(code)))).toEqual([]);
    const templated = new Set(ORDER_TEMPLATES.map((t) => t.categoryCode));
    expect(leafCodes.filter((leaf) => !templated.has(leaf))).toEqual([]);
  });

  it('generates realistic orders with full timelines across the last three months', async () => {
    const db = await createTestDatabase();
    try {
      const em = db.orm.em.fork();
      await seedReferenceData(em);
      const again = await seedReferenceData(db.orm.em.fork());
      expect(again.inserted).toBe(0); // idempotent
      const now = new Date('2026-11-20T04:00:00Z');
      const result = await generateDemoOrders(em, new DataCipher(randomBytes(32)), { orders: 1500, now, seed: 3, batchSize: 400 });
      expect(result.orders).toBe(1500);
      const [stats] = await em.execute(`
        select count(*)::int as orders,
               count(distinct status)::int as statuses,
               count(distinct channel_id)::int as channels,
               count(distinct request_type)::int as types,
               count(distinct region_id)::int as regions,
               min(received_at) as first, max(received_at) as last,
               count(*) filter (where status = 'CLOSED')::int as closed,
               count(*) filter (where citizen_name_enc like 'v1.%')::int as encrypted
          from work_order`);
      expect(stats.orders).toBe(1500);
      expect(stats.statuses).toBeGreaterThanOrEqual(8);
      expect(stats.channels).toBe(10);
      expect(stats.types).toBeGreaterThanOrEqual(5);
      expect(stats.regions).toBeGreaterThanOrEqual(18);
      expect(now.getTime() - new Date(stats.first).getTime()).toBeGreaterThan(80 * 24 * 3600e3);
      expect(new Date(stats.last).getTime()).toBeLessThanOrEqual(now.getTime());
      expect(stats.closed / stats.orders).toBeGreaterThan(0.4);
      expect(stats.encrypted / stats.orders).toBeGreaterThan(0.8);
      // Every closed order has a reply, a callback and a complete timeline ending in CLOSED.
      const [broken] = await em.execute(`
        select count(*)::int as n from work_order wo
         where wo.status = 'CLOSED' and (
           not exists (select 1 from reply r where r.work_order_id = wo.id and r.review_status = 'APPROVED')
           or not exists (select 1 from callback c where c.work_order_id = wo.id)
           or (select e.to_status from work_order_event e where e.work_order_id = wo.id and e.to_status is not null
                order by e.occurred_at desc, e.id desc limit 1) <> 'CLOSED')`);
      expect(broken.n).toBe(0);
      const [codes] = await em.execute(`select count(distinct code)::int as n from work_order where code ~ '^GX[0-9]{14,}$'`);
      expect(codes.n).toBe(1500);
    } finally {
      await db.close();
    }
  }, 120_000);
});
