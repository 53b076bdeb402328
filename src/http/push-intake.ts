import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { HubServices } from '../services';
import type { PushIntake } from '../ingest/connector-definition';
import { INTAKE_RATE_PER_SECOND, withinRate } from '../ingest/intake-rate';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable';

/**
 * `POST /intake/{channelCode}` exactly per push-api.md: request-level checks in the documented
 * order (§6), then each record on its own (§3: one bad record does not fail the others), idempotent
 * by (channel, externalId, version or updatedAt) (§5). 202 is sent only once every accepted record
 * is committed, together with its raw landing.
 */
const MAX_BODY = 5 * 1024 * 1024;
const MAX_RECORDS = 100;
const RATE_PER_SECOND = INTAKE_RATE_PER_SECOND;

interface Problem {
  status: number;
  code: string;
  message: string;
  retryAfter?: number;
}

function fail(res: Response, requestId: string, p: Problem): void {
  if (p.retryAfter) res.setHeader('Retry-After', String(p.retryAfter));
  res.status(p.status).json({ error: { code: p.code, message: p.message }, requestId });
}

function readBody(req: Request): Promise<Buffer | 'TOO_LARGE'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY) {
    req.resume();
    return Promise.resolve('TOO_LARGE');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'TOO_LARGE' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** §2: media type application/json, an optional charset that must be utf-8; no Content-Encoding. */
function acceptableContentType(req: Request): boolean {
  if (req.headers['content-encoding'] !== undefined) return false;
  const [type, ...params] = String(req.headers['content-type'] ?? '')
    .split(';')
    .map((p) => p.trim());
  if (type.toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [name, value] = p.split('=').map((x) => x.trim().toLowerCase());
    return name !== 'charset' || value === 'utf-8';
  });
}

export function pushIntakeRouter(services: HubServices, intake: PushIntake, secrets: () => Map<string, string[]>, log: Logger): Router {
  const router = Router();
  router.all('/intake/:channelCode', async (req: Request, res: Response) => {
    const requestId = req.id;
    const code = String(req.params.channelCode);
    try {
      const em = services.orm.em.fork() as EntityManager;
      const [channel] = await em.execute('select id, enabled, pulled from channel where code = ?', [code]);
      if (!channel || channel.pulled || code === '12345')
        return fail(res, requestId, { status: 404, code: 'UNKNOWN_CHANNEL', message: `channel ${code} is not registered for push` });
      const keys = secrets().get(code) ?? [];
      if (!channel.enabled || !keys.length) return fail(res, requestId, { status: 403, code: 'CHANNEL_DISABLED', message: `channel ${code} is suspended` });
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return fail(res, requestId, { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
      }
      const body = await readBody(req);
      if (body === 'TOO_LARGE') return fail(res, requestId, { status: 413, code: 'BODY_TOO_LARGE', message: `the body exceeds ${MAX_BODY} bytes` });
      if (!acceptableContentType(req)) {
        return fail(res, requestId, {
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Content-Type must be application/json (charset utf-8), without Content-Encoding',
        });
      }
      const check = intake.verify({ timestamp: req.header('x-hub-timestamp'), signature: req.header('x-hub-signature-256') }, body, keys);
      if (!check.ok) return fail(res, requestId, { status: 401, code: check.code, message: 'the request is not signed as push-api.md §2 requires' });
      let envelope: unknown;
      try {
        envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch {
        return fail(res, requestId, { status: 400, code: 'INVALID_JSON', message: 'the body is not UTF-8 JSON' });
      }
      const records = (envelope as { records?: unknown })?.records;
      if (
        !envelope ||
        typeof envelope !== 'object' ||
        Array.isArray(envelope) ||
        Object.keys(envelope).some((k) => k !== 'records') ||
        !Array.isArray(records) ||
        records.length === 0
      ) {
        return fail(res, requestId, { status: 400, code: 'INVALID_ENVELOPE', message: 'the body must be {"records": [1–100 records]}' });
      }
      if (records.length > MAX_RECORDS)
        return fail(res, requestId, { status: 400, code: 'TOO_MANY_RECORDS', message: `at most ${MAX_RECORDS} records per request` });
      if (!(await withinRate(em, channel.id)))
        return fail(res, requestId, { status: 429, code: 'RATE_LIMITED', message: `at most ${RATE_PER_SECOND} requests/s per channel`, retryAfter: 1 });

      const results = await intake.submit(em, services.ingest, { id: channel.id, code }, records, { requestId });
      const count = (status: string) => results.filter((r) => r.status === status).length;
      log.info(
        { requestId, channel: code, received: records.length, accepted: count('accepted'), senderRequestId: req.header('x-hub-request-id')?.slice(0, 64) },
        'push intake',
      );
      res
        .status(202)
        .json({ requestId, received: records.length, accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected'), results });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // push-api.md §6: 503 UNAVAILABLE with Retry-After while the hub's database cannot answer.
        log.warn({ requestId, channel: code, err: (error as Error).message }, 'push intake: database unavailable');
        if (!res.headersSent)
          fail(res, requestId, {
            status: 503,
            code: 'UNAVAILABLE',
            message: 'the hub cannot reach its database; retry after Retry-After seconds',
            retryAfter: DATABASE_RETRY_AFTER_SECONDS,
          });
        return;
      }
      log.error({ err: error, requestId, channel: code }, 'push intake failed');
      if (!res.headersSent) fail(res, requestId, { status: 500, code: 'INTERNAL_ERROR', message: 'retry with back-off' });
    }
  });
  return router;
}
