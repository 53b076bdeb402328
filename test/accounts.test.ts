import { AccountsService } from '../src/auth/accounts/accounts.service';
import { hashPassword, verifyPassword } from '../src/auth/accounts/password';
import { Role } from '../src/auth/roles';
import { localId } from '../src/common/relay';
import { StaffUser } from '../src/entities';
import { startTestHub, type TestHub } from './support/hub';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { token expiresAt viewer { role label department { code } user { username displayName hasPassword } } }
}`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id username displayName role department { code } hasPassword disabledAt } }`;
const VIEWER = '{ viewer { role label user { username displayName } } }';
const CREATE_ORDER = `mutation($input: CreateWorkOrderInput!) {
  createWorkOrder(input: $input) { id timeline { type actorLabel actorRole actorName } }
}`;
const ORDER = {
  requestType: 'COMPLAINT',
  categoryCode: '100101',
  title: '梅林镇农贸市场销售过期食品',
  content: '来电人反映梅林镇农贸市场有摊贩销售过期熟食，要求市场监管部门查处。',
  citizen: { name: '张三', phone: '13907971234' },
  regionCode: '360704100000',
};

const PASSWORD = 'correct horse battery staple';

describe('staff accounts, sessions and lockout (issue 12)', () => {
  let t: TestHub;
  let admin: string;

  beforeAll(async () => {
    t = await startTestHub();
    admin = t.tokens.ADMIN;
  });
  afterAll(() => t.close());

  async function createUser(username: string, role: Role, extra: Record<string, unknown> = {}) {
    const r = await t.gql(admin, CREATE_USER, { i: { username, displayName: `姓名${username}`, role, password: PASSWORD, ...extra } });
    expect(r.errors).toBeUndefined();
    return r.data.createUser;
  }

  async function login(username: string, password = PASSWORD) {
    return t.gql(null, LOGIN, { u: username, p: password });
  }

  it('stores only a salted scrypt hash with its parameters, and verifies it', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD)).not.toBe(hash); // salted
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$30$8$1$AAAA$BBBB')).toBe(false); // absurd parameters: refused, not run
  });

  it('ADMIN creates accounts; weak passwords, CHANNEL and a department role without a department are refused; others may not', async () => {
    const weak = await t.gql(admin, CREATE_USER, { i: { username: 'weak', role: 'OPERATOR', password: 'short-pw1' } });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(JSON.stringify(weak)).not.toContain('short-pw1');
    const channel = await t.gql(admin, CREATE_USER, { i: { username: 'chan', role: 'CHANNEL', password: PASSWORD } });
    expect(channel.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noDept = await t.gql(admin, CREATE_USER, { i: { username: 'handler0', role: 'HANDLER', password: PASSWORD } });
    expect(noDept.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'department' });
    const byOperator = await t.gql(t.tokens.OPERATOR, CREATE_USER, { i: { username: 'x1', role: 'OPERATOR', password: PASSWORD } });
    expect(byOperator.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const user = await createUser('Wang.XM', Role.HANDLER, { departmentCode: 'SCJGJ' });
    expect(user).toMatchObject({ username: 'wang.xm', role: 'HANDLER', department: { code: 'SCJGJ' }, hasPassword: true, disabledAt: null });
    const again = await t.gql(admin, CREATE_USER, { i: { username: 'wang.xm', role: 'OPERATOR', password: PASSWORD } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const listed = await t.gql(admin, '{ users { username role department { code } } }');
    expect(listed.data.users).toContainEqual({ username: 'wang.xm', role: 'HANDLER', department: { code: 'SCJGJ' } });
    expect((await t.gql(t.tokens.ANALYST, '{ users { username } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const row = await t.em().findOneOrFail(StaffUser, { username: 'wang.xm' });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
  });

  it('login needs no token, returns a session that works like a token, with the person on the viewer', async () => {
    await createUser('li.ming', Role.OPERATOR);
    const before = Date.now();
    const r = await login('  LI.MING ');
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    const { token, expiresAt, viewer } = r.data.login;
    expect(token).toMatch(/^mh_/);
    const hours = (new Date(expiresAt).getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(7.99);
    expect(hours).toBeLessThan(8.01);
    expect(viewer).toEqual({
      role: 'OPERATOR',
      label: 'li.ming',
      department: null,
      user: { username: 'li.ming', displayName: '姓名li.ming', hasPassword: true },
    });
    const me = await t.gql(token, VIEWER);
    expect(me.data.viewer).toEqual({ role: 'OPERATOR', label: 'li.ming', user: { username: 'li.ming', displayName: '姓名li.ming' } });
    // An API token has no person.
    expect((await t.gql(t.tokens.OPERATOR, VIEWER)).data.viewer.user).toBeNull();
    // Only `login` runs without a token: anything else beside it is still 401.
    const sneaky = await t.gql(null, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } logout }`, {
      u: 'li.ming',
      p: PASSWORD,
    });
    expect(sneaky.status).toBe(401);
    expect((await t.gql(null, 'mutation { logout }')).status).toBe(401);
  });

  it('answers a wrong password and an unknown user the same way (401, same message)', async () => {
    await createUser('zhou.yi', Role.ANALYST);
    const wrong = await login('zhou.yi', 'not the password at all');
    const unknown = await login('nobody.here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(JSON.stringify(wrong)).not.toContain('not the password');
  });

  it('locks an account after 5 failures within 15 minutes, for 15 minutes (fixed clock), without saying so', async () => {
    const em = t.em();
    const accounts = new AccountsService(t.hub.services.bus, t.hub.services.config.accounts);
    await accounts.createUser(em, { username: 'locked.one', role: Role.LEADER, password: PASSWORD });
    const t0 = new Date('2031-03-01T08:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    // Four failures, then the window passes: the count starts again.
    for (let i = 0; i < 4; i++)
      await expect(accounts.login(t.em(), 'locked.one', 'wrong password 123', at(i))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(accounts.login(t.em(), 'locked.one', 'wrong password 123', at(16))).rejects.toThrow();
    expect((await accounts.login(t.em(), 'locked.one', PASSWORD, at(17))).token).toMatch(/^mh_/); // 1 failure in window; success resets
    // Five failures within the window lock it: even the right password is refused, with the same answer.
    for (let i = 0; i < 5; i++) await expect(accounts.login(t.em(), 'locked.one', 'wrong password 123', at(20 + i))).rejects.toThrow();
    const refused = await accounts.login(t.em(), 'locked.one', PASSWORD, at(25)).catch((e) => e);
    const unknown = await accounts.login(t.em(), 'no.such.user', PASSWORD, at(25)).catch((e) => e);
    expect(refused.message).toBe(unknown.message);
    expect(refused.extensions.code).toBe('UNAUTHENTICATED');
    await expect(accounts.login(t.em(), 'locked.one', PASSWORD, at(38))).rejects.toThrow(); // locked until 24 + 15 = 39
    const row = await t.em().findOneOrFail(StaffUser, { username: 'locked.one' });
    expect(row.lockedUntil?.toISOString()).toBe(at(39).toISOString());
    expect((await accounts.login(t.em(), 'locked.one', PASSWORD, at(39))).token).toMatch(/^mh_/);
  });

  it('locks over GraphQL too: after 5 wrong passwords the right one gets the same 401', async () => {
    await createUser('sun.li', Role.OPERATOR);
    for (let i = 0; i < 5; i++) expect((await login('sun.li', 'wrong password 456')).status).toBe(401);
    const locked = await login('sun.li');
    expect(locked.status).toBe(401);
    expect(locked.errors).toEqual((await login('nobody.else', 'wrong password 456')).errors);
    expect((await t.gql(admin, '{ users { username lockedUntil } }')).data.users.find((u: any) => u.username === 'sun.li').lockedUntil).not.toBeNull();
    // ADMIN reset lifts the lock.
    const reset = await t.gql(admin, 'mutation($u: String!, $p: String!) { resetUserPassword(username: $u, password: $p) { lockedUntil } }', {
      u: 'sun.li',
      p: 'a brand new passphrase',
    });
    expect(reset.data.resetUserPassword.lockedUntil).toBeNull();
    expect((await login('sun.li', 'a brand new passphrase')).data.login.token).toMatch(/^mh_/);
  });

  it('records the person as the actor of timeline events and personal-data views', async () => {
    await createUser('chen.op', Role.OPERATOR, { displayName: '陈话务' });
    const { token } = (await login('chen.op')).data.login;
    const created = await t.gql(token, CREATE_ORDER, { input: ORDER });
    expect(created.errors).toBeUndefined();
    expect(created.data.createWorkOrder.timeline[0]).toMatchObject({ type: 'CREATED', actorRole: 'OPERATOR', actorLabel: 'chen.op', actorName: '陈话务' });
    const orderId = localId(created.data.createWorkOrder.id, 'WorkOrder');
    const user = await t.em().findOneOrFail(StaffUser, { username: 'chen.op' });
    const [event] = await t.em().execute('select actor_user_id, actor_name from work_order_event where work_order_id = ?', [orderId]);
    expect(event).toEqual({ actor_user_id: user.id, actor_name: '陈话务' });

    const reveal = await t.gql(token, 'mutation($id: ID!) { revealCitizen(workOrderId: $id, reason: "回访核实联系方式") { name } }', {
      id: created.data.createWorkOrder.id,
    });
    expect(reveal.data.revealCitizen.name).toBe('张三');
    const [log] = await t.em().execute('select actor_user_id, actor_name, role from pii_access_log where work_order_id = ?', [orderId]);
    expect(log).toEqual({ actor_user_id: user.id, actor_name: '陈话务', role: 'OPERATOR' });

    // An API token: no person recorded.
    const byToken = await t.gql(t.tokens.OPERATOR, CREATE_ORDER, { input: ORDER });
    expect(byToken.data.createWorkOrder.timeline[0].actorName).toBeNull();
  });

  it('logout revokes the current session only; changePassword ends the other sessions', async () => {
    await createUser('he.jun', Role.OPERATOR);
    const a = (await login('he.jun')).data.login.token;
    const b = (await login('he.jun')).data.login.token;
    expect((await t.gql(a, 'mutation { logout }')).data.logout).toBe(true);
    expect((await t.gql(a, VIEWER)).status).toBe(401);
    expect((await t.gql(b, VIEWER)).data.viewer.user.username).toBe('he.jun');
    // An API token is not a session.
    expect((await t.gql(t.tokens.OPERATOR, 'mutation { logout }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const c = (await login('he.jun')).data.login.token;
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(current: $c, new: $n) }';
    const wrong = await t.gql(b, CHANGE, { c: 'wrong current pw', n: 'another long passphrase' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'current' });
    const weak = await t.gql(b, CHANGE, { c: PASSWORD, n: 'short' });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect((await t.gql(b, CHANGE, { c: PASSWORD, n: 'another long passphrase' })).data.changePassword).toBe(true);
    expect((await t.gql(b, VIEWER)).status).toBe(200); // the session that changed it stays
    expect((await t.gql(c, VIEWER)).status).toBe(401); // the others end
    expect((await login('he.jun')).status).toBe(401);
    expect((await login('he.jun', 'another long passphrase')).status).toBe(200);
  });

  it('disableUser ends the person’s sessions at once and refuses new logins', async () => {
    await createUser('gao.fei', Role.LEADER);
    const token = (await login('gao.fei')).data.login.token;
    expect((await t.gql(token, VIEWER)).status).toBe(200);
    const disabled = await t.gql(admin, 'mutation { disableUser(username: "gao.fei") { disabledAt } }');
    expect(disabled.data.disableUser.disabledAt).not.toBeNull();
    expect((await t.gql(token, VIEWER)).status).toBe(401);
    expect((await login('gao.fei')).status).toBe(401);
    const [{ n }] = await t
      .em()
      .execute(`select count(*)::int as n from api_token t join staff_user u on u.id = t.user_id where u.username = 'gao.fei' and t.revoked_at is null`);
    expect(n).toBe(0);
  });
});
