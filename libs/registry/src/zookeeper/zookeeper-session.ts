import { Stat } from 'node-zookeeper-client';
import { ClientConnection, LINK } from './client-connection';
import { Liveness } from './liveness';
import { PendingCalls } from './pending-calls';
import { hasCode, ZK } from './zookeeper-codes';

export interface SessionConfig {
  connect: string;
  sessionTimeoutMs: number;
  /** Joins this session instead of opening a new one (a test's way to end another client's session). */
  join?: { id: string; password: string };
}

/** What the registry reads of a node. */
export interface NodeStat {
  version: number;
  /** The owning session's id in hex (16 digits), all zeros for a persistent node. */
  ephemeralOwner: string;
}

/** Fires once, when the node (or its list of children) changes or the node is deleted. */
export type WatchCallback = () => void;

/**
 * Why a session ended: `closed` by close(); `expired` as the server said (or the client could not go on);
 * `lost` when the connection stayed down for longer than the session timeout.
 */
export type SessionEnd = 'closed' | 'expired' | 'lost';

export interface SessionEvents {
  connected(session: ZooKeeperSession): void;
  disconnected(session: ZooKeeperSession): void;
  /** The session is over and the instance dead. */
  ended(session: ZooKeeperSession, why: SessionEnd): void;
  /** A connection (or attempt) was dropped because the server did not answer. */
  unanswered?(session: ZooKeeperSession, why: string): void;
}

/**
 * One ZooKeeper session over one client (node-zookeeper-client, plain JavaScript), with a promise API.
 * It is never reused once ended.
 *
 * The client reconnects by itself and keeps its session (and its watches) when it comes back within the
 * session timeout; Liveness drops a connection that stops answering. The client learns of an expiry only
 * from the server, on reconnecting. A session whose connection stays down for longer than its timeout
 * ends itself as `lost` instead (as Apache Curator does): the server has most likely expired it, and a
 * ZooKeeper that came back without its data would refuse this client forever (it has seen newer
 * transactions), while a new client is welcome.
 *
 * Every call settles: with the server's answer, or with CONNECTION_LOSS when its connection drops, or when
 * the session ends.
 */
export class ZooKeeperSession {
  private readonly connection: ClientConnection;
  private readonly liveness: Liveness;
  private connected = false;
  private over = false;
  private lostTimer?: NodeJS.Timeout;
  private readonly calls = new PendingCalls();
  private closed?: Promise<void>;
  private onClosed?: () => void;

  constructor(
    private readonly config: SessionConfig,
    private readonly events: SessionEvents,
  ) {
    this.connection = new ClientConnection(config.connect, config, (state) => this.changed(state));
    this.liveness = new Liveness({
      timeoutMs: () => this.timeoutMs,
      isConnected: () => this.connected,
      attempt: () => this.connection.socket,
      ask: () => this.exists('/'),
      drop: (attempt, why) => {
        if (this.connection.socket !== attempt) return;
        this.connection.drop();
        this.events.unanswered?.(this, why);
      },
    });
    this.connection.connect();
    this.liveness.start();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** The session id in hex (16 digits), as an ephemeral node's owner is given (NodeStat). */
  get id(): string {
    return this.connection.client.getSessionId().toString('hex');
  }

  /** The session password in hex: with the id, what a second client needs to join the session. */
  get password(): string {
    return this.connection.client.getSessionPassword().toString('hex');
  }

  /** The session timeout the server granted, or the one asked for until then. */
  get timeoutMs(): number {
    const granted = this.connection.client.getSessionTimeout();
    return granted > 0 ? granted : this.config.sessionTimeoutMs;
  }

  async create(path: string, data: string, mode: number): Promise<void> {
    await this.calls.run<string>(path, (done) =>
      this.connection.client.create(path, Buffer.from(data), mode, done),
    );
  }

  /** Answers null when there is no node. */
  async exists(path: string): Promise<NodeStat | null> {
    const stat = await this.calls.run<Stat | null>(path, (done) => this.connection.client.exists(path, done));
    return stat && { version: stat.version, ephemeralOwner: stat.ephemeralOwner.toString('hex') };
  }

  /** The node's data as text; with a watcher, it fires once when the node changes or is deleted. */
  async get(path: string, watcher?: WatchCallback): Promise<string> {
    const client = this.connection.client;
    const data = await this.calls.run<Buffer | null>(path, (done) =>
      watcher ? client.getData(path, () => watcher(), done) : client.getData(path, done),
    );
    return data ? data.toString('utf8') : '';
  }

  /** With a watcher, it fires once when a child is added or removed. */
  getChildren(path: string, watcher?: WatchCallback): Promise<string[]> {
    const client = this.connection.client;
    return this.calls.run(path, (done) =>
      watcher ? client.getChildren(path, () => watcher(), done) : client.getChildren(path, done),
    );
  }

  async set(path: string, data: string, version: number): Promise<void> {
    await this.calls.run(path, (done) =>
      this.connection.client.setData(path, Buffer.from(data), version, done),
    );
  }

  async delete(path: string, version: number): Promise<void> {
    await this.calls.run<void>(path, (done) => this.connection.client.remove(path, version, (e) => done(e)));
  }

  /** Creates the persistent node and its missing ancestors. */
  async ensurePath(path: string): Promise<void> {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      try {
        await this.create(`/${parts.slice(0, i).join('/')}`, '', ZK.PERSISTENT);
      } catch (error) {
        if (!hasCode(error, ZK.NODE_EXISTS)) throw error;
      }
    }
  }

  /**
   * Ends the session. When connected, the server is asked to close it, which deletes its ephemeral nodes
   * at once; this resolves once it has answered, or after two thirds of the timeout without an answer.
   */
  close(): Promise<void> {
    this.closed ??= this.closeNow();
    return this.closed;
  }

  private closeNow(): Promise<void> {
    const connected = this.connected && this.connection.state === LINK.CONNECTED;
    if (!this.over) {
      this.finish();
      this.events.ended(this, 'closed');
    }
    if (!connected) {
      this.connection.stop();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.connection.stop();
        resolve();
      };
      const timer = setTimeout(done, (2 * this.timeoutMs) / 3);
      this.onClosed = done;
      this.connection.closeSession();
    });
  }

  /** The client's connection changed state. */
  private changed(state: number): void {
    if (this.over) {
      if (state === LINK.CLOSED) this.onClosed?.();
      return;
    }
    if (state === LINK.CONNECTED) {
      clearTimeout(this.lostTimer);
      this.lostTimer = undefined;
      this.connected = true;
      this.events.connected(this);
    } else if (state === LINK.DISCONNECTED) {
      this.calls.failAll(ZK.CONNECTION_LOSS);
      if (!this.connected) return;
      this.connected = false;
      this.lostTimer ??= setTimeout(() => this.end('lost'), this.timeoutMs);
      this.events.disconnected(this);
    } else if (
      state === LINK.SESSION_EXPIRED ||
      state === LINK.AUTHENTICATION_FAILED ||
      state === LINK.CLOSED
    ) {
      // The client never connects again from these states: the session is over.
      this.end('expired');
    }
  }

  private end(why: SessionEnd): void {
    if (this.over) return;
    this.finish();
    this.connection.stop();
    this.events.ended(this, why);
  }

  /** Marks the session over: nothing runs for it any more, and every call still waiting fails. */
  private finish(): void {
    this.over = true;
    this.connected = false;
    this.liveness.stop();
    clearTimeout(this.lostTimer);
    this.calls.close();
  }
}
