import { Send, SEND_SEQ_WINDOW } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { CimError, ConnectionLostError, RequestTimeoutError, SendTimeoutError } from '../errors';
import { SendResult } from '../types';
import {
  isNotLoggedIn,
  isUnavailable,
  MAX_RELOGINS,
  MAX_UNANSWERED_REPEATS,
  SEND_TIMEOUT_MS,
  toSendResult,
  UNAVAILABLE_RETRY_MS,
} from './send-policy';
import { newSendSession } from './send-session';

interface Entry {
  /** With its sendSeq. */
  send: Send & { sendSeq: number };
  resolve(result: SendResult): void;
  reject(error: Error): void;
  /**
   * The write awaiting its answer; undefined while none is (not written yet, or to be written again).
   * A newer write supersedes it: the answer to an older one still settles the SEND if it is a SEND_ACK.
   */
  written?: Written;
  /** How many times it was written again because no answer came within the deadline. */
  repeats: number;
  /** How many times the server answered UNAVAILABLE. */
  unavailable: number;
  /** How many times the server answered NOT_LOGGED_IN. */
  relogins: number;
  /** The connection it waits to be written to until the send window lets it (`advance`). */
  heldFor?: FrameConnection;
}

interface Written {
  connection: FrameConnection;
  /** When it was written, ms since the epoch. */
  at: number;
  /** Fires when the answer is late (`unanswered`); cleared when it comes. */
  deadline?: ReturnType<typeof setTimeout>;
}

/**
 * Sends awaiting their SEND_ACK. One whose connection drops stays here and is written again, with the
 * same client message id and send seq, on the next connection (`flush`): at-least-once. Each SEND is
 * numbered in the outbox's send session (`sendSession`, named at every LOGIN of this client): 1, 2, 3, ...
 * in the order made. The server keeps, per send session, the seqs it accepted with their message ids in
 * a window (SEND_SEQ_WINDOW) and answers a repeat with the original message id and duplicate=true
 * instead of delivering it again; to keep every unanswered SEND inside that window, a SEND is written
 * only while no SEND more than SEND_SEQ_WINDOW - 1 below it is unanswered (the rest wait here, in
 * order). The window is forgotten after the server's dedup window without a SEND; a repeat after that
 * gets through with a new message id. Receivers drop repeats of a message id they saw (RecentIds).
 * A SEND the server answers with ERROR UNAVAILABLE (its route-gateways could not be reached in time) is
 * written again, with the same client message id, after a pause that grows (UNAVAILABLE_RETRY_MS); only
 * when that runs out is it refused. A SEND answered NOT_LOGGED_IN (the login of that connection is no
 * longer the user's current one, e.g. its route was released) was not accepted: the client logs in
 * again (`loginLost`) and it is written again, with the same id, on the new connection; after
 * MAX_RELOGINS such answers it is refused. A SEND written on a connection that stays open but whose
 * answer does not come within the deadline (`answerTimeoutMs`: lost on the way, or by an im-server that
 * lost track of the call) is written again, with the same client message id and send seq, on the
 * connection live then; the server answers the repeat with the original message id and duplicate=true,
 * so it is never delivered twice. Whichever answer comes first settles the SEND (a late answer to an
 * earlier write too); after MAX_UNANSWERED_REPEATS repeats it is refused with SendTimeoutError. The
 * deadline runs only while the SEND is written: not while the window holds it back, nor during a pause
 * after UNAVAILABLE, nor between connections; and it neither repeats nor refuses while nothing at all
 * was heard on the connection since the write (PONGs included): a silent connection is the heartbeat's
 * to judge, and one it takes for lost hands its SENDs to the next (as above).
 */
export class Outbox {
  /** In seq order: a Map iterates in insertion order. */
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Names this outbox's stream of numbered SENDs at LOGIN; random, never reused. */
  readonly sendSession = newSendSession();
  private lastSeq = 0;

