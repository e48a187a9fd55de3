import { LogLevel } from '@nestjs/common';

/** Nest's logger levels for CIM_LOG_LEVEL; 'silent' answers false (no logger). */
export function logLevels(level: string): LogLevel[] | false {
  const order: Record<string, LogLevel[]> = {
    fatal: ['fatal'],
    error: ['fatal', 'error'],
    warn: ['fatal', 'error', 'warn'],
    info: ['fatal', 'error', 'warn', 'log'],
    debug: ['fatal', 'error', 'warn', 'log', 'debug'],
    trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  };
  return order[level] ?? false;
}
