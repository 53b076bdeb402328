import type { EntityManager } from '@mikro-orm/postgresql';
import { ResponsibilityRule } from '../entities';

/**
 * 职责清单 precedence, the one place it is written: among the rules that apply to an order (on its
 * category or an ancestor; county-wide or for its township), a rule on the category itself beats
 * one on its parent, and a township-specific rule beats a county-wide one. SQL over `c` (the
 * rule's category) and `r` (the rule); intake (below) and dispatch suggestions both order by it.
 * Deactivated rules (reference administration) are skipped by both.
 */
export const RULE_PRECEDENCE = 'length(c.code) desc, (r.region_id is not null) desc, r.id';

/**
 * The rule that applies to an order of category `categoryCode` in region `regionId` (SQL
 * expressions), by precedence: a statement, or a subquery of one (work-order intake).
 */
export function ruleMatchSql(categoryCode: string, regionId: string): string {
  return `select r.* from responsibility_rule r
  join category c on c.id = r.category_id
 where ${categoryCode} like c.code || '%'
   and (r.region_id is null or r.region_id = ${regionId})
   and r.active
 order by ${RULE_PRECEDENCE}
 limit 1`;
}

const MATCH_SQL = ruleMatchSql('(select code from category where id = ?)', '?');

export async function matchResponsibilityRule(em: EntityManager, categoryId: number, regionId: number): Promise<ResponsibilityRule | null> {
  const rows = await em.execute(MATCH_SQL, [categoryId, regionId]);
  return rows[0] ? em.map(ResponsibilityRule, rows[0]) : null;
}
