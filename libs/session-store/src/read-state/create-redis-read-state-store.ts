import { createRedisClient, RedisConnection } from '../redis/create-redis-session-store';
import { RedisReadStateStore } from './redis-read-state-store';

/** A RedisReadStateStore on a client of its own, made like the session store's (createRedisClient). */
export function createRedisReadStateStore(connection: RedisConnection, prefix?: string): RedisReadStateStore {
  return new RedisReadStateStore(createRedisClient(connection), prefix);
}
