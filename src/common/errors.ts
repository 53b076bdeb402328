import { GraphQLError } from 'graphql';

/**
 * The one documented set of error codes (extensions.code). Every error the API returns carries
 * one of them and a message in Chinese and English.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { zh: '未认证：请提供有效令牌', en: 'Not authenticated: a valid bearer token is required' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'Not allowed for this role or department' },
  NOT_FOUND: { zh: '对象不存在或不可见', en: 'Not found or not visible to you' },
  BAD_USER_INPUT: { zh: '输入无效', en: 'Invalid input' },
  INVALID_TRANSITION: { zh: '当前状态不允许此操作', en: 'Transition not allowed from the current state' },
  CONFLICT: { zh: '数据已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  QUERY_TOO_COMPLEX: { zh: '查询过深或过于复杂', en: 'Query too deep or too complex' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后重试', en: 'Too many requests; retry later' },
  PAYLOAD_TOO_LARGE: { zh: '请求体过大', en: 'The request body is too large' },
  PERSISTED_QUERY_NOT_FOUND: { zh: '未找到持久化查询，请连同查询全文重发', en: 'PersistedQueryNotFound' },
  UNAVAILABLE: { zh: '服务暂不可用，请稍后重试', en: 'Service temporarily unavailable; retry later' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The HTTP status of a response whose first error has this code: client mistakes are 4xx,
 * UNAVAILABLE is 503 (with Retry-After), and only INTERNAL (our bug) is 500. GraphQL errors raised
 * while executing a valid operation (NOT_FOUND, FORBIDDEN on one field…) still answer 200 with
 * partial data, as GraphQL over HTTP expects.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  PERSISTED_QUERY_NOT_FOUND: 200,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface Bilingual {
  zh: string;
  en: string;
}

/** A GraphQL error with a stable code and a bilingual message: "中文 | English". */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, detail?: Partial<Bilingual>, extra: Record<string, unknown> = {}) {
    const base = ERROR_CODES[code];
    const zh = detail?.zh ?? base.zh;
    const en = detail?.en ?? base.en;
    super(`${zh} | ${en}`, { extensions: { code, messageZh: zh, messageEn: en, ...extra } });
  }
}

export const unauthenticated = () => new HubError('UNAUTHENTICATED');
export const forbidden = (detail?: Partial<Bilingual>) => new HubError('FORBIDDEN', detail);
export const notFound = (what: Bilingual) => new HubError('NOT_FOUND', { zh: `${what.zh}不存在或不可见`, en: `${what.en} not found or not visible to you` });
export const badInput = (zh: string, en: string, field?: string) => new HubError('BAD_USER_INPUT', { zh, en }, field ? { field } : {});
