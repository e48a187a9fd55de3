import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { GATEWAY_REGISTRY, GatewayInfo, Registry } from '@cim/registry';
import { authenticatedSocket, RpcAuthenticator, RpcCaller } from '@cim/rpc';
import { ImServerEnv } from '../config/im-server.env';

/** How long a gateway whose call failed is passed over while others are live. */
const PASS_OVER_MS = 3000;

interface Connection {
  info: GatewayInfo;
  proxy: ClientProxy;
  failedAt?: number;
}

/**
 * The live route-gateways, from the registry, with one Nest TCP client each, whose connections open
 * with this server's CIM_RPC_SECRET proof (@cim/rpc). `pick` spreads calls over
 * them in turn, passing over gateways whose last call failed (for a few seconds) and those already tried
 * for the call at hand. A gateway that leaves the registry is closed once its calls have settled.
 */
@Injectable()
export class GatewayPool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayPool.name);
  private readonly connections = new Map<string, Connection>();
  private readonly waiters = new Set<() => void>();
  private next = 0;
  private unwatch?: () => void;

  private readonly caller: RpcCaller;

  constructor(
    @Inject(GATEWAY_REGISTRY) private readonly registry: Registry<GatewayInfo>,
    env: ImServerEnv,
  ) {
    this.caller = {
      authenticator: new RpcAuthenticator(env.CIM_RPC_SECRET),
      peer: `im-server ${env.CIM_SERVER_ID}`,
    };
  }

  onModuleInit(): void {
    this.unwatch = this.registry.watch((gateways) => this.update(gateways));
  }

  get size(): number {
    return this.connections.size;
  }

  /** The next gateway to call, skipping those in `tried`; undefined when none is left. */
  pick(tried: ReadonlySet<string>): Connection | undefined {
    const candidates = [...this.connections.values()].filter((c) => !tried.has(c.info.id));
    if (candidates.length === 0) return undefined;
    const now = Date.now();
    const healthy = candidates.filter((c) => c.failedAt === undefined || now - c.failedAt > PASS_OVER_MS);
    const from = healthy.length > 0 ? healthy : candidates;
    return from[this.next++ % from.length];
  }

  failed(connection: Connection, error: string): void {
    if (connection.failedAt === undefined)
      this.logger.warn(`call to gateway ${connection.info.id} failed (${error}); trying another`);
    connection.failedAt = Date.now();
  }

  succeeded(connection: Connection): void {
    connection.failedAt = undefined;
  }

  /** Resolves once at least one gateway is known, or after `ms`. */
  async whenAny(ms: number): Promise<void> {
    if (this.connections.size > 0) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unwatch?.();
    await Promise.all([...this.connections.values()].map((c) => c.proxy.close()));
    this.connections.clear();
  }

  private update(gateways: GatewayInfo[]): void {
    const live = new Map(gateways.map((g) => [g.id, g]));
    for (const [id, connection] of this.connections) {
      const now = live.get(id);
      if (now && now.rpcHost === connection.info.rpcHost && now.rpcPort === connection.info.rpcPort) continue;
      this.connections.delete(id);
      void connection.proxy.close();
    }
    for (const info of gateways) {
      if (this.connections.has(info.id)) continue;
      const proxy = ClientProxyFactory.create({
        transport: Transport.TCP,
        options: {
          host: info.rpcHost,
          port: info.rpcPort,
          socketClass: authenticatedSocket(this.caller, (reason) =>
            this.logger.warn(`gateway ${info.id} refused this server's RPC connection: ${reason}`),
          ),
        },
      });
      this.connections.set(info.id, { info, proxy });
    }
    this.logger.log(`route-gateways: ${gateways.map((g) => g.id).join(', ') || 'none'}`);
    if (this.connections.size > 0) for (const waiter of [...this.waiters]) waiter();
  }
}
