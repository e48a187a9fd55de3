export * from './store-marker';
export { MemoryStoreMarker } from './memory-store-marker';
export { RedisStoreMarker } from './redis-store-marker';
export { StoreMarkerModule } from './store-marker.module';
export { userIdSeed } from './user-id-seed';
