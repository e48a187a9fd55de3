import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildSpec {
  /** Names the log file <logDir>/<label>.log and the process in error messages. */
  label: string;
  command: string;
  args: string[];
  /** Added to PATH and HOME, the only variables passed on from this process. */
  env?: Record<string, string>;
  cwd?: string;
  /** Where stdout and stderr are written; without it stdout is dropped and only stderr's tail is kept. */
  logDir?: string;
  /** Append to the log file instead of starting it anew. */
  appendLog?: boolean;
  /** Raise the soft limit on open files to this (through `bash -c 'ulimit -n'`; at most the hard limit). */
  fdLimit?: number;
  /** The signal that stops it cleanly (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
}

/** Every child still running, killed if this process exits early. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** One child process with its output in a log file (or dropped) and the tail of its stderr at hand. */
export class Child {
  private child?: ChildProcess;
  private exit?: Promise<void>;
  exited = false;
  /** The exit code once exited; -1 when a signal ended it. */
  exitCode: number | null | undefined;
  private stderrTail = '';

  constructor(readonly spec: ChildSpec) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.spec.label} is not running`);
    return this.child.pid;
  }

  start(): void {
    const { command, args, env, cwd, fdLimit, logDir } = this.spec;
    const [cmd, argv] =
      fdLimit !== undefined && Number.isFinite(fdLimit)
        ? ['bash', ['-c', `ulimit -n ${fdLimit} && exec "$0" "$@"`, command, ...args]]
        : [command, args];
    const child = spawn(cmd, argv, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', logDir ? 'pipe' : 'ignore', 'pipe'],
    });
    child.stderr!.on(
      'data',
      (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-4000)),
    );
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      const flags = this.spec.appendLog ? 'a' : 'w';
      const log = createWriteStream(join(logDir, `${this.spec.label}.log`), { flags });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    live.add(child);
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        this.exited = true;
        live.delete(child);
        resolve();
      }),
    );
    this.child = child;
  }

  /** Rejects when the process exits: race it against a readiness check. */
  failed(): Promise<never> {
    return this.exit!.then(() => {
      const where = this.spec.logDir ? `see ${this.spec.logDir}` : 'no output';
      throw new Error(`${this.spec.label} exited (${this.exitCode}): ${this.stderrTail.trim() || where}`);
    });
  }

  /** Sends the signal (default: its stop signal), then SIGKILL if it has not exited after graceMs. */
  async stop(graceMs = 5000, signal = this.spec.stopSignal ?? 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    child.kill(signal);
    const timer = Number.isFinite(graceMs) ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await this.exit;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }
}

/** Starts the child and waits for `ready`, or fails with its last error output if it exits first. */
export async function startChild(spec: ChildSpec, ready: () => Promise<void>): Promise<Child> {
  const child = new Child(spec);
  child.start();
  const failed = child.failed();
  failed.catch(() => undefined);
  try {
    await Promise.race([ready(), failed]);
  } catch (error) {
    await child.kill();
    throw error;
  }
  return child;
}
