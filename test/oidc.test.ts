import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { StaffUser } from '../src/entities';
import { startTestHub, type TestHub } from './support/hub';

/** A free TCP port on 127.0.0.1 (the hub's, known before it starts: the provider registers its redirect URI). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A tiny browser: cookies per origin (name → value), redirects followed by hand, forms submitted. */
class Browser {
  private jars = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; body?: string } = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.cookies(origin);
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || !value) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects and submits the provider's login and consent forms until a redirect leaves for
   * `stopAt` (the hub's callback), which is returned unvisited.
   */
  async signIn(startUrl: string, login: string, stopAt: string): Promise<string> {
    let url = startUrl;
    let init: { method?: string; body?: string } = {};
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(stopAt)) return url;
      const response = await this.request(url, init);
      init = {};
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      const html = await response.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
      if (response.status !== 200 || !form) throw new Error(`unexpected page ${response.status} at ${url}: ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
        const name = /name="([^"]+)"/.exec(input[0])?.[1];
        if (!name) continue;
        const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
        fields.set(name, name === 'login' ? login : name === 'password' ? 'any password' : value);
      }
      url = new URL(form[1].replace(/&amp;/g, '&'), url).toString();
      init = { method: 'POST', body: fields.toString() };
    }
    throw new Error('too many steps');
  }
}

describe('single sign-on: OpenID Connect code flow with PKCE against a real provider (issue 12)', () => {
  let t: TestHub;
  let provider: ChildProcess;
  let issuer: string;
  let hubOrigin: string;

  beforeAll(async () => {
    const port = await freePort();
    hubOrigin = `http://127.0.0.1:${port}`;
    provider = spawn(process.execPath, [join(__dirname, 'support', 'oidc-provider.mjs')], {
      env: { PATH: process.env.PATH!, REDIRECT_URI: `${hubOrigin}/auth/oidc/callback` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`provider did not start: ${output}`)), 20_000);
      provider.stdout!.on('data', (d) => {
        output += d;
        const match = /issuer (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      provider.stderr!.on('data', (d) => (output += d));
      provider.once('exit', (code) => reject(new Error(`provider exited ${code}: ${output}`)));
    });
    t = await startTestHub({
      env: {
        PORT: String(port),
        MINYI_OIDC_ISSUER: issuer,
        MINYI_OIDC_CLIENT_ID: 'minyi-hub',
        MINYI_OIDC_CLIENT_SECRET: 'test-client-secret-0123456789',
        MINYI_OIDC_REDIRECT_URI: `${hubOrigin}/auth/oidc/callback`,
        MINYI_OIDC_SCOPES: 'openid profile',
        MINYI_OIDC_ROLE_CLAIM: 'roles',
        MINYI_OIDC_DEPARTMENT_CLAIM: 'department',
        MINYI_OIDC_ROLE_MAP: 'hotline-operator:OPERATOR,dept-handler:HANDLER',
        MINYI_OIDC_FRONTEND_URL: 'https://app.example.gov.cn/signed-in',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    provider?.kill('SIGTERM');
  });

  async function signIn(login: string, browser = new Browser()) {
    const callback = await browser.signIn(`${hubOrigin}/auth/oidc/login`, login, `${hubOrigin}/auth/oidc/callback`);
    return { browser, callback, response: await browser.request(callback) };
  }

  it('redirects to the provider with state, nonce and a PKCE S256 challenge, binding the browser by cookie', async () => {
    const browser = new Browser();
    const response = await browser.request(`${hubOrigin}/auth/oidc/login`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(issuer);
    const q = location.searchParams;
    expect(q.get('client_id')).toBe('minyi-hub');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${hubOrigin}/auth/oidc/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(browser.cookies(hubOrigin).get('minyi_oidc')).toMatch(/^[\w-]{43}$/);
  });

  it('signs a handler in end to end: claims → role and department, a session usable on /graphql', async () => {
    const { response } = await signIn('li.handler');
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe('https://app.example.gov.cn/signed-in');
    const fragment = new URLSearchParams(target.hash.slice(1));
    const token = fragment.get('token')!;
    expect(token).toMatch(/^mh_/);
    expect(fragment.get('tokenType')).toBe('Bearer');
    const hours = (new Date(fragment.get('expiresAt')!).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);

    const me = await t.gql(token, '{ viewer { role department { code } user { username displayName singleSignOn hasPassword } } }');
    expect(me.errors).toBeUndefined();
    expect(me.data.viewer).toEqual({
      role: 'HANDLER',
      department: { code: 'SCJGJ' },
      user: { username: 'li.handler', displayName: '李经办', singleSignOn: true, hasPassword: false },
    });
    const user = await t.em().findOneOrFail(StaffUser, { username: 'li.handler' });
    expect(user.oidcIssuer).toBe(issuer);
    expect(user.oidcSubject).toBe('li.handler');

    // Signing in again updates the same person, with a new session.
    const again = await signIn('li.handler');
    const second = new URLSearchParams(new URL(again.response.headers.get('location')!).hash.slice(1)).get('token');
    expect(second).not.toBe(token);
    expect(await t.em().count(StaffUser, { oidcSubject: 'li.handler' })).toBe(1);
    expect((await t.gql(second!, '{ viewer { role } }')).data.viewer.role).toBe('HANDLER');
  });

  it('maps a role given as a single string (operator, no department)', async () => {
    const { response } = await signIn('wang.operator');
    const token = new URLSearchParams(new URL(response.headers.get('location')!).hash.slice(1)).get('token')!;
    expect((await t.gql(token, '{ viewer { role department { code } user { displayName } } }')).data.viewer).toEqual({
      role: 'OPERATOR',
      department: null,
      user: { displayName: '王话务' },
    });
  });

  it('refuses an unmapped role and an unknown department with 403 and the error contract, creating no one', async () => {
    for (const login of ['zhao.nobody', 'qian.nodept']) {
      const { response } = await signIn(login);
      expect(response.status).toBe(403);
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(body.errors[0].message).toMatch(/ \| /);
      expect(await t.em().count(StaffUser, { oidcSubject: login })).toBe(0);
    }
  });

  it('refuses a replayed callback, and a callback in a browser that did not start the login (401)', async () => {
    const { browser, callback, response } = await signIn('wang.operator');
    expect(response.status).toBe(302);
    const replay = await browser.request(callback);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // Login CSRF: someone else's fresh callback URL, opened in another browser.
    const attacker = new Browser();
    const forged = await attacker.signIn(`${hubOrigin}/auth/oidc/login`, 'wang.operator', `${hubOrigin}/auth/oidc/callback`);
    const victim = await new Browser().request(forged);
    expect(victim.status).toBe(401);
  });
});
