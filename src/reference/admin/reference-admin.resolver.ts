import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permissions } from '../../auth/policy';
import type { ConnectionData } from '../../common/connection';
import { Category, Department, Region, ResponsibilityRule } from '../../entities';
import { listComplexity, pagedComplexity } from '../../graphql/connection';
import { requireViewer, type HubContext } from '../../graphql/context';
import { ruleKey, mappingKey } from './reference-rules';
import { ReferenceAdminService, viewerActor } from './reference-admin.service';
import { listMappings, listRules, mappingById, ruleById, type RuleWithCo } from './reference-admin.query';
import {
  CategoryInput,
  CategoryMappingInput,
  CategoryMappingType,
  DepartmentInput,
  ReferenceAuditConnection,
  ReferenceAuditEntry,
  RegionInput,
  ResponsibilityRuleInput,
} from './reference-admin.types';
import { ReferenceTableName } from '../vocabulary';

const DEACTIVATION_NOTE =
  '停用不删除：引用它的工单保持不变，但停用后不再用于新的分拨、分类和分拨建议；仅拒绝破坏完整性的停用（仍有启用的下级、仍被启用的职责清单条目或映射引用）。' +
  ' Deactivates (never deletes): work orders referring to it keep it, but it is no longer offered for new dispatch, categorisation or dispatch suggestions;' +
  ' refused only when that would break integrity (active children, active 职责清单 rules or mappings still naming it). active: true reactivates.';

function service(ctx: HubContext): ReferenceAdminService {
  return new ReferenceAdminService(ctx.services.referenceCache);
}

/** 基础数据维护 (ADMIN): the county's own departments, categories, 职责清单, channel mappings and regions. */
@Resolver()
export class ReferenceAdminResolver {
  @Authorized(Permissions.administerReference)
  @Query(() => [ResponsibilityRule], { complexity: listComplexity, description: '职责清单（管理员）The 职责清单 rules (ADMIN), optionally under a category' })
  responsibilityRules(
    @Ctx() ctx: HubContext,
    @Arg('categoryCode', () => String, { nullable: true, description: '分类代码（含下级）Category code (with its subcategories)' }) categoryCode?: string,
    @Arg('includeInactive', () => Boolean, { defaultValue: false, description: '包含已停用 Include deactivated rows' }) includeInactive?: boolean,
  ): Promise<RuleWithCo[]> {
    return listRules(ctx.em, { categoryCode, includeInactive });
  }

  @Authorized(Permissions.administerReference)
  @Query(() => [CategoryMappingType], { complexity: listComplexity, description: '渠道分类映射（管理员）Channel category mappings (ADMIN)' })
  categoryMappings(
    @Ctx() ctx: HubContext,
    @Arg('channelCode', () => String, { nullable: true, description: '渠道代码 Channel code' }) channelCode?: string,
    @Arg('includeInactive', () => Boolean, { defaultValue: false, description: '包含已停用 Include deactivated rows' }) includeInactive?: boolean,
  ): Promise<CategoryMappingType[]> {
    return listMappings(ctx.em, { channelCode, includeInactive });
  }

  @Authorized(Permissions.administerReference)
  @Query(() => ReferenceAuditConnection, {
    complexity: pagedComplexity,
    description: '基础数据变更审计，最新在前（管理员）Audit trail of reference-data changes, newest first (ADMIN)',
  })
  async referenceAudit(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: '条数（最多 100）Page size (at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '游标 Cursor' }) after?: string,
    @Arg('table', () => ReferenceTableName, { nullable: true, description: '只看某表 Only this table' }) table?: ReferenceTableName,
  ) {
    return new ReferenceAuditConnection((await service(ctx).audit(ctx.em, { first, after, table })) as ConnectionData<ReferenceAuditEntry>);
  }

