export * from './calls/im-server-client';
export * from './calls/im-server-clients';
export * from './calls/tcp-im-server-client';
export { isConnectionReset } from '@cim/rpc';
export * from './hand-over/hand-over';
export * from './im-server-clients.module';
/** Test doubles for the apps' unit specs. */
export { FakeImServers, serverInfo } from './testing/fake-im-servers';
export { LogCapture, type CapturedLine } from './testing/log-capture';
