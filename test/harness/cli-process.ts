import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './eventually';

const ROOT = join(__dirname, '..', '..');
/** The terminal client's build (node scripts/build.js). */
export const CLI = join(ROOT, 'dist', 'apps', 'cim-client', 'apps', 'cim-client', 'src', 'main.js');
export const haveCli = () => existsSync(CLI);

/** The terminal client run with pipes: what it printed so far, lines typed into it, its exit code. */
export class CliProcess {
  output = '';
  exitCode?: number | null;
  private readonly child: ChildProcess;

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('exit', (code) => (this.exitCode = code));
  }

  line(text: string): void {
    this.child.stdin!.write(`${text}\n`);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    let match: RegExpExecArray | null = null;
    await eventually(() => {
      match = pattern.exec(this.output);
      if (!match) throw new Error(`no ${pattern} in the output:\n${this.output}`);
    }, timeoutMs);
    return match!;
  }

  async exited(timeoutMs = 20_000): Promise<number | null | undefined> {
    await eventually(() => {
      if (this.exitCode === undefined) throw new Error(`still running:\n${this.output}`);
    }, timeoutMs);
    return this.exitCode;
  }

  stop(): void {
    if (this.exitCode === undefined) this.child.kill();
  }
}
