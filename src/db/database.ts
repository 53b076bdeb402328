import { join } from 'node:path';
import type { HubConfig } from '../config/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { migrate, openOrm, type Orm } from './orm';

export interface Database {
  orm: Orm;
  url: string;
  embedded: boolean;
  migrationsApplied: string[];
  close(): Promise<void>;
}

/**
 * Opens the hub's database: DATABASE_URL when set, else the embedded PostgreSQL in
 * `<dataDir>/postgres`. Applies pending migrations when asked.
 */
export async function openDatabase(
  config: Pick<HubConfig, 'databaseUrl' | 'dataDir'>,
  options: { migrate?: boolean; poolMax?: number; onLog?: (line: string) => void } = {},
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), { onLog: options.onLog });
    url = embedded.url;
  }
  let orm: Orm;
  try {
    orm = await openOrm(url, { poolMax: options.poolMax });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const migrationsApplied = options.migrate ? await migrate(orm) : [];
  return {
    orm,
    url,
    embedded: !!embedded,
    migrationsApplied,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
