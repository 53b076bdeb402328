import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountsService } from '../auth/accounts/accounts.service';
import type { AccountsConfig } from '../auth/accounts/config';
import { Role } from '../auth/roles';
import { badInput } from '../common/errors';
import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import { readSecretFromStdin } from './secret-input';
import { formatTable } from './token';

export const USER_USAGE = `  user create --username NAME --role ROLE [--department CODE] [--name DISPLAY_NAME] --password-stdin
      Creates a staff account. The password (at least 12 characters) is read from standard input,
      never from the command line: printf '%s\\n' "$PW" | npm run minyi -- user create … --password-stdin
      (a terminal prompts without echo). --sso-only instead: an account that signs in only through
      single sign-on. Roles: ${Object.values(Role)
        .filter((r) => r !== Role.CHANNEL)
        .join(', ')}.
  user list [--json]
      Accounts: username, name, role, department, password / SSO, disabled, locked, last sign-in.
  user disable NAME
      Disables the account and ends its sessions (open WebSockets close on every running hub).
  user reset-password NAME --password-stdin
      Sets a new password (from standard input), lifts a lockout, ends the person's sessions.`;

const stamp = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '-');

function refusePasswordInArgv(options: Record<string, string | true>): void {
  if ('password' in options) {
    throw badInput(
      '密码不能写在命令行中，请用 --password-stdin 从标准输入提供',
      'Passwords are never taken from the command line (shell history, process list): use --password-stdin',
      'password',
    );
  }
}

async function passwordFromStdin(options: Record<string, string | true>, readSecret: () => Promise<string>): Promise<string> {
  if (options['password-stdin'] !== true) {
    throw badInput('请用 --password-stdin 从标准输入提供密码', 'Give the password on standard input with --password-stdin', 'password');
  }
  const password = await readSecret();
  if (!password) throw badInput('密码为空', 'The password read from standard input is empty', 'password');
  return password;
}

/** `user create|list|disable|reset-password`; false when the arguments are not a user command. */
export async function runUserCli(
  db: Database,
  bus: EventBus,
  config: AccountsConfig,
  positional: string[],
  options: Record<string, string | true>,
  readSecret: () => Promise<string> = () => readSecretFromStdin('Password 密码: '),
): Promise<boolean> {
  const [command, name] = positional;
  const em = () => db.orm.em.fork() as EntityManager;
  const accounts = new AccountsService(bus, config);
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  refusePasswordInArgv(options);
  if (command === 'create' && text('username') && text('role')) {
    const password = options['sso-only'] === true ? undefined : await passwordFromStdin(options, readSecret);
    const user = await accounts.createUser(em(), {
      username: text('username')!,
      displayName: text('name'),
      role: text('role') as Role,
      departmentCode: text('department'),
      password,
    });
    console.log(`created user ${user.username} (${user.role}${user.department ? `, ${user.department.code}` : ''})`);
    return true;
  }
  if (command === 'list' && !name) {
    const now = new Date();
    const users = await accounts.listUsers(em());
    if (options.json === true) {
      console.log(
        JSON.stringify(
          users.map((u) => ({
            id: u.id,
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            department: u.department?.code ?? null,
            hasPassword: !!u.passwordHash,
            singleSignOn: !!u.oidcSubject,
            disabledAt: u.disabledAt ?? null,
            lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil : null,
            lastLoginAt: u.lastLoginAt ?? null,
          })),
          null,
          2,
        ),
      );
    } else {
      console.log(
        formatTable(
          ['ID', 'USERNAME', 'NAME', 'ROLE', 'DEPARTMENT', 'SIGN-IN', 'DISABLED', 'LOCKED UNTIL', 'LAST LOGIN'],
          users.map((u) => [
            String(u.id),
            u.username,
            u.displayName,
            u.role,
            u.department?.code ?? '-',
            [u.passwordHash ? 'password' : null, u.oidcSubject ? 'sso' : null].filter(Boolean).join('+') || '-',
            stamp(u.disabledAt),
            u.lockedUntil && u.lockedUntil > now ? stamp(u.lockedUntil) : '-',
            stamp(u.lastLoginAt),
          ]),
        ),
      );
    }
    return true;
  }
  if (command === 'disable' && name) {
    const user = await accounts.disableUser(em(), name);
    console.log(`disabled user ${user.username}; their sessions are revoked`);
    return true;
  }
  if (command === 'reset-password' && name) {
    const password = await passwordFromStdin(options, readSecret);
    const user = await accounts.resetPassword(em(), name, password);
    console.log(`new password set for ${user.username}; their sessions are revoked`);
    return true;
  }
  return false;
}
