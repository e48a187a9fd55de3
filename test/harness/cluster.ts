import { AppProcess } from './app-process';
import { freePort, RedisClusterProcess, RedisProcess, ZooKeeperProcess } from '@cim/local-cluster';

export const TEST_SECRET = 'integration-test-secret-0123456789abcdef';
/** The CIM_RPC_SECRET of every process of a test cluster (not the development default). */
export const TEST_RPC_SECRET = 'integration-test-rpc-secret-0123456789abcdef';
/** The admin app's keys in a test cluster (addAdmin). */
export const TEST_ADMIN_KEY = 'integration-test-admin-key-0123456789abcdef';
export const TEST_PUSH_KEY = 'integration-test-push-key-0123456789abcdef';

export interface ClusterOptions {
  servers?: number;
  /** Route-gateways to start (gw-1, gw-2, ...); the im-servers find them in ZooKeeper. Default 1. */
  gateways?: number;
  gatewayEnv?: Record<string, string>;
  serverEnv?: Record<string, string>;
  /**
   * The store's Redis: one redis-server (default), or a 3-master Redis Cluster of its own, without or with
   * one replica per master.
   */
  redis?: RedisTopology | 'a Redis Cluster with replicas';
}

export type RedisTopology = 'one Redis' | 'a Redis Cluster';

/** Both topologies, for suites that run once on each (describe.each). */
export const REDIS_TOPOLOGIES: RedisTopology[] = ['one Redis', 'a Redis Cluster'];

/**
 * A whole cim cluster of real processes: its own redis-server (or Redis Cluster) and ZooKeeper, route-gateways
 * (gw-1, ...) and im-servers (im-1, im-2, ...), all on free loopback ports; addAdmin() adds the admin
 * app. `gateway` and `gatewayUrl` are the first gateway's.
 */
