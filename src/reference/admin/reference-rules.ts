import type { EntityManager } from '@mikro-orm/postgresql';
import type { Liaison } from '../../entities/department';
import { TimeLimitClass } from '../../work-orders/enums';
import { DepartmentKind, RegionLevel } from '../vocabulary';

/**
 * The county's reference data as plain rows keyed by their natural keys (codes), and the one set
 * of integrity rules for them. GraphQL edits (reference-admin.service.ts) check a row against the
 * database's current state; the workbook import (reference/workbook) checks every row against the
 * state the workbook describes as a whole. Same functions, so one set of rules.
 */

export type ReferenceTable = 'department' | 'category' | 'region' | 'responsibility_rule' | 'category_mapping';

export interface DepartmentRow {
  code: string;
  name: string;
  kind: DepartmentKind;
  parentCode: string | null;
  regionCode: string;
  /** 附件2: at most one 联络员 (LIAISON) and one 分管领导 (LEADER). */
  liaisons: Liaison[];
  active: boolean;
}

export interface CategoryRow {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  active: boolean;
}

export interface RuleRow {
  categoryCode: string;
  /** null: county-wide (全区通用). */
  regionCode: string | null;
  leadDepartmentCode: string | null;
  leadIsTownship: boolean;
  coDepartmentCodes: string[];
  coTownship: boolean;
  timeLimitClass: TimeLimitClass;
  note: string;
  active: boolean;
}

export interface MappingRow {
  channelCode: string;
  hint: string;
  categoryCode: string;
  active: boolean;
}

export interface ReferenceState {
  departments: Map<string, DepartmentRow>;
  categories: Map<string, CategoryRow>;
  regions: Map<string, RegionRow>;
  rules: Map<string, RuleRow>;
  mappings: Map<string, MappingRow>;
  channels: Set<string>;
}

export const ruleKey = (r: { categoryCode: string; regionCode: string | null }): string => `${r.categoryCode}@${r.regionCode ?? ''}`;
export const mappingKey = (m: { channelCode: string; hint: string }): string => `${m.channelCode}/${m.hint}`;

/** One problem with one field of a row: the workbook names the cell, GraphQL the input field. */
export interface Problem {
  field: string;
  zh: string;
  en: string;
}

const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const PHONE = /^[0-9+\-() ]{3,32}$/;

function text(problems: Problem[], field: string, value: string | null | undefined, max: number, zh: string, en: string): void {
  if (!value?.trim()) problems.push({ field, zh: `${zh}不能为空`, en: `${en} is required` });
  else if ([...value].length > max) problems.push({ field, zh: `${zh}超过 ${max} 个字符`, en: `${en} is longer than ${max} characters` });
}

