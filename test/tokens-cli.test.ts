import { spawn } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parseDuration } from '../src/cli/token';
import { startTestHub, type TestHub } from './support/hub';

const CLI = join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js');
const PASSWORD = 'a long enough passphrase';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('token and user commands of the CLI (issue 12)', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  /** `npm run minyi -- …` as a separate process on the hub's database; `stdin` piped in. */
  function cli(args: string[], stdin = ''): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH!, DATABASE_URL: t.hub.database.url, MINYI_DATA_KEY: 'ab'.repeat(32), LOG_LEVEL: 'silent' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  /** A graphql-transport-ws socket, acknowledged, with one subscription; resolves its close. */
  async function openSocket(token: string): Promise<{ closed: Promise<{ code: number; reason: string }>; ws: WebSocket }> {
    const ws = new WebSocket(t.hub.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    const acked = new Promise((resolve) => ws.on('message', (d) => JSON.parse(String(d)).type === 'connection_ack' && resolve(true)));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await acked;
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { workOrderEvents { id } }' } }));
    await new Promise((r) => setTimeout(r, 200));
    return { closed, ws };
  }

  it('parses --expires-in durations and refuses nonsense', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    for (const bad of ['', '30', 'd', '-1d', '0d', '3651d', '1y']) expect(() => parseDuration(bad)).toThrow(/expires-in/);
  });

  it('token create --expires-in, token list (never the token), then token revoke closes the running hub’s sockets', async () => {
    const created = await cli(['token', 'create', '--role', 'OPERATOR', '--label', 'cli-ops', '--expires-in', '30d']);
    expect(created.code).toBe(0);
    const { id, token, expiresAt } = JSON.parse(created.stdout);
    expect(token).toMatch(/^mh_/);
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThanOrEqual(30);
    expect((await t.gql(token, '{ viewer { label } }')).data.viewer.label).toBe('cli-ops');

    const listed = await cli(['token', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(token);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(`${id} `))!;
    expect(line).toMatch(new RegExp(`^${id}\\s+API\\s+${token.slice(0, 10)}\\s+cli-ops\\s+OPERATOR\\s+-\\s+-\\s+\\d{4}-`));
    const json = JSON.parse((await cli(['token', 'list', '--json'])).stdout);
    const row = json.find((r: any) => r.id === id);
    expect(row).toMatchObject({ kind: 'API', prefix: token.slice(0, 10), label: 'cli-ops', role: 'OPERATOR', revokedAt: null });
    expect(new Date(row.expiresAt).toISOString()).toBe(new Date(expiresAt).toISOString());
    expect(row.lastUsedAt).not.toBeNull(); // used above
    expect(JSON.stringify(json)).not.toContain(token);

    const socket = await openSocket(token);
    const revoked = await cli(['token', 'revoke', String(id)]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`revoked token ${id}`));
    // The CLI is another process: its TOKEN_REVOKED event reaches the running hub through the event log.
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    expect(closed).toEqual({ code: 4403, reason: expect.stringMatching(/revoked/) });
    expect((await t.gql(token, '{ viewer { label } }')).status).toBe(401);
    expect(JSON.parse((await cli(['token', 'list', '--json'])).stdout).find((r: any) => r.id === id).revokedAt).not.toBeNull();

    const unknown = await cli(['token', 'revoke', '999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND|不存在/);
  });

  it('user create reads the password from stdin only, refuses weak or empty ones, and never prints it', async () => {
    const inArgv = await cli(['user', 'create', '--username', 'cli.user', '--role', 'OPERATOR', '--password', PASSWORD]);
    expect(inArgv.code).toBe(1);
    expect(inArgv.stderr).toMatch(/--password-stdin/);
    const weak = await cli(['user', 'create', '--username', 'cli.user', '--role', 'OPERATOR', '--password-stdin'], 'short-pw\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/12/);
    expect(weak.stdout + weak.stderr).not.toContain('short-pw');
    const empty = await cli(['user', 'create', '--username', 'cli.user', '--role', 'OPERATOR', '--password-stdin'], '\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty|为空/);

    const ok = await cli(
      ['user', 'create', '--username', 'cli.user', '--name', '命令行用户', '--role', 'HANDLER', '--department', 'SCJGJ', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/created user cli\.user \(HANDLER, SCJGJ\)/);
    expect(ok.stdout).not.toContain(PASSWORD);
    const login = await t.gql(null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token viewer { role department { code } } } }', {
      u: 'cli.user',
      p: PASSWORD,
    });
    expect(login.data.login.viewer).toEqual({ role: 'HANDLER', department: { code: 'SCJGJ' } });

    const list = await cli(['user', 'list']);
    expect(list.stdout).toMatch(/cli\.user\s+命令行用户\s+HANDLER\s+SCJGJ\s+password\s+-\s+-\s+\d{4}-/);
    // The session shows in `token list` as a SESSION of the person.
    const sessions = JSON.parse((await cli(['token', 'list', '--json'])).stdout).filter((r: any) => r.user === 'cli.user');
    expect(sessions).toEqual([expect.objectContaining({ kind: 'SESSION', role: 'HANDLER', department: 'SCJGJ', label: 'cli.user' })]);
  });

  it('user reset-password and user disable end the person’s sessions on the running hub', async () => {
    await cli(['user', 'create', '--username', 'cli.two', '--role', 'LEADER', '--password-stdin'], PASSWORD);
    const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
    const first = (await t.gql(null, LOGIN, { u: 'cli.two', p: PASSWORD })).data.login.token;
    const socket = await openSocket(first);
    const reset = await cli(['user', 'reset-password', 'cli.two', '--password-stdin'], 'the second long passphrase\n');
    expect(reset.code).toBe(0);
    expect((await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]))?.code).toBe(4403);
    expect((await t.gql(first, '{ viewer { role } }')).status).toBe(401);
    expect((await t.gql(null, LOGIN, { u: 'cli.two', p: PASSWORD })).status).toBe(401);
    const second = (await t.gql(null, LOGIN, { u: 'cli.two', p: 'the second long passphrase' })).data.login.token;

    const disabled = await cli(['user', 'disable', 'cli.two']);
    expect(disabled.code).toBe(0);
    expect((await t.gql(second, '{ viewer { role } }')).status).toBe(401);
    expect((await t.gql(null, LOGIN, { u: 'cli.two', p: 'the second long passphrase' })).status).toBe(401);
    expect((await cli(['user', 'list'])).stdout).toMatch(/cli\.two\s+cli\.two\s+LEADER\s+-\s+password\s+\d{4}-/);
    expect((await cli(['user', 'frobnicate'])).code).toBe(2);
  });
});
