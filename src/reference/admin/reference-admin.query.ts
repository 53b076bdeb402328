import type { EntityManager } from '@mikro-orm/postgresql';
import { readMapper } from '../../db/read-model';
import { ResponsibilityRule } from '../../entities';
import type { CategoryMappingType } from './reference-admin.types';

/** A 职责清单 rule as read, with its co-handlers' ids (one statement for the whole list). */
export type RuleWithCo = ResponsibilityRule & { coDepartmentIds: number[] };

const RULES_SQL = `
select r.*, coalesce((select array_agg(p.department_id order by p.department_id)
                        from responsibility_rule_co_department p where p.responsibility_rule_id = r.id), '{}') as co_department_ids
  from responsibility_rule r join category c on c.id = r.category_id left join region rg on rg.id = r.region_id`;

function toRule(em: EntityManager, row: Record<string, unknown>): RuleWithCo {
  const rule = readMapper(em, ResponsibilityRule).map(row) as RuleWithCo;
  const ids = row.co_department_ids;
  rule.coDepartmentIds = Array.isArray(ids) ? ids.map(Number) : typeof ids === 'string' && ids.length > 2 ? ids.slice(1, -1).split(',').map(Number) : [];
  return rule;
}

/** 职责清单 rules, optionally under a category code (its subtree), active only unless asked. */
export async function listRules(em: EntityManager, args: { categoryCode?: string | null; includeInactive?: boolean }): Promise<RuleWithCo[]> {
  const rows = await em.execute(
    `${RULES_SQL}
      where (?::text is null or c.code like ? || '%') and (? or r.active)
      order by c.code, rg.code nulls first`,
    [args.categoryCode ?? null, args.categoryCode ?? '', !!args.includeInactive],
  );
  return rows.map((r: Record<string, unknown>) => toRule(em, r));
}

export async function ruleById(em: EntityManager, id: number): Promise<RuleWithCo> {
  const [row] = await em.execute(`${RULES_SQL} where r.id = ?`, [id]);
  return toRule(em, row);
}

const MAPPINGS_SQL = `
select ch.code as channel_code, m.hint, m.category_id, m.active, m.deactivated_at, m.version
  from category_mapping m join channel ch on ch.id = m.channel_id`;

function toMapping(row: Record<string, any>): CategoryMappingType {
  return {
    channelCode: row.channel_code,
    hint: row.hint,
    categoryId: Number(row.category_id),
    active: row.active,
    deactivatedAt: row.deactivated_at == null ? null : new Date(row.deactivated_at),
    version: row.version,
  };
}

/** Channel category mappings, optionally of one channel, active only unless asked. */
export async function listMappings(em: EntityManager, args: { channelCode?: string | null; includeInactive?: boolean }): Promise<CategoryMappingType[]> {
  const rows = await em.execute(`${MAPPINGS_SQL} where (?::text is null or ch.code = ?) and (? or m.active) order by ch.code, m.hint`, [
    args.channelCode ?? null,
    args.channelCode ?? null,
    !!args.includeInactive,
  ]);
  return rows.map(toMapping);
}

export async function mappingById(em: EntityManager, id: number): Promise<CategoryMappingType> {
  const [row] = await em.execute(`${MAPPINGS_SQL} where m.id = ?`, [id]);
  return toMapping(row);
}
