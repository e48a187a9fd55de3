import { RateLimit, TokenBucket } from '@cim/auth';
import { encodeFrame, ErrorBody, Frame } from '@cim/protocol';
import { ClientLink, FrameReader } from './carriers/client-link';

export interface SessionBinding {
  userId: string;
  userName: string;
  sessionId: string;
  /** The device the token was issued for ('default' for tokens that name none), and its kind. */
  deviceId: string;
  deviceKind: string;
}

/**
 * Milliseconds on the monotonic clock since the process started, for the transport's deadlines. A
 * small integer for the first 24 days of a process, which V8 keeps inside the object that holds it; a
 * Date.now() there takes a 16-byte box of its own.
 */
export function clockMs(): number {
  return Math.floor(performance.now());
}

/** A queue with nothing in it: what each connection's queue starts from and returns to. */
export const SETTLED: Promise<void> = Promise.resolve();

/** What the transport gives its connections: one object shared by all of them. */
export interface ConnectionLimits {
  /** The connection's SEND rate limit. */
  sendLimit: RateLimit;
  /** Bytes written but not yet taken by the peer, past which it counts as not reading. */
  maxOutboundBytes: number;
  /** Called once when the peer is closed for not reading. */
  onSlowReader: () => void;
}

/**
 * One client's long connection, over whichever carrier (TCP, TLS, WebSocket): its frame reader and
 * its login. Writes are corked for the rest of the tick, so frames written together leave together.
 */
export class Connection {
  /** When it opened and when a byte last arrived, by clockMs(). */
  readonly openedAt = clockMs();
  lastSeen = this.openedAt;
  /** When the first byte of a frame still incomplete arrived; unset between frames. */
  frameStartedAt?: number;
  session?: SessionBinding;
  /** The LOGIN's send_session: the stream its numbered SENDs belong to (@cim/protocol send-seq.ts). */
  sendSession?: string;
  /** Frames are handled one after another, in arrival order; SETTLED when none is under way. */
  queue = SETTLED;
  /** How many frames wait in the queue. */
  queued = 0;
  /** Set while too many frames wait: nothing more is read or decoded until they are handled. */
  paused = false;
  closeReason?: string;
  /** Set after a protocol error: nothing more is read from this connection. */
  broken = false;
  /** Bytes written in this tick, still corked. */
  private corkedBytes = 0;
  private held?: Buffer[];
  private bucket?: TokenBucket;

  constructor(
    readonly id: number,
    readonly link: ClientLink,
    readonly decoder: FrameReader,
    private readonly limits: ConnectionLimits,
  ) {}

  /**
   * The send rate limit of this connection (one device of its user), made at its first SEND: a
   * bucket starts full, as one made at connect time would be by then, so an idle connection needs none.
   */
  get sendBucket(): TokenBucket {
    return (this.bucket ??= new TokenBucket(this.limits.sendLimit));
  }

  get open(): boolean {
    return !this.link.destroyed && !this.closeReason;
  }

  /** Logged in and past LOGIN_ACK. */
  get loggedIn(): boolean {
    return !!this.session && !this.held;
  }

  get remote(): string {
    return this.link.remote;
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

  /**
   * Writes bytes already encoded, e.g. one group broadcast encoded once for every connection. A peer
   * that has left more than maxOutboundBytes of earlier ticks unread gets RECONNECT and is closed.
   */
  writeBytes(bytes: Buffer): void {
    if (!this.open) return;
    if (this.held) {
      this.held.push(bytes);
      return;
    }
    if (this.link.backlog - this.corkedBytes > this.limits.maxOutboundBytes) {
      this.limits.onSlowReader();
      const reason = `not reading fast enough (over ${this.limits.maxOutboundBytes} bytes waiting); log in again`;
      this.close('slow-reader', { reconnect: { reason } });
      return;
    }
    if (!this.corkedBytes) {
      this.link.cork();
      process.nextTick(() => {
        this.corkedBytes = 0;
        this.link.uncork();
      });
    }
    this.corkedBytes += bytes.length;
    this.link.write(bytes);
  }

  /** Sends a last frame (ERROR, KICKED, RECONNECT), then closes once it is flushed. */
  close(reason: string, last?: Frame): void {
    if (this.closeReason) return;
    if (last && !this.link.destroyed) this.link.write(encodeFrame(last));
    this.closeReason = reason;
    this.link.end();
    // A peer that never reads must not keep the connection half-open.
    setTimeout(() => this.link.destroy(), 2000).unref();
  }

  fail(error: ErrorBody, requestId?: number): void {
    this.close('error', { requestId, error });
  }
}
