import { badInput } from './errors';

/** Relay pagination arguments: first/after forwards or last/before backwards. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  limit: number;
  forward: boolean;
  cursor: string | null;
}

/** Validates paging arguments (at most 100, default 20, not both directions at once). */
export function pageRequest(args: PageArgs): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) {
    throw badInput('first 与 last 不能同时使用', 'use either first/after or last/before, not both', 'first');
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(`${name} 须为 0–${MAX_PAGE_SIZE}`, `${name} must be between 0 and ${MAX_PAGE_SIZE}`, name);
    }
  }
  if (last != null || (before != null && first == null)) {
    return { limit: last ?? DEFAULT_PAGE_SIZE, forward: false, cursor: before ?? null };
  }
  return { limit: first ?? DEFAULT_PAGE_SIZE, forward: true, cursor: after ?? null };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfoData {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The data behind a connection; totalCount runs its query only when the field is asked for. */
export interface ConnectionData<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoData;
  count: () => Promise<number>;
}

/** Builds a page from `limit + 1` rows fetched in the request's direction. */
export function toConnection<T>(rows: T[], request: PageRequest, cursorOf: (row: T) => string, count: () => Promise<number>): ConnectionData<T> {
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (!request.forward) page.reverse();
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.forward ? hasMore : request.cursor != null,
      hasPreviousPage: request.forward ? request.cursor != null : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count,
  };
}
