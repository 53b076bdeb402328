import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { pageRequest, toConnection, type ConnectionData, type PageArgs } from '../common/connection';
import { decodeCursor, encodeCursor, type CursorKind } from '../common/relay';
import { readMapper } from '../db/read-model';
import { pgArray, Where } from '../db/sql';
import { DuplicateCandidate, HotIssue } from '../entities';
import { addScope } from '../work-orders/visibility';
import type { DuplicateStatus, HotIssueStatus } from './vocabulary';

export interface HotIssueFilterData {
  statuses?: HotIssueStatus[] | null;
  regionCodes?: string[] | null;
  categoryCodes?: string[] | null;
  /** Detected at or after. */
  since?: Date | null;
}

export type HotIssueOrder = 'SCORE' | 'LAST_SEEN' | 'DETECTED';

const ORDER_KEY: Record<HotIssueOrder, { sql: string; cast: CursorKind }> = {
  SCORE: { sql: 'h.score', cast: 'double precision' },
  LAST_SEEN: { sql: 'h.last_seen_at', cast: 'timestamptz' },
  DETECTED: { sql: 'h.detected_at', cast: 'timestamptz' },
};

/**
 * Row scope of hot issues: whoever sees all orders sees every hot issue; the others see those with
 * at least one member order in their own scope (auth/policy.ts workOrderScope).
 */
function addHotIssueScope(where: Where, viewer: Viewer): void {
  const members = new Where();
  addScope(members, viewer);
  if (!members.parts.length) return;
  where.add(
    `exists (select 1 from hot_issue_member m join work_order wo on wo.id = m.work_order_id where m.hot_issue_id = h.id and ${members.sql})`,
    ...members.params,
  );
}

/** 热点 Hot issues (clusters that crossed the threshold), highest score first by default, keyset-paged. */
export async function listHotIssues(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: HotIssueFilterData | null; orderBy?: HotIssueOrder | null },
): Promise<ConnectionData<HotIssue>> {
  const request = pageRequest(args);
  const where = new Where().add('h.detected_at is not null');
  addHotIssueScope(where, viewer);
  const f = args.filter ?? {};
  if (f.statuses?.length) where.add('h.status = any(?::hot_issue_status[])', pgArray(f.statuses));
  if (f.regionCodes?.length) where.add('h.region_id in (select id from region where code = any(?::text[]))', pgArray(f.regionCodes));
  if (f.categoryCodes?.length) {
    where.add(
      `h.category_id in (select c.id from category c where c.code like any (select code || '%' from unnest(?::text[]) code))`,
      pgArray(f.categoryCodes),
    );
  }
  if (f.since) where.add('h.detected_at >= ?', f.since);
  const count = { sql: where.sql, params: [...where.params] };
  const key = ORDER_KEY[args.orderBy ?? 'SCORE'];
  const descending = request.forward;
  if (request.cursor) {
    const [k, id] = decodeCursor(request.cursor, [key.cast, 'int']);
    where.add(`(${key.sql}, h.id) ${descending ? '<' : '>'} (?::${key.cast}, ?::int)`, String(k), Number(id));
  }
  const dir = descending ? 'desc' : 'asc';
  const rows = await em.execute(
    `select h.*, (${key.sql})::text as _sort_key from hot_issue h where ${where.sql} order by ${key.sql} ${dir}, h.id ${dir} limit ${request.limit + 1}`,
    where.params,
  );
  const mapper = readMapper(em, HotIssue);
  const keyed = rows.map((row) => ({ issue: mapper.map(row), key: String(row._sort_key) }));
  const keys = new Map(keyed.map((k) => [k.issue, k.key]));
  return toConnection(
    keyed.map((k) => k.issue),
    request,
    (issue) => encodeCursor([keys.get(issue), issue.id]),
    async () => (await em.execute(`select count(*)::int as n from hot_issue h where ${count.sql}`, count.params))[0].n,
  );
}

/** One hot issue the viewer may see (null otherwise). */
export async function findHotIssue(em: EntityManager, viewer: Viewer, id: number): Promise<HotIssue | null> {
  const where = new Where().add('h.id = ?', id).add('h.detected_at is not null');
  addHotIssueScope(where, viewer);
  const [row] = await em.execute(`select h.* from hot_issue h where ${where.sql}`, where.params);
  return row ? readMapper(em, HotIssue).map(row) : null;
}

