import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const LOG_DIR = join(ROOT, '.tmp', 'logs');

export type AppName = 'im-server' | 'route-gateway' | 'admin' | 'embedded';

/**
 * One cim app as a real process (the build in dist/), with its environment; its output goes to
 * .tmp/logs/<label>.log. start() resolves once `readyUrl` answers 200.
 */
export class AppProcess {
  private child?: ChildProcess;
  private exitCode: number | null | undefined;

  constructor(
    readonly app: AppName,
    readonly label: string,
    readonly env: Record<string, string>,
    private readonly readyUrl: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the process has not exited. */
  get running(): boolean {
    return !!this.child && this.exitCode === undefined;
  }

  async start(timeoutMs = 20000): Promise<void> {
    const main = join(ROOT, 'dist', 'apps', this.app, 'apps', this.app, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(join(LOG_DIR, `${this.label}.log`), { flags: 'a' });
    this.exitCode = undefined;
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', CIM_LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.once('exit', (code, signal) => (this.exitCode = code ?? (signal ? -1 : null)));
    this.child = child;
    await this.waitReady(timeoutMs);
  }

  /** Sends the signal and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null | undefined> {
    const child = this.child;
    if (!child || this.exitCode !== undefined) return this.exitCode;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    return this.exitCode;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined)
        throw new Error(`${this.label} exited (${this.exitCode}); see ${LOG_DIR}`);
      const ok = await fetch(this.readyUrl)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.label} was not ready at ${this.readyUrl} within ${timeoutMs} ms`);
  }
}
