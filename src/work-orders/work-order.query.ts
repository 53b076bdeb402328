import type { EntityManager } from '@mikro-orm/postgresql';
import { workOrderScope } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import { pageRequest, toConnection, type ConnectionData, type PageArgs, type PageRequest } from '../common/connection';
import { decodeCursor, encodeCursor, type CursorKind } from '../common/relay';
import { readMapper } from '../db/read-model';
import { likeEscape, pgArray } from '../db/sql';
import { WorkOrder } from '../entities';
import { FINISHED_STATUSES, type RequestType, type Urgency, type WorkOrderStatus } from './enums';
import { parseWorkOrderSearch, searchSql, SEARCH_STATEMENT_TIMEOUT_MS, withSearchTimeout, type WorkOrderSearch } from './work-order-search';

export interface WorkOrderFilterData {
  status?: WorkOrderStatus[] | null;
  channelCodes?: string[] | null;
  departmentCodes?: string[] | null;
  categoryCodes?: string[] | null;
  regionCodes?: string[] | null;
  requestTypes?: RequestType[] | null;
  urgencies?: Urgency[] | null;
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
  overdue?: boolean | null;
  /** Words in the code, title or content (work-order-search.ts: ≤ 100 characters, synonyms, index-backed). */
  text?: string | null;
  /** Members of these hot issues (热点). */
  hotIssueIds?: number[] | null;
  /** 重复投诉 Repeats of these orders (`repeatOf`); internal (WorkOrder.repeats), not a GraphQL filter. */
  repeatOfIds?: number[] | null;
}

export enum WorkOrderSortField {
  RECEIVED_AT = 'RECEIVED_AT',
  UPDATED_AT = 'UPDATED_AT',
  DUE_AT = 'DUE_AT',
  CODE = 'CODE',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

const SORT_SQL: Record<WorkOrderSortField, { expr: string; cast: CursorKind }> = {
  RECEIVED_AT: { expr: 'wo.received_at', cast: 'timestamptz' },
  UPDATED_AT: { expr: 'wo.updated_at', cast: 'timestamptz' },
  DUE_AT: { expr: "coalesce(wo.due_at, 'infinity'::timestamptz)", cast: 'timestamptz' },
  CODE: { expr: 'wo.code', cast: 'text' },
};

/** A WHERE clause being built: SQL fragments joined by AND, with knex "?" parameters. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }
  get sql(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
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

function addFilter(where: Where, f: WorkOrderFilterData): void {
  if (f.repeatOfIds?.length) where.add('wo.repeat_of_id = any(?::int[])', pgArray(f.repeatOfIds));
  if (f.hotIssueIds?.length) where.add('wo.id in (select m.work_order_id from hot_issue_member m where m.hot_issue_id = any(?::int[]))', pgArray(f.hotIssueIds));
  if (f.status?.length) where.add('wo.status = any(?::work_order_status[])', pgArray(f.status));
  if (f.requestTypes?.length) where.add('wo.request_type = any(?::request_type[])', pgArray(f.requestTypes));
  if (f.urgencies?.length) where.add('wo.urgency = any(?::urgency[])', pgArray(f.urgencies));
  if (f.channelCodes?.length) {
    where.add(
      `wo.id in (select s.work_order_id from work_order_source s join channel c on c.id = s.channel_id where c.code = any(?::text[]))`,
      pgArray(f.channelCodes),
    );
  }
  if (f.departmentCodes?.length) {
    // Assigned (lead or co-handling) to any of these departments or their sub-units.
    where.add(
      `exists (select 1 from assignment a join department d on d.id = a.department_id
        where a.work_order_id = wo.id and a.status <> 'CANCELLED'
          and d.path like any (select path || '%' from department where code = any(?::text[])))`,
      pgArray(f.departmentCodes),
    );
  }
  if (f.categoryCodes?.length) {
    where.add(
      'wo.category_id in (select id from category where code like any(?::text[]))',
      pgArray(f.categoryCodes.map((c) => `${likeEscape(c)}%`)),
    );
  }
  if (f.regionCodes?.length) {
    where.add(
      `wo.region_id in (select r.id from region r left join region p on p.id = r.parent_id
        where r.code = any(?::text[]) or p.code = any(?::text[]))`,
      pgArray(f.regionCodes),
      pgArray(f.regionCodes),
    );
  }
  if (f.receivedFrom) where.add('wo.received_at >= ?', f.receivedFrom);
  if (f.receivedTo) where.add('wo.received_at < ?', f.receivedTo);
  if (f.overdue != null) {
    const overdue = `(wo.due_at < now() and wo.status <> all(?::work_order_status[]))`;
    where.add(f.overdue ? overdue : `not ${overdue}`, pgArray(FINISHED_STATUSES));
  }
  // f.text: WorkOrderQueries.listStatement (it needs its own statement timeout).
}


type ListArgs = PageArgs & { filter?: WorkOrderFilterData | null; orderBy?: { field: WorkOrderSortField; direction: SortDirection } | null };

/**
 * Read side of work orders: list with keyset pagination, lookups — all within the viewer's scope.
 * Returns read models (db/read-model.ts); writes load managed entities themselves.
 */
export class WorkOrderQueries {
  /** Statement timeout of list queries with `filter.text` (work-order-search.ts). */
  searchTimeoutMs = SEARCH_STATEMENT_TIMEOUT_MS;

