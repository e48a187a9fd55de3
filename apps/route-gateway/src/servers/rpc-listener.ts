import { Logger } from '@nestjs/common';
import { ServerTCP } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { isConnectionReset } from '@cim/delivery';

/** Who is at the other end of one accepted connection: its address, and its id once a call named it. */
interface Peer {
  address: string;
  serverId?: string;
}

/**
 * Nest's TCP transport for the im-servers' calls, except for what it logs when a connection fails: an
 * im-server that restarts resets its connection, which is a warning naming that server (Nest's own
 * listener logs every socket error as "The invalid received message from tcp server"); bad data is an
 * error naming the peer.
 */
export class GatewayRpcListener extends ServerTCP {
  private readonly peers = new Logger('ImServerCalls');

  override bindHandler(socket: Socket): void {
    this.trackOpenSocket(socket);
    const readSocket = this.getSocketInstance(socket);
    const peer: Peer = { address: `${socket.remoteAddress}:${socket.remotePort}` };
    readSocket.on('message', (message: unknown) => {
      peer.serverId ??= callerOf(message);
      this.handleMessage(readSocket, message).catch((error) => this.handleError(error));
    });
    readSocket.on('error', (error: unknown) => this.socketError(peer, error));
  }

  private socketError({ address, serverId }: Peer, error: unknown): void {
    const who = `im-server ${serverId ?? '(not named yet)'} at ${address}`;
    if (isConnectionReset(error)) {
      this.peers.warn(`connection from ${who} was reset; the im-server redials on its next call`);
    } else {
      const cause = error instanceof Error ? error.message : String(error);
      this.peers.error(`connection from ${who} failed: ${cause}; it is closed`);
    }
  }
}

/** The im-server a call names: sessions carry `serverId`, SEND batches one per request. */
function callerOf(message: unknown): string | undefined {
  const data = (message as { data?: { serverId?: unknown; requests?: { serverId?: unknown }[] } } | null)
    ?.data;
  const serverId = data?.serverId ?? data?.requests?.[0]?.serverId;
  return typeof serverId === 'string' ? serverId : undefined;
}
