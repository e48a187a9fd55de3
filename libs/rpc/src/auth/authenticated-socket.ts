import { TcpSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { BinarySocket } from '../framing/binary-socket';
import { RpcAuthenticator } from './rpc-authenticator';

/** What a listener writes before it closes a connection it refused. */
interface Refusal {
  refused?: { message?: unknown };
}

export type TcpSocketClass = new (socket: Socket) => TcpSocket;

/** Who this process is on its RPC connections, and the authenticator holding CIM_RPC_SECRET. */
export interface RpcCaller {
  authenticator: RpcAuthenticator;
  /** Named in the listener's log lines, e.g. 'im-server im-1'. */
  peer: string;
}

/**
 * The socket class (ClientTCP's `socketClass` option) of a caller, speaking cim's binary framing
 * (BinarySocket): it writes the hello the moment the connection opens, before any call, and reports the listener's refusal if one comes back.
 */
export function authenticatedSocket(
  { authenticator, peer }: RpcCaller,
  onRefused: (reason: string) => void,
): TcpSocketClass {
  return class AuthenticatedSocket extends BinarySocket {
    constructor(socket: Socket) {
      super(socket);
      socket.once('connect', () => this.sendMessage(authenticator.hello(peer)));
      socket.on('message', (message: Refusal | null) => {
        const reason = message?.refused?.message;
        if (reason !== undefined) onRefused(String(reason));
      });
    }
  };
}
