import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, type Bilingual, type ErrorCode } from '../common/errors';
import { isDatabaseUnavailable } from '../db/unavailable';
import { validationMessageEn, validationMessageZh, variableMessage } from './error-messages';

/** A code of the documented set (own properties only: "constructor" is not a code). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/**
 * Every error leaves the API as `{ message, locations?, path?, extensions: { code, messageZh,
 * messageEn, … } }` with a code from the documented set (common/errors.ts). Client mistakes
 * keep a client code (4xx); only our own failures become INTERNAL, with nothing internal shown
 * (they are logged by code and request id, see http/graphql-http.ts).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const own = hubErrorIn(error);
  if (own) {
    const { http: _http, ...extensions } = own.extensions as Record<string, unknown>;
    return { message: own.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const cause = rootCause(error);
  if (cause instanceof OptimisticLockError) return bilingual(formatted, 'CONFLICT');
  if (isDatabaseUnavailable(cause)) return bilingual(formatted, 'UNAVAILABLE');
  switch (formatted.extensions?.code) {
    case 'GRAPHQL_PARSE_FAILED':
      return bilingual(formatted, 'BAD_USER_INPUT', { zh: '查询语法错误', en: formatted.message });
    case 'GRAPHQL_VALIDATION_FAILED':
      return bilingual(formatted, 'BAD_USER_INPUT', { zh: validationMessageZh(formatted.message), en: validationMessageEn(formatted.message) });
    case 'BAD_USER_INPUT': // graphql-js variable coercion (Apollo's code): never echo the value
      return bilingual(formatted, 'BAD_USER_INPUT', variableMessage(formatted.message));
    case 'BAD_REQUEST':
      return bilingual(formatted, 'BAD_USER_INPUT', { zh: `请求无效：${requestMessageZh(formatted.message)}`, en: formatted.message });
    case 'PERSISTED_QUERY_NOT_FOUND':
      // Apollo Client retries with the full query on this code (or this exact message).
      return {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', messageZh: ERROR_CODES.PERSISTED_QUERY_NOT_FOUND.zh, messageEn: 'PersistedQueryNotFound' },
      };
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'OPERATION_RESOLUTION_FAILURE':
      return bilingual(formatted, 'BAD_USER_INPUT', { zh: '无法确定要执行的操作', en: formatted.message });
  }
  return bilingual(formatted, 'INTERNAL');
}

/** Our own error, wherever it sits in the chain (Apollo and graphql-js wrap what resolvers throw). */
function hubErrorIn(error: unknown): GraphQLError | null {
  for (let e = error, hops = 0; e && hops < 5; e = (e as { originalError?: unknown }).originalError, hops++) {
    if (e instanceof GraphQLError && isErrorCode(e.extensions?.code) && e.extensions.code !== 'INTERNAL' && 'messageZh' in e.extensions) return e;
  }
  return null;
}

/** The innermost error behind GraphQL's and Apollo's wrappers. */
export function rootCause(error: unknown): unknown {
  let e = error;
  for (let hops = 0; hops < 5 && (e as { originalError?: unknown })?.originalError; hops++) e = (e as { originalError: unknown }).originalError;
  return e;
}

function bilingual(formatted: GraphQLFormattedError, code: ErrorCode, message: Bilingual = ERROR_CODES[code]): GraphQLFormattedError {
  return {
    message: `${message.zh} | ${message.en}`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code, messageZh: message.zh, messageEn: message.en },
  };
}

function requestMessageZh(message: string): string {
  if (/non-empty `query`/.test(message)) return '缺少 query 或 persistedQuery';
  if (/Content-Type|POST body missing/i.test(message)) return '请求体缺失、内容类型不对或 JSON 为空';
  if (/CSRF|preflight/i.test(message)) return '跨站请求防护：请设置 Content-Type: application/json，或 apollo-require-preflight 请求头';
  if (/GET requests only support query/.test(message)) return 'GET 只能执行查询，请用 POST 执行变更';
  if (/batch/i.test(message)) return '不支持批量请求';
  return '请求格式不符合 GraphQL over HTTP';
}
