import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { buildMonthlyReport } from '../analytics/monthly-report.service';
import { renderMonthlyReport, type MonthlyReportFormat, type RenderedMonthlyReport } from '../analytics/report';
import { parseReportFile, reportLinkKeyFor, verifyReportLink } from '../analytics/report/report-link';
import { Permissions } from '../auth/policy';
import type { Role } from '../auth/roles';
import { bearer, viewerFromToken } from '../auth/tokens';
import { tokenIsActive } from '../auth/token-revocation';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable';
import { badInput, forbidden, HubError, unauthenticated, type ErrorCode } from '../common/errors';
import { parseMonth } from '../dispatch/duty-schedule.service';
import type { HubServices } from '../services';
import { sendError } from './error-response';
import { readEm } from '../db/read-routing';

/**
 * `GET /reports/monthly/{yyyy-MM}.{xlsx|html}`: the 热线月报 as a file. Allowed with a valid,
 * unexpired signed link (generateMonthlyReport) or with a bearer token of a role that may read
 * statistics. Errors have the API's one shape: `{ errors: [{ message, extensions: { code, messageZh, messageEn } }] }`.
 */
const CLIENT_CODES: ReadonlySet<ErrorCode> = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);

const LINK_REFUSALS = {
  MALFORMED: { zh: '下载链接无效', en: 'The download link is malformed' },
  BAD_SIGNATURE: { zh: '下载链接签名无效', en: 'The download link signature is invalid' },
  EXPIRED: { zh: '下载链接已过期，请重新生成', en: 'The download link has expired; generate a new one' },
  TOKEN_INACTIVE: { zh: '生成该下载链接的令牌已吊销或过期', en: 'The token that made this download link is revoked or expired' },
} as const;

/** Who was let in: the token behind the link or the bearer header (logged; never personal data). */
interface Grant {
  tokenId: number;
  via: 'link' | 'bearer';
}

interface RequestedReport {
  month: string;
  format: MonthlyReportFormat;
}

export function reportDownloadRouter(services: HubServices, log: Logger): Router {
  const router = Router();
  router.get('/reports/monthly/:file', async (req: Request, res: Response) => {
    try {
      const wanted = requestedReport(String(req.params.file));
      const grant = await authorise(req, services, wanted);
      const report = await services.monthlyReports.get(wanted.month, () => buildMonthlyReport(readEm(services), wanted.month));
      const file = await renderMonthlyReport(report, wanted.format);
      sendAttachment(res, file, `12345-monthly-report-${wanted.month}.${wanted.format}`);
      log.info(
        { requestId: req.id, month: wanted.month, format: wanted.format, tokenId: grant.tokenId, via: grant.via, bytes: file.body.length },
        'monthly report downloaded',
      );
    } catch (error) {
      fail(res, error, req.id, log);
    }
  });
  return router;
}

/** "2026-10.xlsx" → the month (a real calendar month) and format; BAD_USER_INPUT otherwise. */
function requestedReport(file: string): RequestedReport {
  const parsed = parseReportFile(file);
  if (!parsed) throw badInput(`文件名应为 yyyy-MM.xlsx 或 yyyy-MM.html：${file}`, `the file must be yyyy-MM.xlsx or yyyy-MM.html: ${file}`, 'file');
  return { month: parseMonth(parsed.month).month, format: parsed.format };
}

/** A valid signed link, else a bearer token allowed to read statistics; 401 without either, 403 when refused. */
async function authorise(req: Request, services: HubServices, wanted: RequestedReport): Promise<Grant> {
  const { expires, by, signature } = req.query;
  const signed = signature === undefined ? null : verifyReportLink({ ...wanted, expires, by, signature }, reportLinkKeyFor(services.config));
  // A well-signed link is only as good as the token that made it: refused once that is revoked or expired.
  const refusal = !signed
    ? null
    : !signed.ok
      ? signed.reason
      : (await tokenIsActive(services.orm.em.fork() as EntityManager, signed.viewerTokenId))
        ? null
        : 'TOKEN_INACTIVE';
  if (signed?.ok && !refusal) return { tokenId: signed.viewerTokenId, via: 'link' };
  const token = bearer(req.headers.authorization);
  if (token) return { tokenId: await analyticsTokenId(services, token), via: 'bearer' };
  if (refusal) throw forbidden(LINK_REFUSALS[refusal]);
  throw unauthenticated();
}

/** The viewer behind a bearer token, resolved as for GraphQL, checked against Permissions.readAnalytics. */
async function analyticsTokenId(services: HubServices, token: string): Promise<number> {
  const viewer = await viewerFromToken(services.orm.em.fork() as EntityManager, token);
  if (!viewer) throw unauthenticated();
  const roles: readonly Role[] = Permissions.readAnalytics;
  if (!roles.includes(viewer.role)) {
    throw forbidden({ zh: `下载月报需要角色：${roles.join(', ')}`, en: `Downloading the monthly report needs one of the roles ${roles.join(', ')}` });
  }
  return viewer.tokenId;
}

function sendAttachment(res: Response, file: RenderedMonthlyReport, asciiFileName: string): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${asciiFileName}"; filename*=UTF-8''${rfc5987(file.fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(file.body);
}

/** RFC 5987 value-chars: percent-encoded UTF-8, including the characters encodeURIComponent leaves. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The API's one error contract (http/error-response.ts): client mistakes 4xx, a database outage 503, our bug 500. */
function fail(res: Response, error: unknown, requestId: string, log: Logger): void {
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error, requestId }, 'monthly report download: database unavailable');
    return sendError(res, 'UNAVAILABLE', {}, { retryAfter: DATABASE_RETRY_AFTER_SECONDS });
  }
  const code = error instanceof HubError ? (error.extensions.code as ErrorCode) : undefined;
  if (code && CLIENT_CODES.has(code)) {
    const { messageZh, messageEn } = (error as HubError).extensions as { messageZh: string; messageEn: string };
    return sendError(res, code, { zh: messageZh, en: messageEn });
  }
  log.error({ err: error, requestId }, 'monthly report download failed');
  sendError(res, 'INTERNAL');
}
