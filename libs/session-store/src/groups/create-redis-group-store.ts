import { createRedisClient, RedisConnection } from '../redis/create-redis-session-store';
import { RedisGroupStore } from './redis-group-store';

/**
 * A RedisGroupStore on a client of its own, made like the session store's (createRedisClient): one Redis
 * or a Redis Cluster; it connects on first use, reconnects by itself, and a call fails within a few
 * seconds while Redis is down.
 */
export function createRedisGroupStore(connection: RedisConnection, prefix?: string): RedisGroupStore {
  return new RedisGroupStore(createRedisClient(connection), prefix);
}
