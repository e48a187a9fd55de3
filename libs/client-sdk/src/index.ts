export { CimClient } from './cim-client';
export * from './errors';
export * from './types';
export { Backoff, DEFAULT_BACKOFF } from './reconnect/backoff';
export { RecentIds } from './dedup';
export { ErrorCode, PROTOCOL_VERSION } from '@cim/protocol';
