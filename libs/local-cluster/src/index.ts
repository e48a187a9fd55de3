export * from './app-process';
export * from './child';
export * from './paths';
export * from './ports';
export * from './redis';
export * from './service-process';
export * from './zookeeper';
export * from './redis-cluster';
