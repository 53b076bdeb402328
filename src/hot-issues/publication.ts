import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import type { EventBus } from '../events/event-bus';
import { Topics } from '../events/topics';

/** Where hot-issue changes travel (one topic; the message says which). */
export const HOT_ISSUE_TOPIC = Topics.HOT_ISSUES;

export interface HotIssueChange {
  hotIssueId: number;
  type: 'DETECTED' | 'UPDATED';
  /** 簇合并: detected hot issues folded into this one by this change (they are gone; their subscribers get this event). */
  mergedFrom?: number[];
}

/**
 * What travels on the topic: ids and the facts subscribers are filtered by (region, category,
 * the departments of its members' assignments), never documents or personal data.
 */
export interface HotIssueMessage extends HotIssueChange {
  regionCode: string;
  categoryCode: string | null;
  departmentPaths: string[];
}

/** Publishes the changes inside the caller's transaction (delivered after commit, to every instance). */
export async function publishHotIssues(tx: EntityManager, bus: EventBus, changes: HotIssueChange[]): Promise<void> {
  if (!changes.length) return;
  const rows: Array<{ id: number; region_code: string; category_code: string | null; department_paths: string[] }> = await tx.execute(
    `select h.id, (select code from region where id = h.region_id) as region_code, (select code from category where id = h.category_id) as category_code,
            coalesce((select array_agg(distinct d.path) from hot_issue_member m join assignment a on a.work_order_id = m.work_order_id
                        join department d on d.id = a.department_id where m.hot_issue_id = h.id and a.status <> 'CANCELLED'), '{}') as department_paths
       from hot_issue h where h.id = any(?::int[])`,
    [pgArray(changes.map((c) => c.hotIssueId))],
  );
  const facts = new Map(rows.map((r) => [r.id, r]));
  const messages: HotIssueMessage[] = changes.map((c) => {
    const f = facts.get(c.hotIssueId)!;
    return { ...c, regionCode: f.region_code, categoryCode: f.category_code, departmentPaths: f.department_paths };
  });
  await bus.publishManyInTransaction(tx, HOT_ISSUE_TOPIC, messages);
}
