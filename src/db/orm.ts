import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrmConfig, type OrmOptions } from '../../mikro-orm.config';
import { maintenanceTransaction } from './timeouts';

export type Orm = MikroORM;

/** `options.readUrls`: read replicas, used only through db/read-routing.ts (`readEm`). */
export async function openOrm(url: string, options: OrmOptions = {}): Promise<Orm> {
  return MikroORM.init(createOrmConfig(url, options));
}

/**
 * Applies every pending migration, all in one transaction without the sessions' statement and lock
 * timeouts (a migration may rebuild a large table or wait for a lock); returns the names applied.
 */
export async function migrate(orm: Orm): Promise<string[]> {
  if (!(await pendingMigrations(orm)).length) return [];
  const applied = await maintenanceTransaction(orm.em.fork() as EntityManager, (tx) => orm.getMigrator().up({ transaction: tx.getTransactionContext() }));
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: Orm): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
