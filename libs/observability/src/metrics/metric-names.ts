/**
 * The names of cim's own metrics. Every app exposes the ones that concern it at /metrics, with the
 * default label `app` (im-server, route-gateway, admin); docs/operations.md describes each one.
 */
export const MetricNames = {
  /** Gauge (im-server): logged-in client connections. */
  Connections: 'cim_connections',
  /** Counter: logins granted (route-gateway: POST /api/login; im-server: LOGIN frames accepted). */
  Logins: 'cim_logins_total',
  /** Counter, label kind: messages taken in (im-server: SEND frames; route-gateway: messages routed). */
  MessagesIn: 'cim_messages_in_total',
  /** Counter, label kind: messages given out (im-server: written to clients; route-gateway: handed to im-servers). */
  MessagesOut: 'cim_messages_out_total',
  /** Counter, label kind (route-gateway, admin): messages kept in an offline inbox. */
  MessagesInboxed: 'cim_messages_inboxed_total',
  /**
   * Counter, label server (route-gateway): entries of messages to groups with membership handed to an
   * im-server; one per message and server hosting members online, however many members it hosts.
   */
  GroupHandOvers: 'cim_group_handovers_total',
  /** Histogram (route-gateway): seconds from accepting a message to the im-server's Deliver reply. */
  RouteLatency: 'cim_route_latency_seconds',
  /** Counter, label cause: requests and frames refused or failed. */
  Errors: 'cim_errors_total',
  /** Gauge: 1 when the session store (Redis) answers a PING, else 0. */
  RedisUp: 'cim_redis_up',
  /** Gauge: 1 while connected to ZooKeeper, else 0. */
  ZooKeeperUp: 'cim_zookeeper_up',
  /** Gauge (admin): im-servers registered in ZooKeeper; no sample while the registry does not answer. */
  RegisteredServers: 'cim_registered_servers',
} as const;

/** The kinds a message counter is labelled with; 'offline' is a private message delivered from the inbox. */
export type MessageKindLabel = 'private' | 'group' | 'system' | 'offline';

/** Buckets of the route-latency histogram, in seconds: 1 ms to 5 s. */
export const ROUTE_LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
