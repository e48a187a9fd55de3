import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ImServerClients } from '@cim/delivery';
import { REGISTRY, Registry, ServerInfo } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { createSelector } from './strategies/create-selector';
import { ServerSelector } from './strategies/server-selector';

/**
 * The live im-servers, as the registry reports them: keeps the clients in step with the list, picks a
 * server for each login with the configured strategy, and when a server vanishes takes its users offline.
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ServerDirectory');
  private readonly selector: ServerSelector;
  private servers: ServerInfo[] = [];
  private unwatch?: () => void;

  constructor(
    @Inject(REGISTRY) private readonly registry: Registry,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly clients: ImServerClients,
    env: GatewayEnv,
  ) {
    this.selector = createSelector(env.CIM_ROUTE_STRATEGY);
  }

  onModuleInit(): void {
    this.unwatch = this.registry.watch((servers) => this.update(servers));
  }

  async onModuleDestroy(): Promise<void> {
    this.unwatch?.();
    this.servers = [];
    await this.clients.closeAll();
  }

  /** The live servers, sorted by id. */
  live(): readonly ServerInfo[] {
    return this.servers;
  }

  isLive(serverId: string): boolean {
    return this.clients.isLive(serverId);
  }

  /**
   * The server a login of this user goes to, or undefined when none is live. A server whose last call
   * failed is passed over for a few seconds: it may have died without ZooKeeper knowing yet.
   */
  pick(userId: string): ServerInfo | undefined {
    const candidates = this.clients.answering(this.servers);
    return candidates.length ? this.selector.pick(candidates, userId) : undefined;
  }

  /** The login given this server was refused or failed: the strategy may hand the turn on. */
  unpick(serverId: string): void {
    this.selector.unused?.(serverId);
  }

  /** Calls a live server; rejects with ImServerCallError when it is not live, fails or times out. */
  call<R>(serverId: string, pattern: string, payload: unknown): Promise<R> {
    return this.clients.call<R>(serverId, pattern, payload);
  }

  private update(reported: ServerInfo[]): void {
    const { added, removed } = this.clients.update(reported);
    for (const info of added) {
      this.logger.log(
        `im-server ${info.id} is live (clients ${info.host}:${info.clientPort}, rpc ${info.rpcHost}:${info.rpcPort})`,
      );
    }
    removed.forEach((id) => this.vanished(id));
    this.servers = [...new Map(reported.map((s) => [s.id, s])).values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
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
}
