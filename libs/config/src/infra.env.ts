import { IsIn, IsInt, IsString, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';

/** Variables every server process shares: where the session store and registry are, and logging. */
export class InfraEnv {
  /** 'memory' runs on the in-process store (embedded mode); 'redis' on CIM_REDIS_URL or CIM_REDIS_CLUSTER_NODES. */
  @IsIn(['memory', 'redis'])
  CIM_STORE: 'memory' | 'redis' = 'memory';

  @ValidateIf((env: InfraEnv) => env.CIM_STORE === 'redis')
  @IsString()
  @MinLength(1)
  CIM_REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Some nodes of a Redis Cluster, comma-separated, each host:port or redis://[user][:password@]host:port
   * (parseClusterNodes); when set, the store runs on that cluster (CIM_REDIS_URL is not read). Empty: one
   * Redis at CIM_REDIS_URL.
   */
  @IsClusterNodeList()
  CIM_REDIS_CLUSTER_NODES = '';

  /** 'memory' runs on the in-process registry (embedded mode); 'zookeeper' on CIM_ZK_CONNECT. */
  @IsIn(['memory', 'zookeeper'])
  CIM_REGISTRY: 'memory' | 'zookeeper' = 'memory';

  @ValidateIf((env: InfraEnv) => env.CIM_REGISTRY === 'zookeeper')
  @IsString()
  @MinLength(1)
  CIM_ZK_CONNECT = '127.0.0.1:2181';

  @IsInt()
  @Min(1000)
  @Max(120000)
  CIM_ZK_SESSION_TIMEOUT_MS = 10000;

  @IsString()
  @MinLength(1)
  CIM_ZK_ROOT = '/cim';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  CIM_LOG_LEVEL = 'info';
}

/** Some nodes of a Redis Cluster and the password (and user name) they all take, if any. */
export interface ClusterNodes {
  clusterNodes: { host: string; port: number }[];
  password?: string;
  username?: string;
}

/** Where the Redis session store is: one node by URL, or a cluster by some of its nodes. */
export function redisConnection(
  env: Pick<InfraEnv, 'CIM_REDIS_URL' | 'CIM_REDIS_CLUSTER_NODES'>,
): string | ClusterNodes {
  const cluster = parseClusterNodes(env.CIM_REDIS_CLUSTER_NODES);
  return cluster.clusterNodes.length ? cluster : env.CIM_REDIS_URL;
}

/**
 * 'h1:7000,redis://:secret@h2:7001' → the nodes and the password; throws on an entry that is neither
 * host:port nor redis://[user][:password@]host:port, or on entries with different passwords (an entry
 * without one takes the others').
 */
export function parseClusterNodes(list: string): ClusterNodes {
  if (list.trim() === '') return { clusterNodes: [] };
  const entries = list.split(',').map((entry) => parseNode(entry.trim()));
  const passwords = new Set(entries.map((e) => e.password).filter((p) => p !== undefined));
  if (passwords.size > 1) throw new RangeError('the cluster nodes must share one password');
  const [password] = passwords;
  const username = entries.find((e) => e.username)?.username;
  return {
    clusterNodes: entries.map(({ host, port }) => ({ host, port })),
    ...(password ? { password } : {}),
    ...(username ? { username } : {}),
  };
}

function parseNode(entry: string): { host: string; port: number; password?: string; username?: string } {
  const plain = /^([^\s:,/@]+):(\d{1,5})$/.exec(entry);
  if (plain) return checkPort(entry, { host: plain[1], port: Number(plain[2]) });
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new RangeError(`"${entry}" is not host:port`);
  }
  if (url.protocol !== 'redis:' || !url.hostname || !url.port) {
    throw new RangeError(`"${entry}" is not host:port or redis://host:port`);
  }
  return checkPort(entry, {
    host: url.hostname,
    port: Number(url.port),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    username: url.username ? decodeURIComponent(url.username) : undefined,
  });
}

function checkPort<T extends { port: number }>(entry: string, node: T): T {
  if (node.port < 1 || node.port > 65535) throw new RangeError(`"${entry}" has no valid port`);
  return node;
}

function IsClusterNodeList(): PropertyDecorator {
  return ValidateBy({
    name: 'isClusterNodeList',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          parseClusterNodes(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        '$property must be empty or a comma-separated list of host:port or redis://[user][:password@]host:port',
    },
  });
}
