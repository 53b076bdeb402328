import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken, Channel, Department } from '../entities';
import { badInput } from '../common/errors';
import { DEPARTMENT_ROLES, Role } from './roles';
import type { TokenCache } from './token-cache';
import type { Viewer } from './viewer';

/** Tokens are 32 random bytes, shown once as "mh_<base64url>"; only their SHA-256 is stored. */
export function generateToken(): string {
  return `mh_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreateTokenInput {
  role: Role;
  departmentCode?: string;
  channelCode?: string;
  label?: string;
  expiresAt?: Date;
}

export async function createToken(em: EntityManager, input: CreateTokenInput): Promise<{ token: string; record: ApiToken }> {
  if (!Object.values(Role).includes(input.role)) {
    throw badInput(`未知角色 ${input.role}`, `Unknown role ${input.role}; one of ${Object.values(Role).join(', ')}`, 'role');
  }
  const needsDepartment = DEPARTMENT_ROLES.includes(input.role);
  if (needsDepartment && !input.departmentCode) {
    throw badInput(`${input.role} 需要指定单位`, `${input.role} needs --department CODE`, 'department');
  }
  if (input.role === Role.CHANNEL && !input.channelCode) {
    throw badInput('CHANNEL 角色需要指定渠道', 'CHANNEL needs --channel CODE', 'channel');
  }
  const department = input.departmentCode ? await em.findOne(Department, { code: input.departmentCode }) : null;
  if (input.departmentCode && !department) {
    throw badInput(`单位不存在：${input.departmentCode}`, `No department with code ${input.departmentCode}`, 'department');
  }
  const channel = input.channelCode ? await em.findOne(Channel, { code: input.channelCode }) : null;
  if (input.channelCode && !channel) {
    throw badInput(`渠道不存在：${input.channelCode}`, `No channel with code ${input.channelCode}`, 'channel');
  }
  const token = generateToken();
  const record = em.create(ApiToken, {
    tokenHash: hashToken(token),
    prefix: token.slice(0, 10),
    label: input.label ?? [input.role, department?.code, channel?.code].filter(Boolean).join(':'),
    role: input.role,
    department: department ?? undefined,
    channel: channel ?? undefined,
    expiresAt: input.expiresAt ?? null,
  });
  await em.persistAndFlush(record);
  return { token, record };
}

/**
 * Resolves a bearer token to a Viewer in one statement, touching last_used_at at most
 * every five minutes (so a busy token does not write on every request).
 */
const LOOKUP_SQL = `
with t as (
  select t.id, t.label, t.role, t.department_id, d.code as department_code, d.path as department_path,
         t.channel_id, c.code as channel_code, t.last_used_at, t.expires_at,
         u.id as user_id, u.username, u.display_name
    from api_token t
    left join department d on d.id = t.department_id
    left join channel c on c.id = t.channel_id
    left join staff_user u on u.id = t.user_id
   where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
     -- a session dies with its person's account (disabled accounts sign nobody in)
     and (t.user_id is null or u.disabled_at is null)
), touch as (
  update api_token set last_used_at = now()
   where id = (select id from t) and (last_used_at is null or last_used_at < now() - interval '5 minutes')
)
select * from t`;

export async function viewerFromToken(em: EntityManager, token: string | undefined | null, cache?: TokenCache): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  // The instance's verified tokens (auth/token-cache.ts): no statement while one is cached.
  const cached = cache?.get(hash);
  if (cached) return cached;
  const generation = cache?.generation ?? 0;
  const rows = await em.execute(LOOKUP_SQL, [hash]);
  const row = rows[0];
  if (!row) return null;
  const viewer: Viewer = {
    tokenId: row.id,
    label: row.label,
    role: row.role as Role,
    departmentId: row.department_id ?? undefined,
    departmentCode: row.department_code ?? undefined,
    departmentPath: row.department_path ?? undefined,
    channelId: row.channel_id ?? undefined,
    channelCode: row.channel_code ?? undefined,
    userId: row.user_id ?? undefined,
    username: row.username ?? undefined,
    displayName: row.display_name ?? undefined,
  };
  // The driver leaves timestamptz as text (db/read-model.ts).
  cache?.set(hash, viewer, row.expires_at == null ? null : new Date(row.expires_at), generation);
  return viewer;
}

/** "Bearer <token>" → token. */
export function bearer(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
