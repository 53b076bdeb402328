import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  Assignment,
  Callback,
  Category,
  Channel,
  Department,
  ExtensionRequest,
  OutboxMessage,
  Region,
  Reply,
  Supervision,
  TerminationRequest,
  WorkOrderEvent,
  WorkOrderSource,
  ChannelEvaluation,
} from '../entities';
import { readMapper } from '../db/read-model';
import { prepared } from '../db/prepared';
import { pgArray } from '../db/sql';
import type { ReferenceCache, ReferenceSnapshot } from '../reference/reference-cache';

type EntityClass<T> = { new (...args: never[]): T; name: string };

/** One statement for all ids asked for in the same tick. */
function byId<T extends { id: number }>(em: EntityManager, entity: EntityClass<T>) {
  const mapper = readMapper(em, entity);
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await em.execute(prepared(`select * from "${mapper.table}" where id = any(?::int[])`), [pgArray([...ids])]);
    const map = new Map(rows.map((row) => [Number(row.id), mapper.map(row)]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** One statement for the children of all parents asked for: rows grouped by a foreign-key column. */
function manyBy<T>(em: EntityManager, entity: EntityClass<T>, column: string, orderBy: string) {
  const mapper = readMapper(em, entity);
  return new DataLoader<number, T[]>(async (ids) => {
    const rows = await em.execute(prepared(`select * from "${mapper.table}" where "${column}" = any(?::int[]) order by ${orderBy}`), [pgArray([...ids])]);
    const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(Number(row[column]))?.push(mapper.map(row));
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** A reference relation: the row at once when the instance's snapshot holds it, else a promise of it. */
export interface ReferenceLoader<T> {
  load(id: number): T | null | Promise<T | null>;
  loadMany(ids: readonly number[]): Promise<Array<T | null | Error>>;
}

/**
 * Reference rows come from the instance's snapshot; an id it lacks (added since) is read from the
 * database. While the snapshot is loaded and current, `load` answers synchronously — no DataLoader
 * batch, no promise: a 50-row list asks for ~150 reference rows (channel, department, category).
 */
function referenceById<T extends { id: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  cache: ReferenceCache,
  pick: (s: ReferenceSnapshot) => Map<number, T>,
): ReferenceLoader<T> {
  const fallback = byId(em, entity);
  const batched = new DataLoader<number, T | null>(async (ids) => {
    const snapshot = pick(await cache.get());
    return Promise.all(ids.map((id) => snapshot.get(id) ?? fallback.load(id)));
  });
  return {
    load(id) {
      const current = cache.current();
      return (current && pick(current).get(id)) ?? batched.load(id);
    },
    loadMany: (ids) => batched.loadMany(ids),
  };
}

function referenceChildren<T>(cache: ReferenceCache, pick: (s: ReferenceSnapshot) => Map<number, T[]>) {
  return new DataLoader<number, T[]>(async (ids) => {
    const children = pick(await cache.get());
    return ids.map((id) => children.get(id) ?? []);
  });
}

/**
 * Fresh loaders per request (or per subscription event), on that request's forked
 * EntityManager: every list field is batched, so a nested list query costs at most one statement
 * per relation level, however many rows it returns; reference relations (department, channel,
 * category, region) cost none while the instance's reference snapshot is current. They return
 * read models (db/read-model.ts).
 */
export function createLoaders(em: EntityManager, cache: ReferenceCache) {
  const replies = readMapper(em, Reply);
  const rowLoaders = new Map<EntityClass<unknown>, DataLoader<number, unknown>>();
  return {
    /** Rows of any entity by id (node, nodes): one statement per entity for all the ids asked for in a tick. No row scope: callers check it. */
    rowById<T extends { id: number }>(entity: EntityClass<T>): DataLoader<number, T | null> {
      let loader = rowLoaders.get(entity);
      if (!loader) rowLoaders.set(entity, (loader = byId(em, entity) as DataLoader<number, unknown>));
      return loader as DataLoader<number, T | null>;
    },
    department: referenceById(em, Department, cache, (s) => s.departments),
    channel: referenceById(em, Channel, cache, (s) => s.channels),
    category: referenceById(em, Category, cache, (s) => s.categories),
    region: referenceById(em, Region, cache, (s) => s.regions),
    assignmentsByOrder: manyBy(em, Assignment, 'work_order_id', 'assigned_at, id'),
    repliesByOrder: manyBy(em, Reply, 'work_order_id', 'submitted_at, id'),
    callbacksByOrder: manyBy(em, Callback, 'work_order_id', 'called_at, id'),
    eventsByOrder: manyBy(em, WorkOrderEvent, 'work_order_id', 'id'),
    sourcesByOrder: manyBy(em, WorkOrderSource, 'work_order_id', 'first_seen_at, id'),
    extensionsByOrder: manyBy(em, ExtensionRequest, 'work_order_id', 'requested_at, id'),
    terminationsByOrder: manyBy(em, TerminationRequest, 'work_order_id', 'requested_at, id'),
    supervisionsByOrder: manyBy(em, Supervision, 'work_order_id', 'created_at, id'),
    writeBacksByOrder: manyBy(em, OutboxMessage, 'work_order_id', 'id'),
    channelEvaluationsByOrder: manyBy(em, ChannelEvaluation, 'work_order_id', 'round, id'),
    departmentChildren: referenceChildren(cache, (s) => s.children.departments),
    categoryChildren: referenceChildren(cache, (s) => s.children.categories),
    regionChildren: referenceChildren(cache, (s) => s.children.regions),
    /** The newest reply of each order (最新答复), in one DISTINCT ON statement. */
    latestReplyByOrder: new DataLoader<number, Reply | null>(async (ids) => {
      const rows = await em.execute(
        prepared(`select distinct on (work_order_id) * from reply where work_order_id = any(?::int[])
          order by work_order_id, submitted_at desc, id desc`),
        [pgArray([...ids])],
      );
      const map = new Map(rows.map((row) => [Number(row.work_order_id), replies.map(row)]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
