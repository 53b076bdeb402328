import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, HubError, notFound } from '../../common/errors';
import { ApiToken, Department, StaffUser } from '../../entities';
import { ApiTokenKind } from '../../entities/api-token';
import type { EventBus } from '../../events/event-bus';
import { DEPARTMENT_ROLES, Role } from '../roles';
import { revokeToken } from '../token-revocation';
import { generateToken, hashToken } from '../tokens';
import type { Viewer } from '../viewer';
import type { AccountsConfig } from './config';
import { assertAcceptablePassword, hashPassword, MAX_PASSWORD_LENGTH, verifyDummy, verifyPassword } from './password';

/**
 * One answer for every failed login — unknown user, wrong password, locked or disabled account —
 * so the API never tells whether an account exists (UNAUTHENTICATED, 401).
 */
export const invalidCredentials = () =>
  new HubError(
    'UNAUTHENTICATED',
    { zh: '用户名或密码错误，或账号暂时无法登录', en: 'Wrong username or password, or the account cannot sign in now' },
    // HTTP 401 although raised while executing (Apollo takes extensions.http and strips it from the answer).
    { http: { status: 401 } },
  );

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  departmentCode?: string | null;
  /** Absent: the account signs in through OIDC only. */
  password?: string;
}

export interface Session {
  /** The session token, shown once ("mh_…"); only its SHA-256 is stored. */
  token: string;
  tokenId: number;
  expiresAt: Date;
  user: StaffUser;
}

/** A person as the Viewer of a request made with their session. */
export function viewerOfSession(session: Session): Viewer {
  const { user } = session;
  return {
    tokenId: session.tokenId,
    label: user.username,
    role: user.role,
    departmentId: user.department?.id,
    departmentCode: user.department?.code,
    departmentPath: user.department?.path,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
  };
}

/**
 * 工作人员账号 Staff accounts and their sessions (issue 12). A session is an api_token row of kind
 * SESSION linked to the person, expiring after MINYI_SESSION_HOURS: HTTP, WebSocket and report
 * downloads accept it like any token, and revoking it (logout, disable, password reset) goes
 * through revokeToken, so open sockets close on every instance.
 */
export class AccountsService {
  constructor(
    private readonly bus: EventBus,
    private readonly config: AccountsConfig,
  ) {}

  async createUser(em: EntityManager, input: NewUser): Promise<StaffUser> {
    const username = normalizeUsername(input.username);
    if (!USERNAME.test(username)) {
      throw badInput('用户名须为 2–64 个小写字母、数字或 . _ @ -', 'The username must be 2–64 characters: lower-case letters, digits, . _ @ -', 'username');
    }
    const displayName = (input.displayName ?? username).trim();
    if (!displayName || [...displayName].length > 100) throw badInput('姓名须为 1–100 个字符', 'The display name must have 1–100 characters', 'displayName');
    const department = await this.checkRole(em, input.role, input.departmentCode);
    if (input.password !== undefined) assertAcceptablePassword(input.password, username);
    if (await em.findOne(StaffUser, { username })) {
      throw new HubError('CONFLICT', { zh: `用户名已存在：${username}`, en: `The username ${username} is taken` }, { field: 'username' });
    }
    const user = em.create(StaffUser, {
      username,
      displayName,
      role: input.role,
      department,
      passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
      passwordChangedAt: input.password !== undefined ? new Date() : null,
    });
    await em.persistAndFlush(user);
    return user;
  }

  /** Roles a person may hold (not CHANNEL), and the department a department role needs. */
  async checkRole(em: EntityManager, role: Role, departmentCode?: string | null): Promise<Department | null> {
    if (!Object.values(Role).includes(role) || role === Role.CHANNEL) {
      throw badInput(`人员不能使用角色 ${role}`, `A person cannot have the role ${role}; channels use API tokens`, 'role');
    }
    if (DEPARTMENT_ROLES.includes(role) && !departmentCode) {
      throw badInput(`${role} 需要指定单位`, `${role} needs a department`, 'department');
    }
    if (!departmentCode) return null;
    const department = await em.findOne(Department, { code: departmentCode });
    if (!department) throw badInput(`单位不存在：${departmentCode}`, `No department with code ${departmentCode}`, 'department');
    return department;
  }

  listUsers(em: EntityManager): Promise<StaffUser[]> {
    return em.find(StaffUser, {}, { populate: ['department'], orderBy: { username: 'asc' } });
  }

  /** The person with this id, with their department; null when there is none. */
  userById(em: EntityManager, id: number): Promise<StaffUser | null> {
    return em.findOne(StaffUser, { id }, { populate: ['department'] });
  }

  async findUser(em: EntityManager, username: string): Promise<StaffUser> {
    const user = await em.findOne(StaffUser, { username: normalizeUsername(username) }, { populate: ['department'] });
    if (!user) throw notFound({ zh: `用户 ${normalizeUsername(username)}`, en: `User ${normalizeUsername(username)}` });
    return user;
  }