  async list(
    em: EntityManager,
    viewer: Viewer,
    args: ListArgs,
  ): Promise<ConnectionData<WorkOrder>> {
    const { request, sql, params, countWhere, search } = this.listStatement(viewer, args);
    // A search runs under a short statement timeout (its own transaction); other lists as before.
    const run = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => (search ? withSearchTimeout(em, this.searchTimeoutMs, fn) : fn(em));
    const rows = await run((tx) => tx.execute(sql, params));
    const orders = readMapper(em, WorkOrder);
    const mapped = rows.map((row) => ({ order: orders.map(row), sortKey: String(row._sort_key) }));
    const keys = new Map(mapped.map((m) => [m.order, m.sortKey]));
    return toConnection(
      mapped.map((m) => m.order),
      request,
      (order) => encodeCursor([keys.get(order), order.id]),
      async () => {
        const [row] = await run((tx) => tx.execute(`select count(*)::int as n from work_order wo where ${countWhere.sql}`, countWhere.params));
        return row.n;
      },
    );
  }

  /** The SQL of one list page (and of its count), as `list` runs it; also what tests EXPLAIN. */
  listStatement(
    viewer: Viewer,
    args: ListArgs,
  ): { request: PageRequest; sql: string; params: unknown[]; countWhere: { sql: string; params: unknown[] }; search: WorkOrderSearch | null } {
    const request = pageRequest(args);
    const field = args.orderBy?.field ?? WorkOrderSortField.RECEIVED_AT;
    const direction = args.orderBy?.direction ?? SortDirection.DESC;
    const { expr, cast } = SORT_SQL[field];

    const where = new Where();
    addScope(where, viewer);
    if (args.filter) addFilter(where, args.filter);
    const search = parseWorkOrderSearch(args.filter?.text);
    if (search) {
      const condition = searchSql(search);
      where.add(condition.sql, ...condition.params);
    }
    const countWhere = { sql: where.sql, params: [...where.params] };

    // Walking backwards (last/before) reads the order reversed, then toConnection flips the page.
    const descending = (direction === SortDirection.DESC) === request.forward;
    if (request.cursor) {
      const [key, id] = decodeCursor(request.cursor, [cast, 'int']);
      where.add(`(${expr}, wo.id) ${descending ? '<' : '>'} (?::${cast}, ?::int)`, String(key), Number(id));
    }
    const dir = descending ? 'desc' : 'asc';
    const sql = `select wo.*, (${expr})::text as _sort_key from work_order wo where ${where.sql}
        order by ${expr} ${dir}, wo.id ${dir} limit ${request.limit + 1}`;
    return { request, sql, params: where.params, countWhere, search };
  }

  /** Orders by id that the viewer may see (others are silently absent: NOT_FOUND to the caller). */
  async byIds(em: EntityManager, viewer: Viewer, ids: readonly number[]): Promise<WorkOrder[]> {
    const where = new Where().add('wo.id = any(?::int[])', pgArray([...ids]));
    addScope(where, viewer);
    const rows = await em.execute(`select wo.* from work_order wo where ${where.sql}`, where.params);
    return rows.map(readMapper(em, WorkOrder).map);
  }

  async byCode(em: EntityManager, viewer: Viewer, code: string): Promise<WorkOrder | null> {
    const where = new Where().add('wo.code = ?', code);
    addScope(where, viewer);
    const rows = await em.execute(`select wo.* from work_order wo where ${where.sql}`, where.params);
    return rows[0] ? readMapper(em, WorkOrder).map(rows[0]) : null;
  }
}
