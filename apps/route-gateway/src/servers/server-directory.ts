import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ImServerClients } from '@cim/delivery';
import { REGISTRY, Registry, ServerInfo } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { GroupPresence } from '../groups/group-presence';
import { BusyServers } from './busy-servers';
import { passedOver } from './passed-over';
import { createSelector } from './strategies/create-selector';
import { ServerSelector } from './strategies/server-selector';

/** How long the client of a server that left the registry is kept (longer than a ZooKeeper outage). */
export const DEPARTED_GRACE_MS = 30_000;

/**
 * The live im-servers, as the registry reports them: keeps the clients in step with the list, picks a
 * server for each login with the configured strategy, and when a new run of a server appears takes the
 * users of its earlier runs offline (their routes, and their sessions' entries in the groups). A server that vanishes keeps its users until its run's lease lapses
 * (ServerRunsService).
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ServerDirectory');
  private readonly selector: ServerSelector;
  private servers: ServerInfo[] = [];
  /** The run of each server last seen in the registry. */
  private readonly incarnations = new Map<string, string>();
  private unwatch?: () => void;
  /** The last list the registry reported. */
  private reported: ServerInfo[] = [];
  /** Servers that left the registry lately, still called until their grace ends (see update). */
  private readonly departed = new Map<string, { info: ServerInfo; timer: NodeJS.Timeout }>();

  constructor(
    @Inject(REGISTRY) private readonly registry: Registry,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly clients: ImServerClients,
    private readonly groups: GroupPresence,
    env: GatewayEnv,
    private readonly busy: BusyServers,
  ) {
    this.selector = createSelector(env.CIM_ROUTE_STRATEGY);
  }

  onModuleInit(): void {
    this.unwatch = this.registry.watch((servers) => this.update(servers));
  }

  async onModuleDestroy(): Promise<void> {
    this.unwatch?.();
    for (const { timer } of this.departed.values()) clearTimeout(timer);
    this.departed.clear();
    this.servers = [];
    await this.clients.closeAll();
  }

  /** The live servers, sorted by id. */
  live(): readonly ServerInfo[] {
    return this.servers;
  }

  /** Listed in the registry now (a server that left it lately is still called, but not live). */
  isLive(serverId: string): boolean {
    return this.servers.some((s) => s.id === serverId);
  }

  /**
   * The server a login of this user goes to, or undefined when none is live. A server whose last call
   * failed is passed over for a few seconds, and one whose RPC port refused a connection until it
   * registers anew: either may have died without ZooKeeper knowing yet. Among the others, the one that
   * answered this client busy (`avoid`) and those reported busy lately are passed over while another
   * is left (passedOver); the strategy picks among the rest.
   */
  pick(userId: string, avoid?: string): ServerInfo | undefined {
    const candidates = this.clients.answering(this.servers);
    if (!candidates.length) return undefined;
    const passOver = passedOver(candidates, avoid, (id) => this.busy.isBusy(id));
    return this.selector.pick(candidates, userId, passOver);
  }

  /**
   * A client says this server answered its LOGIN busy (BusyServers); an id of no live server is ignored.
   * Whether it was taken.
   */
  reportedBusy(serverId: string): boolean {
    if (!this.isLive(serverId)) return false;
    this.busy.reported(serverId);
    return true;
  }

  /** Whether the server's RPC port refused the last connection: that run of it is gone. */
  isRefusing(serverId: string): boolean {
    return this.clients.refusing(serverId);
  }

  /** The login given this server was refused or failed: the strategy may hand the turn on. */
  unpick(serverId: string): void {
    this.selector.unused?.(serverId);
  }

  /** Calls a live server; rejects with ImServerCallError when it is not live, fails or times out. */
  call<R>(serverId: string, pattern: string, payload: unknown): Promise<R> {
    return this.clients.call<R>(serverId, pattern, payload);
  }

  /**
   * A server that leaves the registry is no longer chosen for logins, but its client is kept for
   * DEPARTED_GRACE_MS: a server that only lost its ZooKeeper session (a ZooKeeper restart) still gets
   * its users' messages, and one that died fails each call at once, leaving the message in the ledger.
   */
  private update(reported: ServerInfo[]): void {
    const listed = new Set(reported.map((s) => s.id));
    for (const info of this.servers) if (!listed.has(info.id)) this.depart(info);
    for (const id of listed) this.forgetDeparted(id);
    this.busy.keepOnly(listed);
    this.reported = reported;
    const departed = [...this.departed.values()].map((d) => d.info);
    const { added, removed } = this.clients.update([...reported, ...departed]);
    for (const info of added) {
      this.logger.log(
        `im-server ${info.id} is live (clients ${info.host}:${info.clientPort}, rpc ${info.rpcHost}:${info.rpcPort})`,
      );
    }
    for (const id of removed) this.logger.log(`im-server ${id} is no longer called`);
    for (const info of reported) this.seen(info);
    this.servers = [...new Map(reported.map((s) => [s.id, s])).values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }

  private depart(info: ServerInfo): void {
    if (this.departed.has(info.id)) return;
    this.logger.log(`im-server ${info.id} left the registry; its users stay online while its lease holds`);
    const timer = setTimeout(() => {
      this.departed.delete(info.id);
      this.update(this.reported);
    }, DEPARTED_GRACE_MS);
    timer.unref();
    this.departed.set(info.id, { info, timer });
  }

  private forgetDeparted(id: string): void {
    clearTimeout(this.departed.get(id)?.timer);
    this.departed.delete(id);
  }

  /**
   * A run of a server this gateway has not seen before: the routes of that server's earlier runs are
   * ghosts (their connections died with them), released at once. A run that registers again after a
   * ZooKeeper session expiry announces the same incarnation and loses nothing.
   */
  private seen({ id, incarnation }: ServerInfo): void {
    if (!incarnation || this.incarnations.get(id) === incarnation) return;
    this.incarnations.set(id, incarnation);
    this.store.releaseOtherRuns({ serverId: id, incarnation }).then(
      ({ userIds, routes }) => {
        if (userIds.length)
          this.logger.log(
            `im-server ${id} runs as ${incarnation}; ${userIds.length} users of earlier runs went offline`,
          );
        this.groups
          .released(routes)
          .catch((error: Error) =>
            this.logger.warn(
              `im-server ${id} runs as ${incarnation}; taking earlier runs' sessions out of the groups' online members failed: ${error.message}`,
            ),
          );
      },
      (error: Error) => {
        this.incarnations.delete(id);
        this.logger.error(
          `im-server ${id} runs as ${incarnation}; releasing earlier runs' users failed: ${error.message}`,
        );
      },
    );
  }
}
