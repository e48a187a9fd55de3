import * as protobuf from 'protobufjs/light';

/** Put in by the bundler (scripts/build-browser.js): protoDescriptor() of proto/cim.proto at build time. */
declare const CIM_PROTO_DESCRIPTOR: protobuf.INamespace;

/** In a browser there is no file to read: the path is the build's business. */
export function protoPath(): string {
  throw new Error('no proto/cim.proto in a browser: the bundle carries its descriptor');
}

/** cim.Frame from the descriptor the bundle carries. */
export function loadFrameType(): protobuf.Type {
  return protobuf.Root.fromJSON(CIM_PROTO_DESCRIPTOR).lookupType('cim.Frame');
}

export function protoDescriptor(): protobuf.INamespace {
  return CIM_PROTO_DESCRIPTOR;
}
