import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Department, StaffUser } from '../../entities';
import { requireViewer, type HubContext } from '../../graphql/context';
import { Permissions, PUBLIC } from '../policy';
import { Role } from '../roles';
import { describeViewer, ViewerType } from '../viewer.resolver';
import { AccountsService, viewerOfSession } from './accounts.service';

/** The person as shown to administrators and in `viewer.user`: never the password hash. */
@ObjectType('StaffUser', { description: '工作人员账号 A staff account (a person who signs in)' })
export class StaffUserType {
  @Field(() => ID, { description: '账号编号 Account id' })
  id!: string;

  @Field({ description: '用户名 Login name (lower-case)' })
  username!: string;

  @Field({ description: '姓名 Display name' })
  displayName!: string;

  @Field(() => Role, { description: '角色 Role' })
  role!: Role;

  @Field(() => Department, { nullable: true, description: '所属单位（部门角色）Department, for department roles' })
  department!: Department | null;

  @Field({ description: '可用密码登录 Has a password (false: single sign-on only)' })
  hasPassword!: boolean;

  @Field({ description: '经统一身份认证平台登录 Linked to the identity platform (OIDC)' })
  singleSignOn!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true, description: '停用时间 When the account was disabled (null: active)' })
  disabledAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '锁定至 Locked after failed logins until (null: not locked)' })
  lockedUntil!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '最近登录 Last sign-in' })
  lastLoginAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: '创建时间 Created' })
  createdAt!: Date;
}

export function staffUserView(user: StaffUser, now = new Date()): StaffUserType {
  return {
    id: String(user.id),
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    department: user.department ?? null,
    hasPassword: !!user.passwordHash,
    singleSignOn: !!user.oidcSubject,
    disabledAt: user.disabledAt ?? null,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null,
    lastLoginAt: user.lastLoginAt ?? null,
    createdAt: user.createdAt,
  };
}

@ObjectType('LoginResult', { description: '登录结果 A new session' })
export class LoginResult {
  @Field({ description: '会话令牌（仅此一次显示），用作 Authorization: Bearer The session token, shown once; send it as a bearer token' })
  token!: string;

  @Field(() => GraphQLDateTime, { description: '过期时间 When the session expires (MINYI_SESSION_HOURS)' })
  expiresAt!: Date;

  @Field(() => ViewerType, { description: '登录者 Who is now signed in' })
  viewer!: ViewerType;
}

@InputType('CreateUserInput', { description: '新建账号 A new staff account' })
export class CreateUserInput {
  @Field({ description: '用户名 Login name (2–64: a-z 0-9 . _ @ -, stored lower-case)' })
  username!: string;

  @Field(() => String, { nullable: true, description: '姓名 Display name (default: the username)' })
  displayName?: string | null;

  @Field(() => Role, { description: '角色 Role (not CHANNEL)' })
  role!: Role;

  @Field(() => String, { nullable: true, description: '单位代码 Department code (required for department roles)' })
  departmentCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '初始密码（至少 12 个字符；空：仅单点登录）Initial password, at least 12 characters (null: single sign-on only)',
  })
  password?: string | null;
}

function accounts(ctx: HubContext): AccountsService {
  return new AccountsService(ctx.services.bus, ctx.services.config.accounts);
}

@Resolver()
export class AccountsResolver {
  @Authorized(PUBLIC)
  @Mutation(() => LoginResult, {
    description:
      '用户名密码登录，返回会话令牌；连续失败将锁定账号 Signs in with a password and returns a session token; repeated failures lock the account (the answer never says whether the account exists)',
  })
  async login(
    @Arg('username', { description: '用户名 Login name' }) username: string,
    @Arg('password', { description: '密码 Password' }) password: string,
    @Ctx() ctx: HubContext,
  ): Promise<LoginResult> {
    const session = await accounts(ctx).login(ctx.em, username, password);
    return { token: session.token, expiresAt: session.expiresAt, viewer: await describeViewer(ctx, viewerOfSession(session)) };
  }

  @Authorized(Permissions.signOut)
  @Mutation(() => Boolean, { description: '退出登录：吊销当前会话令牌 Signs out: revokes the current session token' })
  async logout(@Ctx() ctx: HubContext): Promise<boolean> {
    await accounts(ctx).logout(ctx.em, requireViewer(ctx));
    return true;
  }

  @Authorized(Permissions.signOut)
  @Mutation(() => Boolean, { description: '修改本人密码（其他会话随之失效）Changes your own password; your other sessions end' })
  async changePassword(
    @Arg('current', { description: '当前密码 Current password' }) current: string,
    @Arg('new', { description: '新密码（至少 12 个字符）New password, at least 12 characters' }) next: string,
    @Ctx() ctx: HubContext,
  ): Promise<boolean> {
    await accounts(ctx).changePassword(ctx.em, requireViewer(ctx), current, next);
    return true;
  }

  @Authorized(Permissions.administerUsers)
  @Query(() => [StaffUserType], { description: '工作人员账号列表 Staff accounts (ADMIN)' })
  async users(@Ctx() ctx: HubContext): Promise<StaffUserType[]> {
    const now = new Date();
    return (await accounts(ctx).listUsers(ctx.em)).map((u) => staffUserView(u, now));
  }

  @Authorized(Permissions.administerUsers)
  @Mutation(() => StaffUserType, { description: '新建工作人员账号 Creates a staff account (ADMIN)' })
  async createUser(
    @Arg('input', () => CreateUserInput, { description: '账号 The account' }) input: CreateUserInput,
    @Ctx() ctx: HubContext,
  ): Promise<StaffUserType> {
    const user = await accounts(ctx).createUser(ctx.em, {
      username: input.username,
      displayName: input.displayName ?? undefined,
      role: input.role,
      departmentCode: input.departmentCode,
      password: input.password ?? undefined,
    });
    return staffUserView(user);
  }

  @Authorized(Permissions.administerUsers)
  @Mutation(() => StaffUserType, {
    description: '重置密码（解除锁定，结束其全部会话）Sets a new password, lifts a lock and ends every session of the person (ADMIN)',
  })
  async resetUserPassword(
    @Arg('username', { description: '用户名 Login name' }) username: string,
    @Arg('password', { description: '新密码（至少 12 个字符）New password, at least 12 characters' }) password: string,
    @Ctx() ctx: HubContext,
  ): Promise<StaffUserType> {
    return staffUserView(await accounts(ctx).resetPassword(ctx.em, username, password));
  }

  @Authorized(Permissions.administerUsers)
  @Mutation(() => StaffUserType, { description: '停用账号（结束其全部会话）Disables an account and ends its sessions (ADMIN)' })
  async disableUser(@Arg('username', { description: '用户名 Login name' }) username: string, @Ctx() ctx: HubContext): Promise<StaffUserType> {
    return staffUserView(await accounts(ctx).disableUser(ctx.em, username, requireViewer(ctx)));
  }
}

/** `Viewer.user`: the person behind a session token. */
@Resolver(() => ViewerType)
export class ViewerUserResolver {
  @FieldResolver(() => StaffUserType, { nullable: true, description: '本人（会话令牌）The person behind a session token (null for API tokens)' })
  async user(@Root() viewer: ViewerType, @Ctx() ctx: HubContext): Promise<StaffUserType | null> {
    if (!viewer.userId) return null;
    const user = await accounts(ctx).userById(ctx.em, viewer.userId);
    return user ? staffUserView(user) : null;
  }
}
