import { join } from 'node:path';
import { mapLimit } from '../load/limit';
import { CarrierName } from '../options';
import { ConnectTarget, SystemUnderTest, UserSpec } from '../workloads/system';
import { AppProcess, Child, freePort, ServiceProcess, sleep } from '@cim/local-cluster';
import { benchDir, LOG_DIR } from './paths';
import { WatchedProcess } from './proc';
import { startRedis, startZooKeeper } from './services';

export const BENCH_PASSWORD = 'bench-password-0123';
const TOKEN_SECRET = 'bench-token-secret-0123456789abcdef0123456789';
const RPC_SECRET = 'bench-rpc-secret-0123456789abcdef0123456789abc';
export const PROFILE_DIR = benchDir('profiles');

/**
 * The settings the bench runs cim with (docs/benchmarks.md lists them): warn-level logs, a cheap
 * scrypt cost so that tens of thousands of accounts register quickly, a send rate limit far above
 * the load, an idle timeout longer than a run so that W3's silent connections stay, and histories
 * that keep the 10,000 messages W4's returning device syncs.
 */
export const BENCH_ENV = {
  NODE_ENV: 'production',
  CIM_LOG_LEVEL: 'warn',
  CIM_SCRYPT_COST: '1024',
  CIM_SEND_RATE_PER_SEC: '1000000',
  CIM_SEND_BURST: '1000000',
  CIM_IDLE_TIMEOUT_MS: '600000',
  CIM_HISTORY_MAX_MESSAGES: '10000',
};

export interface CimClusterOptions {
  /** Per-process open-file limit of the im-servers. */
  fdLimit: number;
  profile: boolean;
  /** Route-gateways to run; each user logs in at one of them (user i at gateway i mod n). */
  gateways: number;
  /** How the load connections reach the im-servers (default TCP); every im-server listens on both. */
  carrier?: CarrierName;
  /** Settings on top of BENCH_ENV, for every process (the soak's history cap). */
  env?: Record<string, string>;
}

/** POSTs JSON (with a bearer token when given) and answers the reply's body, if any; anything but 2xx throws. */
export async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Redis, ZooKeeper, route-gateways and N im-servers from dist/, all on loopback. */
export class CimCluster implements SystemUnderTest {
  readonly name = 'cim' as const;
  private children: Child[] = [];
  private imServers: Child[] = [];
  private gateways: Child[] = [];
  private services: ServiceProcess[] = [];
  private gatewayUrls: string[] = [];
  private redisPort?: number;

  readonly carrier: CarrierName;

  constructor(private readonly options: CimClusterOptions) {
    this.carrier = options.carrier ?? 'tcp';
  }

  async start(servers: number, tag: string): Promise<void> {
    const [redis, zk] = await Promise.all([startRedis(`${tag}-redis`), startZooKeeper(`${tag}-zookeeper`)]);
    this.services.push(redis, zk);
    this.redisPort = redis.port;
    this.children.push(redis.child!, zk.child!);
    const shared = {
      ...BENCH_ENV,
      ...this.options.env,
      CIM_STORE: 'redis',
      CIM_REDIS_URL: redis.url,
      CIM_REGISTRY: 'zookeeper',
      CIM_ZK_CONNECT: zk.connectString,
      CIM_TOKEN_SECRET: TOKEN_SECRET,
      CIM_RPC_SECRET: RPC_SECRET,
    };
    for (let g = 1; g <= this.options.gateways; g++) {
      const [http, rpc, internal] = await Promise.all([freePort(), freePort(), freePort()]);
      const url = `http://127.0.0.1:${http}`;
      const label = this.options.gateways === 1 ? `${tag}-gateway` : `${tag}-gateway-${g}`;
      const gateway = await this.startApp('route-gateway', label, `http://127.0.0.1:${internal}/ready`, {
        ...shared,
        CIM_GATEWAY_HTTP_HOST: '127.0.0.1',
        CIM_GATEWAY_HTTP_PORT: String(http),
        CIM_GATEWAY_INTERNAL_HOST: '127.0.0.1',
        CIM_GATEWAY_INTERNAL_PORT: String(internal),
        CIM_GATEWAY_ID: `gw-${g}`,
        CIM_GATEWAY_RPC_BIND: '127.0.0.1',
        CIM_GATEWAY_RPC_ADVERTISED_HOST: '127.0.0.1',
        CIM_GATEWAY_RPC_PORT: String(rpc),
        CIM_NODE_ID: String(g),
      });
      this.gateways.push(gateway);
      this.gatewayUrls.push(url);
    }
    for (let i = 1; i <= servers; i++) {
      const [client, rpcPort, httpPort, wsPort] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
      const server = await this.startApp(
        'im-server',
        `${tag}-im-${i}`,
        `http://127.0.0.1:${httpPort}/ready`,
        {
          ...shared,
          CIM_SERVER_ID: `im-${i}`,
          CIM_IM_CLIENT_HOST: '127.0.0.1',
          CIM_IM_ADVERTISED_HOST: '127.0.0.1',
          CIM_IM_CLIENT_PORT: String(client),
          CIM_IM_WS_HOST: '127.0.0.1',
          CIM_IM_WS_PORT: String(wsPort),
          CIM_IM_RPC_HOST: '127.0.0.1',
          CIM_IM_RPC_ADVERTISED_HOST: '127.0.0.1',
          CIM_IM_RPC_PORT: String(rpcPort),
          CIM_IM_HTTP_PORT: String(httpPort),
        },
      );
      this.imServers.push(server);
    }
    // The gateways learn of the im-servers (and they of the gateways) through ZooKeeper watches, within
    // milliseconds on loopback.
    await sleep(500);
  }

