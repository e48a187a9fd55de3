/** Bytes on an RPC connection that are not a frame of cim's binary RPC framing; the connection is closed. */
export class RpcFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcFrameError';
  }
}
