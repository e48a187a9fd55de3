import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as protobuf from 'protobufjs';

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

/** cim.Frame as proto/cim.proto declares it, read from the file (Node). */
export function loadFrameType(): protobuf.Type {
  return protobuf.loadSync(protoPath()).lookupType('cim.Frame');
}

/** The whole schema as a JSON descriptor: what the browser bundle carries instead of the file. */
export function protoDescriptor(): protobuf.INamespace {
  return protobuf.loadSync(protoPath()).toJSON();
}
