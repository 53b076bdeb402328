import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Permissions } from '../auth/policy';
import { Category, Channel, Department, Region } from '../entities';
import type { Liaison } from '../entities/department';
import { listCategories, listChannels, listDepartments, listRegions } from './reference.query';
import { listComplexity } from '../graphql/connection';
import { requireViewer, type HubContext } from '../graphql/context';
import { LiaisonType } from './reference.types';
import { DepartmentKind } from './vocabulary';

/** Reference data: 承办单位, 渠道, 诉求分类, 行政区划. Small tables, returned whole. */
@Resolver()
export class ReferenceResolver {
  @Authorized(Permissions.readReference)
  @Query(() => [Department], { complexity: listComplexity, description: '承办单位（可按类型、上级筛选）Departments, optionally by kind or parent' })
  async departments(
    @Ctx() ctx: HubContext,
    @Arg('kind', () => DepartmentKind, { nullable: true, description: '单位类型 Kind' }) kind?: DepartmentKind,
    @Arg('parentCode', () => String, { nullable: true, description: '上级单位代码 Parent code' }) parentCode?: string,
    @Arg('includeInactive', () => Boolean, {
      defaultValue: false,
      description: '包含已停用单位（不用于新的分拨）Include deactivated units (not offered for new dispatch)',
    })
    includeInactive?: boolean,
  ): Promise<Department[]> {
    return listDepartments(ctx.em, { kind, parentCode, includeInactive });
  }

  @Authorized(Permissions.readReference)
  @Query(() => [Channel], { complexity: listComplexity, description: '诉求渠道 Channels' })
  async channels(@Ctx() ctx: HubContext): Promise<Channel[]> {
    return listChannels(ctx.em);
  }

  @Authorized(Permissions.readReference)
  @Query(() => [Category], {
    complexity: listComplexity,
    description: '诉求分类：默认返回一级分类，通过 children 展开 Categories: top level by default, expand with children',
  })
  async categories(
    @Ctx() ctx: HubContext,
    @Arg('all', () => Boolean, { defaultValue: false, description: '返回全部层级（平铺）All levels, flat' }) all: boolean,
    @Arg('includeInactive', () => Boolean, {
      defaultValue: false,
      description: '包含已停用分类（不用于新的分类）Include deactivated categories (not offered for new orders)',
    })
    includeInactive: boolean,
  ): Promise<Category[]> {
    return listCategories(ctx.em, { all, includeInactive });
  }

  @Authorized(Permissions.readReference)
  @Query(() => [Region], { complexity: listComplexity, description: '行政区划（区县及乡镇）Regions: the county and its townships' })
  async regions(
    @Ctx() ctx: HubContext,
    @Arg('includeInactive', () => Boolean, { defaultValue: false, description: '包含已停用区划 Include deactivated regions' }) includeInactive: boolean,
  ): Promise<Region[]> {
    return listRegions(ctx.em, { includeInactive });
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @FieldResolver(() => Department, { nullable: true, description: '上级单位 Parent unit' })
  parent(@Root() d: Department, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return d.parent ? ctx.loaders.department.load(d.parent.id) : null;
  }

  @FieldResolver(() => [Department], { complexity: listComplexity, description: '下级单位 Sub-units' })
  children(@Root() d: Department, @Ctx() ctx: HubContext): Promise<Department[]> {
    return ctx.loaders.departmentChildren.load(d.id);
  }

  @FieldResolver(() => Region, { description: '所在区划 Region' })
  async region(@Root() d: Department, @Ctx() ctx: HubContext): Promise<Region> {
    return (await ctx.loaders.region.load(d.region.id))!;
  }

  @FieldResolver(() => [LiaisonType], { description: '24 小时联络人（001 附件2），渠道方不可见 24-hour liaison contacts; not shown to channel owners' })
  liaisons(@Root() d: Department, @Ctx() ctx: HubContext): Liaison[] {
    return (Permissions.readLiaisons as string[]).includes(requireViewer(ctx).role) ? d.liaisons : [];
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @FieldResolver(() => Category, { nullable: true, description: '上级分类 Parent category' })
  parent(@Root() c: Category, @Ctx() ctx: HubContext): Category | Promise<Category | null> | null {
    return c.parent ? ctx.loaders.category.load(c.parent.id) : null;
  }

  @FieldResolver(() => [Category], { complexity: listComplexity, description: '下级分类 Subcategories' })
  children(@Root() c: Category, @Ctx() ctx: HubContext): Promise<Category[]> {
    return ctx.loaders.categoryChildren.load(c.id);
  }
}

@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => Region, { nullable: true, description: '上级区划 Parent region' })
  parent(@Root() r: Region, @Ctx() ctx: HubContext): Region | Promise<Region | null> | null {
    return r.parent ? ctx.loaders.region.load(r.parent.id) : null;
  }

  @FieldResolver(() => [Region], { complexity: listComplexity, description: '下级区划 Child regions' })
  children(@Root() r: Region, @Ctx() ctx: HubContext): Promise<Region[]> {
    return ctx.loaders.regionChildren.load(r.id);
  }
}

@Resolver(() => Channel)
export class ChannelResolver {
  @FieldResolver(() => Department, { nullable: true, description: '管理部门 Managing department' })
  managingDepartment(@Root() c: Channel, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return c.managingDepartment ? ctx.loaders.department.load(c.managingDepartment.id) : null;
  }
}