  /** Disables the account and ends its sessions (their WebSockets close on every instance). */
  async disableUser(em: EntityManager, username: string, by?: Viewer, now = new Date()): Promise<StaffUser> {
    const user = await this.findUser(em, username);
    if (by?.userId === user.id) throw forbidden({ zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
    if (!user.disabledAt) {
      user.disabledAt = now;
      await em.flush();
    }
    await this.revokeSessions(em, user.id);
    return user;
  }

  /** ADMIN: sets a new password, lifts a lock, ends every session of the person. */
  async resetPassword(em: EntityManager, username: string, password: string, now = new Date()): Promise<StaffUser> {
    const user = await this.findUser(em, username);
    assertAcceptablePassword(password, user.username);
    user.passwordHash = await hashPassword(password);
    user.passwordChangedAt = now;
    user.failedLogins = 0;
    user.failedSince = null;
    user.lockedUntil = null;
    await em.flush();
    await this.revokeSessions(em, user.id);
    return user;
  }

  /**
   * Password login. The row is locked while the password is checked, so attempts on one account
   * are counted exactly: maxFailures failures within lockMinutes lock it for lockMinutes. An unknown
   * user, a locked or disabled account spend the same hashing time and get the same answer.
   */
  async login(em: EntityManager, rawUsername: string, password: string, now = new Date()): Promise<Session> {
    const username = normalizeUsername(rawUsername);
    if (!USERNAME.test(username) || [...password].length > MAX_PASSWORD_LENGTH) {
      await verifyDummy(password.slice(0, MAX_PASSWORD_LENGTH));
      throw invalidCredentials();
    }
    const outcome = await em.transactional(async (tx) => {
      const user = await tx.findOne(StaffUser, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['department'] });
      if (!user || user.disabledAt || !user.passwordHash || (user.lockedUntil && user.lockedUntil > now)) {
        await verifyDummy(password);
        return null;
      }
      if (!(await verifyPassword(password, user.passwordHash))) {
        this.countFailure(user, now);
        await tx.flush();
        return null;
      }
      user.failedLogins = 0;
      user.failedSince = null;
      user.lockedUntil = null;
      user.lastLoginAt = now;
      return this.issueSession(tx as EntityManager, user, now);
    });
    if (!outcome) throw invalidCredentials();
    return outcome;
  }

  private countFailure(user: StaffUser, now: Date): void {
    const windowMs = this.config.lockMinutes * 60_000;
    if (!user.failedSince || now.getTime() - user.failedSince.getTime() >= windowMs) {
      user.failedSince = now;
      user.failedLogins = 1;
    } else {
      user.failedLogins += 1;
    }
    if (user.failedLogins >= this.config.maxFailures) {
      user.lockedUntil = new Date(now.getTime() + windowMs);
      user.failedLogins = 0;
      user.failedSince = null;
    }
  }

  /** A new session for the person (password login or OIDC callback), expiring after MINYI_SESSION_HOURS. */
  async issueSession(em: EntityManager, user: StaffUser, now = new Date()): Promise<Session> {
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionHours * 3_600_000);
    const record = em.create(ApiToken, {
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      label: user.username.slice(0, 100),
      role: user.role,
      kind: ApiTokenKind.SESSION,
      user,
      department: user.department ?? undefined,
      createdAt: now,
      expiresAt,
    });
    user.lastLoginAt = now;
    await em.flush();
    return { token, tokenId: record.id, expiresAt, user };
  }

  /** Ends the caller's session (an API token is revoked with `token revoke`, not here). */
  async logout(em: EntityManager, viewer: Viewer): Promise<void> {
    if (!viewer.userId) throw badInput('当前令牌不是登录会话', 'The current token is not a login session; revoke API tokens with `token revoke`', 'token');
    await revokeToken(em, this.bus, viewer.tokenId);
  }

  /**
   * The signed-in person changes their password. A wrong current password counts towards the
   * lockout like a failed login. Every other session of theirs ends.
   */
  async changePassword(em: EntityManager, viewer: Viewer, current: string, next: string, now = new Date()): Promise<void> {
    if (!viewer.userId) throw badInput('API 令牌没有密码', 'API tokens have no password; sign in as a person', 'token');
    const wrong = () => badInput('当前密码不正确', 'The current password is wrong', 'current');
    const ok = await em.transactional(async (tx) => {
      const user = await tx.findOneOrFail(StaffUser, { id: viewer.userId! }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user.passwordHash || (user.lockedUntil && user.lockedUntil > now)) {
        await verifyDummy(current.slice(0, MAX_PASSWORD_LENGTH));
        return false;
      }
      if ([...current].length > MAX_PASSWORD_LENGTH || !(await verifyPassword(current, user.passwordHash))) {
        this.countFailure(user, now);
        await tx.flush();
        return false;
      }
      assertAcceptablePassword(next, user.username);
      if (next === current) throw badInput('新密码不能与当前密码相同', 'The new password must differ from the current one', 'new');
      user.passwordHash = await hashPassword(next);
      user.passwordChangedAt = now;
      user.failedLogins = 0;
      user.failedSince = null;
      await tx.flush();
      return true;
    });
    if (!ok) throw wrong();
    await this.revokeSessions(em, viewer.userId, viewer.tokenId);
  }

  /** Revokes the person's live sessions (but `keep`), each announced so its sockets close. */
  async revokeSessions(em: EntityManager, userId: number, keep?: number): Promise<number> {
    const rows = await em.execute<Array<{ id: number }>>(
      `select id from api_token where user_id = ? and revoked_at is null and (expires_at is null or expires_at > now()) order by id`,
      [userId],
    );
    let n = 0;
    for (const { id } of rows) {
      if (id === keep) continue;
      await revokeToken(em, this.bus, id);
      n++;
    }
    return n;
  }
}
