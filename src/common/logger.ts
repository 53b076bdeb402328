import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/config';

/**
 * Structured JSON logs (pino). Personal data never reaches a log: resolvers never log inputs,
 * and these paths are redacted as a second line of defence.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'minyi-hub' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'variables',
        '*.citizen',
        'citizen',
        '*.phone',
        '*.idNumber',
        '*.name',
      ],
      censor: '[REDACTED]',
    },
  });
}
