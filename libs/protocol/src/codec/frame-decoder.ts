import { Frame } from '../frames';
import { FrameTooLargeError, MalformedFrameError } from '../errors';
import { decodeFrameBody } from './frame-body';

export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** A varint32 takes at most five bytes. */
const MAX_VARINT32_BYTES = 5;

/**
 * Incremental decoder of varint32 length-delimited frames. Feed it the chunks a socket reads, in
 * order; it handles a frame split across chunks and many frames in one chunk. Once it has thrown, the
 * stream is out of step and the connection should be closed.
 */
export class FrameDecoder {
  private pending: Buffer | undefined;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.pending?.length ?? 0;
  }

  /**
   * Calls onFrame for each whole frame in the data so far, then throws a ProtocolError at the first
   * bad one, so that the frames before it are still handled. When onFrame answers false, decoding stops
   * after that frame and the rest stays buffered: push again (an empty chunk will do) to go on.
   */
  push(chunk: Buffer, onFrame: (frame: Frame) => unknown): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let offset = 0;
    while (offset < buf.length) {
      const header = readVarint32(buf, offset);
      if (!header) break;
      const [length, headerBytes] = header;
      if (length > this.maxFrameBytes) throw new FrameTooLargeError(length, this.maxFrameBytes);
      const start = offset + headerBytes;
      const end = start + length;
      if (end > buf.length) break;
      offset = end;
      if (onFrame(decodeFrameBody(buf.subarray(start, end))) === false) break;
    }
    if (offset < buf.length) {
      buf = buf.subarray(offset);
      // Copy so a small remainder does not pin a large socket read in memory.
      this.pending = offset > 0 ? Buffer.from(buf) : buf;
    }
  }
}

/** Decodes every frame of a complete byte sequence; for tests and tools. */
export function decodeFrames(bytes: Buffer, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Frame[] {
  const frames: Frame[] = [];
  const decoder = new FrameDecoder(maxFrameBytes);
  decoder.push(bytes, (frame) => frames.push(frame));
  if (decoder.buffered > 0) throw new MalformedFrameError(`${decoder.buffered} trailing bytes`);
  return frames;
}

/** [value, bytes used], or undefined when the varint is not complete yet. */
function readVarint32(buf: Buffer, offset: number): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < MAX_VARINT32_BYTES; i++) {
    if (offset + i >= buf.length) return undefined;
    const byte = buf[offset + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  throw new MalformedFrameError('length prefix is longer than a varint32');
}
