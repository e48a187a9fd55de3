export * from './read-state-store';
export { MemoryReadStateStore } from './memory-read-state-store';
export { RedisReadStateStore } from './redis-read-state-store';
export { createRedisReadStateStore } from './create-redis-read-state-store';
export { ReadStateStoreModule } from './read-state-store.module';
