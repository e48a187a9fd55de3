import * as protobuf from 'protobufjs/light';
import { loadFrameType } from './schema-source';

export { protoPath } from './schema-source';

// 64-bit fields (seq, sent_at) decode as plain numbers: millisecond times and sequences stay far below 2^53.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

let frameType: protobuf.Type | undefined;

/**
 * The reflected cim.Frame type, loaded once: in Node from proto/cim.proto (schema-source.ts), in the
 * browser bundle from the descriptor the build made of that file (schema-source.browser.ts).
 */
export function frameSchema(): protobuf.Type {
  frameType ??= loadFrameType();
  return frameType;
}
