import { createServer, Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { FrameDecoder } from '@cim/protocol';
import { CarrierName, ClientCarrier, ClientLink, LinkHandler } from './client-link';
import { readTlsFiles, reloadOnChange, TlsFiles } from './tls-files';

export interface TcpCarrierOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  /** TLS on the listener, with a certificate reloaded when its files change; plain TCP without. */
  tls?: TlsFiles;
  onTlsReload?: Parameters<typeof reloadOnChange>[2];
}

/** The client listener's TCP carrier: a byte stream of varint-length-delimited frames, plain or TLS. */
export class TcpCarrier implements ClientCarrier {
  readonly name = 'tcp';
  private server?: Server;
  private stopWatching?: () => void;

  constructor(private readonly options: TcpCarrierOptions) {}

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  listen(handler: LinkHandler): Promise<void> {
    const { tls, maxFrameBytes } = this.options;
    const onSocket = (socket: Socket) => TcpLink.accept(socket, handler, new FrameDecoder(maxFrameBytes));
    if (tls) {
      const server = createTlsServer({ ...readTlsFiles(tls), handshakeTimeout: 10_000 }, onSocket);
      // A failed handshake (a client that does not trust the certificate) ends that socket only.
      server.on('tlsClientError', () => undefined);
      this.stopWatching = reloadOnChange(tls, server, (outcome) => this.options.onTlsReload?.(outcome));
      this.server = server;
    } else {
      this.server = createServer(onSocket);
    }
    const server = this.server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops listening; resolves once every connection accepted has closed (the transport closes them). */
  async close(): Promise<void> {
    this.stopWatching?.();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Where a socket keeps its link, so that one set of listeners serves every socket. */
const LINK = Symbol('cim.tcp-link');
type LinkedSocket = Socket & { [LINK]: TcpLink };

function onData(this: Socket, chunk: Buffer): void {
  const link = (this as LinkedSocket)[LINK];
  link.handler.data(link.connection, chunk);
}

function onClose(this: Socket): void {
  const link = (this as LinkedSocket)[LINK];
  link.handler.closed(link.connection);
}

/** 'close' follows an error and does the clean-up. */
function ignore(): void {}

class TcpLink implements ClientLink {
  /** What the handler answered when the socket was accepted. */
  connection: unknown;

  private constructor(
    private readonly socket: Socket,
    readonly handler: LinkHandler,
  ) {}

  static accept(socket: Socket, handler: LinkHandler, reader: FrameDecoder): void {
    socket.setNoDelay(true);
    const link = new TcpLink(socket, handler);
    link.connection = handler.opened(link, reader);
    (socket as LinkedSocket)[LINK] = link;
    socket.on('data', onData);
    socket.on('error', ignore);
    socket.on('close', onClose);
  }

  get carrier(): CarrierName {
    return 'tcp';
  }

  get remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  get destroyed(): boolean {
    return this.socket.destroyed;
  }

  get backlog(): number {
    return this.socket.writableLength;
  }

  write(frame: Buffer): void {
    this.socket.write(frame);
  }

  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
