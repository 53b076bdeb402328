import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../events/event-bus';
import { publishAlerts } from '../sla/alert-publication';
import { WorkOrderStatus, WorkOrderEventType } from '../work-orders/enums';
import type { LifecycleService } from '../work-orders/lifecycle.service';
import { publishEventRows } from '../work-orders/timeline';
import type { OriginStatusRules } from './connector';
import { AlertType } from '../sla/vocabulary';

/**
 * Channels README "Origin status → hub action", applied when a channel record's status changes
 * (or an order is first seen in it). The table itself is data, one row per connector manifest
 * (`originStatus`); this module is the one place that reads it.
 *
 * - CANCEL ¹: the hub terminates its work order (reason "cancelled at origin"), also when first seen
 *   in that status, through the lifecycle (CANCEL_AT_ORIGIN); an order the table no longer allows it
 *   for (closed, terminated, merged) only gets a timeline note.
 * - REOPEN ²: terminal at the origin → non-terminal: operators are alerted; no state change.
 * - ECHO ³: the first version after a delivered write-back showing the status it sets: a note.
 * - INFO: stored and shown (the source's channel status), nothing else.
 */
export type OriginAction = 'CANCEL' | 'REOPEN' | 'ECHO' | 'INFO';

export function originAction(
  rules: OriginStatusRules | undefined,
  previous: string | null,
  current: string | null,
  deliveredKinds: ReadonlySet<string>,
): OriginAction {
  if (!rules || current == null || current === previous) return 'INFO';
  // Own properties only: a channel status such as "constructor" must not find Object.prototype's members.
  const echoes = Object.hasOwn(rules.echo, current) ? rules.echo[current] : undefined;
  if (echoes?.some((kind) => deliveredKinds.has(kind))) return 'ECHO';
  if (rules.cancel.includes(current)) return 'CANCEL';
  if (previous != null && rules.terminal.includes(previous) && !rules.terminal.includes(current)) return 'REOPEN';
  return 'INFO';
}

/** The write-back kinds delivered to this channel for this order (for ECHO). */
export async function deliveredKinds(tx: EntityManager, workOrderId: number, channelId: number): Promise<Set<string>> {
  const rows: Array<{ kind: string }> = await tx.execute(
    `select distinct kind from outbox_message where work_order_id = ? and channel_id = ? and status = 'DELIVERED'`,
    [workOrderId, channelId],
  );
  return new Set(rows.map((r) => r.kind));
}

/** Carries out a non-INFO action inside the ingesting transaction; events and alerts are published after commit. */
export async function applyOriginAction(
  tx: EntityManager,
  bus: EventBus,
  /** CANCEL is the lifecycle's CANCEL_AT_ORIGIN (transitions.ts): the one writer of an order's status. */
  lifecycle: Pick<LifecycleService, 'cancelAtOrigin'>,
  action: Exclude<OriginAction, 'INFO'>,
  order: { id: number; channelCode: string; channelStatus: string },
): Promise<void> {
  const actor = order.channelCode;
  const payload = JSON.stringify({ channel: order.channelCode, channelStatus: order.channelStatus });
  const event = async (type: WorkOrderEventType, from: string | null, to: string | null, reason: string) => {
    const [row] = await tx.execute(
      `insert into work_order_event (work_order_id, type, occurred_at, actor_label, from_status, to_status, reason, payload)
       values (?, ?, now(), ?, ?, ?, ?, ?) returning id`,
      [order.id, type, actor, from, to, reason, payload],
    );
    await publishEventRows(tx, bus, [{ id: row.id, workOrderId: order.id, type }]);
  };
  if (action === 'CANCEL') {
    const outcome = await lifecycle.cancelAtOrigin(tx, { orderId: order.id, channelCode: order.channelCode, channelStatus: order.channelStatus });
    if (!outcome.cancelled) {
      await event(
        WorkOrderEventType.NOTE,
        null,
        null,
        `原平台已撤销（渠道状态 ${order.channelStatus}），工单已${outcome.status === WorkOrderStatus.CLOSED ? '办结' : '结束'}，仅记录 cancelled at origin; the order had already ended`,
      );
    }
  } else if (action === 'ECHO') {
    await event(WorkOrderEventType.NOTE, null, null, `原平台已回显本中心的回传（渠道状态 ${order.channelStatus}）the origin shows the hub's write-back`);
  } else {
    await event(WorkOrderEventType.NOTE, null, null, `原平台重新打开（渠道状态 ${order.channelStatus}），请人工研判 reopened at the origin; operators alerted`);
    const alerts: Array<{ id: number }> = await tx.execute(
      `insert into alert (work_order_id, type, due_at, message) values (?, ?, now(), ?) on conflict do nothing returning id`,
      [order.id, AlertType.ORIGIN_REOPENED, `${order.channelCode} 原平台重新打开工单（状态 ${order.channelStatus}）reopened at the origin`],
    );
    await publishAlerts(
      tx,
      bus,
      alerts.map((a) => a.id),
    );
  }
}
