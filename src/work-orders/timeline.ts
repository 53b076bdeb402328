import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../auth/roles';
import type { Viewer } from '../auth/viewer';
import { Department, StaffUser, WorkOrder, WorkOrderEvent } from '../entities';
import type { EventBus } from '../events/event-bus';
import { Topics, type WorkOrderEventMessage } from '../events/topics';
import type { WorkOrderStatus } from './enums';
import type { OrderVisibilityFacts } from '../auth/policy';
import { loadVisibilityFacts } from './visibility';
import { WorkOrderEventType } from './enums';

/** Who did it, as recorded on the timeline. */
export interface Actor {
  role: Role | null;
  label: string;
  tokenId?: number;
  departmentId?: number;
  /** The person (a session's user, issue 12) and their display name. */
  userId?: number;
  name?: string;
}

export function actorOf(viewer: Viewer): Actor {
  return {
    role: viewer.role,
    label: viewer.label,
    tokenId: viewer.tokenId || undefined, // tokenId 0: the system itself
    departmentId: viewer.departmentId,
    userId: viewer.userId,
    name: viewer.displayName,
  };
}

export const SYSTEM_ACTOR: Actor = { role: null, label: 'system' };

/**
 * The actor as the values of work_order_event's columns actor_role, actor_label, actor_token_id,
 * actor_user_id, actor_name, actor_department_id, in that order (the statements that write events
 * in SQL: intake's bulk insert, the lifecycle's one-statement actions).
 */
export function actorColumns(actor: Actor): [Role | null, string, number | null, number | null, string | null, number | null] {
  return [actor.role, actor.label, actor.tokenId ?? null, actor.userId ?? null, actor.name ?? null, actor.departmentId ?? null];
}

export interface EventDetails {
  from?: WorkOrderStatus | null;
  to?: WorkOrderStatus | null;
  reason?: string | null;
  /** Never personal data: the payload is shown to every viewer of the order and published. */
  payload?: Record<string, unknown>;
  at?: Date;
}

export function addEvent(em: EntityManager, order: WorkOrder, type: WorkOrderEventType, actor: Actor, details: EventDetails = {}): WorkOrderEvent {
  return em.create(WorkOrderEvent, {
    workOrder: order,
    type,
    occurredAt: details.at ?? new Date(),
    actorRole: actor.role,
    actorLabel: actor.label,
    actorTokenId: actor.tokenId ?? null,
    actorUser: actor.userId ? em.getReference(StaffUser, actor.userId) : null,
    actorName: actor.name ?? null,
    actorDepartment: actor.departmentId ? em.getReference(Department, actor.departmentId) : undefined,
    fromStatus: details.from ?? null,
    toStatus: details.to ?? null,
    reason: details.reason ?? null,
    payload: details.payload ?? {},
  });
}

/**
 * Publishes flushed events on the bus, inside the caller's transaction (delivered after commit).
 * Each message carries the visibility facts subscribers are filtered by.
 */
export async function publishEvents(em: EntityManager, bus: EventBus, events: WorkOrderEvent[]): Promise<void> {
  if (!events.length) return;
  await publishEventRows(
    em,
    bus,
    events.map((e) => ({ id: e.id, workOrderId: e.workOrder.id, type: e.type })),
  );
}

/** The same for events written by bulk inserts (ids, orders and types only): one NOTIFY statement. */
export async function publishEventRows(
  em: EntityManager,
  bus: EventBus,
  events: ReadonlyArray<{ id: number; workOrderId: number; type: string }>,
  /** Facts the caller already knows (new orders: no assignment yet, one channel). */
  known?: Map<number, OrderVisibilityFacts>,
): Promise<void> {
  if (!events.length) return;
  const facts = known ?? (await loadVisibilityFacts(em, [...new Set(events.map((e) => e.workOrderId))]));
  const messages = events.map((event): WorkOrderEventMessage => {
    const f = facts.get(event.workOrderId);
    return {
      eventId: event.id,
      workOrderId: event.workOrderId,
      type: event.type,
      departmentPaths: f?.departmentPaths ?? [],
      channelIds: f?.channelIds ?? [],
      restrictedIdentity: f?.restrictedIdentity ?? false,
    };
  });
  await bus.publishManyInTransaction(em, Topics.WORK_ORDER_EVENTS, messages);
}
