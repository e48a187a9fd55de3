export * from './frames';
export * from './errors';
export { encodeFrame } from './codec/frame-encoder';
export { FrameDecoder, decodeFrames, DEFAULT_MAX_FRAME_BYTES } from './codec/frame-decoder';
export { frameSchema, protoPath } from './schema';
export * from './rpc/patterns';
export * from './rpc/rpc-payloads';
export * from './messages';
export * from './ids/message-id-generator';
