// A real OpenID Connect provider (oidc-provider, ESM-only) for test/oidc.test.ts, run as a child
// process: `node test/support/oidc-provider.mjs` with REDIRECT_URI; prints "issuer <url>" once listening.
// Accounts (login name → claims) stand in for a province's unified identity platform.
import Provider from 'oidc-provider';

const ACCOUNTS = {
  'li.handler': { name: '李经办', preferred_username: 'li.handler', roles: ['staff', 'dept-handler'], department: 'SCJGJ' },
  'wang.operator': { name: '王话务', preferred_username: 'wang.operator', roles: 'hotline-operator', department: '' },
  'zhao.nobody': { name: '赵无权', preferred_username: 'zhao.nobody', roles: ['visitor'] },
  'qian.nodept': { name: '钱无单位', preferred_username: 'qian.nodept', roles: ['dept-handler'], department: 'NO_SUCH_DEPT' },
};

const port = Number(process.env.PORT ?? 0);
const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'minyi-hub',
      client_secret: 'test-client-secret-0123456789',
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles', 'department'] },
  // Claims in the ID token itself (a platform may also put them only in userinfo: the hub reads both).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['test-cookie-key-0123456789'] },
  async findAccount(_ctx, id) {
    const claims = ACCOUNTS[id];
    if (!claims) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...claims };
      },
    };
  },
});
provider.on('server_error', (_ctx, error) => console.error('provider server_error', error));
server.on('request', provider.callback());
console.log(`issuer ${issuer}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
