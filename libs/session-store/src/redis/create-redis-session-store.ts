import Redis, { RedisOptions } from 'ioredis';
import { RedisSessionStore } from './redis-session-store';

export interface RedisSessionStoreOptions {
  /** Key prefix; default 'cim:'. */
  prefix?: string;
  /** Reconnect attempts a queued command waits through before it fails; default 2. */
  maxRetriesPerRequest?: number;
  /** Upper bound of the reconnect backoff; default 1000 ms. */
  maxReconnectDelayMs?: number;
  /** How long one connection attempt may take; default 2000 ms. */
  connectTimeoutMs?: number;
  /** Hard limit for any command, including one in flight when the connection drops; default 5000 ms. */
  commandTimeoutMs?: number;
  /** Hears each connection error (every failed reconnect attempt), e.g. to log it. */
  onConnectionError?: (error: Error) => void;
}

/**
 * A RedisSessionStore on a client set up to fail fast and heal by itself: it connects on first use,
 * reconnects forever with a backoff of 50 ms doubling up to maxReconnectDelayMs, and while Redis is down
 * a call rejects after maxRetriesPerRequest + 1 failed attempts (about 3 s with the defaults, since
 * ioredis fails its queue on every third attempt), or at the latest after commandTimeoutMs.
 */
export function createRedisSessionStore(
  url: string,
  options: RedisSessionStoreOptions = {},
): RedisSessionStore {
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** (attempt - 1), maxDelay),
    // ioredis arms this timer on disconnect even when the socket is already gone (Redis down), and it
    // keeps the process alive after close(); the default is 2000 ms.
    disconnectTimeout: 200,
    // Commands issued in the same tick (many messages in flight) travel in one write and one read.
    enableAutoPipelining: true,
  };
  const redis = new Redis(url, redisOptions);
  if (options.onConnectionError) redis.on('error', options.onConnectionError);
  return new RedisSessionStore(redis, options.prefix);
}
