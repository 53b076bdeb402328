import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { pageRequest, toConnection, type ConnectionData, type PageArgs } from '../common/connection';
import { decodeCursor, encodeCursor } from '../common/relay';
import { readMapper } from '../db/read-model';
import { pgArray, Where } from '../db/sql';
import { Alert } from '../entities';
import { addScope } from '../work-orders/visibility';
import type { AlertType } from './vocabulary';

export interface AlertFilterData {
  types?: AlertType[] | null;
  departmentCodes?: string[] | null;
  raisedFrom?: Date | null;
  raisedTo?: Date | null;
}

/** Alerts on the orders the viewer may see, newest first, keyset-paged. */
export async function listAlerts(em: EntityManager, viewer: Viewer, args: PageArgs & { filter?: AlertFilterData | null }): Promise<ConnectionData<Alert>> {
  const request = pageRequest(args);
  const where = new Where();
  addScope(where, viewer);
  const f = args.filter ?? {};
  if (f.types?.length) where.add('a.type = any(?::alert_type[])', pgArray(f.types));
  if (f.departmentCodes?.length) {
    where.add(
      `a.department_id in (select d.id from department d where d.path like any (select path || '%' from department where code = any(?::text[])))`,
      pgArray(f.departmentCodes),
    );
  }
  if (f.raisedFrom) where.add('a.raised_at >= ?', f.raisedFrom);
  if (f.raisedTo) where.add('a.raised_at < ?', f.raisedTo);
  const count = { sql: where.sql, params: [...where.params] };
  const descending = request.forward;
  if (request.cursor) {
    const [key, id] = decodeCursor(request.cursor, ['timestamptz', 'int']);
    where.add(`(a.raised_at, a.id) ${descending ? '<' : '>'} (?::timestamptz, ?::int)`, String(key), Number(id));
  }
  const dir = descending ? 'desc' : 'asc';
  const rows = await em.execute(
    `select a.*, a.raised_at::text as _sort_key from alert a join work_order wo on wo.id = a.work_order_id
      where ${where.sql} order by a.raised_at ${dir}, a.id ${dir} limit ${request.limit + 1}`,
    where.params,
  );
  const mapper = readMapper(em, Alert);
  const keyed = rows.map((row) => ({ alert: mapper.map(row), key: String(row._sort_key) }));
  const keys = new Map(keyed.map((k) => [k.alert, k.key]));
  return toConnection(
    keyed.map((k) => k.alert),
    request,
    (alert) => encodeCursor([keys.get(alert), alert.id]),
    async () => {
      const [row] = await em.execute(`select count(*)::int as n from alert a join work_order wo on wo.id = a.work_order_id where ${count.sql}`, count.params);
      return row.n;
    },
  );
}