  // ── 单位 ──
  @Authorized(Permissions.administerReference)
  @Mutation(() => Department, { description: '新增（version 留空）或修改承办单位（管理员，审计）Add (no version) or edit a department (ADMIN, audited)' })
  async saveDepartment(
    @Ctx() ctx: HubContext,
    @Arg('input', () => DepartmentInput, { description: '内容 Input' }) input: DepartmentInput,
  ): Promise<Department> {
    const { version, ...row } = input;
    return (
      await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), (w) => w.department({ ...row, parentCode: row.parentCode ?? null }, version ?? null))
    ).entity;
  }

  @Authorized(Permissions.administerReference)
  @Mutation(() => Department, { description: `停用或重新启用承办单位（管理员）Deactivate or reactivate a department (ADMIN). ${DEACTIVATION_NOTE}` })
  async setDepartmentActive(
    @Ctx() ctx: HubContext,
    @Arg('code', { description: '代码 Code' }) code: string,
    @Arg('active', { description: 'false 停用，true 重新启用 false deactivates, true reactivates' }) active: boolean,
    @Arg('version', () => Int, { description: '当前版本 Current version' }) version: number,
  ): Promise<Department> {
    return service(ctx).setActive(ctx.em, viewerActor(requireViewer(ctx)), 'department', code, active, version);
  }

  // ── 分类 ──
  @Authorized(Permissions.administerReference)
  @Mutation(() => Category, { description: '新增（version 留空）或修改诉求分类（管理员，审计）Add (no version) or edit a category (ADMIN, audited)' })
  async saveCategory(@Ctx() ctx: HubContext, @Arg('input', () => CategoryInput, { description: '内容 Input' }) input: CategoryInput): Promise<Category> {
    const { version, ...row } = input;
    return (await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), (w) => w.category(row, version ?? null))).entity;
  }

  @Authorized(Permissions.administerReference)
  @Mutation(() => Category, { description: `停用或重新启用诉求分类（管理员）Deactivate or reactivate a category (ADMIN). ${DEACTIVATION_NOTE}` })
  async setCategoryActive(
    @Ctx() ctx: HubContext,
    @Arg('code', { description: '代码 Code' }) code: string,
    @Arg('active', { description: 'false 停用，true 重新启用 false deactivates, true reactivates' }) active: boolean,
    @Arg('version', () => Int, { description: '当前版本 Current version' }) version: number,
  ): Promise<Category> {
    return service(ctx).setActive(ctx.em, viewerActor(requireViewer(ctx)), 'category', code, active, version);
  }

  // ── 区划 ──
  @Authorized(Permissions.administerReference)
  @Mutation(() => Region, {
    description: '新增（version 留空）或修改行政区划：乡镇、村（管理员，审计）Add (no version) or edit a region: townships, villages (ADMIN, audited)',
  })
  async saveRegion(@Ctx() ctx: HubContext, @Arg('input', () => RegionInput, { description: '内容 Input' }) input: RegionInput): Promise<Region> {
    const { version, ...row } = input;
    return (
      await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), (w) => w.region({ ...row, parentCode: row.parentCode ?? null }, version ?? null))
    ).entity;
  }

  @Authorized(Permissions.administerReference)
  @Mutation(() => Region, { description: `停用或重新启用行政区划（管理员）Deactivate or reactivate a region (ADMIN). ${DEACTIVATION_NOTE}` })
  async setRegionActive(
    @Ctx() ctx: HubContext,
    @Arg('code', { description: '代码 Code' }) code: string,
    @Arg('active', { description: 'false 停用，true 重新启用 false deactivates, true reactivates' }) active: boolean,
    @Arg('version', () => Int, { description: '当前版本 Current version' }) version: number,
  ): Promise<Region> {
    return service(ctx).setActive(ctx.em, viewerActor(requireViewer(ctx)), 'region', code, active, version);
  }

  // ── 职责清单 ──
  @Authorized(Permissions.administerReference)
  @Mutation(() => ResponsibilityRule, {
    description: '新增（version 留空）或修改职责清单条目（管理员，审计）Add (no version) or edit a 职责清单 rule (ADMIN, audited)',
  })
  async saveResponsibilityRule(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ResponsibilityRuleInput, { description: '内容 Input' }) input: ResponsibilityRuleInput,
  ): Promise<RuleWithCo> {
    const { version, ...row } = input;
    const { entity } = await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), (w) =>
      w.rule({ ...row, regionCode: row.regionCode ?? null, leadDepartmentCode: row.leadDepartmentCode ?? null }, version ?? null),
    );
    return ruleById(ctx.em, entity.id);
  }

  @Authorized(Permissions.administerReference)
  @Mutation(() => ResponsibilityRule, {
    description: `停用或重新启用职责清单条目（管理员）Deactivate or reactivate a 职责清单 rule (ADMIN). ${DEACTIVATION_NOTE}`,
  })
  async setResponsibilityRuleActive(
    @Ctx() ctx: HubContext,
    @Arg('categoryCode', { description: '分类代码 Category code' }) categoryCode: string,
    @Arg('active', { description: 'false 停用，true 重新启用 false deactivates, true reactivates' }) active: boolean,
    @Arg('version', () => Int, { description: '当前版本 Current version' }) version: number,
    @Arg('regionCode', () => String, { nullable: true, description: '乡镇区划代码；全区通用留空 Township; empty: county-wide' }) regionCode?: string,
  ): Promise<RuleWithCo> {
    const key = { categoryCode, regionCode: regionCode ?? null };
    const id = await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), async (w) => {
      await w.setRowActive('responsibility_rule', ruleKey(key), active, version);
      return ((await w.entityOf('responsibility_rule', key)) as ResponsibilityRule).id;
    });
    return ruleById(ctx.em, id);
  }

  // ── 渠道分类映射 ──
  @Authorized(Permissions.administerReference)
  @Mutation(() => CategoryMappingType, {
    description: '新增（version 留空）或修改渠道分类映射（管理员，审计）Add (no version) or edit a channel category mapping (ADMIN, audited)',
  })
  async saveCategoryMapping(
    @Ctx() ctx: HubContext,
    @Arg('input', () => CategoryMappingInput, { description: '内容 Input' }) input: CategoryMappingInput,
  ): Promise<CategoryMappingType> {
    const { version, ...row } = input;
    const { entity } = await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), (w) => w.mapping(row, version ?? null));
    return mappingById(ctx.em, entity.id);
  }

  @Authorized(Permissions.administerReference)
  @Mutation(() => CategoryMappingType, {
    description: `停用或重新启用渠道分类映射（管理员）Deactivate or reactivate a channel category mapping (ADMIN). ${DEACTIVATION_NOTE}`,
  })
  async setCategoryMappingActive(
    @Ctx() ctx: HubContext,
    @Arg('channelCode', { description: '渠道代码 Channel code' }) channelCode: string,
    @Arg('hint', { description: '渠道分类文本 The channel’s category text' }) hint: string,
    @Arg('active', { description: 'false 停用，true 重新启用 false deactivates, true reactivates' }) active: boolean,
    @Arg('version', () => Int, { description: '当前版本 Current version' }) version: number,
  ): Promise<CategoryMappingType> {
    const id = await service(ctx).change(ctx.em, viewerActor(requireViewer(ctx)), async (w) => {
      await w.setRowActive('category_mapping', mappingKey({ channelCode, hint }), active, version);
      return (await w.entityOf('category_mapping', { channelCode, hint })).id;
    });
    return mappingById(ctx.em, id);
  }
}

