import { WebSocket } from 'ws';
import { ClientLink } from './client-link';

/** A WebSocket connection as a ClientLink: each frame leaves as one binary message, without its prefix. */
export class WsLink implements ClientLink {
  readonly carrier = 'websocket';

  constructor(
    private readonly ws: WebSocket,
    readonly remote: string,
  ) {}

  get destroyed(): boolean {
    return this.ws.readyState === WebSocket.CLOSED;
  }

  get backlog(): number {
    return this.ws.bufferedAmount;
  }

  write(frame: Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(frame.subarray(prefixLength(frame)), { binary: true });
  }

  /** Each message is its own write: ws frames it and the socket has Nagle off. */
  cork(): void {}

  uncork(): void {}

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  end(): void {
    this.ws.close(1000);
  }

  destroy(): void {
    this.ws.terminate();
  }
}

/** The bytes of the varint32 length in front of a frame encodeFrame made. */
function prefixLength(frame: Buffer): number {
  let i = 0;
  while (i < 5 && frame[i] & 0x80) i++;
  return i + 1;
}
