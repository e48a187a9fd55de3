/**
 * The part of the protocol library a client needs: frames, their codec, errors and versions. The client
 * SDK's package is built from this entry (libs/client-sdk/tsconfig.package.json), so nothing here may
 * import a server-side library.
 */
export * from './frames';
export * from './errors';
export * from './version';
export { encodeFrame } from './codec/frame-encoder';
export { encodeFrameBody, decodeFrameBody } from './codec/frame-body';
export { FrameDecoder, decodeFrames, DEFAULT_MAX_FRAME_BYTES } from './codec/frame-decoder';
export { frameSchema, protoPath } from './schema';
export * from './send-seq';
export type { StoredMessage } from './stored-message';
