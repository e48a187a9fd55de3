/**
 * The entry of the browser bundle (scripts/build-browser.js → dist/browser/cim-client-sdk.js): the
 * same client as in Node, over WebSocket, without a Node module.
 */
export { CimClient } from './browser-client';
export { websocketCarrier } from './carriers/websocket';
export type { WebSocketCarrierOptions, WebSocketConstructor } from './carriers/websocket';
export type { Carrier, CarrierName } from './carriers/carrier';
export * from './errors';
export * from './types';
export { Backoff, DEFAULT_BACKOFF } from './reconnect/backoff';
export { RecentIds } from './dedup';
export { ErrorCode, PROTOCOL_VERSION } from '@cim/protocol';
