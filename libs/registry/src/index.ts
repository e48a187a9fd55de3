export * from './registry';
export * from './errors';
export * from './server-id';
export { createMemoryRegistry, MemoryRegistry, MemoryRegistrySpace } from './memory/memory-registry';
export { createZooKeeperRegistry, ZooKeeperRegistry } from './zookeeper/zookeeper-registry';
export type { RegistryLogger, ZooKeeperRegistryOptions } from './zookeeper/zookeeper-options';
export { RegistryModule } from './registry.module';
