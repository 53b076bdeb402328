import pino from 'pino';
import { TokenCache } from '../src/auth/token-cache';
import { createToken, hashToken } from '../src/auth/tokens';
import { revokeToken } from '../src/auth/token-revocation';
import { Role } from '../src/auth/roles';
import type { Viewer } from '../src/auth/viewer';
import { sqlStatementsTotal } from '../src/db/sql-logger';
import { Topics } from '../src/events/topics';
import { startHub, type Hub } from '../src/hub';
import { startTestHub, type TestHub } from './support/hub';

const viewer = (tokenId: number): Viewer => ({ tokenId, label: `t${tokenId}`, role: Role.OPERATOR });

describe('token cache (auth/token-cache.ts), with a fixed clock', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('serves a verified token for its time to live, never past the token’s own expiry', () => {
    const cache = new TokenCache({ ttlMs: 30_000, now: clock });
    cache.set('a', viewer(1), null, cache.generation);
    cache.set('b', viewer(2), new Date(now + 10_000), cache.generation);
    now += 9_999;
    expect(cache.get('a')?.tokenId).toBe(1);
    expect(cache.get('b')?.tokenId).toBe(2);
    now += 1; // the token b expires now
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.tokenId).toBe(1);
    now += 20_000; // a's time to live is up: it is looked up again
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps no token that has already expired', () => {
    const cache = new TokenCache({ now: clock });
    cache.set('c', viewer(3), new Date(now), cache.generation);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets a revoked token, and a lookup in flight across the revocation is not kept', () => {
    const cache = new TokenCache({ now: clock });
    cache.set('d', viewer(4), null, cache.generation);
    const inFlight = cache.generation; // a lookup of token 5 starts
    cache.forget(4); // a revocation is heard meanwhile
    expect(cache.get('d')).toBeUndefined();
    cache.set('e', viewer(5), null, inFlight); // the lookup ends: what it read may be stale
    expect(cache.get('e')).toBeUndefined();
    cache.set('e', viewer(5), null, cache.generation);
    expect(cache.get('e')?.tokenId).toBe(5);
  });

  it('is bounded: the oldest entry goes first', () => {
    const cache = new TokenCache({ max: 2, now: clock });
    for (const [hash, id] of [
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ] as const)
      cache.set(hash, viewer(id), null, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('x')).toBeUndefined();
    expect(cache.get('z')?.tokenId).toBe(3);
  });
});

/** Two hub instances on one database and event bus (PostgreSQL LISTEN/NOTIFY), in this process. */
describe('cached tokens: revocation and logout take effect at once on every instance', () => {
  let t: TestHub;
  let b: Hub;
  const PASSWORD = 'correct horse battery staple';
  const statements = async () => (await sqlStatementsTotal.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    t = await startTestHub();
    b = await startHub({ ...t.hub.services.config }, { database: t.hub.database, logger: pino({ level: 'silent' }), pullConnectors: new Map() });
  });
  afterAll(async () => {
    await b?.stop();
    await t?.close();
  });

  async function ask(hub: Hub, token: string): Promise<number> {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    await response.text();
    return response.status;
  }

  /** Resolves when `hub` has heard TOKEN_REVOKED for the token (delivery after commit, through the bus). */
  function heard(hub: Hub, tokenId: number): Promise<void> {
    return new Promise((resolve) => {
      const stop = hub.services.bus.listen(Topics.TOKEN_REVOKED, (message) => {
        if ((message as { tokenId?: number }).tokenId !== tokenId) return;
        stop();
        resolve();
      });
    });
  }

  it('a warm token costs no statement; revoked, the next request is refused on this instance and on the other', async () => {
    const { token, record } = await createToken(t.em(), { role: Role.OPERATOR, label: 'cached' });
    expect(await ask(t.hub, token)).toBe(200);
    expect(await ask(b, token)).toBe(200);
    const before = await statements();
    expect(await ask(t.hub, token)).toBe(200);
    expect(await statements()).toBe(before); // served from the cache
    expect(b.services.tokenCache.get(hashToken(token))?.tokenId).toBe(record.id);

    const onB = heard(b, record.id);
    await revokeToken(t.em(), t.hub.services.bus, record.id); // as `token revoke` does, through this instance's bus
    expect(await ask(t.hub, token)).toBe(401); // at once here: dropped right after the commit
    await onB;
    expect(await ask(b, token)).toBe(401);
  });

  it('logout on one instance: the session is refused at once there, and on the other as soon as it hears it', async () => {
    const admin = t.tokens.ADMIN;
    const created = await t.gql(admin, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'cache.user', displayName: '缓存用户', role: 'OPERATOR', password: PASSWORD },
    });
    expect(created.errors).toBeUndefined();
    const login = await t.gql(null, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: 'cache.user', p: PASSWORD });
    const session = login.data.login.token as string;
    expect(await ask(t.hub, session)).toBe(200);
    expect(await ask(b, session)).toBe(200);
    const tokenId = t.hub.services.tokenCache.get(hashToken(session))!.tokenId;
    expect(b.services.tokenCache.get(hashToken(session))?.tokenId).toBe(tokenId);

    const onA = heard(t.hub, tokenId);
    const onB = heard(b, tokenId);
    expect((await t.gql(session, 'mutation { logout }')).data.logout).toBe(true);
    expect(await ask(t.hub, session)).toBe(401);
    await Promise.all([onA, onB]);
    expect(await ask(b, session)).toBe(401);
    expect(await ask(t.hub, session)).toBe(401);
  });

  it('disabling the person ends their cached sessions on both instances', async () => {
    const admin = t.tokens.ADMIN;
    await t.gql(admin, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { username: 'cache.two', displayName: '缓存用户二', role: 'OPERATOR', password: PASSWORD },
    });
    const login = await t.gql(null, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: 'cache.two', p: PASSWORD });
    const session = login.data.login.token as string;
    expect(await ask(b, session)).toBe(200);
    const tokenId = b.services.tokenCache.get(hashToken(session))!.tokenId;
    const onB = heard(b, tokenId);
    expect((await t.gql(admin, 'mutation { disableUser(username: "cache.two") { disabledAt } }')).errors).toBeUndefined();
    expect(await ask(t.hub, session)).toBe(401);
    await onB;
    expect(await ask(b, session)).toBe(401);
  });
});
