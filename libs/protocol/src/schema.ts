import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as protobuf from 'protobufjs';

// 64-bit fields (seq, sent_at) decode as plain numbers: millisecond times and sequences stay far below 2^53.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

/**
 * Where proto/cim.proto is: CIM_PROTO_PATH, else the nearest proto/ folder above this file — the
 * repository's beside the sources, dist/apps/<app>/proto/ (copied by the build) beside the build.
 */
export function protoPath(): string {
  if (process.env.CIM_PROTO_PATH) return process.env.CIM_PROTO_PATH;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'proto', 'cim.proto');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`proto/cim.proto not found in any folder above ${__dirname}`);
  }
}

let frameType: protobuf.Type | undefined;

/** The reflected cim.Frame type, loaded once from the .proto file. */
export function frameSchema(): protobuf.Type {
  frameType ??= protobuf.loadSync(protoPath()).lookupType('cim.Frame');
  return frameType;
}
