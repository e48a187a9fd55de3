import { Logger, LoggerService } from '@nestjs/common';

export interface CapturedLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  context?: string;
  text: string;
}

/** Every line logged through Nest's Logger from now on, for specs that assert what an operator would read. */
export function captureNestLogs(): CapturedLine[] {
  const lines: CapturedLine[] = [];
  const record =
    (level: CapturedLine['level']) =>
    (message: unknown, ...rest: unknown[]) => {
      const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
      lines.push({ level, context, text: message instanceof Error ? message.message : String(message) });
    };
  const service: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
    verbose: record('verbose'),
    fatal: record('fatal'),
  };
  Logger.overrideLogger(service);
  return lines;
}
