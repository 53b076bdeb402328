import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import { Channel, OutboxMessage, type WorkOrder } from '../entities';
import type { WriteBackTargets } from './connector-catalog';

/**
 * What the hub tells an origin (统一回复), as domain facts stored in the outbox; each connector maps a
 * fact to its own protocol (its definition's `writeBack`) and declares which facts besides RESULT it takes:
 * - RESULT: replied — the approved reply (or the termination's reasons once the order was accepted);
 * - ACCEPT: accepted — the lead unit signed for the order;
 * - REJECT: terminated before acceptance;
 * - EXTENSION: extended — the centre approved a longer time limit (`extensionDays`).
 */
export type WriteBackKind = 'RESULT' | 'ACCEPT' | 'REJECT' | 'EXTENSION';

/** Channel-neutral content; each connector's write-back shapes it. No personal data. */
export interface WriteBackPayload {
  text: string;
  /** 承办单位 */
  orgName: string;
  /** 承办人 */
  handlerName: string;
  handledAt: string;
  contacted?: boolean;
  /** EXTENSION: the days the extension adds (at least 1; a channel with a cap applies it when sending). */
  extensionDays?: number;
}

/**
 * Queues a write-back to every origin of the order that takes this kind (`targets`: the channels
 * whose connector declares it, in the statuses it allows; null, for RESULT: every interconnected or
 * forwarding origin), in the caller's transaction (the outbox worker delivers it). `occasion` makes
 * the idempotency key unique per event (the reply id, the extension request id …) and the same on any retry.
 */
export async function queueWriteBack(
  tx: EntityManager,
  order: WorkOrder,
  kind: WriteBackKind,
  occasion: number,
  payload: WriteBackPayload,
  targets: WriteBackTargets,
): Promise<number> {
  const only = targets === null ? '' : ` and (${targets.map(() => '(c.code = ? and s.channel_status = any(?::text[]))').join(' or ') || 'false'})`;
  const origins: Array<{ channel_id: number; external_id: string; code: string }> = await tx.execute(
    `select s.channel_id, s.external_id, c.code from work_order_source s join channel c on c.id = s.channel_id
      where s.work_order_id = ? and c.mode in ('INTERCONNECT', 'FORWARD')${only}`,
    [order.id, ...(targets ?? []).flatMap((t) => [t.channelCode, pgArray(t.statuses)])],
  );
  for (const origin of origins) {
    tx.create(OutboxMessage, {
      workOrder: order,
      channel: tx.getReference(Channel, origin.channel_id),
      externalId: origin.external_id,
      kind,
      // ≤ 40 characters of [A-Za-z0-9-]: valid as 12315 Idempotency-Key, 12333 feedback_no, board clientReplyId and 信访 FKBH.
      idempotencyKey: `wb-${origin.code}-${kind.slice(0, 3)}-${occasion}-${order.id}`.replace(/[^A-Za-z0-9-]/g, '-'),
      payload: { ...payload },
    });
  }
  return origins.length;
}

/**
 * queueWriteBack() as one part of a bigger statement (a data-modifying CTE body): the same rows, for
 * the order row of the CTE named `order` (none when that CTE has no row), with the same idempotency keys.
 */
export function writeBackInsertFrom(
  order: string,
  kind: WriteBackKind,
  occasion: number,
  payload: WriteBackPayload,
  targets: WriteBackTargets,
): { sql: string; params: unknown[] } {
  const only = targets === null ? '' : ` and (${targets.map(() => '(c.code = ? and s.channel_status = any(?::text[]))').join(' or ') || 'false'})`;
  return {
    sql: `insert into outbox_message (work_order_id, channel_id, external_id, kind, idempotency_key, payload)
      select ${order}.id, s.channel_id, s.external_id, ?, regexp_replace('wb-' || c.code || '-' || ? || '-' || ? || '-' || ${order}.id, '[^A-Za-z0-9-]', '-', 'g'), ?::jsonb
        from ${order} join work_order_source s on s.work_order_id = ${order}.id join channel c on c.id = s.channel_id
       where c.mode in ('INTERCONNECT', 'FORWARD')${only}`,
    params: [kind, kind.slice(0, 3), String(occasion), JSON.stringify(payload), ...(targets ?? []).flatMap((t) => [t.channelCode, pgArray(t.statuses)])],
  };
}

/** Has this kind already been queued for the order (e.g. 信访 accepted before)? */
export async function writeBackQueued(tx: EntityManager, orderId: number, kind: WriteBackKind): Promise<boolean> {
  const [row] = await tx.execute(`select 1 from outbox_message where work_order_id = ? and kind = ? limit 1`, [orderId, kind]);
  return !!row;
}
