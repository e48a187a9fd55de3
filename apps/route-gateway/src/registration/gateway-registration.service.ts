import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_REGISTRY, GatewayInfo, Registry } from '@cim/registry';
import { GatewayEnv } from '../config/gateway.env';

/**
 * Publishes this gateway's RPC address in the registry once its listeners are up, so that every
 * im-server finds it and spreads its calls over all live gateways. On shutdown it withdraws first and
 * keeps answering for CIM_GATEWAY_DRAIN_MS, so that the im-servers stop choosing it before it closes.
 */
@Injectable()
export class GatewayRegistrationService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GatewayRegistrationService.name);
  private info?: GatewayInfo;

  constructor(
    private readonly env: GatewayEnv,
    @Inject(GATEWAY_REGISTRY) private readonly registry: Registry<GatewayInfo>,
  ) {}

  async register(rpcPort: number): Promise<GatewayInfo> {
    this.info = {
      id: this.env.CIM_GATEWAY_ID,
      rpcHost: this.env.CIM_GATEWAY_RPC_ADVERTISED_HOST,
      rpcPort,
      startedAt: Date.now(),
    };
    await this.registry.register(this.info);
    this.logger.log(`registered as gateway ${this.info.id} at ${this.info.rpcHost}:${rpcPort}`);
    return this.info;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.info) return;
    this.info = undefined;
    await this.registry
      .deregister()
      .catch((error: Error) => this.logger.warn(`deregister failed: ${error.message}`));
    await new Promise((resolve) => setTimeout(resolve, this.env.CIM_GATEWAY_DRAIN_MS));
  }
}
