import { decodeFrameBody, Frame, ProtocolError } from '@cim/protocol';
import { FrameReader } from './client-link';

/**
 * The FrameReader of a carrier that frames by itself (WebSocket): each chunk pushed is one whole
 * frame, handed over by that push; a refusal (a text message) is thrown by the next one. Whatever one
 * push does not hand over waits here, in order, for the next.
 */
export class MessageReader implements FrameReader {
  private readonly waiting: (Buffer | ProtocolError)[] = [];
  private bytes = 0;

  constructor(private readonly maxFrameBytes: number) {}

  get buffered(): number {
    return this.bytes;
  }

  /** Makes the next push throw `error` once the frames received before it are handed over. */
  refuse(error: ProtocolError): void {
    this.waiting.push(error);
  }

  push(chunk: Buffer, onFrame: (frame: Frame) => unknown): void {
    if (chunk.length > 0) {
      this.waiting.push(chunk);
      this.bytes += chunk.length;
    }
    while (this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      if (next instanceof ProtocolError) throw next;
      this.bytes -= next.length;
      if (onFrame(decodeFrameBody(next, this.maxFrameBytes)) === false) break;
    }
  }
}
