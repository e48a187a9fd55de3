/** The token under which Nest modules provide a Registry. */
export const REGISTRY = Symbol('REGISTRY');

/** What an im-server advertises about itself. */
export interface ServerInfo {
  /** Stable and unique among live servers, e.g. the pod name. */
  id: string;
  /** The address clients connect to: configured, never guessed. */
  host: string;
  /** The client listener (length-delimited protobuf frames). */
  clientPort: number;
  /** Nest's TCP transport, used by the route-gateway and admin. */
  rpcHost: string;
  rpcPort: number;
  /** Health and metrics. */
  httpPort: number;
  startedAt: number;
}

export type ServersListener = (servers: ServerInfo[]) => void;

/**
 * The live im-servers. Implemented on ZooKeeper (ephemeral nodes) for clusters and in memory for
 * the embedded mode; both pass the same contract suite (testing/registry.contract.ts).
 */
export interface Registry {
  /** Publishes this server until deregister/close or the process dies; re-publishes after a session expiry. */
  register(info: ServerInfo): Promise<void>;
  deregister(): Promise<void>;
  list(): Promise<ServerInfo[]>;
  /** Calls the listener with the full list now and after every change; answers an unsubscribe function. */
  watch(listener: ServersListener): () => void;
  /** True while connected to the backing service. */
  isConnected(): boolean;
  close(): Promise<void>;
}