/** The department's region, kind, parent (exists, active, no cycle) and 附件2 contacts. */
export function checkDepartment(row: DepartmentRow, state: ReferenceState): Problem[] {
  const problems: Problem[] = [];
  if (!DEPARTMENT_CODE.test(row.code)) {
    problems.push({
      field: 'code',
      zh: `单位代码格式无效：${row.code}（大写字母开头，字母、数字、下划线，2–32 位）`,
      en: `invalid department code "${row.code}" (an upper-case letter, then letters, digits or _, 2–32 characters)`,
    });
  }
  text(problems, 'name', row.name, 100, '单位名称', 'name');
  if (!Object.values(DepartmentKind).includes(row.kind))
    problems.push({ field: 'kind', zh: `单位类型无效：${row.kind}`, en: `unknown department kind "${row.kind}"` });
  const region = state.regions.get(row.regionCode);
  if (!region) problems.push({ field: 'regionCode', zh: `区划代码不存在：${row.regionCode}`, en: `unknown region code ${row.regionCode}` });
  else if (!region.active && row.active)
    problems.push({ field: 'regionCode', zh: `区划已停用：${row.regionCode}`, en: `region ${row.regionCode} is inactive` });
  if (row.parentCode) {
    const parent = state.departments.get(row.parentCode);
    if (row.parentCode === row.code) problems.push({ field: 'parentCode', zh: '上级单位不能是自身', en: 'a department cannot be its own parent' });
    else if (!parent) problems.push({ field: 'parentCode', zh: `上级单位代码不存在：${row.parentCode}`, en: `unknown parent code ${row.parentCode}` });
    else {
      if (!parent.active && row.active)
        problems.push({ field: 'parentCode', zh: `上级单位已停用：${row.parentCode}`, en: `parent ${row.parentCode} is inactive` });
      // Walk up from the new parent: meeting this department again is a cycle.
      const seen = new Set<string>([row.code]);
      for (let at: DepartmentRow | undefined = parent; at; at = at.parentCode ? state.departments.get(at.parentCode) : undefined) {
        if (seen.has(at.code)) {
          problems.push({
            field: 'parentCode',
            zh: `上级单位形成循环：${row.code} → ${row.parentCode} → … → ${at.code}`,
            en: `the department tree would have a cycle: ${row.code} → ${row.parentCode} → … → ${at.code}`,
          });
          break;
        }
        seen.add(at.code);
      }
    }
  }
  for (const role of ['LIAISON', 'LEADER'] as const) {
    const contacts = row.liaisons.filter((l) => l.role === role);
    const [zh, en] = role === 'LIAISON' ? ['联络员', 'liaison officer'] : ['分管领导', 'leader in charge'];
    if (contacts.length > 1) problems.push({ field: 'liaisons', zh: `${zh}只能有一名（附件2）`, en: `at most one ${en} (附件2)` });
    for (const c of contacts) {
      text(problems, 'liaisons', c.name, 50, `${zh}姓名`, `${en} name`);
      if ([...(c.title ?? '')].length > 50) problems.push({ field: 'liaisons', zh: `${zh}职务超过 50 个字符`, en: `${en} title is longer than 50 characters` });
      if (!PHONE.test(c.phone ?? '')) problems.push({ field: 'liaisons', zh: `${zh}联系电话格式无效`, en: `${en} phone number is not a phone number` });
    }
  }
  return problems;
}

/** Categories: hierarchical codes of 2, 4 or 6 digits; the parent is the code without its last two digits. */
export function categoryParentCode(code: string): string | null {
  return code.length > 2 ? code.slice(0, -2) : null;
}

export function checkCategory(row: CategoryRow, state: ReferenceState): Problem[] {
  const problems: Problem[] = [];
  if (!/^(\d{2}){1,3}$/.test(row.code)) {
    problems.push({
      field: 'code',
      zh: `分类代码格式无效：${row.code}（2、4 或 6 位数字，三级）`,
      en: `invalid category code "${row.code}" (2, 4 or 6 digits: three levels)`,
    });
    return problems;
  }
  text(problems, 'name', row.name, 100, '分类名称', 'name');
  const expected = categoryParentCode(row.code);
  if ((row.parentCode ?? null) !== expected) {
    problems.push({
      field: 'parentCode',
      zh: expected ? `上级分类应为 ${expected}（代码去掉末两位）` : '一级分类没有上级分类',
      en: expected ? `the parent must be ${expected} (the code without its last two digits)` : 'a level-1 category has no parent',
    });
  } else if (expected) {
    const parent = state.categories.get(expected);
    if (!parent) problems.push({ field: 'parentCode', zh: `上级分类代码不存在：${expected}`, en: `unknown parent code ${expected}` });
    else if (!parent.active && row.active) problems.push({ field: 'parentCode', zh: `上级分类已停用：${expected}`, en: `parent ${expected} is inactive` });
  }
  return problems;
}

const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  [RegionLevel.COUNTY]: null,
  [RegionLevel.TOWNSHIP]: RegionLevel.COUNTY,
  [RegionLevel.VILLAGE]: RegionLevel.TOWNSHIP,
};

