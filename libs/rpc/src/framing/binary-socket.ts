import { TcpSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { FrameReader, joinFrames } from './frame-reader';
import { RpcCodec } from './rpc-codec';
import { RpcFrameError } from './rpc-frame.error';

/** The largest frame an authenticated peer may send (an inbox hand-over is the largest reply). */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Unsent bytes one connection may hold for a peer that reads nothing before it is dropped. */
const MAX_SEND_BUFFER_BYTES = 128 * 1024 * 1024;
/** A frame still incomplete this long after its first bytes arrived closes the connection. */
const INCOMPLETE_FRAME_TIMEOUT_MS = 30_000;

type SendCallback = (error?: unknown) => void;

/**
 * The socket class (`socketClass`) of cim's Nest TCP transport, in place of Nest's JSON framing: each
 * message is a length-prefixed MessagePack frame (RpcCodec, FrameReader). Messages sent in one tick
 * leave in one write at the end of it (process.nextTick: never a turn of the event loop later), so a
 * burst of calls or replies costs one system call, and a lone call goes out as soon as the code that
 * sent it returns. Reading stops while the peer does not take what is written (as Nest's JsonSocket
 * does), and a framing error is raised as the socket's error and closes only this connection.
 */
export class BinarySocket extends TcpSocket {
  private readonly reader = new FrameReader(DEFAULT_MAX_FRAME_BYTES);
  private readonly codec = new RpcCodec();
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private callbacks: SendCallback[] = [];
  private flushScheduled = false;
  private broken = false;
  private incompleteTimer?: NodeJS.Timeout;

  constructor(socket: Socket) {
    super(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.clearIncompleteTimer());
  }

  /** The largest frame accepted from the peer (the RPC listener keeps it small until the hello). */
  get maxFrameBytes(): number {
    return this.reader.maxFrameBytes;
  }

  set maxFrameBytes(bytes: number) {
    this.reader.maxFrameBytes = bytes;
  }

  /** Writes what is queued, then half-closes: a refusal sent just before end() still reaches the peer. */
  override end(): this {
    this.flush();
    return super.end();
  }

  protected handleSend(message: unknown, callback?: SendCallback): void {
    const payload = this.codec.encode(message);
    this.queue.push(payload);
    this.queuedBytes += payload.length;
    if (callback) this.callbacks.push(callback);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(() => this.flush());
  }

  protected handleData(data: Buffer | string): void {
    if (this.broken) return;
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let progressed = false;
    try {
      this.reader.push(chunk, (payload) => {
        progressed = true;
        this.socket.emit('message', this.codec.decode(payload) ?? {});
      });
    } catch (error) {
      this.broken = true;
      throw error;
    }
    if (this.reader.heldBytes === 0) this.clearIncompleteTimer();
    else if (!this.incompleteTimer) this.armIncompleteTimer();
    else if (progressed) this.incompleteTimer.refresh();
  }

  /**
   * Sends one last message and half-closes, even after a framing error marked the connection closed:
   * how a listener tells a peer why it is refused.
   */
  sendLast(message: unknown): void {
    if (!this.socket.writable) return;
    this.handleSend(message);
    this.end();
  }

  protected override handleDataError(error: unknown, options?: { destroy?: boolean }): void {
    this.flush();
    super.handleDataError(error, options);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    const frames = joinFrames(this.queue, this.queuedBytes);
    const callbacks = this.callbacks;
    this.queue = [];
    this.queuedBytes = 0;
    this.callbacks = [];
    const done = callbacks.length ? (error?: unknown) => callbacks.forEach((cb) => cb(error)) : undefined;
    if (!this.socket.writable) return done?.(new RpcFrameError('the connection is closed'));
    const accepted = this.socket.write(frames, done);
    // Only bytes the kernel did not take hold reading back (a tick's batch is often over the
    // high-water mark and still written at once); 'drain' follows only a write that returned false.
    if (!accepted && this.socket.writableLength >= this.socket.writableHighWaterMark)
      this.applyBackpressure();
    if (this.socket.writableLength > MAX_SEND_BUFFER_BYTES)
      super.handleDataError(
        new RpcFrameError(
          `${this.socket.writableLength} bytes are waiting for a peer that does not read ` +
            `(more than ${MAX_SEND_BUFFER_BYTES})`,
        ),
        { destroy: true },
      );
  }

  private applyBackpressure(): void {
    if (this.socket.isPaused()) return;
    this.socket.pause();
    this.socket.once('drain', () => this.socket.resume());
  }

  /** Armed when a frame starts arriving; pushed back whenever another frame completes. */
  private armIncompleteTimer(): void {
    this.incompleteTimer = setTimeout(() => {
      this.incompleteTimer = undefined;
      this.broken = true;
      super.handleDataError(
        new RpcFrameError(
          `a frame stayed incomplete for ${INCOMPLETE_FRAME_TIMEOUT_MS} ms (${this.reader.heldBytes} bytes held)`,
        ),
        { destroy: true },
      );
    }, INCOMPLETE_FRAME_TIMEOUT_MS);
    this.incompleteTimer.unref();
  }

  private clearIncompleteTimer(): void {
    if (!this.incompleteTimer) return;
    clearTimeout(this.incompleteTimer);
    this.incompleteTimer = undefined;
  }
}
