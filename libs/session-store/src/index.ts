export * from './session-store';
export * from './server-runs';
export * from './errors';
export { MemorySessionStore, type MemorySessionStoreOptions } from './memory/memory-session-store';
export { RedisSessionStore } from './redis/redis-session-store';
export {
  createRedisClient,
  createRedisSessionStore,
  type RedisClientOptions,
  type RedisConnection,
  type RedisSessionStoreOptions,
} from './redis/create-redis-session-store';
export { type RedisClient } from './redis/redis-client';
export { SessionStoreModule } from './session-store.module';
export * from './user-id';
export { NodeIdLease, NodeIdUnavailableError, type NodeIdLeaseOptions } from './node-ids/node-id-lease';
export { MessageIdsModule } from './node-ids/message-ids.module';
export * from './groups';
export * from './read-state';
export * from './store-epoch';
export * from './devices';
