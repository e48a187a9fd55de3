/** The token under which Nest modules provide the Registry of the live im-servers. */
export const REGISTRY = Symbol('REGISTRY');
/** The token under which Nest modules provide the Registry of the live route-gateways. */
export const GATEWAY_REGISTRY = Symbol('GATEWAY_REGISTRY');

/** What every registered process advertises: an id unique among the live members of its group. */
export interface Member {
  id: string;
}

/** What an im-server advertises about itself. */
export interface ServerInfo extends Member {
  /** Stable and unique among live servers, e.g. the pod name. */
  id: string;
  /** The address clients connect to: configured, never guessed. */
  host: string;
  /** The client listener (length-delimited protobuf frames), TLS when `tls`. */
  clientPort: number;
  /** The WebSocket carrier's URL (wss:// when `tls`); absent from servers that predate it. */
  wsUrl?: string;
  /** Whether the client port speaks TLS. */
  tls?: boolean;
  /** Nest's TCP transport, used by the route-gateway and admin. */
  rpcHost: string;
  rpcPort: number;
  /** Health and metrics. */
  httpPort: number;
  startedAt: number;
  /**
   * This run of the server, unique per start: the routes made for it carry it. A server that
   * registers again after a session expiry announces the same one; a restart announces a new one.
   */
  incarnation?: string;
}

/** What a route-gateway advertises about itself: where the im-servers reach its RPC listener. */
export interface GatewayInfo extends Member {
  /** Unique among live gateways, e.g. the pod name. */
  id: string;
  rpcHost: string;
  rpcPort: number;
  startedAt: number;
}

/** The groups of processes that register: im-servers and route-gateways. */
export type RegistryGroup = 'servers' | 'gateways';

export type MembersListener<T extends Member> = (members: T[]) => void;
export type ServersListener = MembersListener<ServerInfo>;

/**
 * The live members of one group (im-servers, or route-gateways). Implemented on ZooKeeper (ephemeral
 * nodes) for clusters and in memory for the embedded mode; both pass the same contract suite
 * (testing/registry.contract.ts).
 */
export interface Registry<T extends Member = ServerInfo> {
  /** Publishes this member until deregister/close or the process dies; re-publishes after a session expiry. */
  register(info: T): Promise<void>;
  deregister(): Promise<void>;
  list(): Promise<T[]>;
  /** Calls the listener with the full list now and after every change; answers an unsubscribe function. */
  watch(listener: MembersListener<T>): () => void;
  /** True while connected to the backing service. */
  isConnected(): boolean;
  close(): Promise<void>;
}
