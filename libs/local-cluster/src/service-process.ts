import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild } from './child';
import { freePort, waitForPort } from './ports';

export interface ServiceOptions {
  /** Names the process (and its log file); default: the service's name. */
  label?: string;
  /** Where its output goes; without it the output is dropped. */
  logDir?: string;
  /** Raise its open-file limit to this (see ChildSpec.fdLimit). */
  fdLimit?: number;
  /** How long start() waits for the service to be ready (default 20 s). */
  readyTimeoutMs?: number;
}

/** A real service process in a temporary directory, on a free port kept across restarts. */
export abstract class ServiceProcess {
  private current?: Child;
  readonly dir: string;
  port = 0;

  constructor(
    private readonly name: string,
    protected readonly options: ServiceOptions = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `cim-${name}-`));
  }

  /** The running process, if any. */
  get child(): Child | undefined {
    return this.current;
  }

  protected abstract command(): [string, string[]];

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const [command, args] = this.command();
    const { label = this.name, logDir, fdLimit, readyTimeoutMs = 20_000 } = this.options;
    const spec = { label, command, args, cwd: this.dir, logDir, fdLimit };
    this.current = await startChild(spec, () => this.ready(readyTimeoutMs));
  }

  /** Resolves once the service serves; by default, once its port accepts connections. */
  protected ready(timeoutMs: number): Promise<void> {
    return waitForPort(this.port, timeoutMs);
  }

  /** Stops the process and waits for it to exit; the port is kept so that a restart comes back there. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.current;
    this.current = undefined;
    await child?.stop(Number.POSITIVE_INFINITY, signal);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
