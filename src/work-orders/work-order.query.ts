import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { pageRequest, toConnection, type ConnectionData, type PageArgs, type PageRequest } from '../common/connection';
import { decodeCursor, encodeCursor, type CursorKind } from '../common/relay';
import { prepared } from '../db/prepared';
import { readMapper } from '../db/read-model';
import { likeEscape, pgArray, Where } from '../db/sql';
import { Assignment, Callback, Reply, WorkOrder, WorkOrderEvent, WorkOrderSource } from '../entities';
import { FINISHED_STATUSES, type RequestType, type Urgency, type WorkOrderStatus } from './enums';
import { addScope, departmentScopeWalk } from './visibility';
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

function addFilter(where: Where, f: WorkOrderFilterData): void {
  if (f.repeatOfIds?.length) where.add('wo.repeat_of_id = any(?::int[])', pgArray(f.repeatOfIds));
  if (f.hotIssueIds?.length)
    where.add('wo.id in (select m.work_order_id from hot_issue_member m where m.hot_issue_id = any(?::int[]))', pgArray(f.hotIssueIds));
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
    where.add('wo.category_id in (select id from category where code like any(?::text[]))', pgArray(f.categoryCodes.map((c) => `${likeEscape(c)}%`)));
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
 * What a read of orders needs besides the orders (issue 15: one statement for the frontend's list
 * and for the order page, instead of one per relation):
 * - `light`: the orders without the columns only some fields read (the content, the encrypted
 *   personal data): the caller knows no selected field reads them (work-order.resolver.ts
 *   LIGHT_FIELDS).
 * - `latestReply`: each order's newest reply, in the same statement (LATERAL), as the
 *   latestReplyByOrder loader would read it (graphql/loaders.ts).
 * - `children`: an order's timeline, assignments, replies, callbacks, sources, in the same
 *   statement (json_agg), each in its loader's order (graphql/loaders.ts).
 */
export interface OrderReadShape {
  light?: boolean;
  latestReply?: boolean;
  children?: ReadonlyArray<OrderChild>;
}

export type OrderChild = 'events' | 'assignments' | 'replies' | 'callbacks' | 'sources';

/** The children an order page can carry, with their loaders' orderings (graphql/loaders.ts). */
const CHILDREN: Record<OrderChild, { entity: { new (...args: never[]): object; name: string }; orderBy: string }> = {
  events: { entity: WorkOrderEvent, orderBy: 'x.id' },
  assignments: { entity: Assignment, orderBy: 'x.assigned_at, x.id' },
  replies: { entity: Reply, orderBy: 'x.submitted_at, x.id' },
  callbacks: { entity: Callback, orderBy: 'x.called_at, x.id' },
  sources: { entity: WorkOrderSource, orderBy: 'x.first_seen_at, x.id' },
};

/** Columns that only the content and citizen fields read (large text, ciphertext). */
const HEAVY_COLUMNS = new Set(['content', 'citizen_name_enc', 'citizen_phone_enc', 'citizen_id_number_enc', 'citizen_address_enc', 'restricted_content_enc']);

/** An order read with the shape's extras (null when not asked for). */
export interface OrderRead {
  order: WorkOrder;
  latestReply?: Reply | null;
  children?: Partial<Record<OrderChild, object[]>>;
}

/**
 * Read side of work orders: list with keyset pagination, lookups — all within the viewer's scope.
 * Returns read models (db/read-model.ts); writes load managed entities themselves.
 */
export class WorkOrderQueries {
  /** Statement timeout of list queries with `filter.text` (work-order-search.ts). */
  searchTimeoutMs = SEARCH_STATEMENT_TIMEOUT_MS;

  async list(em: EntityManager, viewer: Viewer, args: ListArgs): Promise<ConnectionData<WorkOrder>> {
    return (await this.listWith(em, viewer, args, {})).connection;
  }

  /** `list`, with what else the caller's selection needs in the same statement (OrderReadShape). */
  async listWith(
    em: EntityManager,
    viewer: Viewer,
    args: ListArgs,
    shape: OrderReadShape,
  ): Promise<{ connection: ConnectionData<WorkOrder>; latestReplies: Map<number, Reply | null> | null }> {
    prepareOrderReads(em);
    const { request, sql, params, countWhere, search } = this.listStatement(viewer, args, shape);
    // A search runs under a short statement timeout (its own transaction); other lists as before.
    const run = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => (search ? withSearchTimeout(em, this.searchTimeoutMs, fn) : fn(em));
    const rows = await run((tx) => tx.execute(prepared(sql), params));
    const orders = readMapper(em, WorkOrder);
    const mapped = rows.map((row) => ({ order: orders.map(row), sortKey: String(row._sort_key) }));
    const latestReplies = shape.latestReply ? new Map(rows.map((row, i) => [mapped[i].order.id, latestReplyOf(em, row)])) : null;
    const keys = new Map(mapped.map((m) => [m.order, m.sortKey]));
    const connection = toConnection(
      mapped.map((m) => m.order),
      request,
      (order) => encodeCursor([keys.get(order), order.id]),
      async () => {
        const [row] = await run((tx) => tx.execute(prepared(`select count(*)::int as n from work_order wo where ${countWhere.sql}`), countWhere.params));
        return row.n;
      },
    );
    return { connection, latestReplies };
  }

  /** The SQL of one list page (and of its count), as `list` runs it; also what tests EXPLAIN. */
  listStatement(
    viewer: Viewer,
    args: ListArgs,
    shape: OrderReadShape = {},
  ): { request: PageRequest; sql: string; params: unknown[]; countWhere: { sql: string; params: unknown[] }; search: WorkOrderSearch | null } {
    const request = pageRequest(args);
    const field = args.orderBy?.field ?? WorkOrderSortField.RECEIVED_AT;
    const direction = args.orderBy?.direction ?? SortDirection.DESC;
    const { expr, cast } = SORT_SQL[field];

    const rows = new Where();
    if (args.filter) addFilter(rows, args.filter);
    const search = parseWorkOrderSearch(args.filter?.text);
    if (search) {
      const condition = searchSql(search);
      rows.add(condition.sql, ...condition.params);
    }
    const inScope = new Where();
    addScope(inScope, viewer);
    inScope.and(rows);
    const countWhere = { sql: inScope.sql, params: [...inScope.params] };

    // Walking backwards (last/before) reads the order reversed, then toConnection flips the page.
    const descending = (direction === SortDirection.DESC) === request.forward;
    const dir = descending ? 'desc' : 'asc';
    const cursor = request.cursor ? decodeCursor(request.cursor, [cast, 'int']) : null;
    // Department staff's lists by received time walk their departments' scope index (visibility.ts);
    // other scopes, sort keys and text searches (their trigram index reads first): the scope as a
    // condition on each order.
    const walk =
      field === WorkOrderSortField.RECEIVED_AT && !search
        ? departmentScopeWalk(viewer, rows, cursor && { receivedAt: String(cursor[0]), id: Number(cursor[1]) }, dir, request.limit + 1)
        : null;
    const where = walk ? new Where().add(walk.sql, ...walk.params) : new Where().and(inScope);
    if (cursor && !walk) where.add(`(${expr}, wo.id) ${descending ? '<' : '>'} (?::${cast}, ?::int)`, String(cursor[0]), Number(cursor[1]));
    const page = `select ${orderColumns(shape)}, (${expr})::text as _sort_key${shape.latestReply ? `, ${expr} as _sort_value` : ''}
        from work_order wo where ${where.sql}
        order by ${expr} ${dir}, wo.id ${dir} limit ${request.limit + 1}`;
    // The latest replies of the page's orders only: LATERAL after the page's limit (not before a sort
    // of every order in scope), the page's order kept.
    const sql = shape.latestReply
      ? `select wo.*, ${LATEST_REPLY_COLUMNS} from (${page}) wo${LATEST_REPLY_JOIN}
          order by wo._sort_value ${dir}, wo.id ${dir}`
      : page;
    return { request, sql, params: where.params, countWhere, search };
  }

  /** Orders by id that the viewer may see (others are silently absent: NOT_FOUND to the caller). */
  async byIds(em: EntityManager, viewer: Viewer, ids: readonly number[]): Promise<WorkOrder[]> {
    const where = new Where().add('wo.id = any(?::int[])', pgArray([...ids]));
    addScope(where, viewer);
    const rows = await em.execute(prepared(`select wo.* from work_order wo where ${where.sql}`), where.params);
    return rows.map(readMapper(em, WorkOrder).map);
  }

  async byCode(em: EntityManager, viewer: Viewer, code: string): Promise<WorkOrder | null> {
    const where = new Where().add('wo.code = ?', code);
    addScope(where, viewer);
    const rows = await em.execute(prepared(`select wo.* from work_order wo where ${where.sql}`), where.params);
    return rows[0] ? readMapper(em, WorkOrder).map(rows[0]) : null;
  }

  /**
   * One order by code or id within the viewer's scope, with what else the shape asks for, in one
   * statement (the order page: its timeline, assignments, replies, callbacks and sources); null when
   * absent or not visible.
   */
  async one(em: EntityManager, viewer: Viewer, key: { code: string } | { id: number }, shape: OrderReadShape): Promise<OrderRead | null> {
    const where = 'code' in key ? new Where().add('wo.code = ?', key.code) : new Where().add('wo.id = ?', key.id);
    addScope(where, viewer);
    prepareOrderReads(em);
    const children = shape.children ?? [];
    const aggregates = children.map((child) => {
      const { entity, orderBy } = CHILDREN[child];
      const mapper = readMapper(em, entity);
      return `, (select coalesce(json_agg(${mapper.json('x')} order by ${orderBy}), '[]'::json) from "${mapper.table}" x where x.work_order_id = wo.id) as "_${child}"`;
    });
    const rows = await em.execute(
      prepared(`select ${orderColumns(shape)}${shape.latestReply ? `, ${LATEST_REPLY_COLUMNS}` : ''}${aggregates.join('')}
         from work_order wo${shape.latestReply ? LATEST_REPLY_JOIN : ''} where ${where.sql}`),
      where.params,
    );
    const row = rows[0];
    if (!row) return null;
    const read: OrderRead = { order: readMapper(em, WorkOrder).map(row) };
    if (shape.latestReply) read.latestReply = latestReplyOf(em, row);
    if (children.length) {
      read.children = {};
      for (const child of children) {
        const mapper = readMapper(em, CHILDREN[child].entity);
        const items = row[`_${child}`];
        read.children[child] = (typeof items === 'string' ? (JSON.parse(items) as Record<string, unknown>[]) : (items as Record<string, unknown>[])).map(
          mapper.map,
        );
      }
    }
    return read;
  }
}

/** The order columns a shape reads (wo.*, or all but HEAVY_COLUMNS). */
function orderColumns(shape: OrderReadShape): string {
  if (!shape.light) return 'wo.*';
  return (LIGHT_COLUMNS ??= WORK_ORDER_COLUMNS()
    .filter((c) => !HEAVY_COLUMNS.has(c))
    .map((c) => `wo."${c}"`)
    .join(', '));
}
let LIGHT_COLUMNS: string | undefined;
let workOrderColumns: readonly string[] | undefined;
const WORK_ORDER_COLUMNS = () => workOrderColumns!;

/** The newest reply of each order (as latestReplyByOrder: submitted_at desc, id desc), its columns prefixed `_lr_`. */
const LATEST_REPLY_JOIN = `
  left join lateral (select r.* from reply r where r.work_order_id = wo.id order by r.submitted_at desc, r.id desc limit 1) lr on true`;
let LATEST_REPLY_COLUMNS = '';

function latestReplyOf(em: EntityManager, row: Record<string, unknown>): Reply | null {
  if (row._lr_id == null) return null;
  const mapper = readMapper(em, Reply);
  const reply: Record<string, unknown> = {};
  for (const column of mapper.columns) reply[column] = row[`_lr_${column}`];
  return mapper.map(reply);
}

/** Column lists from the entity metadata, once (the mappers are per process). */
function prepareOrderReads(em: EntityManager): void {
  if (workOrderColumns) return;
  workOrderColumns = readMapper(em, WorkOrder).columns;
  LATEST_REPLY_COLUMNS = readMapper(em, Reply)
    .columns.map((c) => `lr."${c}" as "_lr_${c}"`)
    .join(', ');
}
