import { createServer, Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { FrameDecoder } from '@cim/protocol';
import { AcceptLink, ClientCarrier, ClientLink } from './client-link';
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
  private readonly sockets = new Set<Socket>();
  private stopWatching?: () => void;

  constructor(private readonly options: TcpCarrierOptions) {}

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  listen(accept: AcceptLink): Promise<void> {
    const { tls } = this.options;
    const onSocket = (socket: Socket) => this.accept(socket, accept);
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

  async close(): Promise<void> {
    this.stopWatching?.();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket, accept: AcceptLink): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const events = accept(new TcpLink(socket), new FrameDecoder(this.options.maxFrameBytes));
    socket.on('data', (chunk: Buffer) => events.data(chunk));
    socket.on('error', () => undefined); // 'close' follows and does the clean-up
    socket.on('close', () => {
      this.sockets.delete(socket);
      events.close();
    });
  }
}

class TcpLink implements ClientLink {
  readonly carrier = 'tcp';

  constructor(private readonly socket: Socket) {}

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
