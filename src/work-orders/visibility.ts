/**
 * Which work orders a viewer may see — auth/policy.ts decides, this is how it reads in SQL: the row
 * scope of lists (work orders, alerts, hot issues), added to a db/sql.ts Where, and the facts
 * per-order checks need (reveal, subscriptions, alerts). Other domain folders read work-order
 * visibility here, not through the work-order queries (an interface in test/import-graph.test.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { workOrderScope, type OrderVisibilityFacts } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { likeEscape, pgArray, Where } from '../db/sql';

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

/**
 * The DEPARTMENT scope as a walk, newest received first (or oldest, `dir`), of
 * department_order_scope (entities/department-order-scope.ts): for each department of the viewer's
 * subtree, its first `limit` orders that meet `rows` (conditions on alias `wo`, may be empty) and
 * come after the cursor, read off the (department, received_at, order) index; an order condition
 * `wo.id in (…)` for the page to sort and cut. Exact: a department holds each order once, so any of
 * the first `limit` orders in scope is among its department's first `limit`. Null for other scopes
 * (addScope() then).
 */
export function departmentScopeWalk(
  viewer: Viewer,
  rows: Where,
  cursor: { receivedAt: string; id: number } | null,
  dir: 'asc' | 'desc',
  limit: number,
): { sql: string; params: unknown[] } | null {
  const scope = workOrderScope(viewer);
  if (scope.kind !== 'DEPARTMENT') return null;
  const arm = new Where().add('s.department_id = d.id').and(rows);
  if (cursor) arm.add(`(s.received_at, s.work_order_id) ${dir === 'desc' ? '<' : '>'} (?::timestamptz, ?::int)`, cursor.receivedAt, cursor.id);
  const join = rows.parts.length ? ' join work_order wo on wo.id = s.work_order_id' : '';
  return {
    sql: `wo.id in (select c.work_order_id from department d cross join lateral (
        select s.work_order_id from department_order_scope s${join} where ${arm.sql}
         order by s.received_at ${dir}, s.work_order_id ${dir} limit ${limit}) c
       where d.path like ?)`,
    params: [...arm.params, `${likeEscape(scope.departmentPath)}%`],
  };
}
