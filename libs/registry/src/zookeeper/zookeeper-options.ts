import { RegistryGroup } from '../registry';

/** Where the ZooKeeper registry reports its session's life; Nest's Logger fits. */
export interface RegistryLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ZooKeeperRegistryOptions {
  /** The ZooKeeper connect string, e.g. `zk-0:2181,zk-1:2181,zk-2:2181`. */
  connect: string;
  /** Asked of the server, which bounds it (by default between 2 and 20 ticks). Default 10000. */
  sessionTimeoutMs?: number;
  /** The members live under `{rootPath}/{group}`. Default `/cim`. */
  rootPath?: string;
  /** Which processes this registry publishes and lists: im-servers (default) or route-gateways. */
  group?: RegistryGroup;
  /** Nothing is logged without one. */
  logger?: RegistryLogger;
}

export interface ResolvedOptions {
  connect: string;
  sessionTimeoutMs: number;
  /** `{rootPath}/{group}`: the parent of the members' ephemeral nodes. */
  membersPath: string;
  logger?: RegistryLogger;
}

export function resolveOptions(options: ZooKeeperRegistryOptions): ResolvedOptions {
  const root = options.rootPath ?? '/cim';
  if (!root.startsWith('/')) throw new Error(`the ZooKeeper root path must start with "/": "${root}"`);
  return {
    connect: options.connect,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 10000,
    membersPath: `${root.replace(/\/+$/, '')}/${options.group ?? 'servers'}`,
    logger: options.logger,
  };
}
