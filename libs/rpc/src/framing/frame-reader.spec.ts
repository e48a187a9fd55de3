import { FrameReader, joinFrames } from './frame-reader';
import { RpcCodec } from './rpc-codec';
import { RpcFrameError } from './rpc-frame.error';

function framesOf(codec: RpcCodec, messages: unknown[]): Buffer {
  const payloads = messages.map((m) => codec.encode(m));
  return joinFrames(
    payloads,
    payloads.reduce((n, p) => n + p.length, 0),
  );
}

function readAll(reader: FrameReader, codec: RpcCodec, chunks: Buffer[]): unknown[] {
  const out: unknown[] = [];
  for (const chunk of chunks) reader.push(chunk, (payload) => out.push(codec.decode(payload)));
  return out;
}

const calls = Array.from({ length: 50 }, (_, i) => ({
  pattern: i % 2 ? 'gateway.message.send' : 'im.deliver',
  id: String(i),
  data: { userId: `u${i}`, body: 'é'.repeat(i * 40), n: i, nested: { at: i * 1.5, ok: i % 3 === 0 } },
}));

describe('the binary RPC framing (FrameReader and RpcCodec)', () => {
  it('reads back what was written, shapes defined once in the stream and reused', () => {
    const [writer, reader] = [new RpcCodec(), new RpcCodec()];
    const bytes = framesOf(writer, calls);
    expect(readAll(new FrameReader(1 << 20), reader, [bytes])).toEqual(calls);
    const again = framesOf(writer, [calls[0]]);
    expect(again.length).toBeLessThan(Buffer.byteLength(JSON.stringify(calls[0])));
  });

  it('reads frames split anywhere, a byte at a time included', () => {
    const bytes = framesOf(new RpcCodec(), calls);
    const bytewise = [...bytes].map((b) => Buffer.from([b]));
    expect(readAll(new FrameReader(1 << 20), new RpcCodec(), bytewise)).toEqual(calls);
    const cuts = [1, 3, 4, 5, 97, 1000, 1001, 2048, bytes.length];
    const chunks = cuts.map((end, i) => bytes.subarray(i ? cuts[i - 1] : 0, end));
    expect(readAll(new FrameReader(1 << 20), new RpcCodec(), chunks)).toEqual(calls);
  });

  it('holds an incomplete frame without handing on anything of it', () => {
    const bytes = framesOf(new RpcCodec(), [calls[5]]);
    const reader = new FrameReader(1 << 20);
    expect(readAll(reader, new RpcCodec(), [bytes.subarray(0, bytes.length - 1)])).toEqual([]);
    expect(reader.heldBytes).toBe(bytes.length - 1);
  });

  it('refuses a frame over the limit from its header, naming the size and the limit', () => {
    const reader = new FrameReader(1024);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1025);
    expect(() => reader.push(header, () => undefined)).toThrow(
      new RpcFrameError(
        'a frame of 1025 bytes is over the limit of 1024 (the first bytes were "\\u0000\\u0000\\u0004\\u0001"; ' +
          'is the peer speaking another protocol?)',
      ),
    );
  });

  it("refuses another protocol's bytes: Nest's JSON framing is an oversize frame", () => {
    const json = '{"pattern":"im.kick","data":{},"id":"1"}';
    const reader = new FrameReader(4096);
    expect(() => reader.push(Buffer.from(`${json.length}#${json}`), () => undefined)).toThrow(
      /a frame of 875570043 bytes is over the limit of 4096 .*"40#\{"/,
    );
  });

  it('names a frame whose payload is not MessagePack, or refers to a shape never defined', () => {
    const codec = new RpcCodec();
    expect(() => codec.decode(Buffer.from([0x92, 0x01]))).toThrow(/^malformed RPC frame of 2 bytes: /);
    const writer = new RpcCodec();
    writer.encode({ a: 1 });
    const second = writer.encode({ a: 2 });
    expect(() => new RpcCodec().decode(second)).toThrow(RpcFrameError);
  });
});
