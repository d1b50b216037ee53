/**
 * Structured JSON logs. Personal data never reaches a log line: request logs carry the path
 * without its query string, and known sensitive fields are redacted wherever they appear.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  '*.password',
  '*.idNumber',
  '*.phone',
  '*.address',
  '*.secret',
  'secret',
];

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'civil-affairs-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
