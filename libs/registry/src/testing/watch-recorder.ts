import { Registry, ServerInfo } from '../registry';

/** Records what a registry's watcher is told, and waits for the list to become what a test expects. */
export class WatchRecorder {
  readonly calls: ServerInfo[][] = [];
  readonly stop: () => void;
  private readonly waiters = new Set<() => void>();

  constructor(registry: Registry) {
    this.stop = registry.watch((servers) => {
      this.calls.push(servers);
      for (const check of [...this.waiters]) check();
    });
  }

  /** The ids of the last list told, in order. */
  get lastIds(): string[] | undefined {
    return this.calls.at(-1)?.map((s) => s.id);
  }

  /** Resolves with the last list once its ids are `ids` (now or later); rejects after `timeoutMs`. */
  until(ids: string[], timeoutMs = 10000): Promise<ServerInfo[]> {
    return this.untilList((servers) => sameIds(servers, ids), `ids [${ids}]`, timeoutMs);
  }

  /** Resolves with the last list once it satisfies the predicate (now or later). */
  untilList(
    predicate: (servers: ServerInfo[]) => boolean,
    what: string,
    timeoutMs = 10000,
  ): Promise<ServerInfo[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const last = this.calls.at(-1);
        if (!last || !predicate(last)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(last);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the watcher was not told ${what} within ${timeoutMs} ms; last: [${this.lastIds}]`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

function sameIds(servers: ServerInfo[], ids: string[]): boolean {
  return servers.length === ids.length && servers.every((s, i) => s.id === ids[i]);
}

/** Polls until the condition holds; rejects after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A server description for tests. */
export function serverInfo(id: string, port = 9000): ServerInfo {
  return {
    id,
    host: '127.0.0.1',
    clientPort: port,
    rpcHost: '127.0.0.1',
    rpcPort: port + 1,
    httpPort: port + 2,
    startedAt: 1700000000000,
  };
}
