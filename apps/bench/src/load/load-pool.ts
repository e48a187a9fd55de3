import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { WatchedProcess } from '../cluster/proc';
import { LatencyHistogram } from '../stats/latency-histogram';
import { ConnectTarget, UserSpec } from '../workloads/system';
import { withTimeout } from './limit';
import { Placement, SenderSpec, WorkerCommand, WorkerReply, WorkerReport } from './messages';

type ReplyOf<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;

/** The merged reports of every worker. */
export interface LoadReport {
  delivered: number;
  sent: number;
  acked: number;
  errors: number;
  firstError?: string;
  unique: number;
  duplicates: number;
  latency: LatencyHistogram;
}

export type LoadProgress = Omit<LoadReport, 'latency'>;

/** Load-generator processes (load/worker.ts), commanded together over IPC. */
export class LoadPool {
  private waiting = new Map<
    ChildProcess,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly workers: ChildProcess[]) {
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => {
        const waiter = this.waiting.get(worker);
        this.waiting.delete(worker);
        waiter?.resolve(reply);
      });
      worker.once('exit', (code) => {
        this.waiting.get(worker)?.reject(new Error(`a load worker exited (${code})`));
        this.waiting.delete(worker);
      });
    }
    process.once('exit', () => workers.forEach((w) => w.kill('SIGKILL')));
  }

  /** With `profile`, each worker writes <profile.tag>-load-<n>.cpuprofile into profile.dir when it exits. */
  static start(count: number, profile?: { dir: string; tag: string }): LoadPool {
    const workers = Array.from({ length: count }, (_, i) => {
      const execArgv = profile
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${profile.dir}`,
            `--cpu-prof-name=${profile.tag}-load-${i + 1}.cpuprofile`,
          ]
        : [];
      return fork(join(__dirname, 'worker.js'), [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv,
      });
    });
    return new LoadPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  processes(): WatchedProcess[] {
    return this.workers.map((w, i) => ({ label: `load-${i + 1}`, pid: w.pid! }));
  }

  /** Spreads the users over the workers in turn and connects them; resolves with where each landed. */
  async connect(
    target: ConnectTarget,
    users: UserSpec[],
    concurrencyPerWorker: number,
    localAddresses: string[] = [],
    timeoutMs = 600_000,
  ): Promise<{ placed: Placement[]; failed: number; busy: number; firstError?: string }> {
    const replies = await Promise.all(
      this.workers.map((worker, w) =>
        this.request(
          worker,
          {
            type: 'connect',
            target,
            users: users.filter((_, i) => i % this.workers.length === w),
            concurrency: concurrencyPerWorker,
            localAddresses: addressesOf(w, this.workers.length, localAddresses),
          },
          'connect',
          timeoutMs,
        ),
      ),
    );
    return {
      placed: replies.flatMap((r) => r.placed),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      busy: replies.reduce((n, r) => n + r.busy, 0),
      firstError: replies.find((r) => r.firstError)?.firstError,
    };
  }

  /** Closes every connection, each worker keeping its cim users' resume credentials for resume(). */
  async drop(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.request(w, { type: 'drop' }, 'drop')));
  }

  /** Brings the dropped cim users back with POST /api/resume, as connect() does with their passwords. */
  async resume(
    target: ConnectTarget,
    concurrencyPerWorker: number,
    localAddresses: string[] = [],
    timeoutMs = 600_000,
  ): Promise<{ placed: Placement[]; failed: number; busy: number; firstError?: string }> {
    const replies = await Promise.all(
      this.workers.map((worker, w) =>
        this.request(
          worker,
          {
            type: 'resume',
            target,
            concurrency: concurrencyPerWorker,
            localAddresses: addressesOf(w, this.workers.length, localAddresses),
          },
          'resume',
          timeoutMs,
        ),
      ),
    );
    return {
      placed: replies.flatMap((r) => r.placed),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      busy: replies.reduce((n, r) => n + r.busy, 0),
      firstError: replies.find((r) => r.firstError)?.firstError,
    };
  }

  /** Which worker holds a user (the connect() spread). */
  workerOf(users: UserSpec[]): Map<string, number> {
    return new Map(users.map((u, i) => [u.userId, i % this.workers.length]));
  }

  async startSenders(byWorker: SenderSpec[][], bodyBytes: number): Promise<void> {
    await Promise.all(
      this.workers.map((w, i) =>
        this.request(w, { type: 'start', senders: byWorker[i] ?? [], bodyBytes }, 'start'),
      ),
    );
  }

  async mark(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.request(w, { type: 'mark' }, 'mark')));
  }

  /** The counts so far, senders left running. */
  async progress(): Promise<LoadProgress> {
    const replies = await Promise.all(
      this.workers.map((w) => this.request(w, { type: 'progress' }, 'progress')),
    );
    return merged(replies.map((r) => r.report));
  }

  async stopSenders(): Promise<LoadReport> {
    const reports: WorkerReport[] = (
      await Promise.all(this.workers.map((w) => this.request(w, { type: 'stop' }, 'stop')))
    ).map((r) => r.report);
    const latency = new LatencyHistogram();
    reports.forEach((r) => latency.merge(r.latency));
    return { ...merged(reports), latency };
  }

  /** Closes the connections, then lets each worker exit by itself (writing its profile), or kills it. */
  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        await this.request(w, { type: 'close' }, 'close', 30_000).catch(() => undefined);
        if (w.exitCode !== null || w.signalCode !== null) return;
        const exited = new Promise((resolve) => w.once('exit', resolve));
        w.disconnect();
        const timer = setTimeout(() => w.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private request<T extends WorkerReply['type']>(
    worker: ChildProcess,
    command: WorkerCommand,
    expect: T,
    timeoutMs = 60_000,
  ): Promise<ReplyOf<T>> {
    const reply = new Promise<ReplyOf<T>>((resolve, reject) => {
      if (worker.exitCode !== null || worker.signalCode !== null)
        return reject(new Error(`a load worker is gone before ${command.type}`));
      this.waiting.set(worker, {
        resolve: (r) =>
          r.type === expect
            ? resolve(r as ReplyOf<T>)
            : reject(new Error(`load worker: ${JSON.stringify(r)}`)),
        reject,
      });
      worker.send(command);
    });
    return withTimeout(reply, timeoutMs, `load workers' ${command.type}`);
  }
}

/** A worker's share of the source addresses: its own when there are enough, else one in turn. */
export function addressesOf(worker: number, workers: number, addresses: string[]): string[] {
  if (!addresses.length) return [];
  const own = addresses.filter((_, i) => i % workers === worker);
  return own.length ? own : [addresses[worker % addresses.length]];
}

function merged(reports: Omit<WorkerReport, 'latency'>[]): LoadProgress {
  const sum = (key: 'delivered' | 'sent' | 'acked' | 'errors' | 'unique' | 'duplicates') =>
    reports.reduce((n, r) => n + r[key], 0);
  return {
    delivered: sum('delivered'),
    sent: sum('sent'),
    acked: sum('acked'),
    errors: sum('errors'),
    unique: sum('unique'),
    duplicates: sum('duplicates'),
    firstError: reports.find((r) => r.firstError)?.firstError,
  };
}
