import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from '../common/errors';

/**
 * Every error leaves the API with a code from the documented set and a bilingual message.
 * Unknown failures become INTERNAL with no internals exposed (they are logged with the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onInternal?: (error: unknown) => void): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError;
  // Apollo re-labels validation errors (GRAPHQL_VALIDATION_FAILED); ours (e.g. the depth limit) keep their code.
  const ownCode = original instanceof GraphQLError ? (original.extensions?.code as string | undefined) : undefined;
  if (ownCode && ownCode in ERROR_CODES && ownCode !== 'INTERNAL') {
    return { ...formatted, extensions: { ...formatted.extensions, ...(original as GraphQLError).extensions, code: ownCode } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && code in ERROR_CODES && code !== 'INTERNAL') return formatted;
  if (original instanceof OptimisticLockError) return bilingual(formatted, 'CONFLICT');
  switch (code) {
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'OPERATION_RESOLUTION_FAILURE':
      return bilingual(formatted, 'BAD_USER_INPUT', { zh: `查询无效：${formatted.message}`, en: formatted.message });
  }
  onInternal?.(error);
  return bilingual(formatted, 'INTERNAL');
}

function bilingual(
  formatted: GraphQLFormattedError,
  code: ErrorCode,
  message: { zh: string; en: string } = ERROR_CODES[code],
): GraphQLFormattedError {
  return {
    message: `${message.zh} | ${message.en}`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code, messageZh: message.zh, messageEn: message.en },
  };
}