/** What a 职责清单 rule names: its category, township, lead and co-handling units. */
@Resolver(() => ResponsibilityRule)
export class ResponsibilityRuleResolver {
  @FieldResolver(() => Category, { description: '分类 Category' })
  async category(@Root() r: ResponsibilityRule, @Ctx() ctx: HubContext): Promise<Category> {
    return (await ctx.loaders.category.load(r.category.id))!;
  }

  @FieldResolver(() => Region, { nullable: true, description: '适用乡镇（空为全区通用）Township (null: county-wide)' })
  region(@Root() r: ResponsibilityRule, @Ctx() ctx: HubContext): Region | Promise<Region | null> | null {
    return r.region ? ctx.loaders.region.load(r.region.id) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: '主办单位（属地主办时为空）Lead unit (null when the township leads)' })
  leadDepartment(@Root() r: ResponsibilityRule, @Ctx() ctx: HubContext): Department | Promise<Department | null> | null {
    return r.leadDepartment ? ctx.loaders.department.load(r.leadDepartment.id) : null;
  }

  @FieldResolver(() => [Department], { complexity: listComplexity, description: '协办单位 Co-handling units' })
  async coDepartments(@Root() r: ResponsibilityRule, @Ctx() ctx: HubContext): Promise<Department[]> {
    const ids = (r as Partial<RuleWithCo>).coDepartmentIds ?? (await ruleById(ctx.em, r.id)).coDepartmentIds;
    return (await ctx.loaders.department.loadMany(ids)).filter((d): d is Department => !!d && !(d instanceof Error));
  }
}

@Resolver(() => CategoryMappingType)
export class CategoryMappingResolver {
  @FieldResolver(() => Category, { description: '中枢分类 Hub category' })
  async category(@Root() m: CategoryMappingType, @Ctx() ctx: HubContext): Promise<Category> {
    return (await ctx.loaders.category.load(m.categoryId))!;
  }
}
