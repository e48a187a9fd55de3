export * from './session-store';
export * from './errors';
export { MemorySessionStore, type MemorySessionStoreOptions } from './memory/memory-session-store';
export { RedisSessionStore } from './redis/redis-session-store';
export { createRedisSessionStore, type RedisSessionStoreOptions } from './redis/create-redis-session-store';
export { SessionStoreModule } from './session-store.module';
export * from './user-id';
export { NodeIdLease, NodeIdUnavailableError, type NodeIdLeaseOptions } from './node-ids/node-id-lease';
export { MessageIdsModule } from './node-ids/message-ids.module';
