import { Socket } from 'node:net';
import { encodeFrame, Frame, FrameDecoder } from '@cim/protocol';
import { CimError, CimServerError, ConnectionLostError } from './errors';

/** Frames the server sends unasked (MESSAGE, KICKED, RECONNECT, stray ERROR), and the end of the line. */
export interface ConnectionHandlers {
  onFrame(frame: Frame, connection: FrameConnection): void;
  /** Once, however the connection ended; `error` says why when it was not a clean close. */
  onClose(connection: FrameConnection, error?: Error): void;
}

interface Pending {
  resolve(frame: Frame): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

const MAX_REQUEST_ID = 0xffffffff;

/**
 * One TCP connection to an im-server: writes frames, decodes the incoming stream with FrameDecoder,
 * and matches each answer (LOGIN_ACK, SEND_ACK, PONG, ERROR) to its request by request id. When the
 * connection ends, every request still waiting is rejected with ConnectionLostError.
 */
export class FrameConnection {
  lastReceivedAt = Date.now();
  lastSentAt = Date.now();
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private readonly pending = new Map<number, Pending>();
  private lastRequestId = 0;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly handlers: ConnectionHandlers,
    readonly address: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.end(error));
    socket.on('close', () => this.end());
  }

  static connect(
    host: string,
    port: number,
    handlers: ConnectionHandlers,
    timeoutMs = 10_000,
  ): Promise<FrameConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectionLostError(`cannot connect to ${host}:${port}: ${error.message}`));
      };
      const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      socket.once('error', fail);
      socket.connect(port, host, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(new FrameConnection(socket, handlers, `${host}:${port}`));
      });
    });
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Writes a frame that expects no answer; false when the connection is closed. */
  send(frame: Frame): boolean {
    if (this.closed) return false;
    this.lastSentAt = Date.now();
    this.socket.write(encodeFrame(frame));
    return true;
  }

  /**
   * Sends a request and resolves with the frame answering it; an ERROR answer rejects with
   * CimServerError, the end of the connection with ConnectionLostError.
   */
  request(frame: Frame, timeoutMs?: number): Promise<Frame> {
    if (this.closed)
      return Promise.reject(new ConnectionLostError(`connection to ${this.address} is closed`));
    const requestId = this.nextRequestId();
    return new Promise<Frame>((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          this.pending.delete(requestId);
          reject(new CimError(`no answer from ${this.address} within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(requestId, pending);
      this.send({ ...frame, requestId });
    });
  }

  /** Closes the connection; `onClose` follows (once). */
  close(error?: Error): void {
    this.end(error);
  }

  private receive(chunk: Buffer): void {
    this.lastReceivedAt = Date.now();
    try {
      this.decoder.push(chunk, (frame) => this.dispatch(frame));
    } catch (error) {
      this.end(error as Error);
    }
  }

  private dispatch(frame: Frame): void {
    if (this.closed) return;
    const pending = frame.requestId ? this.pending.get(frame.requestId) : undefined;
    if (!pending) return this.handlers.onFrame(frame, this);
    this.pending.delete(frame.requestId!);
    clearTimeout(pending.timer);
    if (frame.error) pending.reject(new CimServerError(frame.error));
    else pending.resolve(frame);
  }

  private end(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    const lost = new ConnectionLostError(
      `connection to ${this.address} closed${error ? `: ${error.message}` : ''}`,
    );
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(lost);
    }
    this.pending.clear();
    this.handlers.onClose(this, error);
  }

  private nextRequestId(): number {
    do {
      this.lastRequestId = this.lastRequestId >= MAX_REQUEST_ID ? 1 : this.lastRequestId + 1;
    } while (this.pending.has(this.lastRequestId));
    return this.lastRequestId;
  }
}
