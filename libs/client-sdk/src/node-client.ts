import { CimClient as CoreClient } from './cim-client';
import { tcpCarrier, TcpCarrierOptions } from './carriers/tcp';
import { CimClientOptions } from './types';

export interface NodeClientOptions extends CimClientOptions {
  /** Trusted besides Node's CAs for a TLS im-server (PEM), when no carrier is given. */
  ca?: TcpCarrierOptions['ca'];
}

/** The client in Node: TCP by default (TLS when the server speaks it); any carrier may be given. */
export class CimClient extends CoreClient {
  constructor(options: NodeClientOptions) {
    super({ ...options, carrier: options.carrier ?? tcpCarrier({ ca: options.ca }) });
  }
}
