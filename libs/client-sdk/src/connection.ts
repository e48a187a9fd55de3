import { Frame } from '@cim/protocol';
import { Carrier, FrameLink } from './carriers/carrier';
import { CimServerError, ConnectionLostError, RequestTimeoutError } from './errors';
import { ServerAddress } from './types';

/** Frames the server sends unasked (MESSAGE, KICKED, RECONNECT, stray ERROR), and the end of the line. */
export interface ConnectionHandlers {
  onFrame(frame: Frame, connection: FrameConnection): void;
  /** Once, however the connection ended; `error` says why when it was not a clean close. */
  onClose(connection: FrameConnection, error?: Error): void;
}

interface Pending {
  resolve(frame: Frame): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

const MAX_REQUEST_ID = 0xffffffff;

/**
 * One connection to an im-server, over whichever carrier (TCP, TLS, WebSocket): writes frames and
 * matches each answer (LOGIN_ACK, SEND_ACK, PONG, ERROR) to its request by request id. When the
 * connection ends, every request still waiting is rejected with ConnectionLostError.
 */
export class FrameConnection {
  lastReceivedAt = Date.now();
  lastSentAt = Date.now();
  private link?: FrameLink;
  private readonly pending = new Map<number, Pending>();
  private lastRequestId = 0;
  private closed = false;

  private constructor(
    private readonly handlers: ConnectionHandlers,
    readonly address: string,
  ) {}

  /** Connects to the server by the carrier; rejects with ConnectionLostError naming the cause. */
  static async connect(
    carrier: Carrier,
    server: ServerAddress,
    handlers: ConnectionHandlers,
    timeoutMs = 10_000,
  ): Promise<FrameConnection> {
    const connection = new FrameConnection(handlers, carrier.describe(server));
    connection.link = await carrier.open(
      server,
      { frame: (frame) => connection.receive(frame), closed: (error) => connection.end(error) },
      timeoutMs,
    );
    return connection;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Writes a frame that expects no answer; false when the connection is closed. */
  send(frame: Frame): boolean {
    if (this.closed) return false;
    this.lastSentAt = Date.now();
    this.link?.send(frame);
    return true;
  }

  /**
   * Sends a request and resolves with the frame answering it; an ERROR answer rejects with
   * CimServerError, the end of the connection with ConnectionLostError, no answer within `timeoutMs`
   * (if given) with RequestTimeoutError (a late answer is then handed to `onFrame`).
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
          reject(new RequestTimeoutError(`no answer from ${this.address} within ${timeoutMs} ms`));
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

  private receive(frame: Frame): void {
    this.lastReceivedAt = Date.now();
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
    this.link?.close();
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
