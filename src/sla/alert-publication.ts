import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import type { EventBus } from '../events/event-bus';
import { Topics, type AlertMessage } from '../events/topics';
import { loadVisibilityFacts } from '../work-orders/visibility';

/** Publishes stored alerts on slaAlerts inside the caller's transaction (delivered after commit). */
export async function publishAlerts(em: EntityManager, bus: EventBus, alertIds: number[]): Promise<void> {
  if (!alertIds.length) return;
  const rows: Array<{ id: number; work_order_id: number; type: string }> = await em.execute(
    'select id, work_order_id, type from alert where id = any(?::int[])',
    [pgArray(alertIds)],
  );
  const facts = await loadVisibilityFacts(em, [...new Set(rows.map((r) => r.work_order_id))]);
  for (const row of rows) {
    const f = facts.get(row.work_order_id);
    const message: AlertMessage = {
      alertId: row.id,
      workOrderId: row.work_order_id,
      type: row.type,
      departmentPaths: f?.departmentPaths ?? [],
      channelIds: f?.channelIds ?? [],
      restrictedIdentity: f?.restrictedIdentity ?? false,
    };
    await bus.publishInTransaction(em, Topics.SLA_ALERTS, message);
  }
}
