import { FrameConnection } from './connection';

/** Nothing at all for this many heartbeat intervals and the connection is taken for lost. */
export const SILENCE_LIMIT_INTERVALS = 2.5;

/**
 * Keeps one connection alive and watched: PING when nothing was sent for an interval, and `onLost`
 * when nothing (not even a PONG) arrived for 2.5 intervals. One timer, a quarter interval apart; it
 * does not keep the process alive by itself.
 */
export class Heartbeat {
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly connection: FrameConnection,
    readonly intervalMs: number,
    private readonly onLost: (silentMs: number) => void,
  ) {}

  start(): void {
    this.stop();
    const tick = Math.max(10, Math.floor(this.intervalMs / 4));
    this.timer = setInterval(() => this.check(), tick);
    // In Node, the timer alone does not keep the process alive (browsers have no unref).
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = Date.now();
    const silentMs = now - this.connection.lastReceivedAt;
    if (silentMs >= this.intervalMs * SILENCE_LIMIT_INTERVALS) {
      this.stop();
      this.onLost(silentMs);
    } else if (now - this.connection.lastSentAt >= this.intervalMs) {
      this.connection.send({ ping: {} });
    }
  }
}
