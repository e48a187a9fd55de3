import { WebSocket } from 'ws';
import { decodeFrameBody, encodeFrameBody, Frame, FrameKind } from '@cim/protocol';
import { Carrier, WebSocketConstructor, websocketCarrier } from '@cim/client-sdk';
import { eventually } from './eventually';

/** The SDK's WebSocket carrier on the `ws` package (Node 20 has no WebSocket), trusting `ca` if given. */
export function wsCarrier(ca?: string | Buffer): Carrier {
  return websocketCarrier({
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    options: ca ? { ca } : undefined,
  });
}

/** What an upgrade request was answered when the server refused it. */
export interface Refusal {
  status: number;
  body: string;
}

/**
 * A test client speaking raw frames over WebSocket, one per binary message: what it received, how the
 * server closed it, and how a refused upgrade was answered.
 */
export class RawWsClient {
  readonly frames: Frame[] = [];
  closeCode?: number;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push(decodeFrameBody(data)));
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => undefined);
  }

  /** Opens the connection; a refused upgrade rejects with its status and body. */
  static connect(url: string, options: { origin?: string; ca?: string | Buffer } = {}): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      ws.once('open', () => resolve(new RawWsClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject({ status: response.statusCode ?? 0, body } satisfies Refusal));
      });
    });
  }

  send(frame: Frame): void {
    this.ws.send(encodeFrameBody(frame));
  }

  sendRaw(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  next(kind: FrameKind, timeoutMs = 10_000): Promise<Frame> {
    return eventually(() => {
      const found = this.frames.find((f) => f[kind]);
      if (!found) throw new Error(`no ${kind} frame yet (received ${this.frames.length})`);
      return found;
    }, timeoutMs);
  }

  waitClosed(timeoutMs = 10_000): Promise<number> {
    return eventually(() => {
      if (this.closeCode === undefined) throw new Error('the connection is still open');
      return this.closeCode;
    }, timeoutMs);
  }

  close(): void {
    this.ws.terminate();
  }
}
