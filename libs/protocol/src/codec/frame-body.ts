import { FRAME_KINDS, Frame } from '../frames';
import { FrameTooLargeError, MalformedFrameError } from '../errors';
import { frameSchema } from '../schema';

/**
 * One frame without its length prefix: what a WebSocket message carries (the message itself has a
 * length). Plain Uint8Array, no Buffer, so that it runs in browsers too.
 */
export function encodeFrameBody(frame: Frame): Uint8Array {
  return frameSchema().encode(frame).finish();
}

/** Decodes one frame body; a body that is too large, not protobuf, or has not exactly one kind throws. */
export function decodeFrameBody(body: Uint8Array, maxFrameBytes = Infinity): Frame {
  if (body.length > maxFrameBytes) throw new FrameTooLargeError(body.length, maxFrameBytes);
  let frame: Frame;
  try {
    frame = frameSchema().decode(body) as Frame;
  } catch (error) {
    throw new MalformedFrameError((error as Error).message);
  }
  const kinds = FRAME_KINDS.filter((kind) => frame[kind] !== undefined && frame[kind] !== null);
  if (kinds.length !== 1)
    throw new MalformedFrameError(kinds.length ? 'more than one body' : 'no frame body');
  return frame;
}