export function checkRegion(row: RegionRow, state: ReferenceState): Problem[] {
  const problems: Problem[] = [];
  if (!Object.values(RegionLevel).includes(row.level)) {
    problems.push({ field: 'level', zh: `区划层级无效：${row.level}`, en: `unknown region level "${row.level}"` });
    return problems;
  }
  const digits = row.level === RegionLevel.COUNTY ? /^\d{6}$/ : /^\d{12}$/;
  if (!digits.test(row.code)) {
    problems.push({
      field: 'code',
      zh: `区划代码格式无效：${row.code}（区县 6 位，乡镇、村 12 位）`,
      en: `invalid region code "${row.code}" (6 digits for a county, 12 for townships and villages)`,
    });
  }
  text(problems, 'name', row.name, 50, '区划名称', 'name');
  const parentLevel = PARENT_LEVEL[row.level];
  if (!parentLevel) {
    if (row.parentCode) problems.push({ field: 'parentCode', zh: '区县没有上级区划', en: 'a county has no parent region' });
  } else if (!row.parentCode) {
    problems.push({ field: 'parentCode', zh: '请填写上级区划代码', en: 'the parent region code is required' });
  } else {
    const parent = state.regions.get(row.parentCode);
    if (!parent) problems.push({ field: 'parentCode', zh: `上级区划代码不存在：${row.parentCode}`, en: `unknown parent code ${row.parentCode}` });
    else if (parent.level !== parentLevel)
      problems.push({ field: 'parentCode', zh: `上级区划层级应为 ${parentLevel}`, en: `the parent region must be a ${parentLevel.toLowerCase()}` });
    else if (!parent.active && row.active)
      problems.push({ field: 'parentCode', zh: `上级区划已停用：${row.parentCode}`, en: `parent ${row.parentCode} is inactive` });
  }
  return problems;
}

/** 职责清单: an active category, a township (or none: county-wide), exactly one lead, active units only. */
export function checkRule(row: RuleRow, state: ReferenceState): Problem[] {
  const problems: Problem[] = [];
  const category = state.categories.get(row.categoryCode);
  if (!category) problems.push({ field: 'categoryCode', zh: `分类代码不存在：${row.categoryCode}`, en: `unknown category code ${row.categoryCode}` });
  else if (!category.active && row.active)
    problems.push({ field: 'categoryCode', zh: `分类已停用：${row.categoryCode}`, en: `category ${row.categoryCode} is inactive` });
  if (row.regionCode) {
    const region = state.regions.get(row.regionCode);
    if (!region) problems.push({ field: 'regionCode', zh: `区划代码不存在：${row.regionCode}`, en: `unknown region ${row.regionCode}` });
    else if (region.level === RegionLevel.COUNTY)
      problems.push({ field: 'regionCode', zh: '全区通用条目的区划留空', en: 'leave the region empty for a county-wide rule' });
    else if (!region.active && row.active)
      problems.push({ field: 'regionCode', zh: `区划已停用：${row.regionCode}`, en: `region ${row.regionCode} is inactive` });
  }
  if (!Object.values(TimeLimitClass).includes(row.timeLimitClass)) {
    problems.push({ field: 'timeLimitClass', zh: `办理时限类别无效：${row.timeLimitClass}`, en: `bad time-limit class "${row.timeLimitClass}"` });
  }
  if (!!row.leadDepartmentCode === row.leadIsTownship) {
    problems.push({
      field: 'leadDepartmentCode',
      zh: '主办单位须二选一：单位代码或“属地”',
      en: 'name exactly one lead: a department code or 属地 (the township)',
    });
  }
  const unit = (code: string, field: string) => {
    const d = state.departments.get(code);
    if (!d) problems.push({ field, zh: `单位代码不存在：${code}`, en: `unknown department ${code}` });
    else if (!d.active && row.active) problems.push({ field, zh: `单位已停用：${code}`, en: `department ${code} is inactive` });
  };
  if (row.leadDepartmentCode) unit(row.leadDepartmentCode, 'leadDepartmentCode');
  const co = row.coDepartmentCodes;
  if (new Set(co).size !== co.length) problems.push({ field: 'coDepartmentCodes', zh: '协办单位重复', en: 'a co-handler is listed twice' });
  if (row.leadDepartmentCode && co.includes(row.leadDepartmentCode))
    problems.push({ field: 'coDepartmentCodes', zh: '主办单位不能同时协办', en: 'the lead cannot also co-handle' });
  if (row.leadIsTownship && row.coTownship)
    problems.push({ field: 'coDepartmentCodes', zh: '属地主办时不能再属地协办', en: 'the township cannot both lead and co-handle' });
  for (const code of co) unit(code, 'coDepartmentCodes');
  if ([...row.note].length > 2000) problems.push({ field: 'note', zh: '依据超过 2000 个字符', en: 'the basis is longer than 2000 characters' });
  return problems;
}

