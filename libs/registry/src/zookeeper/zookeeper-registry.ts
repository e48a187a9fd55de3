import { RegistryClosedError } from '../errors';
import { Member, MembersListener, Registry, ServerInfo } from '../registry';
import { publishOwnNode, readMembers, withdrawOwnNode } from './member-nodes';
import { MembersWatch } from './members-watch';
import { ResolvedOptions, resolveOptions, ZooKeeperRegistryOptions } from './zookeeper-options';
import { isRetryable } from './zookeeper-codes';
import { SessionEnd, ZooKeeperSession } from './zookeeper-session';

/** A pause before retrying after a lost connection, so that a flapping link cannot make a busy loop. */
const RETRY_PAUSE_MS = 100;

/**
 * The live members of one group in ZooKeeper: each one is an ephemeral node `{root}/{group}/{id}`
 * (`{root}/servers/{id}` for im-servers, `{root}/gateways/{id}` for route-gateways) holding its info as JSON, so it vanishes when its session ends (close, or the process died and the session
 * timed out).
 *
 * The client reconnects by itself after a lost connection and keeps its session if it comes back within
 * the session timeout (ZooKeeper restarts included; watches survive too), and a connection that stops
 * answering is dropped and made again (see Liveness). When the session ends
 * otherwise (the server expired it, or the connection stayed down for longer than the session timeout,
 * see ZooKeeperSession), a new session is opened, this server's node is created again, every watch is
 * re-armed and watchers are told the fresh list. Operations wait for a connection (they never time out)
 * and are retried after a lost one. If re-registering fails for good (ServerIdTakenError), that is
 * logged and tried again at the next (re)connection.
 */
export class ZooKeeperRegistry<T extends Member = ServerInfo> implements Registry<T> {
  private readonly options: ResolvedOptions;
  private readonly servers: MembersWatch<T>;
  private session: ZooKeeperSession;
  private waiting: { resolve(session: ZooKeeperSession): void; reject(error: Error): void }[] = [];
  private own?: T;
  /** register, deregister and re-registration run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Whether a dropped unanswering connection was logged since the last (re)connection. */
  private toldUnanswered = false;

  constructor(options: ZooKeeperRegistryOptions) {
    this.options = resolveOptions(options);
    this.servers = new MembersWatch<T>(
      this.options.membersPath,
      (work) => this.withSession(work),
      this.options.logger,
    );
    this.session = this.openSession();
  }

  register(info: T): Promise<void> {
    return this.exclusive(async () => {
      if (this.own && this.own.id !== info.id) await this.deregisterNow();
      await this.withSession((session) => publishOwnNode(session, this.nodePath(info.id), info));
      this.own = { ...info };
    });
  }

  deregister(): Promise<void> {
    return this.exclusive(() => this.deregisterNow());
  }

  list(): Promise<T[]> {
    return this.withSession((session) => readMembers<T>(session, this.options.membersPath));
  }

  /** The listener is told the list once read (after connecting), then after each change. */
  watch(listener: MembersListener<T>): () => void {
    if (this.closed) throw new RegistryClosedError();
    return this.servers.subscribe(listener);
  }

  isConnected(): boolean {
    return !this.closed && this.session.isConnected;
  }

  /**
   * The current session's id and password (hex), which let a second client join the session: closing
   * that client ends the session, the classic way to make a ZooKeeper session expire in tests.
   */
  sessionCredentials(): { id: string; password: string } | undefined {
    return this.session.isConnected ? { id: this.session.id, password: this.session.password } : undefined;
  }

  /** Ends the session: when connected, the server deletes this server's node at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.own = undefined;
    this.servers.stop();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new RegistryClosedError());
    await this.session.close();
  }

  private async deregisterNow(): Promise<void> {
    const own = this.own;
    this.own = undefined;
    if (own) await this.withSession((session) => withdrawOwnNode(session, this.nodePath(own.id)));
  }

  private nodePath(id: string): string {
    return `${this.options.membersPath}/${id}`;
  }

  private openSession(): ZooKeeperSession {
    return new ZooKeeperSession(this.options, {
      connected: (session) => this.connected(session),
      disconnected: (session) => {
        if (session === this.session)
          this.options.logger?.warn('lost the connection to ZooKeeper; reconnecting');
      },
      ended: (session, why) => this.sessionEnded(session, why),
      unanswered: (session, why) => {
        // Once per outage: a ZooKeeper that stays silent makes a drop every few seconds.
        if (session !== this.session || this.toldUnanswered) return;
        this.toldUnanswered = true;
        this.options.logger?.warn(`ZooKeeper did not answer (${why}); connecting again until it does`);
      },
    });
  }

  private connected(session: ZooKeeperSession): void {
    if (this.closed || session !== this.session) return;
    this.options.logger?.log(`connected to ZooKeeper in session 0x${session.id}`);
    this.toldUnanswered = false;
    for (const waiter of this.waiting.splice(0)) waiter.resolve(session);
    this.servers.refresh();
    if (this.own) void this.republish(this.own);
  }

  private sessionEnded(session: ZooKeeperSession, why: SessionEnd): void {
    if (this.closed || session !== this.session) return;
    const how = why === 'lost' ? 'was disconnected for longer than its timeout' : why;
    this.options.logger?.warn(`ZooKeeper session 0x${session.id} ${how}; opening a new session`);
    this.replaceSession();
  }

  private replaceSession(): void {
    try {
      this.session = this.openSession();
    } catch (error) {
      this.options.logger?.error(`${(error as Error).message}; trying again`);
      setTimeout(() => {
        if (!this.closed) this.replaceSession();
      }, this.options.sessionTimeoutMs);
    }
  }

  /** After each (re)connection: makes sure this server's node is there, creating it in a new session. */
  private republish(info: T): Promise<void> {
    return this.exclusive(async () => {
      if (this.own !== info) return;
      try {
        const path = this.nodePath(info.id);
        const created = await this.withSession((session) => publishOwnNode(session, path, info));
        if (created) this.options.logger?.log(`registered ${info.id} again in session 0x${this.session.id}`);
      } catch (error) {
        if (!this.closed)
          this.options.logger?.error(`registering ${info.id} again failed: ${(error as Error).message}`);
      }
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs the work with a connected session, again after a lost connection or an expired session. */
  private async withSession<T>(work: (session: ZooKeeperSession) => Promise<T>): Promise<T> {
    for (;;) {
      const session = await this.connectedSession();
      try {
        return await work(session);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  }

  private connectedSession(): Promise<ZooKeeperSession> {
    if (this.closed) return Promise.reject(new RegistryClosedError());
    if (this.session.isConnected) return Promise.resolve(this.session);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

/** Builds the registry; it connects in the background and its operations wait for the connection. */
export function createZooKeeperRegistry<T extends Member = ServerInfo>(
  options: ZooKeeperRegistryOptions,
): ZooKeeperRegistry<T> {
  return new ZooKeeperRegistry<T>(options);
}
