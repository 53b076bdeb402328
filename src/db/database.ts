import { join } from 'node:path';
import type { HubConfig } from '../config/config';
import { connectToRunningEmbedded, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { migrate, openOrm, type Orm } from './orm';

export interface Database {
  orm: Orm;
  url: string;
  /**
   * For a session of its own (LISTEN, session advisory locks): DATABASE_SESSION_URL, else `url`.
   * Absent on a Database made by hand (tests): use `url`.
   */
  sessionUrl?: string;
  embedded: boolean;
  /**
   * Embedded only: the cluster was already running under another process (the hub) and this
   * connection only borrows it; close() leaves it running.
   */
  sharedServer?: boolean;
  migrationsApplied: string[];
  /** Embedded only: `listener` is called if the embedded PostgreSQL exits without close(). */
  onUnexpectedExit?(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  close(): Promise<void>;
}

/**
 * Opens the hub's database: DATABASE_URL when set, else the embedded PostgreSQL in
 * `<dataDir>/postgres`. Applies pending migrations when asked.
 */
export async function openDatabase(
  config: Pick<HubConfig, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<HubConfig, 'dbTimeouts' | 'databaseReadUrls' | 'databaseSessionUrl' | 'databasePreparedStatements'>>,
  options: {
    migrate?: boolean;
    poolMax?: number;
    onLog?: (line: string) => void;
    /**
     * Command-line tools: when the embedded cluster already runs (the hub is up), connect to it
     * instead of starting a second postmaster (which PostgreSQL refuses), and leave it running.
     */
    reuseRunning?: boolean;
  } = {},
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  let sharedServer = false;
  if (!url) {
    const clusterDir = join(config.dataDir, 'postgres');
    const running = options.reuseRunning ? await connectToRunningEmbedded(clusterDir) : null;
    if (running) {
      url = running.url;
      sharedServer = true;
    } else {
      embedded = await startEmbeddedPostgres(clusterDir, { onLog: options.onLog });
      url = embedded.url;
    }
  }
  let orm: Orm;
  try {
    // Read replicas only with an external primary (the embedded PostgreSQL has none).
    orm = await openOrm(url, {
      poolMax: options.poolMax,
      timeouts: config.dbTimeouts,
      readUrls: config.databaseUrl ? config.databaseReadUrls : [],
      preparedStatements: config.databasePreparedStatements,
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  try {
    await assertUtf8(orm);
  } catch (error) {
    await orm.close(true);
    await embedded?.stop();
    throw error;
  }
  const migrationsApplied = options.migrate ? await migrate(orm) : [];
  return {
    orm,
    url,
    sessionUrl: (config.databaseUrl && config.databaseSessionUrl) || url,
    embedded: !!embedded || sharedServer,
    sharedServer,
    migrationsApplied,
    onUnexpectedExit: embedded ? (listener) => embedded.onUnexpectedExit(listener) : undefined,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/**
 * Complaint text is Chinese: a database in another encoding (SQL_ASCII stores bytes, not
 * characters) would break search, lengths and truncation silently. Refuse it plainly.
 */
async function assertUtf8(orm: Orm): Promise<void> {
  const [row] = await orm.em.fork().execute(`select pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()`);
  if (row?.encoding !== 'UTF8') {
    throw new Error(
      `the database's encoding is ${row?.encoding ?? 'unknown'}, not UTF8: create it with \`create database … encoding 'UTF8' template template0\` ` +
        `(数据库编码须为 UTF8). An embedded data directory made by an older version can be removed (MINYI_DATA_DIR/postgres) to start afresh.`,
    );
  }
}