export function checkMapping(row: MappingRow, state: ReferenceState): Problem[] {
  const problems: Problem[] = [];
  if (!state.channels.has(row.channelCode))
    problems.push({ field: 'channelCode', zh: `渠道代码不存在：${row.channelCode}`, en: `unknown channel ${row.channelCode}` });
  text(problems, 'hint', row.hint, 200, '渠道分类文本', 'hint');
  const category = state.categories.get(row.categoryCode);
  if (!category) problems.push({ field: 'categoryCode', zh: `分类代码不存在：${row.categoryCode}`, en: `unknown category code ${row.categoryCode}` });
  else if (!category.active && row.active)
    problems.push({ field: 'categoryCode', zh: `分类已停用：${row.categoryCode}`, en: `category ${row.categoryCode} is inactive` });
  return problems;
}

/**
 * What deactivating a row would break: active children, and 职责清单 rules or mappings still naming
 * it. Work orders referring to it are no reason to refuse (they keep it; it is only no longer offered).
 */
export function checkDeactivation(table: ReferenceTable, key: string, state: ReferenceState): Problem[] {
  const rules = [...state.rules.values()].filter((r) => r.active);
  const n = (count: number, zh: string, en: string): Problem[] => (count ? [{ field: 'active', zh: `${zh}（${count} 条）`, en: `${en} (${count})` }] : []);
  switch (table) {
    case 'department':
      return [
        ...n(
          [...state.departments.values()].filter((d) => d.active && d.parentCode === key).length,
          '仍有启用的下级单位，请先停用或调整',
          'it still has active sub-units: deactivate or move them first',
        ),
        ...n(
          rules.filter((r) => r.leadDepartmentCode === key || r.coDepartmentCodes.includes(key)).length,
          '仍被启用的职责清单条目指定为主办或协办单位，请先修改这些条目',
          'active 职责清单 rules still name it as lead or co-handler: change them first',
        ),
      ];
    case 'category':
      return [
        ...n([...state.categories.values()].filter((c) => c.active && c.parentCode === key).length, '仍有启用的下级分类', 'it still has active subcategories'),
        ...n(rules.filter((r) => r.categoryCode === key).length, '仍有启用的职责清单条目', 'active 职责清单 rules are still on it'),
        ...n(
          [...state.mappings.values()].filter((m) => m.active && m.categoryCode === key).length,
          '仍有启用的渠道分类映射指向它',
          'active channel category mappings still point to it',
        ),
      ];
    case 'region':
      return [
        ...n([...state.regions.values()].filter((r) => r.active && r.parentCode === key).length, '仍有启用的下级区划', 'it still has active child regions'),
        ...n(rules.filter((r) => r.regionCode === key).length, '仍有启用的本区划职责清单条目', 'active 职责清单 rules are still specific to it'),
        ...n(
          [...state.departments.values()].filter((d) => d.active && d.regionCode === key).length,
          '仍有启用的单位位于该区划',
          'active departments are still located in it',
        ),
      ];
    default:
      return [];
  }
}

