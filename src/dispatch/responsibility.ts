import type { EntityManager } from '@mikro-orm/postgresql';
import { ResponsibilityRule } from '../entities';

/**
 * 职责清单 lookup: the most specific rule for a category and region — a rule on the category
 * itself beats one on its parent, and a township-specific rule beats a county-wide one.
 */
const MATCH_SQL = `
select r.* from responsibility_rule r
  join category c on c.id = r.category_id
 where (select code from category where id = ?) like c.code || '%'
   and (r.region_id is null or r.region_id = ?)
 order by length(c.code) desc, (r.region_id is not null) desc, r.id
 limit 1`;

export async function matchResponsibilityRule(
  em: EntityManager,
  categoryId: number,
  regionId: number,
): Promise<ResponsibilityRule | null> {
  const rows = await em.execute(MATCH_SQL, [categoryId, regionId]);
  return rows[0] ? em.map(ResponsibilityRule, rows[0]) : null;
}
