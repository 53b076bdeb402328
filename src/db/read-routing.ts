import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from './orm';

/**
 * Where a read may go. The hub's statements run on the primary (DATABASE_URL) unless a service asks
 * for a replica here, explicitly, for reads that tolerate replication lag (seconds at most on a
 * healthy streaming replica): statistics, trend, rankings, the monthly report and its download,
 * hard cases. Mutations, anything a caller reads back right after writing (read-your-writes: the
 * operator's inbox, a work order after its mutation, node lookups), locks, LISTEN and background jobs
 * stay on the primary.
 *
 * `readEm(source)` gives a fresh EntityManager whose statements — raw `execute`, `find`/`count`,
 * query builders, and the same on its forks — go to a read replica (DATABASE_READ_URL; one picked at
 * random per statement when there are several, MikroORM's `replicas`). Without replicas it is a plain
 * fork on the primary, so callers need no second code path. Inside `transactional()` statements run
 * on the primary: MikroORM opens transactions on its write connection, and a read-only report needs
 * none.
 */
export type ReadSource = Orm | { orm: Orm } | { services: { orm: Orm } };

const ROUTED = Symbol('minyi.readRouted');

function ormOf(source: ReadSource): Orm {
  if ('services' in source) return source.services.orm;
  if ('orm' in source) return source.orm;
  return source;
}

/** Whether read replicas are configured (DATABASE_READ_URL). */
export function hasReadReplicas(source: ReadSource): boolean {
  return (ormOf(source).config.get('replicas') ?? []).length > 0;
}

/** A new EntityManager for lag-tolerant reads: on a replica when one is configured, else on the primary. */
export function readEm(source: ReadSource): EntityManager {
  const orm = ormOf(source);
  const em = orm.em.fork() as EntityManager;
  return hasReadReplicas(orm) ? routeReads(em) : em;
}

/** Whether `em` came from readEm() with replicas configured (its reads go to a replica). */
export function isReadRouted(em: EntityManager): boolean {
  return (em as unknown as Record<symbol, unknown>)[ROUTED] === true;
}

type Execute = EntityManager['execute'];
type FindLike = 'find' | 'findOne' | 'findOneOrFail' | 'findAndCount' | 'count';
const FIND_LIKE: FindLike[] = ['find', 'findOne', 'findOneOrFail', 'findAndCount', 'count'];

function routeReads(em: EntityManager): EntityManager {
  const target = em as unknown as Record<string | symbol, unknown>;
  if (target[ROUTED]) return em;
  target[ROUTED] = true;
  const driver = em.getDriver() as unknown as { convertException(error: Error): Error };

  const execute: Execute = em.execute.bind(em);
  target.execute = (async (query: string, params: unknown[] = [], method: 'all' | 'get' | 'run' = 'all', loggerContext?: Record<string, unknown>) => {
    if (em.isInTransaction()) return execute(query as never, params as never, method as never, loggerContext as never);
    try {
      return await em.getConnection('read').execute(query, params, method, undefined, loggerContext as never);
    } catch (error) {
      throw error instanceof Error ? driver.convertException(error) : error;
    }
  }) as Execute;

  // find()/count() and friends: MikroORM's own replica choice, asked for per call.
  for (const name of FIND_LIKE) {
    const original = (em[name] as (...args: unknown[]) => unknown).bind(em);
    const at = 2; // (entityName, where, options)
    target[name] = (...args: unknown[]) => {
      if (em.isInTransaction()) return original(...args);
      const options = (args[at] as Record<string, unknown> | undefined) ?? {};
      const next = [...args];
      next[at] = { connectionType: 'read', ...options };
      return original(...next);
    };
  }

  const createQueryBuilder = em.createQueryBuilder.bind(em);
  const qb = (entityName: unknown, alias?: string, type?: 'read' | 'write', loggerContext?: unknown) =>
    createQueryBuilder(entityName as never, alias as never, (type ?? (em.isInTransaction() ? undefined : 'read')) as never, loggerContext as never);
  target.createQueryBuilder = qb;
  target.qb = qb;

  // A fork of a read EntityManager reads from a replica too (the monthly report forks per section).
  const fork = em.fork.bind(em);
  target.fork = (...args: Parameters<EntityManager['fork']>) => routeReads(fork(...args) as EntityManager);
  return em;
}
