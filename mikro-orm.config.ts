import { defineConfig, ReflectMetadataProvider } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './src/entities';
import { MIGRATIONS } from './migrations';
import { sqlLogger } from './src/db/sql-logger';

/**
 * MikroORM configuration, shared by the hub, the CLI and the tests. Schema changes go through
 * migrations in migrations/ (listed in migrations/index.ts), never schema sync.
 */
export function createOrmConfig(clientUrl: string, options: { poolMax?: number } = {}) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      migrationsList: MIGRATIONS,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    // No JIT compilation: the hub's statements are short, and PostgreSQL's cost estimates sent some
    // (the 区长热线日 hard-case query, the monthly report) into a ~1 s compile for a 10 ms query.
    driverOptions: { connection: { options: '-c jit=off' } },
    // Every statement is counted per request (db/sql-logger.ts) and logged at debug level.
    debug: ['query'],
    loggerFactory: sqlLogger,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    serialization: { forceObject: true },
  });
}

export default createOrmConfig(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/minyi');
