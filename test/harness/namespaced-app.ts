import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { appMain, waitForHttp } from '@cim/local-cluster';

/** The pids of `pid`'s children, from /proc (each /proc/<pid>/stat names its parent). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return children;
}

/** The process's pid in each PID namespace it belongs to, outermost first (/proc/<pid>/status NSpid). */
export function namespacePids(pid: number): number[] {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('NSpid:'));
  return (line ?? '').split(/\s+/).slice(1).filter(Boolean).map(Number);
}

/**
 * A cim app run as a container runtime runs it: PID 1 of a fresh PID namespace
 * (`unshare --pid --fork --mount-proc node main.js`). Signals go to the app itself, from outside the
 * namespace, as the kubelet sends them; the kernel then delivers only those the app handles.
 */
export class NamespacedApp {
  private unshare?: ChildProcess;
  private exited?: Promise<number | null>;
  output = '';
  /** The app's pid as seen from here (it is 1 inside its namespace). */
  appPid = 0;

  constructor(
    private readonly app: string,
    private readonly env: Record<string, string>,
    private readonly readyUrl: string,
  ) {}

  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, appMain(this.app)], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', CIM_LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.unshare = child;
    child.stdout!.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000)));
    child.stderr!.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000)));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const failed = this.exited.then((code) => {
      throw new Error(`${this.app} exited (${code}) before it was ready: ${this.output}`);
    });
    failed.catch(() => undefined);
    await Promise.race([waitForHttp(this.readyUrl, timeoutMs), failed]);
    const [appPid] = childrenOf(child.pid!);
    if (!appPid) throw new Error(`unshare (${child.pid}) has no child process`);
    this.appPid = appPid;
  }

  /** Sends the signal to the app; resolves with its exit code, or 'still running' after timeoutMs. */
  async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<number | null | 'still running'> {
    process.kill(this.appPid, signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'still running'>((resolve) => {
      timer = setTimeout(() => resolve('still running'), timeoutMs);
    });
    const result = await Promise.race([this.exited!, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Ends the namespace whatever state the app is in (SIGKILL reaches PID 1 from outside). */
  async kill(): Promise<void> {
    if (!this.unshare || this.unshare.exitCode !== null || this.unshare.signalCode) return;
    if (this.appPid) {
      try {
        process.kill(this.appPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.unshare.kill('SIGKILL');
    await this.exited;
  }
}
