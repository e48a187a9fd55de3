import { SEND_SEQ_WINDOW } from '@cim/protocol';
import { SendSeqOutsideWindowError } from '../errors';
import { ExpiringMap } from '../memory/expiring-map';

interface Window {
  /** The highest seq dropped from the window; 0 until one is. */
  floor: number;
  /** Accepted seq → message id. */
  kept: Map<number, string>;
}

/** The Redis store's sending-session windows (send-window-scripts.ts), in memory, with the same rules. */
export class MemorySendWindows {
  private readonly windows: ExpiringMap<string, Window>;

  constructor(clock: () => number) {
    this.windows = new ExpiringMap(clock);
  }

  /**
   * Records the seq under the message id; answers undefined when new, else the message id the seq was
   * accepted under. A seq at or below the window's floor and not kept throws SendSeqOutsideWindowError.
   * The window lives `ttlMs` after its last claim.
   */
  claim(
    senderId: string,
    session: string,
    seq: number,
    messageId: string,
    ttlMs: number,
  ): string | undefined {
    const key = JSON.stringify([senderId, session]);
    const window = this.windows.get(key) ?? { floor: 0, kept: new Map<number, string>() };
    this.windows.set(key, window, ttlMs);
    const earlier = window.kept.get(seq);
    if (earlier !== undefined) return earlier;
    if (seq <= window.floor) throw new SendSeqOutsideWindowError(session, seq, window.floor);
    window.kept.set(seq, messageId);
    if (window.kept.size > 2 * SEND_SEQ_WINDOW) {
      const seqs = [...window.kept.keys()].sort((a, b) => a - b);
      const dropped = seqs.slice(0, seqs.length - SEND_SEQ_WINDOW);
      for (const old of dropped) window.kept.delete(old);
      window.floor = dropped[dropped.length - 1];
    }
    return undefined;
  }
}
