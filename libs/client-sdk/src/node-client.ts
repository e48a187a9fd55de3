import { machineDevice } from './device/node-device';
import { resolveDevice } from './device/device';
import { CimClient as CoreClient } from './cim-client';
import { tcpCarrier, TcpCarrierOptions } from './carriers/tcp';
import { CimClientOptions } from './types';

export interface NodeClientOptions extends CimClientOptions {
  /** Trusted besides Node's CAs for a TLS im-server (PEM), when no carrier is given. */
  ca?: TcpCarrierOptions['ca'];
}

/**
 * The client in Node: TCP by default (TLS when the server speaks it); any carrier may be given. Its
 * device defaults to one per machine and OS user (machineDevice).
 */
export class CimClient extends CoreClient {
  constructor(options: NodeClientOptions) {
    super({
      ...options,
      carrier: options.carrier ?? tcpCarrier({ ca: options.ca }),
      device: resolveDevice(options.device, () => machineDevice(options.device?.kind)),
    });
  }
}
