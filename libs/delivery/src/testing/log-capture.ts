import { Logger, LoggerService } from '@nestjs/common';

export interface CapturedLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  context?: string;
  text: string;
}

/** The lines logged through Nest's Logger, for specs that assert what an operator would read. */
export class LogCapture implements LoggerService {
  readonly lines: CapturedLine[] = [];
  readonly log = this.recorder('log');
  readonly error = this.recorder('error');
  readonly warn = this.recorder('warn');
  readonly debug = this.recorder('debug');
  readonly verbose = this.recorder('verbose');
  readonly fatal = this.recorder('fatal');

  /** Routes every Nest Logger here from now on. */
  install(): this {
    Logger.overrideLogger(this);
    return this;
  }

  private recorder(level: CapturedLine['level']) {
    return (message: unknown, ...rest: unknown[]): void => {
      const last = rest.at(-1);
      const text = message instanceof Error ? message.message : String(message);
      this.lines.push({ level, context: typeof last === 'string' ? last : undefined, text });
    };
  }
}
