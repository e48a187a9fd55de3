import pino, { Logger } from 'pino';
import { currentLogFields } from './log-context';

export interface LoggerOptions {
  /** The app name every line carries, e.g. 'route-gateway'. */
  app: string;
  /** CIM_LOG_LEVEL: fatal, error, warn, info, debug, trace or silent. */
  level: string;
  /** Where lines go; stdout by default. */
  destination?: pino.DestinationStream;
}

/**
 * The app's pino logger: one JSON object per line with an ISO time, the level's name, the app, and
 * the fields of the current log context (a request id, a message id).
 */
export function createLogger({ app, level, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentLogFields() ?? {},
  };
  return destination ? pino(options, destination) : pino(options);
}
