import type { HubConfig } from '../config/config';
import { ConfigError } from '../config/config';
import { HubError } from '../common/errors';
import { openDatabase, type Database } from '../db/database';

/**
 * The database for a command-line tool (`npm run minyi -- …`, `npm run seed`, migration:create):
 * DATABASE_URL, or the embedded cluster in MINYI_DATA_DIR/postgres — the running one when the hub is
 * up (a second postmaster on the same directory is refused), which the tool then leaves running;
 * else one started for the tool and stopped when it ends. Pending migrations are applied unless
 * `migrate: false`.
 */
export function openCliDatabase(
  config: Pick<HubConfig, 'databaseUrl' | 'dataDir'> & Partial<Pick<HubConfig, 'dbTimeouts'>>,
  options: { migrate?: boolean; poolMax?: number } = {},
): Promise<Database> {
  // Every connection of this tool carries its name (pg reads PGAPPNAME): visible in pg_stat_activity,
  // and how restore and key rotation tell the tool's own sessions from a running hub's.
  process.env.PGAPPNAME = `minyi-cli:${process.pid}`;
  return openDatabase(config, { migrate: options.migrate ?? true, poolMax: options.poolMax, reuseRunning: true });
}

/** A tool's own refusal: its message (Chinese | English, with what to do) is printed as is, exit code `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Runs a tool's main(): known errors print their message only (no stack), anything else in full; exit code 1 (or the CliError's). */
export function runCli(main: () => Promise<void>): void {
  main().catch((error) => {
    if (error instanceof CliError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    if (error instanceof ConfigError || error instanceof HubError) console.error(error.message);
    // The stack only when asked for (LOG_LEVEL=debug|trace): the message says what went wrong and what to do.
    else if (error instanceof Error && !/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) console.error(error.message);
    else console.error(error);
    process.exit(1);
  });
}
