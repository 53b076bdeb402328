/**
 * Which work orders a viewer may see — auth/policy.ts decides, this is how it reads in SQL: the row
 * scope of lists (work orders, alerts, hot issues), added to a db/sql.ts Where, and the facts
 * per-order checks need (reveal, subscriptions, alerts). Other domain folders read work-order
 * visibility here, not through the work-order queries (an interface in test/import-graph.test.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { workOrderScope, type OrderVisibilityFacts } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { likeEscape, pgArray, type Where } from '../db/sql';

/** The facts per-order permission checks need (reveal, subscriptions), for many orders in one statement. */
export async function loadVisibilityFacts(em: EntityManager, orderIds: number[]): Promise<Map<number, OrderVisibilityFacts>> {
  if (!orderIds.length) return new Map();
  const rows: Array<{ id: number; restricted_identity: boolean; department_paths: string[]; channel_ids: Array<number | string> }> = await em.execute(
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

/** Row scope of workOrderScope() as SQL on alias `wo`. */
export function addScope(where: Where, viewer: Viewer): void {
  const scope = workOrderScope(viewer);
  const assignedToSubtree = `exists (select 1 from assignment a join department d on d.id = a.department_id
      where a.work_order_id = wo.id and a.status <> 'CANCELLED' and d.path like ?)`;
  switch (scope.kind) {
    case 'ALL':
      return;
    case 'DEPARTMENT':
      where.add(assignedToSubtree, `${likeEscape(scope.departmentPath)}%`);
      return;
    case 'PETITION':
      where.add(`(wo.restricted_identity or ${assignedToSubtree})`, `${likeEscape(scope.departmentPath)}%`);
      return;
    case 'CHANNEL':
      where.add('exists (select 1 from work_order_source s where s.work_order_id = wo.id and s.channel_id = ?)', scope.channelId);
      return;
  }
}
