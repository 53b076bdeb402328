import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import type { Database } from '../db/database';
import { Role } from '../auth/roles';
import { createToken } from '../auth/tokens';
import { revokeToken } from '../auth/token-revocation';
import type { EventBus } from '../events/event-bus';

export const TOKEN_USAGE = `  token create --role ROLE [--department CODE] [--channel CODE] [--label TEXT] [--expires-in 30d]
      Creates an API token and prints it once (only its hash is stored). --expires-in: a number
      followed by m (minutes), h, d or w; without it the token does not expire.
      Roles: ${Object.values(Role).join(', ')}
      HANDLER, DEPT_LEADER and PETITION_OFFICER need --department; CHANNEL needs --channel.
  token list [--all] [--json]
      API tokens and live login sessions: id, kind, prefix, label, role, department/channel,
      person, created, expires, last used, revoked (never the token). --all: ended sessions too.
  token revoke ID
      Revokes a token or session at once: requests with it fail, its open WebSockets close (on every
      running hub), report links it signed stop working.`;

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const MAX_LIFETIME_MS = 3650 * 86_400_000;

/** "30d" → milliseconds (m, h, d, w; at most ten years). */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})\s*([mhdw])$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2].toLowerCase()] : NaN;
  if (!ms || ms > MAX_LIFETIME_MS) {
    throw badInput(
      `有效期格式应为 数字+m/h/d/w，例如 30d：${text}`,
      `--expires-in must be a number followed by m, h, d or w (at most 3650d), e.g. 30d; got "${text}"`,
      'expires-in',
    );
  }
  return ms;
}

export interface TokenRow {
  id: number;
  kind: string;
  prefix: string;
  label: string;
  role: string;
  department: string | null;
  channel: string | null;
  user: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(em: EntityManager, options: { all?: boolean } = {}): Promise<TokenRow[]> {
  const rows = await em.execute(
    `select t.id, t.kind, t.prefix, t.label, t.role, d.code as department, c.code as channel, u.username as "user",
            t.created_at, t.expires_at, t.last_used_at, t.revoked_at
       from api_token t
       left join department d on d.id = t.department_id
       left join channel c on c.id = t.channel_id
       left join staff_user u on u.id = t.user_id
      where ?::boolean or t.kind = 'API' or (t.revoked_at is null and t.expires_at > now())
      order by t.id`,
    [!!options.all],
  );
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    prefix: r.prefix,
    label: r.label,
    role: r.role,
    department: r.department ?? null,
    channel: r.channel ?? null,
    user: r.user ?? null,
    createdAt: new Date(r.created_at),
    expiresAt: date(r.expires_at),
    lastUsedAt: date(r.last_used_at),
    revokedAt: date(r.revoked_at),
  }));
}

const stamp = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '-');

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatTokens(rows: TokenRow[]): string {
  return formatTable(
    ['ID', 'KIND', 'PREFIX', 'LABEL', 'ROLE', 'SCOPE', 'USER', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'],
    rows.map((r) => [
      String(r.id),
      r.kind,
      r.prefix,
      r.label,
      r.role,
      r.department ?? r.channel ?? '-',
      r.user ?? '-',
      stamp(r.createdAt),
      stamp(r.expiresAt),
      stamp(r.lastUsedAt),
      stamp(r.revokedAt),
    ]),
  );
}

/** `token create|list|revoke`; false when the arguments are not a token command (usage is printed). */
export async function runTokenCli(
  db: Database,
  bus: EventBus,
  positional: string[],
  options: Record<string, string | true>,
  now = new Date(),
): Promise<boolean> {
  const [command, arg] = positional;
  const em = () => db.orm.em.fork() as EntityManager;
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  if (command === 'create' && typeof options.role === 'string') {
    const expiresIn = text('expires-in');
    if (options['expires-in'] === true) parseDuration('');
    const { token, record } = await createToken(em(), {
      role: String(options.role) as Role,
      departmentCode: text('department'),
      channelCode: text('channel'),
      label: text('label'),
      expiresAt: expiresIn ? new Date(now.getTime() + parseDuration(expiresIn)) : undefined,
    });
    console.log(JSON.stringify({ id: record.id, role: record.role, label: record.label, expiresAt: record.expiresAt ?? null, token }, null, 2));
    console.error('Keep this token secret: it is shown only now. Use it as "Authorization: Bearer <token>".');
    return true;
  }
  if (command === 'list' && !arg) {
    const rows = await listTokens(em(), { all: options.all === true });
    console.log(options.json === true ? JSON.stringify(rows, null, 2) : formatTokens(rows));
    return true;
  }
  if (command === 'revoke' && arg) {
    if (!/^\d{1,9}$/.test(arg)) throw badInput(`令牌编号应为数字：${arg}`, `The token id must be a number (see token list): ${arg}`, 'id');
    const result = await revokeToken(em(), bus, Number(arg));
    console.log(
      result.newlyRevoked
        ? `revoked token ${result.tokenId} at ${result.revokedAt.toISOString()}; running hubs close its WebSockets`
        : `token ${result.tokenId} was already revoked at ${result.revokedAt.toISOString()}; announced again`,
    );
    return true;
  }
  return false;
}
