import Redis from 'ioredis';
import { RedisGroupStore } from './redis-group-store';

/**
 * A RedisGroupStore on a client of its own, set up like the session store's (createRedisSessionStore):
 * it connects on first use, reconnects by itself, and a call fails within a few seconds while Redis is down.
 */
export function createRedisGroupStore(url: string, prefix?: string): RedisGroupStore {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 2000,
    commandTimeout: 5000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** (attempt - 1), 1000),
    disconnectTimeout: 200,
    enableAutoPipelining: true,
  });
  return new RedisGroupStore(redis, prefix);
}
