import { loadNativeZooKeeper } from '../zookeeper/zookeeper-native';
import { ZooKeeperSession } from '../zookeeper/zookeeper-session';

/**
 * Looks at ZooKeeper from outside the registries under test, and ends their sessions. It holds a native
 * client: tests use it inside the registry host process (host/registry-host.ts), never in the test
 * process itself.
 */
export class ZooKeeperProbe {
  private constructor(
    private readonly session: ZooKeeperSession,
    private readonly life: { ended: boolean },
  ) {}

  /** Connected in a live session: a probe that is not is closed rather than waited for. */
  get usable(): boolean {
    return !this.life.ended && this.session.isConnected;
  }

  /**
   * Connects, or rejects when ZooKeeper did not answer within `timeoutMs`: generous, since a ZooKeeper
   * that has just started on a loaded machine can take many seconds to serve a new session.
   */
  static async open(connect: string, timeoutMs = 30000): Promise<ZooKeeperProbe> {
    let session!: ZooKeeperSession;
    const life = { ended: false };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.close();
        reject(new Error(`ZooKeeper at ${connect} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const config = { connect, sessionTimeoutMs: 10000, nativeLogLevel: 0 };
      const connected = () => {
        clearTimeout(timer);
        resolve();
      };
      const ended = () => (life.ended = true);
      const events = { connected, disconnected: () => undefined, ended };
      session = new ZooKeeperSession(loadNativeZooKeeper(), config, events);
    });
    return new ZooKeeperProbe(session, life);
  }

  /**
   * Ends a session the classic way: a second client joins it with its id and password, then closes, which
   * closes the session on the server; the first client learns it expired when it reconnects. The first
   * client may take the session back before the close is sent, so this joins again until the server
   * answers that the session is gone.
   */
  static async expire(connect: string, credentials: { id: string; password: string }): Promise<void> {
    for (;;) {
      const client = new (loadNativeZooKeeper())({});
      const joined = await new Promise<boolean>((resolve) => {
        client.on('connect', () => resolve(true));
        client.on('close', () => resolve(false));
        client.native.init({
          connect,
          timeout: 10000,
          debug_level: 0,
          client_id: credentials.id,
          client_password: credentials.password,
        });
      });
      if (!joined) return;
      // Closed from inside its own 'connect' event, the client would not send the request to the server.
      await new Promise((resolve) => setImmediate(resolve));
      client.close();
    }
  }

  /** The id of the session owning the node, or undefined when there is no node. */
  async owner(path: string): Promise<string | undefined> {
    return (await this.session.exists(path))?.ephemeralOwner;
  }

  close(): void {
    this.session.close();
  }
}
