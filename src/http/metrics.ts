import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

let defaultsCollected = false;

/** Prometheus metrics (GET /metrics). */
export function initMetrics(): void {
  if (!defaultsCollected) {
    collectDefaultMetrics({ prefix: 'minyi_' });
    defaultsCollected = true;
  }
}

export const httpDuration = new Histogram({
  name: 'minyi_http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const graphqlOperations = new Counter({
  name: 'minyi_graphql_operations_total',
  help: 'GraphQL operations executed, by type and outcome',
  labelNames: ['type', 'outcome'],
});

export { register as metricsRegistry };

/**
 * Label values are a fixed set: a label made from the raw path or method would give every random
 * URL a series of its own (20,000 random paths once made /metrics 78 MB). Everything else is `other`.
 */
export const ROUTE_LABELS = [
  '/graphql',
  '/graphql/ruru-static',
  '/healthz',
  '/readyz',
  '/metrics',
  '/intake/:channelCode',
  '/reports/monthly/:file',
  'other',
] as const;

const FIXED_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

export function routeLabel(path: string): (typeof ROUTE_LABELS)[number] {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (FIXED_ROUTES.has(p)) return p as (typeof ROUTE_LABELS)[number];
  if (p.startsWith('/graphql/ruru-static/')) return '/graphql/ruru-static';
  if (/^\/intake\/[^/]+$/.test(p)) return '/intake/:channelCode';
  if (/^\/reports\/monthly\/[^/]+$/.test(p)) return '/reports/monthly/:file';
  return 'other';
}

export const METHOD_LABELS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other'] as const;

export function methodLabel(method: string): (typeof METHOD_LABELS)[number] {
  return (METHOD_LABELS as readonly string[]).includes(method) && method !== 'other' ? (method as (typeof METHOD_LABELS)[number]) : 'other';
}

/** Status label: the code for the statuses the hub answers, `other` for anything outside 100–599. */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
}
