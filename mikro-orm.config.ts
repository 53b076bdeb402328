import { defineConfig, ReflectMetadataProvider } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './src/entities';
import { MIGRATIONS } from './migrations';
import { sqlLogger } from './src/db/sql-logger';
import { BoundPostgreSqlDriver } from './src/db/bound-driver';
import { clientDeadlineMs, connectionDeadlineHook, DEFAULT_DB_TIMEOUTS, type DbTimeouts } from './src/db/timeouts';

export interface OrmOptions {
  poolMax?: number;
  timeouts?: Partial<DbTimeouts>;
  /**
   * Read replicas (DATABASE_READ_URL). Nothing goes there on its own (`preferReadReplicas: false`):
   * a service asks for a replica explicitly through db/read-routing.ts (`readEm`). Each replica gets
   * the primary's pool size, deadlines and session options.
   */
  readUrls?: readonly string[];
  /** Named statements for the texts db/prepared.ts registers (DATABASE_PREPARED_STATEMENTS; default on). */
  preparedStatements?: boolean;
}

/**
 * MikroORM configuration, shared by the hub, the CLI and the tests. Schema changes go through
 * migrations in migrations/ (listed in migrations/index.ts), never schema sync.
 */
export function createOrmConfig(clientUrl: string, options: OrmOptions = {}) {
  // Deadlines (db/timeouts.ts): a hung database answers UNAVAILABLE instead of holding requests forever.
  const timeouts: DbTimeouts = { ...DEFAULT_DB_TIMEOUTS, ...options.timeouts };
  return defineConfig({
    // Values travel as bound parameters, never inside the SQL text (db/bound-driver.ts).
    driver: BoundPostgreSqlDriver,
    clientUrl,
    replicas: (options.readUrls ?? []).map((url, i) => ({ name: `read-${i + 1}`, clientUrl: url })),
    preferReadReplicas: false,
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
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      acquireTimeoutMillis: timeouts.acquireMs,
      afterCreate: connectionDeadlineHook(clientDeadlineMs(timeouts.statementMs)),
    },
    // No JIT compilation: the hub's statements are short, and PostgreSQL's cost estimates sent some
    // (the 区长热线日 hard-case query, the monthly report) into a ~1 s compile for a 10 ms query.
    // statement_timeout / lock_timeout per session (maintenance lifts them: db/timeouts.ts).
    driverOptions: {
      acquireConnectionTimeout: timeouts.acquireMs,
      // Read by db/bound-driver.ts (knex ignores it).
      minyiPreparedStatements: options.preparedStatements ?? true,
      connection: {
        options: `-c jit=off -c statement_timeout=${timeouts.statementMs} -c lock_timeout=${timeouts.lockMs}`,
        connectionTimeoutMillis: timeouts.connectMs,
        keepAlive: true,
      },
    },
    // Every statement is counted per request (db/sql-logger.ts) and logged at debug level.
    debug: ['query'],
    loggerFactory: sqlLogger,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    serialization: { forceObject: true },
  });
}

export default createOrmConfig(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/minyi');
