import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import { generators, Issuer, type BaseClient, type IdTokenClaims, type UserinfoResponse } from 'openid-client';
import type { Logger } from 'pino';
import { HubError, type ErrorCode } from '../../common/errors';
import { OidcLoginState, StaffUser } from '../../entities';
import { sendError } from '../../http/error-response';
import type { HubServices } from '../../services';
import { AccountsService, normalizeUsername } from '../accounts/accounts.service';
import type { OidcConfig } from '../accounts/config';
import { DEPARTMENT_ROLES, type Role } from '../roles';

/** How long a login may take at the identity platform (state row and browser cookie). */
const LOGIN_TTL_MS = 10 * 60_000;
const COOKIE = 'minyi_oidc';
const COOKIE_PATH = '/auth/oidc';

/**
 * 统一身份认证 Single sign-on with the province's unified identity platform: OpenID Connect
 * authorization code flow with PKCE (S256), state and nonce (issue 12).
 *
 *   GET /auth/oidc/login     → 302 to the platform; the login's state, nonce and PKCE verifier are kept
 *                              in oidc_login_state (any hub instance can answer the callback, each used
 *                              once, ten minutes), tied to this browser by an HttpOnly cookie.
 *   GET /auth/oidc/callback  → exchanges the code (with the verifier), validates the ID token (issuer,
 *                              audience, nonce, expiry, signature by the platform's JWKS), maps the role
 *                              and department claims, creates or updates the person, issues a session
 *                              and redirects to MINYI_OIDC_FRONTEND_URL#token=…&expiresAt=…&tokenType=Bearer
 *                              (a URL fragment never reaches a server or its logs).
 * Refusals answer the API's error body: 401 UNAUTHENTICATED (failed or forged login), 403 FORBIDDEN
 * (no mapped role, missing or unknown department, disabled account), 503 UNAVAILABLE (platform down).
 */
export function oidcRouter(services: HubServices, log: Logger): Router {
  const router = Router();
  const config = services.config.accounts.oidc;
  if (!config) return router;
  const rp = new RelyingParty(config);
  const accounts = new AccountsService(services.bus, services.config.accounts);
  const em = () => services.orm.em.fork() as EntityManager;

  router.get(`${COOKIE_PATH}/login`, async (req: Request, res: Response) => {
    try {
      const client = await rp.client();
      const now = new Date();
      const state = generators.state();
      const nonce = generators.nonce();
      const codeVerifier = generators.codeVerifier();
      const browser = randomBytes(32).toString('base64url');
      const fork = em();
      await fork.nativeDelete(OidcLoginState, { expiresAt: { $lt: now } });
      await fork.insert(OidcLoginState, { state, nonce, codeVerifier, browserHash: sha256(browser), expiresAt: new Date(now.getTime() + LOGIN_TTL_MS) });
      res.setHeader('Set-Cookie', cookie(browser, LOGIN_TTL_MS / 1000, config.redirectUri));
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(
        302,
        client.authorizationUrl({
          scope: config.scopes,
          state,
          nonce,
          code_challenge: generators.codeChallenge(codeVerifier),
          code_challenge_method: 'S256',
        }),
      );
    } catch (error) {
      refuse(res, req, error, log);
    }
  });

  router.get(`${COOKIE_PATH}/callback`, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const client = await rp.client();
      const params = client.callbackParams(req);
      const fork = em();
      // Used once, whatever happens next.
      const pending = typeof params.state === 'string' ? await fork.findOne(OidcLoginState, { state: params.state }) : null;
      if (pending) await fork.nativeDelete(OidcLoginState, { state: pending.state });
      const browser = readCookie(req, COOKIE);
      if (!pending || pending.expiresAt <= new Date() || !browser || sha256(browser) !== pending.browserHash) {
        throw new HubError('UNAUTHENTICATED', {
          zh: '登录已过期或不是在本浏览器发起的，请重新登录',
          en: 'The sign-in expired or was not started in this browser; sign in again',
        });
      }
      res.setHeader('Set-Cookie', cookie('', 0, config.redirectUri));
      if (params.error) {
        throw new HubError('UNAUTHENTICATED', {
          zh: '统一身份认证平台拒绝了登录',
          en: `The identity platform refused the sign-in (${String(params.error).slice(0, 60)})`,
        });
      }
      let tokens;
      try {
        tokens = await client.callback(config.redirectUri, params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier });
      } catch (error) {
        log.warn(
          { requestId: req.id, errorClass: (error as Error)?.constructor?.name, reason: (error as Error)?.message?.slice(0, 200) },
          'OIDC callback refused',
        );
        throw new HubError('UNAUTHENTICATED', { zh: '身份令牌校验失败', en: 'The identity platform’s answer did not validate' });
      }
      const claims: Record<string, unknown> = { ...tokens.claims() };
      if (claims[config.roleClaim] === undefined && tokens.access_token) {
        const info: UserinfoResponse = await client.userinfo(tokens);
        for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
      }
      const session = await em().transactional(async (tx) => {
        const user = await upsertPerson(tx as EntityManager, accounts, config, rp.issuerId!, claims as IdTokenClaims & Record<string, unknown>);
        return accounts.issueSession(tx as EntityManager, user);
      });
      log.info({ requestId: req.id, userId: session.user.id, role: session.user.role, tokenId: session.tokenId }, 'OIDC sign-in');
      const fragment = new URLSearchParams({ token: session.token, expiresAt: session.expiresAt.toISOString(), tokenType: 'Bearer' });
      res.redirect(302, `${config.frontendUrl.split('#')[0]}#${fragment}`);
    } catch (error) {
      refuse(res, req, error, log);
    }
  });
  return router;
}

