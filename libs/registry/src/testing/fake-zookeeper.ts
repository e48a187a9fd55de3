import { createServer, Server, Socket } from 'node:net';

/**
 * How the fake answers a packet a client sent: `index` counts the packets received on that connection,
 * `connection` the connections accepted (both from 0).
 */
export type FakeAnswer = (packet: Buffer, index: number, connection: number) => Buffer | undefined;

/**
 * Something on a ZooKeeper port that is not a working ZooKeeper: it accepts connections and answers
 * each packet received as told (nothing, bytes that make no sense, a handshake and then nonsense). It
 * counts the connections it got and knows which are still open.
 */
export class FakeZooKeeper {
  connections = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1:`port`; `answer` says what to send back, by default nothing at all. */
  static async start(port: number, answer: FakeAnswer = () => undefined): Promise<FakeZooKeeper> {
    const server = createServer();
    const fake = new FakeZooKeeper(server, port);
    server.on('connection', (socket) => fake.accepted(socket, answer));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get connectString(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Connections the client has not closed yet. */
  get open(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accepted(socket: Socket, answer: FakeAnswer): void {
    const connection = this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let index = 0;
    socket.on('data', (packet: Buffer) => {
      const reply = answer(packet, index++, connection);
      if (reply && !socket.destroyed) socket.write(reply);
    });
  }
}

/** A length-prefixed packet, as ZooKeeper frames them. */
export function frame(body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/** A server's answer to a connect request that grants session 1 with this timeout. */
export function handshake(timeoutMs: number): Buffer {
  const body = Buffer.alloc(4 + 4 + 8 + 4 + 16);
  body.writeInt32BE(0, 0); // protocol version
  body.writeInt32BE(timeoutMs, 4);
  body.writeBigInt64BE(1n, 8); // session id
  body.writeInt32BE(16, 16); // password: 16 zero bytes
  return frame(body);
}

/** A reply header answering the request `xid` with result code `err` and nothing after it. */
export function replyHeader(xid: number, err: number): Buffer {
  const body = Buffer.alloc(4 + 8 + 4);
  body.writeInt32BE(xid, 0);
  body.writeInt32BE(err, 12);
  return frame(body);
}
