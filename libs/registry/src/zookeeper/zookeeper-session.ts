import { NativeClient, NativeClientConstructor, NativeStat, WatchCallback, ZK } from './zookeeper-native';
import { FreedDescriptorGuard, zooKeeperPorts } from './freed-descriptor-guard';

/** A ZooKeeper call failed; `code` is the C API's result code (see ZK). */
export class ZooKeeperError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly path: string,
  ) {
    super(`ZooKeeper ${message} (${code}) at ${path}`);
    this.name = 'ZooKeeperError';
  }
}

/** Codes after which the same call can succeed once connected again, possibly in a new session. */
const RETRYABLE = new Set<number>([
  ZK.CONNECTION_LOSS,
  ZK.OPERATION_TIMEOUT,
  ZK.INVALID_STATE,
  ZK.SESSION_EXPIRED,
  ZK.CLOSING,
  ZK.SESSION_MOVED,
]);

export function isRetryable(error: unknown): boolean {
  return error instanceof ZooKeeperError && RETRYABLE.has(error.code);
}

export function hasCode(error: unknown, code: number): boolean {
  return error instanceof ZooKeeperError && error.code === code;
}

export interface SessionConfig {
  connect: string;
  sessionTimeoutMs: number;
  /** The C client's own log level (0 off … 4 debug); it prints to stdout and stderr. */
  nativeLogLevel: number;
}

/**
 * Why a session ended: `closed` by close(); `expired` as the server said (or the native client gave up on
 * an unanswering connection); `lost` when the connection stayed down for longer than the session timeout.
 */
export type SessionEnd = 'closed' | 'expired' | 'lost';

export interface SessionEvents {
  connected(session: ZooKeeperSession): void;
  disconnected(session: ZooKeeperSession): void;
  /** The session is over and the instance dead. */
  ended(session: ZooKeeperSession, why: SessionEnd): void;
}

/**
 * One ZooKeeper session over one native client, with a promise API. It is never reused once ended.
 *
 * The native client learns of an expiry only from the server, on reconnecting. A session whose connection
 * stays down for longer than its timeout ends itself as `lost` instead (as Apache Curator does): the
 * server has most likely expired it, and a ZooKeeper that came back without its data would refuse this
 * client forever (it has seen newer transactions), while a new client is welcome.
 */
export class ZooKeeperSession {
  private readonly client: NativeClient;
  private connected = false;
  private lostTimer?: NodeJS.Timeout;
  private why: SessionEnd = 'expired';
  private readonly descriptors: FreedDescriptorGuard;

  constructor(
    Client: NativeClientConstructor,
    private readonly config: SessionConfig,
    events: SessionEvents,
  ) {
    this.client = new Client({});
    this.descriptors = new FreedDescriptorGuard(zooKeeperPorts(config.connect));
    this.client.on('connect', () => {
      this.descriptors.connected();
      this.connected = true;
      clearTimeout(this.lostTimer);
      this.lostTimer = undefined;
      events.connected(this);
    });
    this.client.on('connecting', () => {
      // Emitted as the native client drops its socket: hold that socket's descriptor at once.
      this.descriptors.dropped();
      this.connected = false;
      this.lostTimer ??= setTimeout(() => this.end('lost'), this.timeoutMs);
      events.disconnected(this);
    });
    this.client.on('close', (_client, code) => {
      this.descriptors.ended();
      this.connected = false;
      clearTimeout(this.lostTimer);
      events.ended(this, code === 0 ? this.why : 'expired');
    });
    const failure = this.client.native.init({
      connect: config.connect,
      timeout: config.sessionTimeoutMs,
      debug_level: config.nativeLogLevel,
      host_order_deterministic: false,
    });
    if (failure instanceof Error)
      throw new Error(`cannot connect to ZooKeeper "${config.connect}": ${failure.message}`);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** The session id in hex, as ZooKeeper reports it in an ephemeral node's `ephemeralOwner`. */
  get id(): string {
    return this.client.client_id;
  }

  get password(): string {
    return this.client.client_password;
  }

  /** The session timeout the server granted, or the one asked for until then. */
  get timeoutMs(): number {
    return this.client.timeout > 0 ? this.client.timeout : this.config.sessionTimeoutMs;
  }

  async create(path: string, data: string, flags: number): Promise<void> {
    await this.call(path, (done) => this.client.a_create(path, data, flags, done));
  }

  /** Answers null when there is no node. */
  async exists(path: string): Promise<NativeStat | null> {
    try {
      return await this.call(path, (done) => this.client.a_exists(path, false, done));
    } catch (error) {
      if (hasCode(error, ZK.NO_NODE)) return null;
      throw error;
    }
  }

  /** The node's data as text; with a watcher, it fires once when the node changes or is deleted. */
  async get(path: string, watcher?: WatchCallback): Promise<string> {
    const data = await this.call<Buffer | null>(path, (done) => {
      const answer = (rc: number, error: string, _stat: unknown, value: Buffer | null) =>
        done(rc, error, value);
      return watcher ? this.client.aw_get(path, watcher, answer) : this.client.a_get(path, false, answer);
    });
    return data ? data.toString('utf8') : '';
  }

  /** With a watcher, it fires once when a child is added or removed. */
  getChildren(path: string, watcher?: WatchCallback): Promise<string[]> {
    return this.call(path, (done) =>
      watcher
        ? this.client.aw_get_children(path, watcher, done)
        : this.client.a_get_children(path, false, done),
    );
  }

  async set(path: string, data: string, version: number): Promise<void> {
    await this.call(path, (done) => this.client.a_set(path, data, version, done));
  }

  delete(path: string, version: number): Promise<void> {
    return this.call(path, (done) =>
      this.client.a_delete_(path, version, (rc, error) => done(rc, error, undefined)),
    );
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

  /** Ends the session; when connected, the server deletes its ephemeral nodes at once. */
  close(): void {
    this.end('closed');
  }

  private end(why: SessionEnd): void {
    this.why = why;
    this.client.close();
  }

  /** Runs one native call; its callback answers (rc, error text, result). */
  private call<T>(
    path: string,
    start: (done: (rc: number, error: string, result: T) => void) => number,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const rc = start((code, error, result) =>
        code === ZK.OK ? resolve(result) : reject(new ZooKeeperError(code, error, path)),
      );
      if (rc < 0) reject(new ZooKeeperError(rc, 'call refused', path));
    });
  }
}
