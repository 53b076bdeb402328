import { loadConfig } from '../config/config';
import { logOnlyBus } from './log-only-bus';
import { openCliDatabase } from './open-database';
import { runTokenCli, TOKEN_USAGE } from './token';
import { runUserCli, USER_USAGE } from './user';

export const ACCOUNTS_USAGE = `${TOKEN_USAGE}\n${USER_USAGE}`;

const COMMANDS: Record<string, readonly string[]> = { token: ['create', 'list', 'revoke'], user: ['create', 'list', 'disable', 'reset-password'] };

/**
 * The `token` and `user` command groups (issue 12). False when the command is not one of them
 * (the caller prints the usage); the database is opened only for a known command.
 */
export async function runAccountsCli(group: string, rest: string[], options: Record<string, string | true>): Promise<boolean> {
  if (!COMMANDS[group]?.includes(rest[0])) return false;
  const config = loadConfig();
  const db = await openCliDatabase(config);
  try {
    const bus = logOnlyBus();
    return group === 'token' ? await runTokenCli(db, bus, rest, options) : await runUserCli(db, bus, config.accounts, rest, options);
  } finally {
    await db.close();
  }
}
