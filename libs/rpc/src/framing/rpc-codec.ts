import { Packr, Unpackr } from 'msgpackr';
import { RpcFrameError } from './rpc-frame.error';

/**
 * The payload encoding of one RPC connection: MessagePack with msgpackr's records in sequential mode.
 * An object shape (the keys of a call, a reply, a SEND request) is defined in the stream the first
 * time it is sent and referred to by a one-byte id afterwards, so the keys repeated on every call
 * cross the wire once per connection. That needs one encoder per direction and connection, read in
 * order: TCP gives the order, and each connection makes its own codec. MessagePack rather than
 * protobuf: the payloads are the patterns' plain objects, checked by JSON Schemas typed against their
 * interfaces, and a .proto message per pattern would be a third description of them to keep in step. A field set to
 * `undefined` arrives as `undefined` (JSON dropped it); payloads hold no Dates or class instances.
 */
export class RpcCodec {
  private readonly packr = new Packr({ sequential: true });
  private readonly unpackr = new Unpackr({ sequential: true });

  encode(message: unknown): Buffer {
    return this.packr.pack(message);
  }

  /** The value in one frame's payload; throws RpcFrameError naming the cause when it is not one. */
  decode(payload: Buffer): unknown {
    try {
      return this.unpackr.unpack(payload);
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw new RpcFrameError(`malformed RPC frame of ${payload.length} bytes: ${cause}`);
    }
  }
}
