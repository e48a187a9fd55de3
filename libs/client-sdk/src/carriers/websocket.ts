import { decodeFrameBody, encodeFrameBody } from '@cim/protocol';
import { ConnectionLostError } from '../errors';
import { ServerAddress } from '../types';
import { Carrier, FrameLink, LinkHandlers } from './carrier';

/** What the carrier needs of a WebSocket: the browser's, or the `ws` package's in Node. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (
  url: string,
  protocols?: string[],
  options?: unknown,
) => WebSocketLike;

export interface WebSocketCarrierOptions {
  /** The WebSocket class: the global one by default (browsers, Node ≥ 22); `ws`'s in older Node. */
  WebSocket?: WebSocketConstructor;
  /** Passed to the constructor as its third argument: `ws` takes TLS options there (e.g. `{ ca }`). */
  options?: unknown;
}

const OPEN = 1;

/**
 * cim over WebSocket: one frame, without a length prefix, per binary message, to the URL the
 * route-gateway named (ws:// or wss://). Runs in browsers: no Node module, no Buffer.
 */
export function websocketCarrier(carrierOptions: WebSocketCarrierOptions = {}): Carrier {
  return {
    name: 'websocket',
    describe: (server) => server.url ?? `${server.host}:${server.port}`,
    open: (server, handlers, timeoutMs) => open(server, handlers, timeoutMs, carrierOptions),
  };
}

function open(
  server: ServerAddress,
  handlers: LinkHandlers,
  timeoutMs: number,
  { WebSocket = globalThis.WebSocket as unknown as WebSocketConstructor, options }: WebSocketCarrierOptions,
): Promise<FrameLink> {
  const url = server.url;
  if (!url) return Promise.reject(new ConnectionLostError(`im-server ${server.id} named no WebSocket URL`));
  if (!WebSocket)
    return Promise.reject(
      new ConnectionLostError('no WebSocket here: pass one as websocketCarrier({ WebSocket })'),
    );
  return new Promise((resolve, reject) => {
    const socket = options === undefined ? new WebSocket(url) : new WebSocket(url, undefined, options);
    socket.binaryType = 'arraybuffer';
    const fail = (cause: string) => {
      clearTimeout(timer);
      socket.onopen = socket.onclose = socket.onerror = null;
      socket.close();
      reject(new ConnectionLostError(`cannot connect to ${url}: ${cause}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    // A browser says nothing of why (a refused origin, an untrusted certificate); `ws` passes the error.
    socket.onerror = (event) => fail(errorText(event) ?? 'the connection failed');
    socket.onclose = (event) => fail(closeText(event));
    socket.onopen = () => {
      clearTimeout(timer);
      resolve(new WebSocketLink(socket, handlers));
    };
  });
}

class WebSocketLink implements FrameLink {
  private ended = false;

  constructor(
    private readonly socket: WebSocketLike,
    private readonly handlers: LinkHandlers,
  ) {
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = (event) => this.end(new Error(errorText(event) ?? 'WebSocket error'));
    socket.onclose = (event) => this.end(event.code === 1000 ? undefined : new Error(closeText(event)));
  }

  send(frame: Parameters<FrameLink['send']>[0]): void {
    if (this.socket.readyState === OPEN) this.socket.send(encodeFrameBody(frame));
  }

  close(): void {
    this.end();
  }

  private receive(data: unknown): void {
    if (this.ended) return;
    if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data))
      return this.end(new Error('the server sent a text message; cim frames travel in binary ones'));
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
    let frame;
    try {
      frame = decodeFrameBody(bytes);
    } catch (error) {
      return this.end(error as Error);
    }
    this.handlers.frame(frame);
  }

  private end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.socket.onmessage = this.socket.onerror = this.socket.onclose = null;
    this.socket.close(1000);
    this.handlers.closed(error);
  }
}

function errorText(event: unknown): string | undefined {
  const error = (event as { error?: Error; message?: string } | undefined) ?? {};
  return error.error?.message ?? (error.message || undefined);
}

function closeText({ code, reason }: { code: number; reason: string }): string {
  return `closed with code ${code}${reason ? ` (${reason})` : ''}`;
}