/** The current state in the database (every row, active or not): six small statements. */
export async function loadReferenceState(em: EntityManager): Promise<ReferenceState> {
  const q = (sql: string) => em.execute(sql) as Promise<Array<Record<string, any>>>;
  // One after another: inside a transaction they share one connection.
  const departments = await q(`select d.code, d.name, d.kind, p.code as parent_code, r.code as region_code, d.liaisons, d.active
         from department d left join department p on p.id = d.parent_id join region r on r.id = d.region_id order by d.path`);
  const categories = await q(
    `select c.code, c.name, p.code as parent_code, c.active from category c left join category p on p.id = c.parent_id order by c.code`,
  );
  const regions = await q(
    `select r.code, r.name, r.level, p.code as parent_code, r.active from region r left join region p on p.id = r.parent_id order by r.code`,
  );
  const rules = await q(`select c.code as category_code, rg.code as region_code, ld.code as lead_code, r.lead_is_township, r.co_township,
              r.time_limit_class, r.note, r.active,
              coalesce((select array_agg(d.code order by d.code) from responsibility_rule_co_department p join department d on d.id = p.department_id
                         where p.responsibility_rule_id = r.id), '{}') as co_codes
         from responsibility_rule r join category c on c.id = r.category_id
         left join region rg on rg.id = r.region_id left join department ld on ld.id = r.lead_department_id
        order by c.code, rg.code nulls first`);
  const mappings = await q(`select ch.code as channel_code, m.hint, c.code as category_code, m.active
         from category_mapping m join channel ch on ch.id = m.channel_id join category c on c.id = m.category_id order by ch.code, m.hint`);
  const channels = await q(`select code from channel`);
  const state: ReferenceState = {
    departments: new Map(),
    categories: new Map(),
    regions: new Map(),
    rules: new Map(),
    mappings: new Map(),
    channels: new Set(channels.map((c) => c.code)),
  };
  for (const d of departments) {
    const liaisons = (typeof d.liaisons === 'string' ? JSON.parse(d.liaisons) : (d.liaisons ?? [])) as Liaison[];
    state.departments.set(d.code, {
      code: d.code,
      name: d.name,
      kind: d.kind,
      parentCode: d.parent_code ?? null,
      regionCode: d.region_code,
      liaisons: normaliseLiaisons(liaisons),
      active: d.active,
    });
  }
  for (const c of categories) state.categories.set(c.code, { code: c.code, name: c.name, parentCode: c.parent_code ?? null, active: c.active });
  for (const r of regions) state.regions.set(r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code ?? null, active: r.active });
  for (const r of rules) {
    const row: RuleRow = {
      categoryCode: r.category_code,
      regionCode: r.region_code ?? null,
      leadDepartmentCode: r.lead_code ?? null,
      leadIsTownship: r.lead_is_township,
      coDepartmentCodes: pgTextArray(r.co_codes),
      coTownship: r.co_township,
      timeLimitClass: r.time_limit_class,
      note: r.note ?? '',
      active: r.active,
    };
    state.rules.set(ruleKey(row), row);
  }
  for (const m of mappings) {
    const row: MappingRow = { channelCode: m.channel_code, hint: m.hint, categoryCode: m.category_code, active: m.active };
    state.mappings.set(mappingKey(row), row);
  }
  return state;
}

function pgTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) {
    const inner = value.slice(1, -1);
    return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
  }
  return [];
}

/** A contact with exactly the four fields, in a stable order (for comparisons and the audit). */
export function normaliseLiaison(l: Liaison): Liaison {
  return { role: l.role, name: l.name ?? '', title: l.title ?? '', phone: l.phone ?? '' };
}

/** 联络员 first, then 分管领导 (the order of 附件2). */
export function normaliseLiaisons(list: readonly Liaison[]): Liaison[] {
  return list.map(normaliseLiaison).sort((a, b) => (a.role === b.role ? 0 : a.role === 'LIAISON' ? -1 : 1));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Row equality ignoring `active` (what the workbook and the audit call "changed"). */
export function sameContent(a: object, b: object): boolean {
  const strip = (o: object) => JSON.stringify(canonical({ ...o, active: undefined }));
  return strip(a) === strip(b);
}
