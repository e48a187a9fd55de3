import { ServerInfo } from '@cim/registry';
import {
  ImServerCallError,
  ImServerClient,
  ImServerClientFactory,
  ImServerLogger,
  isRefused,
} from './im-server-client';

/** How long a server whose last call failed is passed over by answering(). */
export const PASS_OVER_FAILED_MS = 5000;

interface Connection {
  info: ServerInfo;
  client: ImServerClient;
}

/** What update() changed: the servers new (or at a new address) and the ids no longer listed. */
export interface ClientsUpdate {
  added: ServerInfo[];
  removed: string[];
}

/**
 * One client per listed im-server, kept in step with the registry's list by update(), and the calls
 * to them by server id. A server whose last call failed is left out of answering() for a few
 * seconds: it may have died without ZooKeeper knowing yet. One whose RPC port refused a connection
 * is gone (refusing()): it is left out until it is listed anew (another run or address) or a call
 * to it succeeds, however long ZooKeeper takes to notice.
 */
export class ImServerClients {
  private readonly connections = new Map<string, Connection>();
  /** Servers whose last call failed, and until when answering() leaves them out. */
  private readonly failedUntil = new Map<string, number>();
  /** Servers whose RPC port refused the last connection. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly createClient: ImServerClientFactory,
    private readonly logger?: Pick<ImServerLogger, 'warn'>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Makes clients for new servers and for servers at a new address; closes those of the others. */
  update(servers: readonly ServerInfo[]): ClientsUpdate {
    const next = new Map(servers.map((s) => [s.id, s]));
    const removed: string[] = [];
    for (const [id, connection] of this.connections) {
      const info = next.get(id);
      if (info && sameAddress(info, connection.info)) {
        if (info.incarnation !== connection.info.incarnation) this.refused.delete(id);
        connection.info = info;
        continue;
      }
      this.connections.delete(id);
      this.failedUntil.delete(id);
      this.refused.delete(id);
      void this.close(connection);
      if (!info) removed.push(id);
    }
    const added = [...next.values()].filter((info) => !this.connections.has(info.id));
    for (const info of added) this.connections.set(info.id, { info, client: this.createClient(info) });
    return { added, removed };
  }

  isLive(serverId: string): boolean {
    return this.connections.has(serverId);
  }

  /**
   * The servers among these whose last call did not fail lately and that do not refuse connections;
   * all of them when none is left.
   */
  answering(servers: readonly ServerInfo[]): readonly ServerInfo[] {
    const now = this.clock();
    const answering = servers.filter(
      (s) => !this.refused.has(s.id) && (this.failedUntil.get(s.id) ?? 0) <= now,
    );
    return answering.length ? answering : servers;
  }

  /** Whether the server's RPC port refused the last connection (see the class comment). */
  refusing(serverId: string): boolean {
    return this.refused.has(serverId);
  }

  /** Calls a listed server; rejects with ImServerCallError when it is not listed, fails or times out. */
  async call<R>(serverId: string, pattern: string, payload: unknown): Promise<R> {
    const connection = this.connections.get(serverId);
    if (!connection) throw new ImServerCallError(serverId, pattern, 'server is not live');
    try {
      const reply = await connection.client.call<R>(pattern, payload);
      this.failedUntil.delete(serverId);
      this.refused.delete(serverId);
      return reply;
    } catch (error) {
      this.failedUntil.set(serverId, this.clock() + PASS_OVER_FAILED_MS);
      if (isRefused(error)) this.refused.add(serverId);
      throw error;
    }
  }

  /** Closes every client; the list is empty afterwards. */
  async closeAll(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    this.failedUntil.clear();
    this.refused.clear();
    await Promise.all(all.map((c) => this.close(c)));
  }

  private async close({ info, client }: Connection): Promise<void> {
    try {
      await client.close();
    } catch (error) {
      this.logger?.warn(`closing the client of im-server ${info.id} failed: ${(error as Error).message}`);
    }
  }
}

function sameAddress(a: ServerInfo, b: ServerInfo): boolean {
  return a.rpcHost === b.rpcHost && a.rpcPort === b.rpcPort;
}
