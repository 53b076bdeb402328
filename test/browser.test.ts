import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chromium } from './support/chromium';
import { createEmptyDatabase } from './support/database';
import { startHubProcess, type HubProcess } from './support/hub-process';

/**
 * The hub as a browser meets it (Debian's headless Chromium over the DevTools protocol): GraphiQL
 * at /graphql loads the schema with its own introspection query, and a frontend page on another
 * origin can call the API only when that origin is in MINYI_CORS_ORIGINS. The hub runs as
 * `node dist/src/main.js` (GraphiQL's bundled assets load through a dynamic import that jest's
 * sandbox cannot do).
 */
describe('a real browser', () => {
  let browser: Chromium;
  let hub: HubProcess;
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let operatorToken = '';
  const pages: Server[] = [];
  let allowedOrigin = '';
  let otherOrigin = '';

  /** A frontend origin: serves one page whose script calls the hub and leaves the outcome in window.result. */
  async function frontend(): Promise<string> {
    const server = createServer((req, res) => {
      const { hub, token } = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body><script>
        const call = (body) => fetch(${JSON.stringify(hub ?? '')}, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + ${JSON.stringify(token ?? '')} }, body,
        }).then(async (r) => ({ status: r.status, body: await r.json(), requestId: r.headers.get('x-request-id') }), (e) => ({ blocked: String(e) }));
        window.result = Promise.all([call(JSON.stringify({ query: '{ viewer { role } }' })), call('{"query": ')]);
      </script></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pages.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    browser = Chromium.launch();
    allowedOrigin = await frontend();
    otherOrigin = await frontend();
    db = await createEmptyDatabase('minyi_browser');
    const dataDir = mkdtempSync(join(tmpdir(), 'minyi-browser-'));
    hub = await startHubProcess({
      DATABASE_URL: db.url,
      MINYI_DATA_KEY: randomBytes(32).toString('hex'),
      MINYI_DATA_DIR: dataDir,
      MINYI_DEMO: '1',
      MINYI_DEMO_ORDERS: '20',
      MINYI_DEMO_TRICKLE_PER_MINUTE: '0',
      MINYI_CORS_ORIGINS: allowedOrigin,
    });
    const tokens = JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8')) as Array<{ role: string; token: string }>;
    operatorToken = tokens.find((x) => x.role === 'OPERATOR')!.token;
  });
  afterAll(async () => {
    await browser.close();
    for (const server of pages) await new Promise((resolve) => server.close(resolve));
    await hub?.stop();
    await db?.drop();
  });

  it('GraphiQL loads its schema (its own introspection query, without a token) and shows no error', async () => {
    const probe = `new Promise((resolve) => {
      const started = Date.now();
      const tick = () => {
        const text = document.body.innerText;
        const fetched = performance.getEntriesByType('resource').some((e) => e.name.endsWith('/graphql') && e.initiatorType === 'fetch');
        if ((fetched && Date.now() - started > 1500) || Date.now() - started > 10000) resolve({ text, fetched });
        else setTimeout(tick, 100);
      };
      tick();
    })`;
    const page = await browser.open(hub.url, probe);
    expect(page.value.fetched).toBe(true);
    expect(page.value.text).not.toMatch(/Error fetching schema|Failed to fetch|QUERY_TOO_COMPLEX|UNAUTHENTICATED/);
    const introspection = page.requests.filter((r) => r.method === 'POST' && r.url === hub.url && /__schema/.test(r.postData ?? ''));
    expect(introspection.length).toBeGreaterThan(0);
    expect(introspection.every((r) => r.status === 200)).toBe(true);
    expect(page.errors).toEqual([]);
  });

  it('a frontend on an allowed origin calls the API and reads its errors as JSON; another origin is blocked', async () => {
    const query = `?hub=${encodeURIComponent(hub.url)}&token=${encodeURIComponent(operatorToken)}`;
    const allowed = await browser.open(`${allowedOrigin}/${query}`, 'window.result');
    const [ok, malformed] = allowed.value;
    expect(ok.status).toBe(200);
    expect(ok.body.data.viewer.role).toBe('OPERATOR');
    expect(ok.requestId).toMatch(/\S+/); // exposed to scripts (Access-Control-Expose-Headers)
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringMatching(/JSON/) });

    const other = await browser.open(`${otherOrigin}/${query}`, 'window.result');
    for (const outcome of other.value) expect(outcome.blocked).toMatch(/TypeError|Failed to fetch/);
    expect(other.errors.join('\n')).toMatch(/CORS/);
  });
});
