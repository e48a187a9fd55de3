import { Socket } from 'node:net';
import { RateLimit, TokenBucket } from '@cim/auth';
import { encodeFrame, ErrorBody, Frame, FrameDecoder } from '@cim/protocol';

export interface SessionBinding {
  userId: string;
  userName: string;
  sessionId: string;
}

/**
 * One client's long TCP connection: its decoder and its login.
 * Writes are corked for the rest of the tick, so frames written together leave in one packet.
 */
export class Connection {
  readonly decoder: FrameDecoder;
  lastSeen = Date.now();
  session?: SessionBinding;
  /** Frames are handled one after another, in arrival order. */
  queue: Promise<void> = Promise.resolve();
  /** How many frames wait in the queue. */
  queued = 0;
  closeReason?: string;
  /** Set after a protocol error: nothing more is read from this connection. */
  broken = false;
  private corked = false;
  private held?: Buffer[];

  /** The per-user send rate limit: a user has one connection per server. */
  readonly sendBucket: TokenBucket;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    maxFrameBytes: number,
    sendLimit: RateLimit,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
    this.sendBucket = new TokenBucket(sendLimit);
  }

  get open(): boolean {
    return !this.socket.destroyed && !this.closeReason;
  }

  get remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  write(frame: Frame): void {
    this.writeBytes(encodeFrame(frame));
  }

  /** Holds back what is written from now on (during LOGIN) until release(). */
  hold(): void {
    this.held ??= [];
  }

  /** Writes these frames first, then what was held back, and stops holding. */
  release(first: Frame[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const frame of first) this.write(frame);
    for (const bytes of held) this.writeBytes(bytes);
  }

  /** Writes bytes already encoded, e.g. one group broadcast encoded once for every connection. */
  writeBytes(bytes: Buffer): void {
    if (!this.open) return;
    if (this.held) {
      this.held.push(bytes);
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(bytes);
  }

  /** Sends a last frame (ERROR, KICKED, RECONNECT), then closes once it is flushed. */
  close(reason: string, last?: Frame): void {
    if (this.closeReason) return;
    if (last && !this.socket.destroyed) this.socket.write(encodeFrame(last));
    this.closeReason = reason;
    this.socket.end();
    // A peer that never reads must not keep the socket half-open.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  fail(error: ErrorBody, requestId?: number): void {
    this.close('error', { requestId, error });
  }
}
