import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  Assignment,
  Callback,
  Category,
  Channel,
  Department,
  Region,
  Reply,
  WorkOrderEvent,
  WorkOrderSource,
} from '../entities';
import { pgArray } from '../db/sql';

type EntityClass<T> = new (...args: never[]) => T;

/** One statement for all ids asked for in the same tick. */
function byId<T extends { id: number }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = (await em.find(entity as never, { id: { $in: [...ids] } } as never)) as T[];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** One statement for the children of all parents asked for: rows grouped by a foreign key. */
function manyBy<T>(em: EntityManager, entity: EntityClass<T>, key: string, keyOf: (row: T) => number, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<number, T[]>(async (ids) => {
    const rows = (await em.find(entity as never, { [key]: { $in: [...ids] } } as never, { orderBy } as never)) as T[];
    const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/**
 * Fresh loaders per request (or per subscription event), on that request's forked
 * EntityManager: every list field is batched, so a nested list query costs one statement per
 * relation level, however many rows it returns.
 */
export function createLoaders(em: EntityManager) {
  return {
    department: byId(em, Department),
    channel: byId(em, Channel),
    category: byId(em, Category),
    region: byId(em, Region),
    assignmentsByOrder: manyBy(em, Assignment, 'workOrder', (a) => a.workOrder.id, { assignedAt: 'asc', id: 'asc' }),
    repliesByOrder: manyBy(em, Reply, 'workOrder', (r) => r.workOrder.id, { submittedAt: 'asc', id: 'asc' }),
    callbacksByOrder: manyBy(em, Callback, 'workOrder', (c) => c.workOrder.id, { calledAt: 'asc', id: 'asc' }),
    eventsByOrder: manyBy(em, WorkOrderEvent, 'workOrder', (e) => e.workOrder.id, { id: 'asc' }),
    sourcesByOrder: manyBy(em, WorkOrderSource, 'workOrder', (s) => s.workOrder.id, { firstSeenAt: 'asc', id: 'asc' }),
    departmentChildren: manyBy(em, Department, 'parent', (d) => d.parent!.id, { code: 'asc' }),
    categoryChildren: manyBy(em, Category, 'parent', (c) => c.parent!.id, { code: 'asc' }),
    regionChildren: manyBy(em, Region, 'parent', (r) => r.parent!.id, { code: 'asc' }),
    /** The newest reply of each order (最新答复), in one DISTINCT ON statement. */
    latestReplyByOrder: new DataLoader<number, Reply | null>(async (ids) => {
      const rows = await em.execute(
        `select distinct on (work_order_id) * from reply where work_order_id = any(?::int[])
          order by work_order_id, submitted_at desc, id desc`,
        [pgArray([...ids])],
      );
      const map = new Map(rows.map((row: Record<string, unknown>) => [Number(row.work_order_id), em.map(Reply, row)]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
