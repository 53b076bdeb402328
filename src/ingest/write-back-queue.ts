import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import { Channel, OutboxMessage, type WorkOrder } from '../entities';

/**
 * What the hub sends back to an origin (统一回复), as stored in the outbox:
 * - RESULT: the approved reply (12315 result, 12333 feedback, board final reply, 信访 FKLX 04 办理结果);
 * - ACCEPT / REJECT / EXTENSION: 信访 only (petition.md §6): FKLX 01 受理告知 when the lead unit signs
 *   for the letter, 02 不予受理告知 when it is terminated before acceptance, 03 延期申请 when the
 *   centre approves an extension.
 */
export type WriteBackKind = 'RESULT' | 'ACCEPT' | 'REJECT' | 'EXTENSION';

/** Channel-neutral content; each channel's client shapes it (write-back.ts). No personal data. */
export interface WriteBackPayload {
  text: string;
  /** 承办单位 */
  orgName: string;
  /** 承办人 */
  handlerName: string;
  handledAt: string;
  contacted?: boolean;
  /** EXTENSION: days asked for (1–30). */
  extensionDays?: number;
}

/** 信访 kinds and the letter statuses (ZT) that allow them (petition.md §6: 01/02 in 10, 03 in 20). */
const PETITION_ONLY: Readonly<Partial<Record<WriteBackKind, readonly string[]>>> = { ACCEPT: ['10'], REJECT: ['10'], EXTENSION: ['20'] };

/**
 * Queues a write-back to every origin of the order that takes this kind, in the caller's
 * transaction (the outbox worker delivers it). `occasion` makes the idempotency key unique per
 * event (the reply id, the extension request id …) and the same on any retry.
 */
export async function queueWriteBack(tx: EntityManager, order: WorkOrder, kind: WriteBackKind, occasion: number, payload: WriteBackPayload): Promise<number> {
  const origins: Array<{ channel_id: number; external_id: string; code: string }> = await tx.execute(
    `select s.channel_id, s.external_id, c.code from work_order_source s join channel c on c.id = s.channel_id
      where s.work_order_id = ? and c.mode in ('INTERCONNECT', 'FORWARD') and (?::text[] is null or (c.code = 'xf' and s.channel_status = any(?::text[])))`,
    [order.id, ...Array(2).fill(PETITION_ONLY[kind] ? pgArray(PETITION_ONLY[kind]!) : null)],
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

/** Has this kind already been queued for the order (e.g. 信访 accepted before)? */
export async function writeBackQueued(tx: EntityManager, orderId: number, kind: WriteBackKind): Promise<boolean> {
  const [row] = await tx.execute(`select 1 from outbox_message where work_order_id = ? and kind = ? limit 1`, [orderId, kind]);
  return !!row;
}
