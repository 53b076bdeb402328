import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../entities';
import { AssignmentRole, TimeLimitClass } from '../work-orders/enums';
import { DispatchSuggestion } from './dispatch.types';
import { RULE_PRECEDENCE } from './responsibility';

/**
 * Every 职责清单 rule that applies to the order, most specific first (RULE_PRECEDENCE), with what
 * is needed to name the departments — the township government of the
 * order's region, active co-handlers — in one statement.
 */
const RULES_SQL = `
with o as (
  select cat.code as category_code, reg.id as region_id, reg.parent_id is null as county_level,
         (select d.id from department d
           where d.kind = 'TOWNSHIP' and d.region_id = reg.id and d.active order by d.id limit 1) as township_id
    from category cat, region reg
   where cat.id = ? and reg.id = ?
)
select r.id, r.lead_department_id, ld.active as lead_active, r.lead_is_township, r.co_township,
       r.time_limit_class, r.note, r.region_id is not null as township_specific, rg.name as region_name,
       c.code as category_code, c.name as category_name, o.county_level, o.township_id,
       coalesce((select array_agg(p.department_id order by p.department_id)
                   from responsibility_rule_co_department p join department cd on cd.id = p.department_id
                  where p.responsibility_rule_id = r.id and cd.active), '{}') as co_ids
  from o
  join responsibility_rule r on (r.region_id is null or r.region_id = o.region_id) and r.active
  join category c on c.id = r.category_id and o.category_code like c.code || '%'
  left join department ld on ld.id = r.lead_department_id
  left join region rg on rg.id = r.region_id
 order by ${RULE_PRECEDENCE}`;

interface RuleRow {
  id: number;
  lead_department_id: number | null;
  lead_active: boolean | null;
  lead_is_township: boolean;
  co_township: boolean;
  time_limit_class: TimeLimitClass;
  note: string;
  township_specific: boolean;
  region_name: string | null;
  category_code: string;
  category_name: string;
  county_level: boolean;
  township_id: number | null;
  co_ids: number[];
}

/** 「食品安全」(100101，梅林镇专属) … | "食品安全" (100101, 梅林镇 only) … */
function describeRule(rule: RuleRow): { zh: string; en: string } {
  const scopeZh = rule.township_specific ? `${rule.region_name}专属` : '全区通用';
  const scopeEn = rule.township_specific ? `specific to ${rule.region_name}` : 'county-wide';
  const note = rule.note ? `；依据：${rule.note}` : '';
  return {
    zh: `职责清单「${rule.category_name}」(${rule.category_code}，${scopeZh})${note}`,
    en: `职责清单 rule on "${rule.category_name}" (${rule.category_code}, ${scopeEn})${rule.note ? `; basis: ${rule.note}` : ''}`,
  };
}

/**
 * 分拨建议: ranked departments from the 职责清单 for an order's category and region.
 *
 * 1. The lead of the best (most specific) rule; a 属地 lead is the township government of the
 *    order's region — an order on the county itself (360704) cannot name one, and the reason says so.
 * 2. Leads of the less specific rules that also apply, as alternatives (role LEAD). When the best
 *    rule's lead is a county department, 属地 leads of broader rules are left out: county functional
 *    matters are not pushed down to townships (001 任务4; 000 首办负责).
 * 3. The best rule's co-handlers (role CO), the township government among them when the rule says so.
 *
 * A department appears once, at its best rank.
 */
export class DispatchSuggestionService {
  async suggest(em: EntityManager, order: WorkOrder): Promise<DispatchSuggestion[]> {
    // No category yet: the category suggested from the text (hot-issues/classify.ts), said so in every reason.
    const categoryId = order.category?.id ?? order.suggestedCategory?.id;
    if (!categoryId) return [];
    const rules = (await em.execute(RULES_SQL, [categoryId, order.region.id])) as RuleRow[];
    if (!rules.length) return [];
    const best = rules[0];

    const caveats: Array<{ zh: string; en: string }> = [];
    if (!order.category) {
      const [suggested] = (await em.execute(`select name from category where id = ?`, [categoryId])) as Array<{ name: string }>;
      const confidence = order.suggestedCategoryConfidence == null ? '' : `${Math.round(order.suggestedCategoryConfidence * 100)}%`;
      caveats.push({
        zh: `工单尚无分类，按文本研判的建议分类「${suggested?.name ?? best.category_name}」（置信度${confidence || '未知'}），请确认分类`,
        en: `the order has no category yet; based on the category suggested from its text ("${suggested?.name ?? best.category_name}", confidence ${confidence || 'unknown'}); confirm the category`,
      });
    }
    if (best.county_level && (best.lead_is_township || best.co_township)) {
      caveats.push({
        zh: `最匹配条目「${best.category_name}」由事发地乡镇${best.lead_is_township ? '主办' : '协办'}，但工单事发地为区本级（360704），无法确定乡镇，请核实事发地`,
        en: `the best rule ("${best.category_name}") has the township where it happened ${best.lead_is_township ? 'lead' : 'co-handle'}, but the order's region is the county itself (360704), so no township can be named; check where it happened`,
      });
    } else if (!best.county_level && (best.lead_is_township || best.co_township) && best.township_id == null) {
      caveats.push({ zh: '事发地乡镇人民政府未登记或已停用', en: 'the township government of the order’s region is not registered or inactive' });
    }

    const out: DispatchSuggestion[] = [];
    const seen = new Set<number>();
    const add = (departmentId: number | null, role: AssignmentRole, rule: RuleRow, why: { zh: string; en: string }) => {
      if (departmentId == null || seen.has(departmentId)) return;
      seen.add(departmentId);
      const basis = describeRule(rule);
      const zh = [why.zh, basis.zh, ...caveats.map((c) => c.zh)].join('；');
      const en = [why.en, basis.en, ...caveats.map((c) => c.en)].join('; ');
      out.push(
        Object.assign(new DispatchSuggestion(), { departmentId, role, rank: out.length + 1, timeLimitClass: rule.time_limit_class, reason: `${zh} | ${en}` }),
      );
    };

    const bestLeadIsCounty = !best.lead_is_township;
    rules.forEach((rule, index) => {
      const first = index === 0;
      if (rule.lead_is_township) {
        if (!first && bestLeadIsCounty) return; // never push a county matter down to a township
        add(
          rule.township_id,
          AssignmentRole.LEAD,
          rule,
          first
            ? { zh: '主办：事发地乡镇人民政府（属地）', en: 'lead: the township government where it happened (属地)' }
            : { zh: '备选主办：上级条目由事发地乡镇主办', en: 'alternative lead: a broader rule has the township lead' },
        );
      } else if (rule.lead_active) {
        add(
          rule.lead_department_id,
          AssignmentRole.LEAD,
          rule,
          first
            ? { zh: '主办：最匹配条目的主办单位', en: 'lead: lead unit of the best rule' }
            : { zh: '备选主办：上级条目的主办单位', en: 'alternative lead: lead unit of a broader rule' },
        );
      }
    });
    for (const co of best.co_ids) add(co, AssignmentRole.CO, best, { zh: '协办：最匹配条目的协办单位', en: 'co-handler of the best rule' });
    if (best.co_township) {
      add(best.township_id, AssignmentRole.CO, best, {
        zh: '协办：事发地乡镇人民政府（属地）',
        en: 'co-handler: the township government where it happened (属地)',
      });
    }
    return out;
  }
}
