import { Agent, request } from 'node:http';
import { methodLabel, routeLabel } from '../src/http/metrics';
import { startTestHub, type TestHub } from './support/hub';

/** Series of the request-duration histogram in a /metrics text, by their label sets. */
function durationSeries(text: string): Set<string> {
  const series = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^minyi_http_request_duration_seconds_count\{([^}]*)\}/.exec(line);
    if (match) series.add(match[1]);
  }
  return series;
}

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PROPFIND',
  'MKCOL',
  'PURGE',
  'SEARCH',
  'REPORT',
  'LOCK',
  'UNLOCK',
  'COPY',
  'MOVE',
  'LINK',
  'UNLINK',
  'MKCALENDAR',
  'ACL',
  'BIND',
  'SUBSCRIBE',
  'NOTIFY',
  'MERGE',
  'CHECKOUT',
];

describe('/metrics label cardinality', () => {
  let t: TestHub;
  let base: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  beforeAll(async () => {
    t = await startTestHub();
    base = t.hub.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  const send = (method: string, path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const metrics = async () => (await fetch(`${base}/metrics`)).text();

  it('maps paths and methods to a fixed set of labels', () => {
    expect(routeLabel('/graphql')).toBe('/graphql');
    expect(routeLabel('/graphql/ruru-static/ruru.min.js')).toBe('/graphql/ruru-static');
    expect(routeLabel('/intake/wzgz')).toBe('/intake/:channelCode');
    expect(routeLabel('/reports/monthly/2026-10.xlsx')).toBe('/reports/monthly/:file');
    expect(routeLabel('/healthz')).toBe('/healthz');
    expect(routeLabel('/graphqlx')).toBe('other');
    expect(routeLabel('/intake/a/b')).toBe('other');
    expect(routeLabel('/wp-admin/../../etc/passwd')).toBe('other');
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('other');
    expect(methodLabel('other')).toBe('other');
  });

  it('labels a GraphQL request /graphql (read before the mounted router rewrites the path)', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(
      [...durationSeries(await metrics())].some(
        (labels) => labels.includes('route="/graphql"') && labels.includes('method="POST"') && labels.includes('status="200"'),
      ),
    ).toBe(true);
  });

  it('2,000 requests to random paths with random methods add at most a handful of series', async () => {
    await send('GET', '/healthz');
    const before = await metrics();
    const seriesBefore = durationSeries(before);
    let n = 0;
    const worker = async () => {
      while (n < 2000) {
        const i = n++;
        const method = METHODS[i % METHODS.length];
        const path = `/${Math.random().toString(36).slice(2)}/${i}${i % 3 === 0 ? `?q=${i}` : ''}`;
        await send(method, i % 7 === 0 ? `/intake/x${i}` : path);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const after = await metrics();
    const seriesAfter = durationSeries(after);
    // route 'other' or '/intake/:channelCode' × a few statuses × the fixed methods: a constant, not 2,000.
    expect(seriesAfter.size - seriesBefore.size).toBeLessThanOrEqual(20);
    for (const labels of seriesAfter) {
      expect(labels).toMatch(/route="(\/graphql|\/graphql\/ruru-static|\/healthz|\/readyz|\/metrics|\/intake\/:channelCode|\/reports\/monthly\/:file|other)"/);
      expect(labels).toMatch(/method="(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|other)"/);
    }
    expect(after.length).toBeLessThan(before.length + 50_000);
  });
});
