import { RedisClient } from '../redis/redis-client';
import { sendWindowDoneScript } from './send-window-scripts';

/**
 * How long at most a window's done-mark waits for the session's next claim before it is written on its
 * own (at least half of it): longer than a SEND_ACK's round trip to the client and back under load, so
 * that a session that keeps sending carries each mark in its next claim, and short enough that a re-send
 * through another gateway rarely meets an acceptance that is complete but not yet marked.
 */
export const DONE_MARK_HOLD_MS = 250;

/**
 * The done-marks of sending-session windows (seq → '<id> done') that wait, in this process, for the
 * session's next claim: that claim runs on the same slot and writes them first, in the same script, so a
 * session that keeps sending pays no command of its own for them. Marks that no claim took within
 * DONE_MARK_HOLD_MS are written then, one script per window, and all of them on `flush` (close).
 *
 * A mark that is never written (the process died first) is what an acceptance stopped before its mark
 * leaves: a repeat of the SEND runs the steps again under the same message id, which stores nothing twice.
 */
export class HeldDoneMarks {
  /** Marks held since the last turn of the timer, and those held longer (written at its next turn). */
  private young = new Map<string, (string | number)[]>();
  private old = new Map<string, (string | number)[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly holdMs = DONE_MARK_HOLD_MS,
  ) {}

  /** Holds the mark of `seq` (accepted as `messageId`) in the window `key`. */
  hold(key: string, seq: number, messageId: string): void {
    const marks = this.young.get(key);
    if (marks) marks.push(seq, messageId);
    else this.young.set(key, [seq, messageId]);
    if (!this.timer) {
      // Each turn writes the marks held through a whole turn: a mark waits between one and two turns.
      this.timer = setInterval(() => this.turn(), this.holdMs / 2);
      this.timer.unref();
    }
  }

  /** Hands the window's held marks to a claim that writes them (seq, message id pairs); none: []. */
  take(key: string): (string | number)[] {
    const older = this.old.get(key);
    const younger = this.young.get(key);
    if (!older && !younger) return [];
    this.old.delete(key);
    this.young.delete(key);
    return older && younger ? older.concat(younger) : (older ?? younger)!;
  }

  /** Writes every held mark now (on close). Best effort: a mark that fails to be written stays undone. */
  async flush(): Promise<void> {
    const held = [...this.old, ...this.young];
    this.drop();
    await this.write(held);
  }

  /** Forgets every held mark (closing without Redis): they stay undone. */
  drop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.old = new Map();
    this.young = new Map();
  }

  private turn(): void {
    const due = this.old;
    this.old = this.young;
    this.young = new Map();
    if (due.size === 0 && this.old.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    void this.write(due);
  }

  private async write(marks: Iterable<[string, (string | number)[]]>): Promise<void> {
    const writes = [...marks].map(([key, pairs]) =>
      sendWindowDoneScript.run(this.redis, [key], pairs).catch(() => undefined),
    );
    await Promise.all(writes);
  }
}
