/**
 * 数据库不可用 Whether an error means "the database cannot answer right now" (so the caller should
 * retry later: GraphQL UNAVAILABLE, HTTP 503 with Retry-After) rather than a bug (INTERNAL):
 * - no pooled connection within the acquire timeout (knex KnexTimeoutError);
 * - the connection could not be made or was lost: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE,
 *   EHOSTUNREACH, ENETUNREACH, EAI_AGAIN, "Connection terminated…", a missed client-side deadline
 *   ("Query read timeout", db/timeouts.ts);
 * - PostgreSQL refusing or cancelling work for its own state: SQLSTATE 57014 query_canceled
 *   (statement_timeout), 55P03 lock_not_available (lock_timeout), 57P01 admin_shutdown, 57P02
 *   crash_shutdown, 57P03 cannot_connect_now (starting up, recovering), 53300
 *   too_many_connections, and class 08 (connection exceptions).
 * MikroORM wraps driver errors (DriverException keeps `code`; the original is its `cause`), so the
 * whole cause chain is examined (and AggregateError's `errors`, as a multi-address connect gives).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
const SQLSTATES = new Set(['57014', '55P03', '57P01', '57P02', '57P03', '53300']);
const MESSAGES = [
  /^Connection terminated/,
  /^Query read timeout$/,
  /^Knex: Timeout acquiring a connection/,
  /^timeout exceeded when trying to connect$/,
  /Client has encountered a connection error and is not queryable/,
  /^Connection ended unexpectedly$/,
];

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { name, code, sqlState, message, cause, errors, originalError } = e as {
      name?: unknown;
      code?: unknown;
      sqlState?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
      originalError?: unknown;
    };
    if (name === 'KnexTimeoutError') return true;
    for (const c of [code, sqlState]) {
      if (typeof c !== 'string') continue;
      if (NETWORK_CODES.has(c) || SQLSTATES.has(c) || /^08[0-9A-Z]{3}$/.test(c)) return true;
    }
    // knex prefixes a failed statement's message with its SQL ("select … - Connection terminated …").
    if (typeof message === 'string' && [message, message.slice(message.lastIndexOf(' - ') + 3)].some((text) => MESSAGES.some((m) => m.test(text)))) return true;
    queue.push(cause, originalError);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}