export class Cluster {
  /** The store's redis-server; not started when the cluster runs on a Redis Cluster (redisCluster). */
  readonly redis = new RedisProcess();
  redisCluster?: RedisClusterProcess;
  readonly zookeeper = new ZooKeeperProcess();
  readonly gateways: AppProcess[] = [];
  readonly gatewayUrls: string[] = [];
  /** Each gateway's internal port (/health, /ready, /metrics), beside gatewayUrls. */
  readonly gatewayInternalUrls: string[] = [];
  readonly servers: AppProcess[] = [];
  admin?: AppProcess;
  adminUrl = '';
  /** The admin app's internal port (/health, /ready, /metrics). */
  adminInternalUrl = '';
  private sharedEnv: Record<string, string> = {};
  private gatewayEnv: Record<string, string> = {};

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const cluster = new Cluster();
    await cluster.boot(options);
    return cluster;
  }

  get gateway(): AppProcess {
    return this.gateways[0];
  }

  get gatewayUrl(): string {
    return this.gatewayUrls[0] ?? '';
  }

  /** The first gateway's internal port: /health, /ready and /metrics. */
  get gatewayInternalUrl(): string {
    return this.gatewayInternalUrls[0] ?? '';
  }

  /** Starts another route-gateway (gw-N) with its own HTTP, internal and RPC ports; the im-servers find it. */
  async addGateway(gatewayEnv: Record<string, string> = {}): Promise<AppProcess> {
    const id = `gw-${this.gateways.length + 1}`;
    const [http, rpc, internal] = await Promise.all([freePort(), freePort(), freePort()]);
    const url = `http://127.0.0.1:${http}`;
    const internalUrl = `http://127.0.0.1:${internal}`;
    const env = {
      ...this.sharedEnv,
      CIM_GATEWAY_ID: id,
      CIM_GATEWAY_HTTP_HOST: '127.0.0.1',
      CIM_GATEWAY_HTTP_PORT: String(http),
      CIM_GATEWAY_INTERNAL_HOST: '127.0.0.1',
      CIM_GATEWAY_INTERNAL_PORT: String(internal),
      CIM_GATEWAY_RPC_BIND: '127.0.0.1',
      CIM_GATEWAY_RPC_ADVERTISED_HOST: '127.0.0.1',
      CIM_GATEWAY_RPC_PORT: String(rpc),
      CIM_SCRYPT_COST: '1024',
      ...this.gatewayEnv,
      ...gatewayEnv,
    };
    const gateway = new AppProcess('route-gateway', id, env, `${internalUrl}/ready`);
    this.gateways.push(gateway);
    this.gatewayUrls.push(url);
    this.gatewayInternalUrls.push(internalUrl);
    await gateway.start();
    return gateway;
  }

  /** The WebSocket port of im-N (1-based). */
  wsPort(index: number): number {
    return Number(this.servers[index - 1].env.CIM_IM_WS_PORT);
  }

  /** The client port of im-N (1-based), as registered. */
  clientPort(index: number): number {
    return Number(this.servers[index - 1].env.CIM_IM_CLIENT_PORT);
  }

  async addServer(serverEnv: Record<string, string> = {}): Promise<AppProcess> {
    const id = `im-${this.servers.length + 1}`;
    const [client, rpc, http, ws] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env = {
      ...this.sharedEnv,
      CIM_SERVER_ID: id,
      CIM_IM_CLIENT_HOST: '127.0.0.1',
      CIM_IM_CLIENT_PORT: String(client),
      CIM_IM_WS_HOST: '127.0.0.1',
      CIM_IM_WS_PORT: String(ws),
      CIM_IM_RPC_HOST: '127.0.0.1',
      CIM_IM_RPC_PORT: String(rpc),
      CIM_IM_HTTP_PORT: String(http),
      ...serverEnv,
    };
    const server = new AppProcess('im-server', id, env, `http://127.0.0.1:${http}/ready`);
    this.servers.push(server);
    await server.start();
    return server;
  }

  /** Starts the admin app on the cluster's Redis and ZooKeeper, with TEST_ADMIN_KEY and TEST_PUSH_KEY. */
  async addAdmin(adminEnv: Record<string, string> = {}): Promise<AppProcess> {
    const [port, internal] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...this.sharedEnv,
      CIM_ADMIN_HTTP_HOST: '127.0.0.1',
      CIM_ADMIN_HTTP_PORT: String(port),
      CIM_ADMIN_INTERNAL_HOST: '127.0.0.1',
      CIM_ADMIN_INTERNAL_PORT: String(internal),
      CIM_ADMIN_API_KEY: TEST_ADMIN_KEY,
      CIM_PUSH_API_KEY: TEST_PUSH_KEY,
      ...adminEnv,
    };
    this.adminUrl = `http://127.0.0.1:${port}`;
    this.adminInternalUrl = `http://127.0.0.1:${internal}`;
    this.admin = new AppProcess('admin', 'admin', env, `${this.adminInternalUrl}/ready`);
    await this.admin.start();
    return this.admin;
  }

  /** The HTTP port (health, metrics) of im-N (1-based). */
  httpPort(index: number): number {
    return Number(this.servers[index - 1].env.CIM_IM_HTTP_PORT);
  }

  async stop(): Promise<void> {
    await this.admin?.stop('SIGKILL');
    await Promise.all(this.servers.map((s) => s.stop('SIGKILL')));
    await Promise.all(this.gateways.map((g) => g.stop('SIGKILL')));
    await Promise.all([this.redis.destroy(), this.redisCluster?.destroy(), this.zookeeper.destroy()]);
  }

  private async boot(options: ClusterOptions): Promise<void> {
    const { servers = 2, gateways = 1, gatewayEnv = {}, serverEnv = {}, redis = 'one Redis' } = options;
    if (redis !== 'one Redis') {
      const replicasPerMaster = redis === 'a Redis Cluster with replicas' ? 1 : 0;
      this.redisCluster = new RedisClusterProcess({ replicasPerMaster });
    }
    await Promise.all([(this.redisCluster ?? this.redis).start(), this.zookeeper.start()]);
    this.gatewayEnv = gatewayEnv;
    const store: Record<string, string> = this.redisCluster
      ? { CIM_REDIS_CLUSTER_NODES: this.redisCluster.seeds }
      : { CIM_REDIS_URL: this.redis.url };
    this.sharedEnv = {
      CIM_STORE: 'redis',
      ...store,
      CIM_REGISTRY: 'zookeeper',
      CIM_ZK_CONNECT: this.zookeeper.connectString,
      CIM_ZK_SESSION_TIMEOUT_MS: '4000',
      CIM_TOKEN_SECRET: TEST_SECRET,
      CIM_RPC_SECRET: TEST_RPC_SECRET,
    };
    for (let i = 0; i < gateways; i++) await this.addGateway();
    for (let i = 0; i < servers; i++) await this.addServer(serverEnv);
  }
}
