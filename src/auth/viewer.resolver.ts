import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Channel, Department } from '../entities';
import { requireViewer, type HubContext } from '../graphql/context';
import { Permissions } from './policy';
import { Role } from './roles';
import type { Viewer } from './viewer';

@ObjectType('Viewer', { description: '当前调用者 The caller, as identified by its token' })
export class ViewerType {
  @Field(() => Role, { description: '角色 Role' })
  role!: Role;

  @Field({ description: '令牌标签 Token label' })
  label!: string;

  @Field(() => Department, { nullable: true, description: '所属单位（部门角色）Department, for department roles' })
  department!: Department | null;

  @Field(() => Channel, { nullable: true, description: '所属渠道（渠道角色）Channel, for the CHANNEL role' })
  channel!: Channel | null;

  @Field(() => [String], { description: '可执行的操作 Operations this role may call' })
  permissions!: string[];

  /** The person behind a session token (resolved by Viewer.user in auth/accounts). */
  userId?: number;
}

/** The Viewer object of a caller (also returned by `login` for the new session). */
export async function describeViewer(ctx: HubContext, viewer: Viewer): Promise<ViewerType> {
  return {
    role: viewer.role,
    label: viewer.label,
    department: viewer.departmentId ? await ctx.loaders.department.load(viewer.departmentId) : null,
    channel: viewer.channelId ? await ctx.loaders.channel.load(viewer.channelId) : null,
    permissions: Object.entries(Permissions)
      .filter(([, roles]) => (roles as Role[]).includes(viewer.role))
      .map(([name]) => name),
    userId: viewer.userId,
  };
}

@Resolver()
export class ViewerResolver {
  @Authorized(Permissions.readReference)
  @Query(() => ViewerType, { description: '当前调用者 Who am I' })
  async viewer(@Ctx() ctx: HubContext): Promise<ViewerType> {
    return describeViewer(ctx, requireViewer(ctx));
  }
}
