import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './paths';

export interface ChildSpec {
  /** Names the log file .tmp/bench/logs/<label>.log and the process in the CPU table. */
  label: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Raise the soft limit on open files to this (through `bash -c 'ulimit -n'`; at most the hard limit). */
  fdLimit?: number;
  /** The signal that stops it cleanly (a profiled node process: SIGUSR2, see profile-exit.ts). */
  stopSignal?: NodeJS.Signals;
}

/** Every child still running, killed if the bench itself exits early. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export const LOG_DIR = benchDir('logs');

/** One process of the bench's own making, its output in a log file. */
export class Child {
  private child?: ChildProcess;
  private exit?: Promise<void>;
  exited = false;
  private stderrTail = '';

  constructor(readonly spec: ChildSpec) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.spec.label} is not running`);
    return this.child.pid;
  }

  start(): void {
    const { command, args, env, cwd, fdLimit, label } = this.spec;
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(join(LOG_DIR, `${label}.log`), { flags: 'w' });
    const [cmd, argv] =
      fdLimit !== undefined && Number.isFinite(fdLimit)
        ? ['bash', ['-c', `ulimit -n ${fdLimit} && exec "$0" "$@"`, command, ...args]]
        : [command, args];
    const child = spawn(cmd, argv, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.on(
      'data',
      (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-2000)),
    );
    child.stderr!.pipe(log);
    live.add(child);
    this.exit = new Promise((resolve) =>
      child.once('exit', () => {
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
      throw new Error(`${this.spec.label} exited early: ${this.stderrTail.trim() || 'see ' + LOG_DIR}`);
    });
  }

  /** Stops it with its stop signal, then SIGKILL after the grace period. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    child.kill(this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
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
