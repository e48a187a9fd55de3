import { CimClient as CoreClient } from './cim-client';
import { websocketCarrier } from './carriers/websocket';
import { CimClientOptions } from './types';

/** The client in a browser: WebSocket by default, with the browser's own WebSocket. */
export class CimClient extends CoreClient {
  constructor(options: CimClientOptions) {
    super({ ...options, carrier: options.carrier ?? websocketCarrier() });
  }
}
