import { connect as connectTcp, Socket } from 'node:net';
import { connect as connectTls, ConnectionOptions } from 'node:tls';
import { encodeFrame, FrameDecoder } from '@cim/protocol';
import { ConnectionLostError } from '../errors';
import { ServerAddress } from '../types';
import { Carrier, FrameLink, LinkHandlers } from './carrier';

export interface TcpCarrierOptions {
  /**
   * Certificates to trust for a TLS server besides Node's own (PEM): a private CA. NODE_EXTRA_CA_CERTS
   * does the same for the whole process. The server's certificate is always verified.
   */
  ca?: string | Buffer | (string | Buffer)[];
  /** The local address connections leave from (e.g. one of several on a host); default: the system's choice. */
  localAddress?: string;
}

/**
 * cim over TCP (Node only): varint-length-delimited frames on a byte stream, in TLS when the
 * route-gateway says the server speaks it, its certificate verified against the server's host name.
 */
export function tcpCarrier(options: TcpCarrierOptions = {}): Carrier {
  return {
    name: 'tcp',
    describe: (server) => `${server.host}:${server.port}`,
    open: (server, handlers, timeoutMs) => open(server, handlers, timeoutMs, options),
  };
}

function open(
  server: ServerAddress,
  handlers: LinkHandlers,
  timeoutMs: number,
  { ca, localAddress }: TcpCarrierOptions,
): Promise<FrameLink> {
  const { host, port } = server;
  return new Promise((resolve, reject) => {
    let socket: Socket;
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ConnectionLostError(`cannot connect to ${host}:${port}: ${error.message}`));
    };
    const ready = () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(new TcpLink(socket, handlers));
    };
    if (server.tls) {
      const servername = isIp(host) ? undefined : host;
      // tls.connect hands localAddress to the socket's connect, though its type does not name it.
      const tlsOptions: ConnectionOptions & { localAddress?: string } = {
        host,
        port,
        ca,
        servername,
        localAddress,
      };
      socket = connectTls(tlsOptions, ready);
    } else {
      socket = connectTcp({ port, host, localAddress }, ready);
    }
    const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', fail);
  });
}

class TcpLink implements FrameLink {
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private ended = false;

  constructor(
    private readonly socket: Socket,
    private readonly handlers: LinkHandlers,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.end(error));
    socket.on('close', () => this.end());
  }

  send(frame: Parameters<FrameLink['send']>[0]): void {
    this.socket.write(encodeFrame(frame));
  }

  close(): void {
    this.end();
  }

  private receive(chunk: Buffer): void {
    try {
      this.decoder.push(chunk, (frame) => !this.ended && this.handlers.frame(frame));
    } catch (error) {
      this.end(error as Error);
    }
  }

  private end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.socket.destroy();
    this.handlers.closed(error);
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