  /**
   * `live` answers the connection to write on now, if the client is ready; `loginLost` is told that
   * the server no longer holds that connection's login (the client logs in again, then `flush`es).
   */
  constructor(
    private readonly live: () => FrameConnection | undefined = () => undefined,
    private readonly loginLost: (connection: FrameConnection) => void = () => undefined,
    private readonly answerTimeoutMs = SEND_TIMEOUT_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Queues a SEND; writes it at once when a connection is given. */
  add(send: Send, connection?: FrameConnection): Promise<SendResult> {
    return new Promise<SendResult>((resolve, reject) => {
      const numbered = { ...send, sendSeq: ++this.lastSeq };
      const entry: Entry = { send: numbered, resolve, reject, repeats: 0, unavailable: 0, relogins: 0 };
      this.entries.set(send.clientMsgId, entry);
      if (connection) this.write(entry, connection);
    });
  }

  /** Writes every SEND not yet answered and not in flight on a live connection, in the order they were made. */
  flush(connection: FrameConnection): void {
    for (const entry of this.entries.values()) {
      if (!entry.written?.connection.open) this.write(entry, connection);
    }
  }

  /** Rejects every SEND still waiting: the client is closing or has failed. */
  failAll(error: Error): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const entry of entries) entry.reject(error);
  }

  private write(entry: Entry, connection: FrameConnection): void {
    if (!this.inWindow(entry)) {
      entry.heldFor = connection;
      return;
    }
    entry.heldFor = undefined;
    this.stopDeadline(entry);
    const written: Written = { connection, at: Date.now() };
    entry.written = written;
    this.armDeadline(entry, written);
    connection.request({ send: entry.send }, this.forgetAfterMs(entry)).then(
      (answer) => {
        if (!this.settle(entry)) return;
        if (answer.sendAck) entry.resolve(toSendResult(answer.sendAck));
        else entry.reject(new CimError('the answer to SEND was not a SEND_ACK'));
      },
      (error: Error) => {
        // A newer write waits for its own answer; the outbox's deadline, not the connection's, says
        // what a late answer means.
        if (entry.written !== written || error instanceof RequestTimeoutError) return;
        this.stopDeadline(entry);
        // A lost connection keeps the entry for the next one; anything else is the answer.
        if (error instanceof ConnectionLostError) return;
        if (isUnavailable(error) && entry.unavailable < UNAVAILABLE_RETRY_MS.length) this.later(entry);
        else if (isNotLoggedIn(error) && entry.relogins < MAX_RELOGINS) this.afterLogin(entry, connection);
        else if (this.settle(entry)) entry.reject(error);
      },
    );
  }

  private armDeadline(entry: Entry, written: Written): void {
    written.deadline = this.after(this.answerTimeoutMs, () => this.unanswered(entry, written));
    // The connection keeps a process alive while it lasts; the deadline alone does not.
    (written.deadline as { unref?: () => void }).unref?.();
  }

  /**
   * No answer to `written` within the deadline: writes the entry again on the connection live now, or
   * refuses it. Not while nothing at all was heard on the connection since the write (a frozen server,
   * a dead network): that is the heartbeat's to judge, and when it takes the connection for lost the
   * entry goes to the next one; until then the deadline waits again.
   */
  private unanswered(entry: Entry, written: Written): void {
    this.timers.delete(written.deadline!);
    written.deadline = undefined;
    if (this.entries.get(entry.send.clientMsgId) !== entry || entry.written !== written) return;
    if (written.connection.open && !(written.connection.lastReceivedAt > written.at))
      return this.armDeadline(entry, written);
    if (entry.repeats >= MAX_UNANSWERED_REPEATS) {
      if (this.settle(entry))
        entry.reject(new SendTimeoutError(entry.send.clientMsgId, entry.repeats + 1, this.answerTimeoutMs));
      return;
    }
    entry.written = undefined;
    const connection = this.live();
    // Without a live connection, the next one's flush writes it.
    if (!connection?.open) return;
    entry.repeats++;
    this.write(entry, connection);
  }

  /**
   * How long the connection keeps waiting for the answer to a write: one deadline past the moment the
   * SEND is refused at the earliest, so that a late answer to an earlier write still settles it, and a
   * write never answered is forgotten rather than kept as long as the connection lasts.
   */
  private forgetAfterMs(entry: Entry): number {
    return (MAX_UNANSWERED_REPEATS - entry.repeats + 2) * this.answerTimeoutMs;
  }

  /** Writes the entry again after a pause, on the connection live then (or on the next one: flush). */
  private later(entry: Entry): void {
    const delay = UNAVAILABLE_RETRY_MS[entry.unavailable++];
    entry.written = undefined;
    const timer = this.after(delay, () => {
      this.timers.delete(timer);
      const connection = this.live();
      if (
        this.entries.get(entry.send.clientMsgId) !== entry ||
        entry.written?.connection.open ||
        !connection?.open
      )
        return;
      this.write(entry, connection);
    });
  }

  /** Writes the entry again once logged in anew: at once if that has happened already, else on flush. */
  private afterLogin(entry: Entry, refusedOn: FrameConnection): void {
    if (this.entries.get(entry.send.clientMsgId) !== entry) return;
    entry.relogins++;
    entry.written = undefined;
    const connection = this.live();
    if (connection?.open && connection !== refusedOn) this.write(entry, connection);
    else this.loginLost(refusedOn);
  }

  /** True the first time: the entry leaves the outbox, and SENDs it held back may be written. */
  private settle(entry: Entry): boolean {
    if (this.entries.get(entry.send.clientMsgId) !== entry) return false;
    this.entries.delete(entry.send.clientMsgId);
    this.stopDeadline(entry);
    this.advance();
    return true;
  }

  private after(delayMs: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(run, delayMs);
    this.timers.add(timer);
    return timer;
  }

  private stopDeadline(entry: Entry): void {
    const deadline = entry.written?.deadline;
    if (!deadline) return;
    clearTimeout(deadline);
    this.timers.delete(deadline);
    entry.written!.deadline = undefined;
  }

  /** Whether no SEND SEND_SEQ_WINDOW or more below the entry's seq is unanswered. */
  private inWindow(entry: Entry): boolean {
    const lowest = this.entries.values().next().value as Entry | undefined;
    return !lowest || entry.send.sendSeq < lowest.send.sendSeq + SEND_SEQ_WINDOW;
  }

  /** Writes the held SENDs the window now lets through, in order, on the connections they wait for. */
  private advance(): void {
    for (const entry of this.entries.values()) {
      if (!entry.heldFor) continue;
      if (!this.inWindow(entry)) return;
      if (entry.heldFor.open) this.write(entry, entry.heldFor);
      else entry.heldFor = undefined;
    }
  }
}
