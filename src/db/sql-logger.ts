import type { Logger, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import { Counter } from 'prom-client';

/**
 * Counts SQL statements without touching the driver: MikroORM reports each query to this logger,
 * which increments a Prometheus counter (GET /metrics). Tests and benchmarks read its difference
 * around a request. (A per-request AsyncLocalStorage scope was tried and dropped: it turns on
 * promise hooks for the whole process, a measurable cost on every request.)
 */
export const sqlStatementsTotal = new Counter({
  name: 'minyi_sql_statements_total',
  help: 'SQL statements sent to PostgreSQL',
});

class CountingLogger implements Logger {
  log(namespace: LoggerNamespace): void {
    if (namespace !== 'query') return;
    // MikroORM reports each query once (the "query" namespace); params are never logged here.
    sqlStatementsTotal.inc();
  }
  error(namespace: LoggerNamespace, message: string): void {
    console.error(`[mikro-orm:${namespace}] ${message}`);
  }
  warn(namespace: LoggerNamespace, message: string): void {
    console.warn(`[mikro-orm:${namespace}] ${message}`);
  }
  logQuery(): void {
    this.log('query');
  }
  setDebugMode(): void {}
  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query';
  }
}

export const sqlLogger = (_options: LoggerOptions): Logger => new CountingLogger();