  async users(count: number): Promise<UserSpec[]> {
    return mapLimit(
      Array.from({ length: count }, (_, i) => `u${i}`),
      64,
      async (name) => {
        const response = await fetch(`${this.gatewayUrls[0]}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, password: BENCH_PASSWORD }),
        });
        const body = (await response.json()) as { userId?: string };
        if (response.status !== 201 || !body.userId)
          throw new Error(`register ${name}: ${response.status} ${JSON.stringify(body)}`);
        return { userId: body.userId, name, node: 0 };
      },
    ).then((users) => users.map((user, i) => ({ ...user, node: i % this.gatewayUrls.length })));
  }

  connectTarget(): ConnectTarget {
    return { kind: 'cim', gatewayUrls: this.gatewayUrls, password: BENCH_PASSWORD, carrier: this.carrier };
  }

  /** The owner logs in, creates the group over HTTP with every member in it, and logs out. */
  async createGroup(owner: UserSpec, members: UserSpec[]): Promise<string> {
    const url = this.gatewayUrls[0];
    const { token } = await postJson<{ token: string }>(`${url}/api/login`, {
      name: owner.name,
      password: BENCH_PASSWORD,
    });
    const group = await postJson<{ id: string }>(
      `${url}/api/groups`,
      { name: `bench-${owner.name}`, memberIds: members.map((m) => m.userId) },
      token,
    );
    await postJson(`${url}/api/logout`, {}, token);
    return group.id;
  }

  redisPorts(): number[] {
    return this.redisPort ? [this.redisPort] : [];
  }

  servers(): WatchedProcess[] {
    return this.imServers.map((c) => ({ label: c.spec.label, pid: c.pid }));
  }

  processes(): WatchedProcess[] {
    return this.children.filter((c) => !c.exited).map((c) => ({ label: c.spec.label, pid: c.pid }));
  }

  /** Profiled apps exit cleanly (writing their profiles), the rest is killed; nothing drains. */
  async stop(): Promise<void> {
    if (this.options.profile) {
      await Promise.all(this.imServers.map((c) => c.stop(15_000)));
      await Promise.all(this.gateways.map((g) => g.stop(15_000)));
    }
    await Promise.all(this.children.map((c) => c.kill()));
    await Promise.all(this.services.map((s) => s.destroy()));
  }

  private async startApp(app: string, label: string, readyUrl: string, env: Record<string, string>) {
    const { profile, fdLimit } = this.options;
    const nodeArgs = profile
      ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${label}.cpuprofile`]
      : [];
    if (profile) nodeArgs.push('-r', join(__dirname, 'profile-exit.js'));
    const stopSignal = profile ? 'SIGUSR2' : 'SIGTERM';
    const process_ = new AppProcess(app, label, env, readyUrl, {
      logDir: LOG_DIR,
      nodeArgs,
      fdLimit,
      stopSignal,
      readyTimeoutMs: 30_000,
    });
    await process_.start();
    const child: Child = process_.child!;
    this.children.push(child);
    return child;
  }
}