/** Discovery once (retried after a failure), then one client for the process. */
class RelyingParty {
  private pending?: Promise<BaseClient>;
  issuerId?: string;

  constructor(private readonly config: OidcConfig) {}

  client(): Promise<BaseClient> {
    this.pending ??= (async () => {
      const issuer = await Issuer.discover(this.config.issuer);
      this.issuerId = issuer.metadata.issuer;
      return new issuer.Client({
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        redirect_uris: [this.config.redirectUri],
        response_types: ['code'],
        token_endpoint_auth_method: this.config.clientSecret ? 'client_secret_basic' : 'none',
      });
    })().catch((error) => {
      this.pending = undefined;
      throw new HubError(
        'UNAVAILABLE',
        { zh: '统一身份认证平台暂不可用', en: 'The identity platform cannot be reached' },
        { cause: (error as Error)?.message?.slice(0, 200) },
      );
    });
    return this.pending;
  }
}

/** The hub role for the platform's role claim (a string or a list), by MINYI_OIDC_ROLE_MAP's order. */
export function mapRole(config: OidcConfig, claim: unknown): Role | null {
  const values = new Set((Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : []).map(String));
  for (const [platformRole, role] of config.roleMap) if (values.has(platformRole)) return role;
  return null;
}

async function upsertPerson(
  em: EntityManager,
  accounts: AccountsService,
  config: OidcConfig,
  issuer: string,
  claims: Record<string, unknown>,
): Promise<StaffUser> {
  const role = mapRole(config, claims[config.roleClaim]);
  if (!role) {
    throw new HubError('FORBIDDEN', {
      zh: '统一身份认证平台未授予本系统的角色',
      en: `The identity platform grants no role of this hub (claim "${config.roleClaim}" has none of MINYI_OIDC_ROLE_MAP)`,
    });
  }
  const departmentClaim = claims[config.departmentClaim];
  const departmentCode = typeof departmentClaim === 'string' && departmentClaim.trim() ? departmentClaim.trim() : null;
  let department;
  try {
    department = await accounts.checkRole(em, role, DEPARTMENT_ROLES.includes(role) ? departmentCode : null);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    throw new HubError('FORBIDDEN', {
      zh: departmentCode ? `单位代码不存在：${departmentCode}` : `角色 ${role} 需要单位，但身份信息中没有`,
      en: departmentCode ? `No department with code ${departmentCode}` : `The role ${role} needs a department; claim "${config.departmentClaim}" is missing`,
    });
  }
  const subject = String(claims.sub);
  const displayName = (typeof claims.name === 'string' && claims.name.trim()) || undefined;
  let user = await em.findOne(StaffUser, { oidcIssuer: issuer, oidcSubject: subject }, { populate: ['department'] });
  if (!user) {
    user = em.create(StaffUser, {
      username: await freeUsername(em, claims, issuer, subject),
      displayName: (displayName ?? subject).slice(0, 100),
      role,
      department,
      oidcIssuer: issuer,
      oidcSubject: subject,
    });
  } else {
    if (user.disabledAt) throw new HubError('FORBIDDEN', { zh: '账号已停用', en: 'This account is disabled' });
    // The platform is the source of truth for people who sign in through it.
    user.role = role;
    user.department = department;
    if (displayName) user.displayName = displayName.slice(0, 100);
  }
  await em.flush();
  return user;
}

/** preferred_username when free and well-formed, else one derived from the subject (never taking over an account). */
async function freeUsername(em: EntityManager, claims: Record<string, unknown>, issuer: string, subject: string): Promise<string> {
  const suffix = sha256(`${issuer}\u0000${subject}`).slice(0, 8);
  const wanted = typeof claims.preferred_username === 'string' ? normalizeUsername(claims.preferred_username).replace(/[^a-z0-9._@-]/g, '') : '';
  if (/^[a-z0-9][a-z0-9._@-]{1,63}$/.test(wanted) && !(await em.findOne(StaffUser, { username: wanted }))) return wanted;
  return `${(wanted || 'sso').slice(0, 50)}.${suffix}`.replace(/^[^a-z0-9]/, 's');
}

function refuse(res: Response, req: Request, error: unknown, log: Logger): void {
  if (error instanceof HubError) {
    const code = error.extensions.code as ErrorCode;
    sendError(res, code, { zh: String(error.extensions.messageZh), en: String(error.extensions.messageEn) }, code === 'UNAVAILABLE' ? { retryAfter: 30 } : {});
    return;
  }
  log.error({ requestId: req.id, errorClass: (error as Error)?.constructor?.name }, 'OIDC sign-in failed');
  sendError(res, 'INTERNAL');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function cookie(value: string, maxAgeSeconds: number, redirectUri: string): string {
  const secure = redirectUri.startsWith('https:') ? '; Secure' : '';
  return `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
}
