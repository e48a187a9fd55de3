export * from './load-config';
export * from './infra.env';
export * from './security.env';
export * from './config.module';
export * from './log-levels';
export * from './delivery.env';
