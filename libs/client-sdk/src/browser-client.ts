import { browserDevice } from './device/browser-device';
import { resolveDevice } from './device/device';
import { CimClient as CoreClient } from './cim-client';
import { websocketCarrier } from './carriers/websocket';
import { CimClientOptions } from './types';

/**
 * The client in a browser: WebSocket by default, with the browser's own WebSocket. Its device defaults
 * to one kept in localStorage (browserDevice).
 */
export class CimClient extends CoreClient {
  constructor(options: CimClientOptions) {
    super({
      ...options,
      carrier: options.carrier ?? websocketCarrier(),
      device: resolveDevice(options.device, browserDevice),
    });
  }
}