/** Member orders per day (Asia/Shanghai dates), from the first member to the last. */
export async function hotIssueTrend(em: EntityManager, id: number): Promise<Array<{ date: string; count: number }>> {
  return em.execute(
    `select to_char(d, 'YYYY-MM-DD') as date, count(wo.id)::int as count
       from (select generate_series(min(wo.received_at at time zone 'Asia/Shanghai')::date, max(wo.received_at at time zone 'Asia/Shanghai')::date, interval '1 day') as d
               from hot_issue_member m join work_order wo on wo.id = m.work_order_id where m.hot_issue_id = ?) days
       left join (hot_issue_member m join work_order wo on wo.id = m.work_order_id and m.hot_issue_id = ?)
              on (wo.received_at at time zone 'Asia/Shanghai')::date = days.d
      group by d order by d`,
    [id, id],
  );
}

/** 多头投诉 candidates (pending by default), newest first; both orders must be visible to the viewer. */
export async function listDuplicateCandidates(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { statuses?: DuplicateStatus[] | null },
): Promise<ConnectionData<DuplicateCandidate>> {
  const request = pageRequest(args);
  const where = new Where().add('dc.status = any(?::duplicate_status[])', pgArray(args.statuses?.length ? args.statuses : ['PENDING']));
  const scope = new Where();
  addScope(scope, viewer);
  if (scope.parts.length) {
    where.add(`exists (select 1 from work_order wo where wo.id = dc.primary_id and ${scope.sql})`, ...scope.params);
    where.add(`exists (select 1 from work_order wo where wo.id = dc.duplicate_id and ${scope.sql})`, ...scope.params);
  }
  const count = { sql: where.sql, params: [...where.params] };
  const descending = request.forward;
  if (request.cursor) {
    const [id] = decodeCursor(request.cursor, ['int']);
    where.add(`dc.id ${descending ? '<' : '>'} ?::int`, Number(id));
  }
  const dir = descending ? 'desc' : 'asc';
  const rows = await em.execute(`select dc.* from duplicate_candidate dc where ${where.sql} order by dc.id ${dir} limit ${request.limit + 1}`, where.params);
  const mapper = readMapper(em, DuplicateCandidate);
  return toConnection(
    rows.map((r: Record<string, unknown>) => mapper.map(r)),
    request,
    (c) => encodeCursor([c.id]),
    async () => (await em.execute(`select count(*)::int as n from duplicate_candidate dc where ${count.sql}`, count.params))[0].n,
  );
}

/** The detected hot issues each order belongs to, newest first (one statement for all the orders). */
export async function hotIssuesOfOrders(em: EntityManager, orderIds: readonly number[]): Promise<Map<number, HotIssue[]>> {
  const hotIssues = readMapper(em, HotIssue);
  const rows = await em.execute(
    `select h.*, m.work_order_id as "__order" from hot_issue_member m join hot_issue h on h.id = m.hot_issue_id
      where m.work_order_id = any(?::int[]) and h.detected_at is not null order by h.detected_at desc, h.id`,
    [pgArray([...orderIds])],
  );
  const groups = new Map<number, HotIssue[]>(orderIds.map((id) => [id, []]));
  for (const row of rows) groups.get(Number(row.__order))?.push(hotIssues.map(row));
  return groups;
}

/** The duplicate candidates each order is in (as primary or duplicate), highest score first (one statement). */
export async function duplicateCandidatesOfOrders(em: EntityManager, orderIds: readonly number[]): Promise<Map<number, DuplicateCandidate[]>> {
  const candidates = readMapper(em, DuplicateCandidate);
  const rows = await em.execute(`select * from duplicate_candidate where primary_id = any(?::int[]) or duplicate_id = any(?::int[]) order by score desc, id`, [
    pgArray([...orderIds]),
    pgArray([...orderIds]),
  ]);
  const groups = new Map<number, DuplicateCandidate[]>(orderIds.map((id) => [id, []]));
  for (const row of rows) {
    const c = candidates.map(row);
    groups.get(Number(row.primary_id))?.push(c);
    if (Number(row.duplicate_id) !== Number(row.primary_id)) groups.get(Number(row.duplicate_id))?.push(c);
  }
  return groups;
}
