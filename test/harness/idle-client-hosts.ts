import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@cim/local-cluster';
import type {
  IdleCommand,
  IdleReply,
  IdleReport,
  IdleStatus,
  IdleUser,
} from '../../apps/bench/src/idle/idle-messages';

type ReplyOf<T extends IdleReply['type']> = Extract<IdleReply, { type: T }>;

/** The built host (npm run build): a process of idle SDK clients. */
const HOST_MAIN = join(repoRoot(), 'dist/apps/bench/apps/bench/src/idle/idle-clients-main.js');

/**
 * Idle SDK clients spread over child processes (apps/bench/src/idle), for suites that need more
 * clients than the Jest process can carry while it also checks them: each host logs in its share of
 * the users, and answers where its clients are.
 */
export class IdleClientHosts {
  private constructor(private readonly hosts: ChildProcess[]) {}

  static fork(count: number): IdleClientHosts {
    const hosts = Array.from({ length: count }, () =>
      fork(HOST_MAIN, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    return new IdleClientHosts(hosts);
  }

  /** Logs the users in, spread over the hosts in turn, each host using the source addresses in turn. */
  async start(
    gatewayUrl: string,
    password: string,
    users: IdleUser[],
    localAddresses: string[],
    concurrencyPerHost: number,
  ): Promise<void> {
    const replies = await Promise.all(
      this.hosts.map((host, h) =>
        this.request(host, 'started', {
          type: 'start',
          gatewayUrl,
          password,
          users: users.filter((_, i) => i % this.hosts.length === h),
          localAddresses,
          concurrency: concurrencyPerHost,
        }),
      ),
    );
    const failed = replies.reduce((n, r) => n + r.failed, 0);
    if (failed)
      throw new Error(`${failed} clients could not log in: ${replies.find((r) => r.firstError)?.firstError}`);
  }

  /** Where the clients are, summed over the hosts. */
  async status(): Promise<IdleStatus> {
    const replies = await Promise.all(this.hosts.map((h) => this.request(h, 'status', { type: 'status' })));
    const sum = (key: 'readyOn' | 'notReady') => {
      const total: Record<string, number> = {};
      for (const reply of replies)
        for (const [k, n] of Object.entries(reply[key])) total[k] = (total[k] ?? 0) + n;
      return total;
    };
    return {
      readyOn: sum('readyOn'),
      notReady: sum('notReady'),
      byPassword: replies.reduce((n, r) => n + r.byPassword, 0),
    };
  }

  /** Every host's clients' last return, merged. */
  async report(): Promise<IdleReport> {
    const replies = await Promise.all(this.hosts.map((h) => this.request(h, 'report', { type: 'report' })));
    return {
      reconnectMs: replies.flatMap((r) => r.reconnectMs),
      backAt: replies.flatMap((r) => r.backAt),
      attempts: replies.flatMap((r) => r.attempts),
    };
  }

  /** Closes the clients, then the hosts; a host that does not answer is killed. */
  async stop(): Promise<void> {
    await Promise.all(
      this.hosts.map(async (host) => {
        await this.request(host, 'closed', { type: 'close' }, 30_000).catch(() => undefined);
        host.kill('SIGKILL');
      }),
    );
  }

  private request<T extends IdleReply['type']>(
    host: ChildProcess,
    expect: T,
    command: IdleCommand,
    timeoutMs = 600_000,
  ): Promise<ReplyOf<T>> {
    return new Promise<ReplyOf<T>>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`an idle-client host did not answer ${command.type}`)),
        timeoutMs,
      );
      const onReply = (reply: IdleReply) =>
        reply.type === expect
          ? done(undefined, reply as ReplyOf<T>)
          : done(new Error(`idle-client host: ${JSON.stringify(reply)}`));
      const onExit = (code: number | null) => done(new Error(`an idle-client host exited (${code})`));
      const done = (error?: Error, reply?: ReplyOf<T>) => {
        clearTimeout(timer);
        host.off('message', onReply).off('exit', onExit);
        if (error) reject(error);
        else resolve(reply!);
      };
      host.once('message', onReply).once('exit', onExit);
      host.send(command);
    });
  }
}
