import pino, { Logger } from 'pino';
import { currentLogFields } from './log-context';

export interface LoggerOptions {
  /** The app name every line carries, e.g. 'route-gateway'. */
  app: string;
  /** CIM_LOG_LEVEL: fatal, error, warn, info, debug, trace or silent. */
  level: string;
  /** Where lines go; the process's default (setDefaultLogDestination), else stdout. */
  destination?: pino.DestinationStream;
}

let processDestination: pino.DestinationStream | undefined;

/**
 * Where the lines of the loggers created from now on in this process go when they are given no
 * destination (undefined: stdout). The embedded mode passes a pretty printer when stdout is a terminal.
 */
export function setDefaultLogDestination(destination: pino.DestinationStream | undefined): void {
  processDestination = destination;
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
  const target = destination ?? processDestination;
  return target ? pino(options, target) : pino(options);
}
