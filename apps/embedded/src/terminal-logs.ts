import pretty from 'pino-pretty';
import { setDefaultLogDestination } from '@cim/observability';

/**
 * On a terminal, log lines are printed for a person: time, level, app, context and message on one
 * line, the other fields below. Anywhere else (a pipe, a file, a container's log) they stay JSON.
 */
export function prettyLogsOnTerminal(): boolean {
  if (!process.stdout.isTTY) return false;
  setDefaultLogDestination(
    pretty({
      colorize: true,
      // In order with the plain lines printed beside them.
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,app,context',
      messageFormat: '{app}{if context} [{context}]{end}: {msg}',
    }),
  );
  return true;
}
