export * from './group-store';
export { MemoryGroupStore } from './memory-group-store';
export { RedisGroupStore } from './redis-group-store';
export { createRedisGroupStore } from './create-redis-group-store';
export { GroupStoreModule } from './group-store.module';
