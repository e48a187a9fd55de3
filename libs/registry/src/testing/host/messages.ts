import { ServerInfo } from '../../registry';
import { ZooKeeperRegistryOptions } from '../../zookeeper/zookeeper-options';

/** What a second client needs to join a ZooKeeper session (and so to end it). */
export interface SessionCredentials {
  id: string;
  password: string;
}

/** A registry's options as they cross to the host: everything but the logger. */
export type HostedRegistryOptions = Omit<ZooKeeperRegistryOptions, 'logger'>;

/** What the test process asks of the host process; each request gets one reply with its id. */
export type HostRequest = { id: number } & (
  | { op: 'create'; registry: number; options: HostedRegistryOptions }
  | { op: 'register'; registry: number; info: ServerInfo }
  | { op: 'deregister' | 'list' | 'close'; registry: number }
  | { op: 'watch' | 'unwatch'; registry: number; watch: number }
  | { op: 'owner'; connect: string; path: string }
  | { op: 'expire'; connect: string; credentials: SessionCredentials }
);

/** An error thrown in the host, by the name of its class (the registry's errors are rebuilt from it). */
export interface HostError {
  name: string;
  message: string;
  serverId?: string;
}

/** What the host tells the test process. */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'reply'; id: number; result?: unknown; error?: HostError }
  /** A registry's connection, sent when it changes and before every reply about that registry. */
  | { type: 'state'; registry: number; connected: boolean; session?: SessionCredentials }
  | { type: 'servers'; watch: number; servers: ServerInfo[] }
  /** What a registry logged. */
  | { type: 'log'; registry: number; level: 'log' | 'warn' | 'error'; message: string };
