import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { LoadConnection, SendTarget } from './load-connection';
import { Recorder } from './recorder';

const CONNECT_TIMEOUT_MS = 60_000;

interface PeerMessage {
  messageId: string;
  from: string;
  body: string;
  sentAt: number;
}

/** A Socket.IO user of the peer system: websocket transport only, no reconnection. */
export class SioConnection implements LoadConnection {
  onSendDone: (ok: boolean) => void = () => undefined;

  private constructor(
    readonly userId: string,
    readonly server: string,
    private readonly socket: Socket,
  ) {}

  /** `rooms`: the groups the user is in, joined as rooms when the node accepts the connection. */
  static open(
    url: string,
    node: number,
    userId: string,
    recorder: Recorder,
    localAddress?: string,
    rooms: string[] = [],
  ) {
    // localAddress reaches the ws client through engine.io-client; Socket.IO's types do not name it.
    const options = {
      transports: ['websocket'],
      auth: { userId, rooms },
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
      localAddress,
    } as Partial<ManagerOptions & SocketOptions>;
    const socket = io(url, options);
    return new Promise<SioConnection>((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('connect_error');
        socket.on('message', (message: PeerMessage) => recorder.message(message.body, message.from));
        socket.on('disconnect', (reason) => recorder.measuring && recorder.error(`${userId}: ${reason}`));
        resolve(new SioConnection(userId, `node-${node + 1}`, socket));
      });
      socket.once('connect_error', (error) => {
        socket.close();
        reject(new Error(`connect ${userId}: ${error.message}`));
      });
    });
  }

  send(id: string, target: SendTarget, body: string): void {
    const { receiverId: to, group, groupId: room } = target;
    this.socket.emit('send', { id, to, group, room, body }, () => this.onSendDone(true));
  }

  close(): void {
    this.socket.close();
  }
}
