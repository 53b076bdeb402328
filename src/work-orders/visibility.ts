import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderVisibilityFacts } from '../auth/policy';
import { pgArray } from '../db/sql';

/** The facts per-order permission checks need (reveal, subscriptions), for many orders in one statement. */
export async function loadVisibilityFacts(em: EntityManager, orderIds: number[]): Promise<Map<number, OrderVisibilityFacts>> {
  if (!orderIds.length) return new Map();
  const rows: Array<{ id: number; restricted_identity: boolean; department_paths: string[]; channel_ids: Array<number | string> }> =
    await em.execute(
      `select wo.id, wo.restricted_identity,
              coalesce((select array_agg(distinct d.path) from assignment a join department d on d.id = a.department_id
                         where a.work_order_id = wo.id and a.status <> 'CANCELLED'), '{}') as department_paths,
              coalesce((select array_agg(distinct s.channel_id) from work_order_source s where s.work_order_id = wo.id), '{}') as channel_ids
         from work_order wo where wo.id = any(?::int[])`,
      [pgArray(orderIds)],
    );
  return new Map(
    rows.map((row) => [
      row.id,
      { restrictedIdentity: row.restricted_identity, departmentPaths: row.department_paths, channelIds: row.channel_ids.map(Number) },
    ]),
  );
}
