import { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { MalformedFrameError } from '@cim/protocol';
import { CarrierName, ClientLink, LinkHandler } from './client-link';
import { MessageReader } from './message-reader';

/** Where a WebSocket keeps its link, so that one set of listeners serves every connection. */
const LINK = Symbol('cim.ws-link');
type LinkedWebSocket = WebSocket & { [LINK]: WsLink };

function onMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  const link = (this as LinkedWebSocket)[LINK];
  if (!isBinary) link.reader.refuse(new MalformedFrameError('a text message; frames travel in binary ones'));
  link.handler.data(link.connection, isBinary ? data : Buffer.alloc(0));
}

function onClose(this: WebSocket): void {
  const link = (this as LinkedWebSocket)[LINK];
  link.handler.closed(link.connection);
}

/** 'close' follows an error and does the clean-up. */
function ignore(): void {}

/** A WebSocket connection as a ClientLink: each frame leaves as one binary message, without its prefix. */
export class WsLink implements ClientLink {
  /** What the handler answered when the connection was accepted. */
  connection: unknown;

  private constructor(
    private readonly ws: WebSocket,
    /** The upgraded TCP socket, for the peer's address. */
    private readonly socket: Socket,
    readonly handler: LinkHandler,
    readonly reader: MessageReader,
  ) {}

  static accept(ws: WebSocket, socket: Socket, handler: LinkHandler, reader: MessageReader): void {
    const link = new WsLink(ws, socket, handler, reader);
    link.connection = handler.opened(link, reader);
    (ws as LinkedWebSocket)[LINK] = link;
    ws.on('message', onMessage);
    ws.on('error', ignore);
    ws.on('close', onClose);
  }

  get carrier(): CarrierName {
    return 'websocket';
  }

  get remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

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
