import { Member, MembersListener } from '../registry';
import { readMembers, Watches } from './member-nodes';
import { RegistryLogger } from './zookeeper-options';
import { ZooKeeperSession } from './zookeeper-session';

type WithSession = <T>(work: (session: ZooKeeperSession) => Promise<T>) => Promise<T>;

interface Subscriber<T extends Member> {
  listener: MembersListener<T>;
  /** The list this subscriber was last told, as JSON: it is told again only when the list differs. */
  told?: string;
}

/**
 * Keeps the watchers told the full member list. One children watch on the group's node and one data watch
 * per member node, at most one of each per session, re-armed by the read that follows each trigger; a
 * burst of triggers makes one read. A new session starts with no watches, so the first read in it arms
 * them all again.
 */
export class MembersWatch<T extends Member> {
  private readonly subscribers = new Set<Subscriber<T>>();
  private readonly armed = new WeakMap<ZooKeeperSession, Set<string>>();
  private pending = false;
  private reading = false;
  private stopped = false;

  constructor(
    private readonly membersPath: string,
    private readonly withSession: WithSession,
    private readonly logger?: RegistryLogger,
  ) {}

  /** The listener is told the list once it is read, then after every change; it keeps the last list while disconnected. */
  subscribe(listener: MembersListener<T>): () => void {
    const subscriber: Subscriber<T> = { listener };
    this.subscribers.add(subscriber);
    this.refresh();
    return () => this.subscribers.delete(subscriber);
  }

  /** Reads the list again soon; called on each trigger and on each (re)connection. */
  refresh(): void {
    if (this.stopped || this.subscribers.size === 0) return;
    this.pending = true;
    if (!this.reading) void this.readWhilePending();
  }

  stop(): void {
    this.stopped = true;
    this.subscribers.clear();
  }

  private async readWhilePending(): Promise<void> {
    this.reading = true;
    while (this.pending && !this.stopped) {
      await new Promise((resolve) => setImmediate(resolve)); // let a burst of triggers arrive
      this.pending = false;
      try {
        const servers = await this.withSession((session) =>
          readMembers<T>(session, this.membersPath, this.watchesOf(session), this.logger),
        );
        this.tell(servers);
      } catch (error) {
        if (!this.stopped)
          this.logger?.warn(`reading ${this.membersPath} failed: ${(error as Error).message}`);
      }
    }
    this.reading = false;
  }

  /** Each listener is called in its own microtask, with its own copy; what it throws is not caught here. */
  private tell(servers: T[]): void {
    const json = JSON.stringify(servers);
    for (const subscriber of this.subscribers) {
      if (subscriber.told === json) continue;
      subscriber.told = json;
      queueMicrotask(() => {
        if (this.subscribers.has(subscriber)) subscriber.listener(servers.map((s) => ({ ...s })));
      });
    }
  }

  private watchesOf(session: ZooKeeperSession): Watches {
    let armed = this.armed.get(session);
    if (!armed) this.armed.set(session, (armed = new Set()));
    const paths = armed;
    return {
      arm: (path) => {
        if (paths.has(path)) return undefined;
        paths.add(path);
        return () => {
          paths.delete(path);
          this.refresh();
        };
      },
      disarm: (path) => paths.delete(path),
    };
  }
}
