import { Role } from '../roles';
import { integer, type Env } from '../../config/env';

/** Staff accounts, sessions and single sign-on (issue 12); part of HubConfig (config/config.ts). */
export interface AccountsConfig {
  /** Lifetime of a session token issued by `login` or the OIDC callback (MINYI_SESSION_HOURS). */
  sessionHours: number;
  /** Failed password attempts within lockMinutes that lock the account (MINYI_LOGIN_MAX_FAILURES). */
  maxFailures: number;
  /** The failure window and the lock's length (MINYI_LOGIN_LOCK_MINUTES). */
  lockMinutes: number;
  /** OpenID Connect single sign-on; absent unless MINYI_OIDC_ISSUER is set. */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, token_endpoint_auth_method none). Never logged. */
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
  /** ID-token (or userinfo) claim holding the role name(s) of the identity platform. */
  roleClaim: string;
  /** Claim holding the hub department code, for department roles. */
  departmentClaim: string;
  /** Identity platform role → hub role, in order of precedence. */
  roleMap: ReadonlyArray<readonly [string, Role]>;
  /** Where the browser lands after a login, with `#token=…&expiresAt=…` appended. */
  frontendUrl: string;
}

function absoluteUrl(env: Env, name: string, problems: string[], required: boolean): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) {
    if (required) problems.push(`${name} is required with MINYI_OIDC_ISSUER (${name} 为单点登录必填项)`);
    return undefined;
  }
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return raw;
  } catch {
    problems.push(`${name}="${raw}" must be an absolute http(s) URL (${name} 须为完整的 http(s) 地址)`);
    return undefined;
  }
}

/** "platform-role:HUB_ROLE,…"; CHANNEL is not a person's role. */
export function parseRoleMap(raw: string): Array<[string, Role]> | string {
  const pairs: Array<[string, Role]> = [];
  for (const item of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = item.lastIndexOf(':');
    const claim = at > 0 ? item.slice(0, at).trim() : '';
    const role = at > 0 ? item.slice(at + 1).trim() : '';
    if (!claim || !(Object.values(Role) as string[]).includes(role) || role === Role.CHANNEL) return item;
    pairs.push([claim, role as Role]);
  }
  return pairs.length ? pairs : raw;
}

export function loadAccountsConfig(env: Env, problems: string[]): AccountsConfig {
  const config: AccountsConfig = {
    sessionHours: integer(env, 'MINYI_SESSION_HOURS', 8, 1, 720, problems),
    maxFailures: integer(env, 'MINYI_LOGIN_MAX_FAILURES', 5, 1, 1000, problems),
    lockMinutes: integer(env, 'MINYI_LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
  };
  if (!env.MINYI_OIDC_ISSUER?.trim()) return config;
  const issuer = absoluteUrl(env, 'MINYI_OIDC_ISSUER', problems, true);
  const redirectUri = absoluteUrl(env, 'MINYI_OIDC_REDIRECT_URI', problems, true);
  const clientId = env.MINYI_OIDC_CLIENT_ID?.trim();
  if (!clientId) problems.push('MINYI_OIDC_CLIENT_ID is required with MINYI_OIDC_ISSUER (MINYI_OIDC_CLIENT_ID 为单点登录必填项)');
  const rawMap = env.MINYI_OIDC_ROLE_MAP?.trim() ?? '';
  const roleMap = parseRoleMap(rawMap);
  if (typeof roleMap === 'string') {
    problems.push(
      `MINYI_OIDC_ROLE_MAP must list "platform-role:ROLE" pairs separated by commas, ROLE one of ${Object.values(Role)
        .filter((r) => r !== Role.CHANNEL)
        .join(', ')}; "${roleMap}" is not (MINYI_OIDC_ROLE_MAP 须为 平台角色:角色 列表)`,
    );
  }
  const frontend = env.MINYI_OIDC_FRONTEND_URL?.trim() || '/graphql';
  // A path on this hub, or an absolute http(s) URL (a problem is reported otherwise).
  if (!frontend.startsWith('/') || frontend.startsWith('//')) absoluteUrl(env, 'MINYI_OIDC_FRONTEND_URL', problems, false);
  if (!issuer || !redirectUri || !clientId || typeof roleMap === 'string') return config;
  return {
    ...config,
    oidc: {
      issuer,
      clientId,
      clientSecret: env.MINYI_OIDC_CLIENT_SECRET || undefined,
      redirectUri,
      scopes: env.MINYI_OIDC_SCOPES?.trim() || 'openid profile',
      roleClaim: env.MINYI_OIDC_ROLE_CLAIM?.trim() || 'roles',
      departmentClaim: env.MINYI_OIDC_DEPARTMENT_CLAIM?.trim() || 'department',
      roleMap,
      frontendUrl: frontend,
    },
  };
}
