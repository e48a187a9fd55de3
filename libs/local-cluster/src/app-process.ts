import { existsSync } from 'node:fs';
import { Child, startChild } from './child';
import { appMain } from './paths';
import { waitForHttp } from './ports';

export interface AppProcessOptions {
  /** Where <label>.log goes. */
  logDir: string;
  /** Append to an existing log (a restarted app keeps its history) instead of starting it anew. */
  appendLog?: boolean;
  /** Flags for node before the app's main file (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Raise its open-file limit to this (see ChildSpec.fdLimit). */
  fdLimit?: number;
  /** The signal stop() sends by default (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  /** How long start() waits for readyUrl (default 20 s). */
  readyTimeoutMs?: number;
}

/** One cim app as a real process (its build in dist/) with its environment; ready once `readyUrl` answers 2xx. */
export class AppProcess {
  private current?: Child;

  constructor(
    readonly app: string,
    readonly label: string,
    readonly env: Record<string, string>,
    private readonly readyUrl: string,
    private readonly options: AppProcessOptions,
  ) {}

  /** The running (or last) process. */
  get child(): Child | undefined {
    return this.current;
  }

  get pid(): number | undefined {
    return this.current ? this.current.pid : undefined;
  }

  /** True while the process has not exited. */
  get running(): boolean {
    return !!this.current && !this.current.exited;
  }

  async start(timeoutMs = this.options.readyTimeoutMs ?? 20_000): Promise<void> {
    const { logDir, appendLog, nodeArgs = [], fdLimit, stopSignal } = this.options;
    const main = appMain(this.app);
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    const spec = {
      label: this.label,
      command: process.execPath,
      args: [...nodeArgs, main],
      env: this.env,
      logDir,
      appendLog,
      fdLimit,
      stopSignal,
    };
    this.current = await startChild(spec, () => waitForHttp(this.readyUrl, timeoutMs));
  }

  /** Sends the signal (default: its stop signal), waits for the exit and returns the exit code (-1: by a signal). */
  async stop(
    signal = this.options.stopSignal ?? 'SIGTERM',
    graceMs = Infinity,
  ): Promise<number | null | undefined> {
    await this.current?.stop(graceMs, signal);
    return this.current?.exitCode;
  }
}
