import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ERROR_CODES, HTTP_STATUS, type Bilingual, type ErrorCode } from '../common/errors';
import { redactedStack } from '../common/log-safety';

/** The one error body of the HTTP API, the same as GraphQL's: `{ errors: [{ message, extensions }] }`. */
export function errorBody(code: ErrorCode, detail: Partial<Bilingual> = {}, extra: Record<string, unknown> = {}) {
  const zh = detail.zh ?? ERROR_CODES[code].zh;
  const en = detail.en ?? ERROR_CODES[code].en;
  return { errors: [{ message: `${zh} | ${en}`, extensions: { code, messageZh: zh, messageEn: en, ...extra } }] };
}

export function sendError(res: Response, code: ErrorCode, detail: Partial<Bilingual> = {}, options: { status?: number; retryAfter?: number } = {}): void {
  if (res.headersSent) return;
  if (options.retryAfter) res.setHeader('Retry-After', String(options.retryAfter));
  res.status(options.status ?? HTTP_STATUS[code]).json(errorBody(code, detail));
}

/** Unknown paths: a JSON 404, not Express's HTML page. */
export function notFoundHandler(req: Request, res: Response): void {
  sendError(res, 'NOT_FOUND', { zh: '没有这个接口路径', en: `No route for ${req.method} on this path` });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * The last Express handler: body-parser's errors (malformed JSON, oversize body, unsupported
 * charset) become the JSON error contract with a 4xx status; anything else is our bug — 500
 * INTERNAL, logged by class and stack frames (never the message, which may quote the body).
 */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = (error ?? {}) as BodyParserError;
    switch (e.type) {
      case 'entity.too.large':
        return sendError(res, 'PAYLOAD_TOO_LARGE', { zh: `请求体超过上限 ${e.limit} 字节`, en: `The request body exceeds ${e.limit} bytes` });
      case 'entity.parse.failed':
        return sendError(res, 'BAD_USER_INPUT', { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' });
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendError(res, 'BAD_USER_INPUT', { zh: '请求体须为 UTF-8 编码的 JSON', en: 'The request body must be UTF-8 JSON' }, { status: 415 });
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        return sendError(res, 'BAD_USER_INPUT', { zh: '请求体不完整', en: 'The request body is incomplete' });
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, 'BAD_USER_INPUT', { zh: '请求无效', en: 'Bad request' }, { status: e.status });
    }
    log.error({ requestId: req.id, errorClass: (error as Error)?.constructor?.name, stack: redactedStack(error) }, 'HTTP request failed');
    sendError(res, 'INTERNAL');
  };
}
