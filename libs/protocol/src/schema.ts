import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as protobuf from 'protobufjs';

// 64-bit fields (seq, sent_at) decode as plain numbers: millisecond times and sequences stay far below 2^53.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

/**
 * Where proto/cim.proto is: beside the sources (libs/protocol/src → proto/) or beside the build
 * (dist/libs/protocol/src → dist/proto/, which the build copies), or CIM_PROTO_PATH.
 */
export function protoPath(): string {
  const candidates = [process.env.CIM_PROTO_PATH, resolve(__dirname, '../../../proto/cim.proto')];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  throw new Error(`proto/cim.proto not found (looked in ${candidates.filter(Boolean).join(', ')})`);
}

let frameType: protobuf.Type | undefined;

/** The reflected cim.Frame type, loaded once from the .proto file. */
export function frameSchema(): protobuf.Type {
  frameType ??= protobuf.loadSync(protoPath()).lookupType('cim.Frame');
  return frameType;
}
