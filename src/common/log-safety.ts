/**
 * What of an error may be logged: its class, codes and stack frames. Its message may quote what a
 * client sent (graphql-js quotes variable values; MikroORM's messages carry the SQL text), so
 * messages of such errors never reach a log.
 */
export function redactedStack(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown })?.stack;
  if (typeof stack !== 'string') return undefined;
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
}

/** Errors whose message may carry values: SQL errors (the statement, a rejected value) and GraphQL's. */
function messageMayQuoteValues(error: Error): boolean {
  const e = error as Error & { code?: unknown; sqlState?: unknown; locations?: unknown; extensions?: unknown };
  return (
    e.sqlState !== undefined ||
    (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) || // a PostgreSQL SQLSTATE
    /Exception$/.test(e.constructor?.name ?? '') || // MikroORM's DriverException family (message = SQL + error)
    e.extensions !== undefined || // GraphQLError
    /^(Syntax Error|Variable ")/.test(e.message)
  );
}

/**
 * pino's `err` serializer: the class, codes and stack frames always; the message only for errors
 * that cannot quote what a client sent (a refused connection, a bad configuration…). pino's own
 * serializer would also copy every enumerable property, and pg errors carry the rejected value in
 * `detail` ("Key (phone)=(138…) already exists").
 */
export function safeErrorSerializer(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; sqlState?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: e.constructor?.name ?? 'Error' };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (!messageMayQuoteValues(e)) out.message = e.message;
  out.stack = redactedStack(e);
  if (e.cause !== undefined && depth < 3) out.cause = safeErrorSerializer(e.cause, depth + 1);
  return out;
}
