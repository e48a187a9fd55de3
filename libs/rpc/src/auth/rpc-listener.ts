import { Logger } from '@nestjs/common';
import { ServerTCP } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { BinarySocket, DEFAULT_MAX_FRAME_BYTES } from '../framing/binary-socket';
import { isConnectionReset } from './connection-reset';
import { RpcAuthenticator } from './rpc-authenticator';
import { RPC_UNAUTHENTICATED } from './rpc-refusal';

export interface RpcListenerOptions {
  host: string;
  port: number;
  authenticator: RpcAuthenticator;
  /** The Nest logger context of this listener's lines, e.g. 'ImServerCalls'. */
  logContext: string;
  /** Told of each refused connection (to count it). */
  onRefused?: (reason: string) => void;
  /** A connection that sends no hello this long after it opens is refused. */
  helloTimeoutMs?: number;
}

/** One accepted connection: its address, and the peer its hello named once checked. */
interface Peer {
  address: string;
  name?: string;
  refused?: boolean;
}

const DEFAULT_HELLO_TIMEOUT_MS = 5000;
/** The largest first frame a connection may send: a hello is a few hundred bytes. */
const MAX_HELLO_BYTES = 4096;
/** How long a refused connection may stay half-closed before it is destroyed. */
const REFUSED_LINGER_MS = 2000;

/**
 * Nest's TCP transport in cim's binary framing (BinarySocket), accepting calls only on connections that
 * opened with a valid hello (RpcAuthenticator): anything else (a call, another protocol's bytes, a frame
 * over 4 KiB) is answered with an RpcFailure when it was a call (a refusal frame otherwise), logged as a
 * warning naming the peer's address, counted, and the connection closed before any pattern is handled.
 * A connection that fails is logged naming its peer: a reset (the peer restarted) as a warning, bad data
 * as an error (Nest's own listener logs every socket error as "The invalid received message").
 */
export class RpcListener extends ServerTCP {
  private readonly peers: Logger;
  /** Each handled pattern's route: Nest's own lookup JSON.parses the pattern (and throws) per call. */
  private readonly routes = new Map<string, string>();

  constructor(private readonly auth: RpcListenerOptions) {
    super({ host: auth.host, port: auth.port, socketClass: BinarySocket });
    this.peers = new Logger(auth.logContext);
  }

  override bindHandler(socket: Socket): void {
    this.trackOpenSocket(socket);
    const readSocket = this.getSocketInstance(socket) as BinarySocket;
    readSocket.maxFrameBytes = MAX_HELLO_BYTES;
    const peer: Peer = { address: `${socket.remoteAddress}:${socket.remotePort}` };
    const timeoutMs = this.auth.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
    const helloTimer = setTimeout(
      () => this.refuse(readSocket, peer, `no hello within ${timeoutMs} ms`, undefined),
      timeoutMs,
    );
    helloTimer.unref();
    socket.once('close', () => clearTimeout(helloTimer));
    readSocket.on('message', (message: unknown) => {
      if (peer.refused) return;
      if (peer.name !== undefined) {
        this.handleMessage(readSocket, message).catch((error) => this.handleError(error));
        return;
      }
      clearTimeout(helloTimer);
      const verdict = this.auth.authenticator.check(message);
      if ('refused' in verdict) return this.refuse(readSocket, peer, verdict.refused, message);
      peer.name = verdict.peer;
      readSocket.maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    });
    readSocket.on('error', (error: unknown) => {
      if (peer.name === undefined && !isConnectionReset(error))
        this.refuse(readSocket, peer, describe(error), undefined);
      else this.socketError(peer, error);
    });
  }

  override getRouteFromPattern(pattern: string): string {
    let route = this.routes.get(pattern);
    if (route !== undefined) return route;
    route = super.getRouteFromPattern(pattern);
    if (this.messageHandlers.has(route)) this.routes.set(pattern, route);
    return route;
  }

  private refuse(socket: BinarySocket, peer: Peer, reason: string, message: unknown): void {
    if (peer.refused) return;
    peer.refused = true;
    this.peers.warn(`refused an RPC connection from ${peer.address}: ${reason}`);
    this.auth.onRefused?.(reason);
    const id = (message as { id?: unknown } | null)?.id;
    const err = { code: RPC_UNAUTHENTICATED, message: `not authenticated: ${reason}` };
    // Half-close and keep reading (and ignoring) until the peer closes too: destroying a socket with
    // unread data would reset it, and the peer could lose the refusal before reading it.
    socket.sendLast(typeof id === 'string' ? { id, err, isDisposed: true } : { refused: err });
    const net = socket.netSocket;
    setTimeout(() => net.destroy(), REFUSED_LINGER_MS).unref();
  }

  private socketError({ address, name }: Peer, error: unknown): void {
    const who = `${name ?? 'a peer not yet authenticated'} at ${address}`;
    if (isConnectionReset(error)) {
      this.peers.warn(`connection from ${who} was reset; the peer redials on its next call`);
    } else {
      this.peers.error(`connection from ${who} failed: ${describe(error)}; it is closed`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
