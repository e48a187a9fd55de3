import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ClientCarrier, LinkHandler } from './client-link';
import { MessageReader } from './message-reader';
import { readTlsFiles, reloadOnChange, TlsFiles } from './tls-files';
import { WsLink } from './ws-link';

export interface WsCarrierOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  /** Browser origins allowed to connect; '*' allows any. A request without Origin (not a browser) is let in. */
  allowedOrigins: string[];
  /** How long a connection may take to send its upgrade request. */
  handshakeTimeoutMs: number;
  /** wss:// with a certificate reloaded when its files change; ws:// without. */
  tls?: TlsFiles;
  onTlsReload?: Parameters<typeof reloadOnChange>[2];
  /** Told of each upgrade request refused (metrics). */
  onRefused?: (cause: 'origin' | 'url') => void;
}

/**
 * The client listener's WebSocket carrier (the `ws` library): one cim frame, without its length
 * prefix, per binary message, on a port of its own. Upgrades are refused with a status and a text
 * naming the cause when the Origin is not allowed or the URL carries a query string (credentials
 * travel in LOGIN, never in a URL a proxy might log). A message larger than the frame limit is
 * answered FRAME_TOO_LARGE by the transport; one larger still is cut off by `ws` (close code 1009).
 */
export class WsCarrier implements ClientCarrier {
  readonly name = 'websocket';
  private server?: Server;
  private readonly sockets: WebSocketServer;
  private stopWatching?: () => void;

  constructor(private readonly options: WsCarrierOptions) {
    // Room above the frame limit, so that a frame a little too large is answered FRAME_TOO_LARGE.
    const maxPayload = Math.max(options.maxFrameBytes * 4, 64 * 1024);
    // The transport keeps every connection: ws need not keep a set of its own.
    this.sockets = new WebSocketServer({
      noServer: true,
      maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  listen(handler: LinkHandler): Promise<void> {
    const { tls } = this.options;
    const server = tls ? createHttpsServer(readTlsFiles(tls), notUpgraded) : createServer(notUpgraded);
    if (tls) {
      server.on('tlsClientError', () => undefined);
      const secure = server as ReturnType<typeof createHttpsServer>;
      this.stopWatching = reloadOnChange(tls, secure, (outcome) => this.options.onTlsReload?.(outcome));
    }
    server.headersTimeout = this.options.handshakeTimeoutMs;
    server.requestTimeout = this.options.handshakeTimeoutMs;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(request, socket, head, handler),
    );
    this.server = server;
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
    this.sockets.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, handler: LinkHandler): void {
    socket.on('error', () => undefined);
    const refusal = this.refusal(request);
    if (refusal) {
      this.options.onRefused?.(refusal.cause);
      return refuse(socket, refusal.status, refusal.text);
    }
    const reader = new MessageReader(this.options.maxFrameBytes);
    this.sockets.handleUpgrade(request, socket, head, (ws) =>
      WsLink.accept(ws, request.socket, handler, reader),
    );
  }

  private refusal(request: IncomingMessage) {
    const origin = request.headers.origin;
    const { allowedOrigins } = this.options;
    if (origin !== undefined && !allowedOrigins.includes('*') && !allowedOrigins.includes(origin)) {
      const text = `origin ${origin} is not allowed (CIM_IM_WS_ORIGINS)`;
      return { cause: 'origin' as const, status: 403, text };
    }
    if (request.url?.includes('?')) {
      const text = 'no query string: credentials travel in the LOGIN frame, never in the URL';
      return { cause: 'url' as const, status: 400, text };
    }
    return undefined;
  }
}

/** A plain HTTP request to the WebSocket port. */
function notUpgraded(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket', connection: 'close' });
  response.end('this port speaks WebSocket only (cim frames, one per binary message)\n');
}

function refuse(socket: Duplex, status: number, text: string): void {
  const reason = status === 403 ? 'Forbidden' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
