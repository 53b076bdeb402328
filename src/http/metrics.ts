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
