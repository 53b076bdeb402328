import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-response';

/** Request headers a browser frontend may send: the bearer token, JSON, Apollo's CSRF and client headers. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
];
const EXPOSED_HEADERS = ['x-request-id', 'retry-after'];

/**
 * CORS for browser frontends on other origins (MINYI_CORS_ORIGINS). Tokens travel in the
 * Authorization header, never in cookies, so credentials are not allowed. A preflight from an
 * allowed origin answers 204 with the Access-Control-Allow-* headers; from any other origin 403
 * with no CORS header, so the browser refuses the call. Apollo's CSRF prevention stays on.
 */
export function cors(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.vary('Origin');
    const ok = any || allowed.has(origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!ok) {
      if (preflight)
        return sendError(res, 'FORBIDDEN', { zh: '此来源不在允许的跨域来源（MINYI_CORS_ORIGINS）之内', en: 'This origin is not in MINYI_CORS_ORIGINS' });
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (preflight) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    next();
  };
}
