import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, LoggerNamespace, LogContext, LoggerOptions } from '@mikro-orm/core';
import { Counter } from 'prom-client';

/**
 * Counts SQL statements per request (and per benchmark step) without touching the driver:
 * MikroORM reports each query to this logger, which adds it to the counter of the
 * AsyncLocalStorage scope the query runs in.
 */
export interface SqlScope {
  statements: number;
  log?: (sql: string) => void;
}

export const sqlScope = new AsyncLocalStorage<SqlScope>();

export const sqlStatementsTotal = new Counter({
  name: 'minyi_sql_statements_total',
  help: 'SQL statements sent to PostgreSQL',
});

export function countSql<T>(fn: () => Promise<T>, scope: SqlScope = { statements: 0 }): Promise<T> {
  return sqlScope.run(scope, fn);
}

class CountingLogger implements Logger {
  constructor(private readonly options: LoggerOptions) {}

  log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    if (namespace !== 'query') return;
    // MikroORM reports each query once (the "query" namespace); params are never logged here.
    const scope = sqlScope.getStore();
    if (scope) {
      scope.statements++;
      scope.log?.(context?.query ?? message);
    }
    sqlStatementsTotal.inc();
  }
  error(): void {}
  warn(): void {}
  logQuery(context: { query: string } & LogContext): void {
    this.log('query', context.query, context);
  }
  setDebugMode(): void {}
  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query';
  }
}

export const sqlLogger = (options: LoggerOptions): Logger => new CountingLogger(options);
