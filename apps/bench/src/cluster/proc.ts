import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Resident set size of a process in KiB (VmRSS in /proc/<pid>/status). */
export function rssKib(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

const CLOCK_TICKS_PER_SEC = 100;

/** CPU time (user + system) a process has used, in seconds; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
  } catch {
    return 0;
  }
}

/** The hard limit on open files a child may raise its soft limit to (`ulimit -Hn`). */
export function hardFdLimit(): number {
  const out = execFileSync('bash', ['-c', 'ulimit -Hn']).toString().trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

/** A process whose CPU time is sampled around a measurement. */
export interface WatchedProcess {
  label: string;
  pid: number;
}

/** The whole machine's [busy, all] CPU ticks so far, summed over its cores (/proc/stat). */
export function machineTicks(): [number, number] {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return [busy, busy + idle + iowait];
}

/** The label under which CpuMeter reports the whole machine, in percent of one core (all cores: cpus × 100). */
export const MACHINE = 'machine (all cores)';

/** CPU use of each process over a window, in percent of one core, and of the whole machine. */
export class CpuMeter {
  private start = new Map<string, number>();
  private startedAt = 0;
  private machineStart: [number, number] = [0, 0];

  constructor(private readonly processes: () => WatchedProcess[]) {}

  begin(): void {
    this.startedAt = performance.now();
    this.start = new Map(this.processes().map((p) => [p.label, cpuSeconds(p.pid)]));
    this.machineStart = machineTicks();
  }

  end(): Record<string, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const [busy, all] = machineTicks();
    const result: Record<string, number> = {};
    for (const p of this.processes()) {
      const used = cpuSeconds(p.pid) - (this.start.get(p.label) ?? 0);
      result[p.label] = Math.round((used / seconds) * 1000) / 10;
    }
    const share = (busy - this.machineStart[0]) / Math.max(1, all - this.machineStart[1]);
    result[MACHINE] = Math.round(share * cpus().length * 1000) / 10;
    return result;
  }
}
