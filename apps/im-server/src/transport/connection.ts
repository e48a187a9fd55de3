import { Socket } from 'node:net';
import { encodeFrame, ErrorBody, Frame, FrameDecoder } from '@cim/protocol';
import { StoredMessage } from '@cim/session-store';

export interface SessionBinding {
  userId: string;
  userName: string;
  sessionId: string;
}

/**
 * One client's long TCP connection: its decoder, its login, the messages it has not acked yet.
 * Writes are corked for the rest of the tick, so frames written together leave in one packet.
 */
export class Connection {
  readonly decoder: FrameDecoder;
  lastSeen = Date.now();
  session?: SessionBinding;
  /** Pushed private messages waiting for a DELIVERY_ACK, by message id. */
  readonly unacked = new Map<string, StoredMessage>();
  /** Frames are handled one after another, in arrival order. */
  queue: Promise<void> = Promise.resolve();
  closeReason?: string;
  /** Set after a protocol error: nothing more is read from this connection. */
  broken = false;
  private corked = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    maxFrameBytes: number,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
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

  /** Writes bytes already encoded, e.g. one group broadcast encoded once for every connection. */
  writeBytes(bytes: Buffer): void {
    if (!this.open) return;
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
