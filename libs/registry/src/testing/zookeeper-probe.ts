import { SessionConfig, ZooKeeperSession } from '../zookeeper/zookeeper-session';

/**
 * Looks at ZooKeeper from outside the registries under test, and ends their sessions. Tests reach it
 * through the registry host process (host/registry-host.ts), beside the registries it looks at.
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
        void session.close();
        reject(new Error(`ZooKeeper at ${connect} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const connected = () => {
        clearTimeout(timer);
        resolve();
      };
      const ended = () => (life.ended = true);
      const events = { connected, disconnected: () => undefined, ended };
      session = new ZooKeeperSession({ connect, sessionTimeoutMs: 10000 }, events);
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
      let session!: ZooKeeperSession;
      const joined = await new Promise<boolean>((resolve) => {
        const config: SessionConfig = { connect, sessionTimeoutMs: 10000, join: credentials };
        session = new ZooKeeperSession(config, {
          connected: () => resolve(true),
          disconnected: () => undefined,
          // Before connecting, only because the server refused the session: it is gone.
          ended: () => resolve(false),
        });
      });
      if (!joined) return;
      await session.close();
    }
  }

  /** The id of the session owning the node, or undefined when there is no node. */
  async owner(path: string): Promise<string | undefined> {
    return (await this.session.exists(path))?.ephemeralOwner;
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
