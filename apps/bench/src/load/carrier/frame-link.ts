import { Frame } from '@cim/protocol';
import { CarrierName } from '../../options';
import { openTcpLink } from './tcp-link';
import { openWsLink } from './ws-link';

/** Where the route-gateway sent a client: host and port for TCP, the URL for WebSocket. */
export interface ServerAddress {
  id: string;
  host: string;
  port: number;
  url?: string;
}

/** One connection to an im-server, moving whole frames whichever carrier holds it. */
export interface FrameLink {
  /**
   * The frames that arrived together: one TCP read, or the WebSocket messages of one read. Writes made
   * while handling them leave together where the carrier allows it (TCP: one write).
   */
  onFrames: (frames: Frame[]) => void;
  /** Once, however the connection ended; `error` says why when it was not a clean close. */
  onClose: (error?: Error) => void;
  send(frame: Frame): void;
  close(): void;
}

/** Connects to the server by the carrier, from `localAddress` when given. */
export function openLink(
  carrier: CarrierName,
  server: ServerAddress,
  timeoutMs: number,
  localAddress?: string,
): Promise<FrameLink> {
  if (carrier === 'tcp') return openTcpLink(server.host, server.port, timeoutMs, localAddress);
  if (!server.url) return Promise.reject(new Error(`im-server ${server.id} named no WebSocket URL`));
  return openWsLink(server.url, timeoutMs, localAddress);
}
