import { RpcFrameError } from './rpc-frame.error';

/** Bytes of the length that opens every frame (unsigned, big-endian). */
export const FRAME_HEADER_BYTES = 4;

/**
 * Cuts a byte stream into frames: a 4-byte big-endian payload length, then the payload. A length over
 * maxFrameBytes is refused as soon as its header arrives, before any of its payload is held. Frames
 * that arrive whole in one chunk are handed on as views of it (no copy); a frame split over chunks is
 * held until it is complete and joined once.
 */
export class FrameReader {
  private parts: Buffer[] = [];
  private held = 0;
  /** Header and payload bytes of the frame being awaited; 0 until its header has arrived. */
  private awaited = 0;

  constructor(public maxFrameBytes: number) {}

  /** Bytes of an incomplete frame held since the last complete one. */
  get heldBytes(): number {
    return this.held;
  }

  /** Hands each complete frame's payload to onFrame; throws RpcFrameError on an oversize length. */
  push(chunk: Buffer, onFrame: (payload: Buffer) => void): void {
    if (this.held === 0) return this.scan(chunk, onFrame);
    this.parts.push(chunk);
    this.held += chunk.length;
    if (this.awaited === 0 && this.held >= FRAME_HEADER_BYTES)
      this.awaited = FRAME_HEADER_BYTES + this.checkedLength(Buffer.concat(this.parts), 0);
    if (this.awaited === 0 || this.held < this.awaited) return;
    const joined = Buffer.concat(this.parts, this.held);
    this.parts = [];
    this.held = 0;
    this.awaited = 0;
    this.scan(joined, onFrame);
  }

  private scan(data: Buffer, onFrame: (payload: Buffer) => void): void {
    let at = 0;
    while (data.length - at >= FRAME_HEADER_BYTES) {
      const length = this.checkedLength(data, at);
      const end = at + FRAME_HEADER_BYTES + length;
      if (end > data.length) {
        this.awaited = FRAME_HEADER_BYTES + length;
        break;
      }
      onFrame(data.subarray(at + FRAME_HEADER_BYTES, end));
      at = end;
    }
    if (at < data.length) {
      this.parts = [data.subarray(at)];
      this.held = data.length - at;
    }
  }

  private checkedLength(data: Buffer, at: number): number {
    const length = data.readUInt32BE(at);
    if (length > this.maxFrameBytes)
      throw new RpcFrameError(
        `a frame of ${length} bytes is over the limit of ${this.maxFrameBytes} ` +
          `(the first bytes were ${JSON.stringify(data.toString('latin1', at, at + FRAME_HEADER_BYTES))}; ` +
          'is the peer speaking another protocol?)',
      );
    return length;
  }
}

/** Writes frames (header and payload) for these payloads into one buffer: one socket write for all. */
export function joinFrames(payloads: readonly Buffer[], payloadBytes: number): Buffer {
  const out = Buffer.allocUnsafe(payloadBytes + FRAME_HEADER_BYTES * payloads.length);
  let at = 0;
  for (const payload of payloads) {
    out.writeUInt32BE(payload.length, at);
    payload.copy(out, at + FRAME_HEADER_BYTES);
    at += FRAME_HEADER_BYTES + payload.length;
  }
  return out;
}
