import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection';
import { TimeLimitClass } from '../../work-orders/enums';
import { DepartmentKind, RegionLevel, LiaisonRole, ReferenceTableName } from '../vocabulary';

@InputType({ description: '24 小时联络人（附件2：联络员、分管领导各一名）A 24-hour contact (附件2: one liaison officer, one leader in charge)' })
export class LiaisonInput {
  @Field(() => LiaisonRole, { description: '类型 Role' }) role!: 'LIAISON' | 'LEADER';
  @Field({ description: '姓名 Name' }) name!: string;
  @Field({ defaultValue: '', description: '职务 Title' }) title!: string;
  @Field({ description: '联系电话 Phone' }) phone!: string;
}

@InputType({ description: '承办单位（新增或修改）A department to add or edit' })
export class DepartmentInput {
  @Field({ description: '单位代码（新增后不可改）Code (the key; cannot change)' }) code!: string;
  @Field({ description: '单位名称 Name' }) name!: string;
  @Field(() => DepartmentKind, { description: '单位类型 Kind' }) kind!: DepartmentKind;
  @Field(() => String, { nullable: true, description: '上级单位代码（不可形成循环）Parent code (no cycles)' }) parentCode?: string | null;
  @Field({ description: '所在区划代码 Region code' }) regionCode!: string;
  @Field(() => [LiaisonInput], { defaultValue: [], description: '24 小时联络人 24-hour contacts' }) liaisons!: LiaisonInput[];
  @Field(() => Int, {
    nullable: true,
    description: '当前版本：新增时留空，修改时必填（过期则 CONFLICT）Version: empty to add, the current one to edit (stale: CONFLICT)',
  })
  version?: number | null;
}

@InputType({ description: '诉求分类（新增或修改；上级由代码决定）A category to add or edit (its parent is its code without the last two digits)' })
export class CategoryInput {
  @Field({ description: '分类代码（2、4、6 位）Code (2, 4 or 6 digits)' }) code!: string;
  @Field({ description: '分类名称 Name' }) name!: string;
  @Field(() => Int, { nullable: true, description: '当前版本：新增时留空 Version: empty to add' }) version?: number | null;
}

@InputType({ description: '行政区划（新增或修改）A region to add or edit' })
export class RegionInput {
  @Field({ description: '区划代码（区县 6 位，乡镇、村 12 位）Code (6 digits for the county, 12 for townships and villages)' }) code!: string;
  @Field({ description: '名称 Name' }) name!: string;
  @Field(() => RegionLevel, { description: '层级（不可改）Level (cannot change)' }) level!: RegionLevel;
  @Field(() => String, { nullable: true, description: '上级区划代码 Parent code' }) parentCode?: string | null;
  @Field(() => Int, { nullable: true, description: '当前版本：新增时留空 Version: empty to add' }) version?: number | null;
}

@InputType({ description: '职责清单条目（分类 × 区划为键）A 职责清单 rule (keyed by category × region)' })
export class ResponsibilityRuleInput {
  @Field({ description: '分类代码 Category code' }) categoryCode!: string;
  @Field(() => String, { nullable: true, description: '乡镇区划代码；留空为全区通用 Township code; empty: county-wide' }) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: '主办单位代码（与 leadIsTownship 二选一）Lead department code (or leadIsTownship)' }) leadDepartmentCode?:
    | string
    | null;
  @Field({ defaultValue: false, description: '由事发地乡镇主办（属地）The township where it happened leads' }) leadIsTownship!: boolean;
  @Field(() => [String], { defaultValue: [], description: '协办单位代码 Co-handling department codes' }) coDepartmentCodes!: string[];
  @Field({ defaultValue: false, description: '事发地乡镇协办 The township co-handles' }) coTownship!: boolean;
  @Field(() => TimeLimitClass, { description: '办理时限类别 Time-limit class' }) timeLimitClass!: TimeLimitClass;
  @Field({ defaultValue: '', description: '职责依据 Basis' }) note!: string;
  @Field(() => Int, { nullable: true, description: '当前版本：新增时留空 Version: empty to add' }) version?: number | null;
}

@InputType({ description: '渠道分类映射（渠道 × 渠道分类文本为键）A channel category mapping (keyed by channel × hint)' })
export class CategoryMappingInput {
  @Field({ description: '渠道代码 Channel code' }) channelCode!: string;
  @Field({ description: '渠道自己的分类文本（原样）The channel’s own category text, verbatim' }) hint!: string;
  @Field({ description: '中枢分类代码 Hub category code' }) categoryCode!: string;
  @Field(() => Int, { nullable: true, description: '当前版本：新增时留空 Version: empty to add' }) version?: number | null;
}

@ObjectType('CategoryMapping', { description: '渠道分类映射 A channel’s category text mapped to a hub category' })
export class CategoryMappingType {
  @Field({ description: '渠道代码 Channel code' }) channelCode!: string;
  @Field({ description: '渠道分类文本 The channel’s category text' }) hint!: string;
  /** Resolved by CategoryMappingResolver. */
  categoryId!: number;
  @Field({ description: '是否启用（停用后不再映射）Active (inactive: no longer mapped)' }) active!: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: '停用时间 Deactivated at' }) deactivatedAt!: Date | null;
  @Field(() => Int, { description: '版本 Version' }) version!: number;
}

@ObjectType('ReferenceAuditEntry', { description: '基础数据变更审计 One audited change of reference data' })
export class ReferenceAuditEntry {
  @Field(() => ID, { description: '审计序号 Audit id' }) id!: string;
  @Field(() => GraphQLDateTime, { description: '时间 When' }) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: '操作令牌 id（命令行为空）Token id of the actor (null: command line)' }) actorTokenId!: string | null;
  @Field({ description: '操作者标签（命令行为 cli）Actor label ("cli" from the command line)' }) actorLabel!: string;
  @Field(() => ReferenceTableName, { description: '表 Table' }) table!: ReferenceTableName;
  @Field({ description: '键：代码、"分类@区划" 或 "渠道/文本" Key: a code, "category@region" or "channel/hint"' }) key!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: '变更前（新增为空）Before (null: added)' }) before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: '变更后 After' }) after!: Record<string, unknown> | null;
}

export const ReferenceAuditConnection = Connection(ReferenceAuditEntry, 'ReferenceAuditEntry', '基础数据审计');
