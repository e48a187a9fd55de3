import { encodeFrameBody, Frame, FrameTooLargeError, MalformedFrameError } from '@cim/protocol';
import { MessageReader } from './message-reader';

const message = (frame: Frame) => Buffer.from(encodeFrameBody(frame));

describe('MessageReader (one frame per WebSocket message)', () => {
  it('hands each message over as one whole frame, in order', () => {
    const reader = new MessageReader(1024);
    const seen: number[] = [];
    reader.push(message({ requestId: 1, ping: {} }), (frame) => seen.push(frame.requestId!));
    reader.push(message({ requestId: 2, send: { clientMsgId: 'c', body: 'b' } }), (frame) =>
      seen.push(frame.requestId!),
    );
    expect(seen).toEqual([1, 2]);
    expect(reader.buffered).toBe(0);
  });

  it('refuses a message over the limit, naming it, and one that is not a frame', () => {
    const reader = new MessageReader(16);
    expect(() => reader.push(Buffer.alloc(17), () => true)).toThrow(FrameTooLargeError);
    expect(() => new MessageReader(1024).push(Buffer.from([0xff, 0xff]), () => true)).toThrow(
      MalformedFrameError,
    );
  });

  it('throws a refusal after the frames that came before it', () => {
    const reader = new MessageReader(1024);
    const seen: Frame[] = [];
    reader.push(message({ requestId: 1, ping: {} }), () => false);
    reader.refuse(new MalformedFrameError('a text message; frames travel in binary ones'));
    expect(() => reader.push(Buffer.alloc(0), (frame) => seen.push(frame))).toThrow(
      'malformed frame: a text message; frames travel in binary ones',
    );
    expect(seen).toHaveLength(0);
  });
});
