import { decodeFrameBody, encodeFrameBody, Frame } from '@cim/protocol';
import WebSocket, { RawData } from 'ws';
import { FrameLink } from './frame-link';

/** The WebSocket carrier: one frame, without a length prefix, per binary message (as the browser SDK sends). */
export function openWsLink(url: string, timeoutMs: number, localAddress?: string): Promise<FrameLink> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      localAddress,
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
    });
    const refused = (error: Error) => reject(new Error(`cannot open ${url}: ${error.message}`));
    socket.once('error', refused);
    socket.once('open', () => {
      socket.off('error', refused);
      resolve(new WsLink(socket));
    });
  });
}

/**
 * `ws` hands over the messages of one socket read one after the other in the same turn, so the frames
 * are gathered until the turn ends and handed on together: as many frames per batch as a TCP read.
 */
class WsLink implements FrameLink {
  onFrames: (frames: Frame[]) => void = () => undefined;
  onClose: (error?: Error) => void = () => undefined;
  private pending?: Frame[];
  private error?: Error;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(data, isBinary));
    // An error is followed by 'close', which reports it.
    socket.on('error', (error) => (this.error ??= error));
    socket.on('close', (code: number, reason: Buffer) =>
      this.onClose(
        this.error ?? (code === 1000 ? undefined : new Error(`closed with code ${code} ${reason}`)),
      ),
    );
  }

  send(frame: Frame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(encodeFrameBody(frame));
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!isBinary) return this.fail('the server sent a text message; cim frames travel in binary ones');
    let frame: Frame;
    try {
      frame = decodeFrameBody(data as Buffer);
    } catch (error) {
      return this.fail((error as Error).message);
    }
    if (!this.pending) {
      this.pending = [];
      queueMicrotask(() => this.flush());
    }
    this.pending.push(frame);
  }

  private flush(): void {
    const frames = this.pending!;
    this.pending = undefined;
    this.onFrames(frames);
  }

  private fail(cause: string): void {
    this.error ??= new Error(cause);
    this.socket.terminate();
  }
}
