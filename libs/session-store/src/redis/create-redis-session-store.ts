import Redis, { Cluster, RedisOptions } from 'ioredis';
import { RedisClient } from './redis-client';
import { RedisSessionStore } from './redis-session-store';

/**
 * One Redis node by URL, or a Redis Cluster by some of its nodes (the client finds the rest) with the
 * password (and user name) every node takes, if any.
 */
export type RedisConnection =
  string | { clusterNodes: { host: string; port: number }[]; password?: string; username?: string };

export interface RedisClientOptions {
  /** Reconnect attempts a queued command waits through before it fails; default 2. */
  maxRetriesPerRequest?: number;
  /** Upper bound of the reconnect backoff; default 1000 ms. */
  maxReconnectDelayMs?: number;
  /** How long one connection attempt may take; default 2000 ms. */
  connectTimeoutMs?: number;
  /** Hard limit for any command, including one in flight when the connection drops; default 5000 ms. */
  commandTimeoutMs?: number;
  /** Commands of one tick leave in one write per node; default true. */
  autoPipelining?: boolean;
}

export interface RedisSessionStoreOptions extends RedisClientOptions {
  /** Key prefix; default 'cim:'. No braces: the keys' hash tags follow it. */
  prefix?: string;
  /** Hears each connection error (every failed reconnect attempt), e.g. to log it. */
  onConnectionError?: (error: Error) => void;
  /** How long at most a window's done-mark waits for its session's next claim; default DONE_MARK_HOLD_MS. */
  doneMarkHoldMs?: number;
}

/**
 * A client set up to fail fast and heal by itself: it connects on first use, reconnects forever with a
 * backoff of 50 ms doubling up to maxReconnectDelayMs, and while Redis is down a call rejects after
 * maxRetriesPerRequest + 1 failed attempts (about 3 s with the defaults, since ioredis fails its queue
 * on every third attempt), or at the latest after commandTimeoutMs. On a cluster the same holds per
 * node, and the client follows MOVED/ASK redirections and re-reads the slot map after a failover.
 */
export function createRedisClient(
  connection: RedisConnection,
  options: RedisClientOptions = {},
): RedisClient {
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  const retryStrategy = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), maxDelay);
  const nodeOptions: RedisOptions = {
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    // ioredis arms this timer on disconnect even when the socket is already gone (Redis down), and it
    // keeps the process alive after close(); the default is 2000 ms.
    disconnectTimeout: 200,
  };
  const enableAutoPipelining = options.autoPipelining ?? true;
  if (typeof connection === 'string') {
    return new Redis(connection, { ...nodeOptions, lazyConnect: true, retryStrategy, enableAutoPipelining });
  }
  return new Cluster(connection.clusterNodes, {
    lazyConnect: true,
    enableAutoPipelining,
    clusterRetryStrategy: retryStrategy,
    // A failover moves slots: retry a command that met a moving or down cluster for a while.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2000,
    redisOptions: { ...nodeOptions, password: connection.password, username: connection.username },
  });
}

/** A RedisSessionStore on a client made by createRedisClient. */
export function createRedisSessionStore(
  connection: RedisConnection,
  options: RedisSessionStoreOptions = {},
): RedisSessionStore {
  const redis = createRedisClient(connection, options);
  if (options.onConnectionError) redis.on('error', options.onConnectionError);
  return new RedisSessionStore(redis, options.prefix, Date.now, options.doneMarkHoldMs);
}
