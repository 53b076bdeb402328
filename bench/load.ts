import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * A small closed-loop load generator: `connections` keep-alive clients each send the next request
 * as soon as the previous answer is read, for `seconds`. Latencies are kept whole, so percentiles
 * are exact. Only loopback targets are used.
 */
export async function runLoad(options: {
  url: string;
  /** The request body, or a function giving the body of the i-th request (e.g. cycling over ids). */
  body: string | ((i: number) => string);
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  check?: (status: number, body: string) => boolean;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('load only against loopback');
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  let sent = 0;
  const nextBody = typeof options.body === 'string' ? () => options.body as string : () => (options.body as (i: number) => string)(sent++);

  const once = () =>
    new Promise<void>((resolve) => {
      const body = nextBody();
      const started = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (options.check && !options.check(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: pct(50), p95: pct(95), p99: pct(99) };
}
