import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { REGISTRY, Registry, ServerInfo } from '@cim/registry';
import { ImServerEnv } from '../config/im-server.env';
import { Evacuation } from '../drain/evacuation';
import { ServerStats } from '../stats/server-stats';
import { RunLeaseService } from '../run-lease/run-lease.service';
import { ServerRun } from '../run-lease/server-run';

/**
 * Publishes this server in the registry once its listeners are up; on shutdown withdraws it and moves
 * its clients elsewhere at a bounded rate (Evacuation), waiting for them to leave and for their session
 * reports to reach the route-gateway.
 */
@Injectable()
export class RegistrationService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RegistrationService.name);
  private info?: ServerInfo;
  private stopping = false;

  constructor(
    private readonly env: ImServerEnv,
    @Inject(REGISTRY) private readonly registry: Registry,
    private readonly evacuation: Evacuation,
    private readonly stats: ServerStats,
    private readonly run: ServerRun,
    private readonly lease: RunLeaseService,
  ) {}

  get registered(): boolean {
    return !!this.info;
  }

  /**
   * Takes this run's lease and publishes this server in the registry; `registered` (its readiness) turns true once the registry
   * holds it. A shutdown that began meanwhile leaves it unregistered: its entry goes with the registry's
   * session, which the shutdown closes. Clients are sent to CIM_IM_ADVERTISED_HOST and to
   * CIM_IM_ADVERTISED_PORT, or to the port the client listener got when that is 0.
   */
  async register(ports: {
    clientPort: number;
    wsUrl: string;
    tls: boolean;
    httpPort: number;
  }): Promise<ServerInfo> {
    const info: ServerInfo = {
      id: this.env.CIM_SERVER_ID,
      host: this.env.CIM_IM_ADVERTISED_HOST,
      clientPort: this.env.CIM_IM_ADVERTISED_PORT || ports.clientPort,
      wsUrl: ports.wsUrl,
      tls: ports.tls,
      rpcHost: this.env.CIM_IM_RPC_ADVERTISED_HOST,
      rpcPort: this.env.CIM_IM_RPC_PORT,
      httpPort: ports.httpPort,
      startedAt: this.stats.startedAt,
      incarnation: this.run.incarnation,
    };
    // Renewed from now on; a first attempt that finds no gateway yet is repeated at the next renewal.
    void this.lease.start();
    await this.registry.register(info);
    if (this.stopping) return info;
    this.info = info;
    this.logger.log(`registered as ${info.id} at ${info.host}:${info.clientPort} and ${info.wsUrl}`);
    return info;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (!this.info) return;
    this.info = undefined;
    await this.registry
      .deregister()
      .catch((error: Error) => this.logger.warn(`deregister failed: ${error.message}`));
    await this.evacuation.run();
  }
}
