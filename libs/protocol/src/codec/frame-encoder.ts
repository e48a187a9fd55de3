import { Frame } from '../frames';
import { frameSchema } from '../schema';

/** The bytes of one frame on the wire: a varint32 length, then the protobuf-encoded Frame. */
export function encodeFrame(frame: Frame): Buffer {
  const bytes = frameSchema().encodeDelimited(frame).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
