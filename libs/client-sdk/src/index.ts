export { CimClient } from './node-client';
export type { NodeClientOptions } from './node-client';
export { tcpCarrier } from './carriers/tcp';
export type { TcpCarrierOptions } from './carriers/tcp';
export { websocketCarrier } from './carriers/websocket';
export type { WebSocketCarrierOptions, WebSocketConstructor } from './carriers/websocket';
export type { Carrier, CarrierName } from './carriers/carrier';
export * from './errors';
export * from './types';
export { Backoff, DEFAULT_BACKOFF } from './reconnect/backoff';
export { RecentIds } from './dedup';
export { ErrorCode, PROTOCOL_VERSION } from '@cim/protocol';
/** A message as the history API (GET /api/conversations/{id}/messages) answers it. */
export type { StoredMessage } from '@cim/protocol';
export { machineDevice } from './device/node-device';
