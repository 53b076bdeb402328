import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/config';
import { safeErrorSerializer } from './log-safety';

/**
 * Structured JSON logs (pino). Personal data never reaches a log: resolvers never log inputs,
 * and these paths are redacted as a second line of defence.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

export function loggerOptions(level: LogLevel): pino.LoggerOptions {
  return {
    level,
    base: { service: 'minyi-hub' },
    // Errors are logged by class, code and stack frames; a message only where it cannot quote values.
    serializers: { err: (error: unknown) => safeErrorSerializer(error) },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'variables', '*.citizen', 'citizen', '*.phone', '*.idNumber', '*.name'],
      censor: '[REDACTED]',
    },
  };
}
