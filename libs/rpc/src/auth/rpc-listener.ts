import { Logger } from '@nestjs/common';
import { ServerTCP, TcpSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';
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
/** How long a refused connection may stay half-closed before it is destroyed. */
const REFUSED_LINGER_MS = 2000;

/**
 * Nest's TCP transport, accepting calls only on connections that opened with a valid hello
 * (RpcAuthenticator): anything else is answered with an RpcFailure when it was a call, logged as a
 * warning naming the peer's address, counted, and the connection closed before any pattern is handled.
 * A connection that fails is logged naming its peer: a reset (the peer restarted) as a warning, bad data
 * as an error (Nest's own listener logs every socket error as "The invalid received message").
 */
export class RpcListener extends ServerTCP {
  private readonly peers: Logger;

  constructor(private readonly auth: RpcListenerOptions) {
    super({ host: auth.host, port: auth.port });
    this.peers = new Logger(auth.logContext);
  }

  override bindHandler(socket: Socket): void {
    this.trackOpenSocket(socket);
    const readSocket = this.getSocketInstance(socket);
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
      if ('refused' in verdict) this.refuse(readSocket, peer, verdict.refused, message);
      else peer.name = verdict.peer;
    });
    readSocket.on('error', (error: unknown) => this.socketError(peer, error));
  }

  private refuse(socket: TcpSocket, peer: Peer, reason: string, message: unknown): void {
    if (peer.refused) return;
    peer.refused = true;
    this.peers.warn(`refused an RPC connection from ${peer.address}: ${reason}`);
    this.auth.onRefused?.(reason);
    const id = (message as { id?: unknown } | null)?.id;
    const err = { code: RPC_UNAUTHENTICATED, message: `not authenticated: ${reason}` };
    if (typeof id === 'string') socket.sendMessage({ id, err, isDisposed: true });
    else socket.sendMessage({ refused: err });
    // Half-close and keep reading (and ignoring) until the peer closes too: destroying a socket with
    // unread data would reset it, and the peer could lose the refusal before reading it.
    const net = socket.netSocket as Socket;
    net.end();
    setTimeout(() => net.destroy(), REFUSED_LINGER_MS).unref();
  }

  private socketError({ address, name }: Peer, error: unknown): void {
    const who = `${name ?? 'a peer not yet authenticated'} at ${address}`;
    if (isConnectionReset(error)) {
      this.peers.warn(`connection from ${who} was reset; the peer redials on its next call`);
    } else {
      const cause = error instanceof Error ? error.message : String(error);
      this.peers.error(`connection from ${who} failed: ${cause}; it is closed`);
    }
  }
}
