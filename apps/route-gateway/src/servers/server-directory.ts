import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { REGISTRY, Registry, ServerInfo } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import {
  IM_SERVER_CLIENT_FACTORY,
  ImServerCallError,
  ImServerClient,
  ImServerClientFactory,
} from './im-server-client';
import { createSelector } from './strategies/create-selector';
import { ServerSelector } from './strategies/server-selector';

const PASS_OVER_FAILED_MS = 5000;

interface Connection {
  info: ServerInfo;
  client: ImServerClient;
}

/**
 * The live im-servers, as the registry reports them: keeps one client per server, picks a server for
 * each login with the configured strategy, and when a server vanishes takes its users offline.
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ServerDirectory');
  private readonly selector: ServerSelector;
  private readonly connections = new Map<string, Connection>();
  private servers: ServerInfo[] = [];
  private unwatch?: () => void;
  /** Servers whose last call failed, and until when logins pass them over. */
  private readonly failedUntil = new Map<string, number>();

  constructor(
    @Inject(REGISTRY) private readonly registry: Registry,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(IM_SERVER_CLIENT_FACTORY) private readonly createClient: ImServerClientFactory,
    env: GatewayEnv,
  ) {
    this.selector = createSelector(env.CIM_ROUTE_STRATEGY);
  }

  onModuleInit(): void {
    this.unwatch = this.registry.watch((servers) => this.update(servers));
  }

  async onModuleDestroy(): Promise<void> {
    this.unwatch?.();
    const connections = [...this.connections.values()];
    this.connections.clear();
    this.servers = [];
    await Promise.all(connections.map((c) => this.close(c)));
  }

  /** The live servers, sorted by id. */
  live(): readonly ServerInfo[] {
    return this.servers;
  }

  isLive(serverId: string): boolean {
    return this.connections.has(serverId);
  }

  /**
   * The server a login of this user goes to, or undefined when none is live. A server whose last call
   * failed is passed over for a few seconds: it may have died without ZooKeeper knowing yet.
   */
  pick(userId: string): ServerInfo | undefined {
    const now = Date.now();
    const answering = this.servers.filter((s) => (this.failedUntil.get(s.id) ?? 0) <= now);
    const candidates = answering.length ? answering : this.servers;
    return candidates.length ? this.selector.pick(candidates, userId) : undefined;
  }

  /** The login given this server was refused or failed: the strategy may hand the turn on. */
  unpick(serverId: string): void {
    this.selector.unused?.(serverId);
  }

  /** Calls a live server; rejects with ImServerCallError when it is not live, fails or times out. */
  async call<R>(serverId: string, pattern: string, payload: unknown): Promise<R> {
    const connection = this.connections.get(serverId);
    if (!connection) throw new ImServerCallError(serverId, pattern, 'server is not live');
    try {
      const reply = await connection.client.call<R>(pattern, payload);
      this.failedUntil.delete(serverId);
      return reply;
    } catch (error) {
      this.failedUntil.set(serverId, Date.now() + PASS_OVER_FAILED_MS);
      throw error;
    }
  }

  private update(reported: ServerInfo[]): void {
    const next = new Map(reported.map((s) => [s.id, s]));
    for (const [id, connection] of this.connections) {
      const info = next.get(id);
      if (info && sameAddress(info, connection.info)) continue;
      this.connections.delete(id);
      this.failedUntil.delete(id);
      void this.close(connection);
      if (!info) this.vanished(id);
    }
    for (const info of next.values()) {
      if (this.connections.has(info.id)) this.connections.get(info.id)!.info = info;
      else {
        this.connections.set(info.id, { info, client: this.createClient(info) });
        this.logger.log(
          `im-server ${info.id} is live (clients ${info.host}:${info.clientPort}, rpc ${info.rpcHost}:${info.rpcPort})`,
        );
      }
    }
    this.servers = [...next.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Its users go offline; they log in again and land on a live server. */
  private vanished(serverId: string): void {
    if (!this.registry.isConnected()) {
      this.logger.warn(
        `im-server ${serverId} left the list while the registry is disconnected; its users stay online`,
      );
      return;
    }
    this.store.releaseServer(serverId).then(
      (userIds) => this.logger.log(`im-server ${serverId} vanished; ${userIds.length} users went offline`),
      (error: Error) =>
        this.logger.error(`im-server ${serverId} vanished; releasing its users failed: ${error.message}`),
    );
  }

  private async close({ info, client }: Connection): Promise<void> {
    try {
      await client.close();
    } catch (error) {
      this.logger.warn(`closing the client of im-server ${info.id} failed: ${(error as Error).message}`);
    }
  }
}

function sameAddress(a: ServerInfo, b: ServerInfo): boolean {
  return a.rpcHost === b.rpcHost && a.rpcPort === b.rpcPort;
}
