import pino from 'pino';
import type { Secrets } from '../config';
import type { Logger } from '../activities/deps';

/**
 * Structured logs on stderr. Every configured secret value is masked in every message and field,
 * whatever path it travels (an error message quoting a URL, a library's debug output...).
 */
export function createLogger(secrets: Secrets, name = 'lakehouse'): Logger {
  const values = Object.values(secrets).filter((v): v is string => typeof v === 'string' && v.length >= 4);
  const mask = (text: string) => values.reduce((t, v) => t.split(v).join('***'), text);
  const scrub = (fields?: Record<string, unknown>) => (fields ? (JSON.parse(mask(JSON.stringify(fields))) as Record<string, unknown>) : {});
  const base = pino({ name, level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  return {
    info: (msg, fields) => base.info(scrub(fields), mask(msg)),
    warn: (msg, fields) => base.warn(scrub(fields), mask(msg)),
    error: (msg, fields) => base.error(scrub(fields), mask(msg)),
  };
}
