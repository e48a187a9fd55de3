import { ErrorCode, Frame, MessageKind } from '../frames';
import { FrameTooLargeError, MalformedFrameError } from '../errors';
import { encodeFrame } from './frame-encoder';
import { FrameDecoder, decodeFrames } from './frame-decoder';

const sample: Frame[] = [
  { requestId: 1, login: { userId: '10001', token: 'abc.def' } },
  { requestId: 2, ping: {} },
  { requestId: 3, send: { clientMsgId: 'c1', receiverId: '10002', body: 'hello 你好 👋' } },
  { send: { clientMsgId: 'c2', group: true, body: 'all' } },
  {
    messages: {
      messages: [
        {
          messageId: 'm1',
          seq: 7,
          senderId: '10001',
          senderName: 'alice',
          receiverId: '10002',
          kind: MessageKind.Private,
          body: 'x'.repeat(1000),
          sentAt: 1_790_000_000_123,
        },
      ],
    },
  },
  { error: { code: ErrorCode.InvalidToken, text: 'token expired', answers: 'login' } },
];

function decodeInChunks(bytes: Buffer, sizes: number[]): Frame[] {
  const decoder = new FrameDecoder();
  const frames: Frame[] = [];
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    decoder.push(bytes.subarray(offset, offset + size), (f) => frames.push(f));
    offset += size;
  }
  expect(decoder.buffered).toBe(0);
  return frames;
}

/** Own fields only, as plain objects: decoded messages keep their defaults on the prototype. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

describe('FrameDecoder', () => {
  const stream = Buffer.concat(sample.map(encodeFrame));

  it('decodes many frames arriving in one read', () => {
    expect(plain(decodeFrames(stream))).toEqual(plain(sample));
  });

  it('decodes frames split across reads at every possible boundary', () => {
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      expect(plain(decodeInChunks(stream, [size]))).toEqual(plain(sample));
    }
  });

  it('stops between frames when told to, and goes on from there at the next push', () => {
    const decoder = new FrameDecoder();
    const frames: Frame[] = [];
    decoder.push(stream, (f) => frames.push(f) < 2);
    expect(frames).toHaveLength(2);
    expect(decoder.buffered).toBe(
      stream.length - encodeFrame(sample[0]).length - encodeFrame(sample[1]).length,
    );
    decoder.push(Buffer.alloc(0), (f) => void frames.push(f));
    expect(plain(frames)).toEqual(plain(sample));
    expect(decoder.buffered).toBe(0);
  });

  it('keeps 64-bit times and sequences as numbers', () => {
    const [frame] = decodeFrames(encodeFrame(sample[4]));
    expect(frame.messages!.messages[0].sentAt).toBe(1_790_000_000_123);
    expect(frame.messages!.messages[0].seq).toBe(7);
  });

  it('rejects a declared length over the maximum before the body arrives', () => {
    const decoder = new FrameDecoder(1024);
    const header = encodeFrame({ send: { clientMsgId: 'c', group: true, body: 'y'.repeat(2000) } }).subarray(
      0,
      3,
    );
    expect(() => decoder.push(header, () => undefined)).toThrow(FrameTooLargeError);
    expect(() => new FrameDecoder(1024).push(header, () => undefined)).toThrow(
      /more than the maximum of 1024/,
    );
  });

  it('rejects a length prefix longer than a varint32', () => {
    expect(() => decodeFrames(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      MalformedFrameError,
    );
  });

  it('rejects malformed protobuf and names the cause', () => {
    const garbage = Buffer.from([5, 0x0a, 0xff, 0xff, 0xff, 0xff]);
    expect(() => decodeFrames(garbage)).toThrow(/malformed frame: /);
  });

  it('rejects a frame with no body', () => {
    expect(() => decodeFrames(Buffer.from([2, 0x08, 0x01]))).toThrow(/no frame body/);
  });

  it('hands over the good frames before the bad one, then throws', () => {
    const frames: Frame[] = [];
    const bytes = Buffer.concat([encodeFrame(sample[1]), Buffer.from([1, 0xff])]);
    expect(() => new FrameDecoder().push(bytes, (f) => frames.push(f))).toThrow(MalformedFrameError);
    expect(frames).toHaveLength(1);
  });

  it('carries the error code the ERROR frame sends back', () => {
    expect(new FrameTooLargeError(10, 5).code).toBe(ErrorCode.FrameTooLarge);
    expect(new MalformedFrameError('x').code).toBe(ErrorCode.MalformedFrame);
  });
});
