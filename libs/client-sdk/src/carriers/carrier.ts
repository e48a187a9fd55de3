import { Frame } from '@cim/protocol';
import { ServerAddress } from '../types';

/** How a client reaches its im-server; the route-gateway is told which, and names the address for it. */
export type CarrierName = 'tcp' | 'websocket';

/** One open connection to an im-server, moving whole frames whatever carries them. */
export interface FrameLink {
  send(frame: Frame): void;
  /** Closes; the link's `closed` handler follows (once). */
  close(): void;
}

export interface LinkHandlers {
  frame(frame: Frame): void;
  /** Once, however the link ended; `error` says why when it was not a clean close. */
  closed(error?: Error): void;
}

/**
 * A way of reaching an im-server, injected into the client: TCP (or TLS) in Node, WebSocket in
 * browsers (or in Node). Everything above it — login, acks, heartbeats, reconnect, dedup, outbox — is
 * the same code on every carrier.
 */
export interface Carrier {
  readonly name: CarrierName;
  /** Where the server is reached, for messages: host:port or the URL. */
  describe(server: ServerAddress): string;
  /** Connects; rejects with ConnectionLostError naming the address and the cause. */
  open(server: ServerAddress, handlers: LinkHandlers, timeoutMs: number): Promise<FrameLink>;
}
