import { ErrorCode, Send, SEND_SEQ_WINDOW, SendAck } from '@cim/protocol';
import { FrameConnection } from './connection';
import { CimError, CimServerError, ConnectionLostError } from './errors';
import { SendResult } from './types';

interface Entry {
  /** With its sendSeq. */
  send: Send & { sendSeq: number };
  resolve(result: SendResult): void;
  reject(error: Error): void;
  /** The connection the SEND was last written to. */
  sentOn?: FrameConnection;
  /** How many times the server answered UNAVAILABLE. */
  unavailable: number;
  /** How many times the server answered NOT_LOGGED_IN. */
  relogins: number;
  /** The connection it waits to be written to until the send window lets it (`advance`). */
  heldFor?: FrameConnection;
}

/** Pauses before writing a SEND again that the server answered UNAVAILABLE (then it is refused). */
const UNAVAILABLE_RETRY_MS = [250, 500, 1000, 2000, 2000];
/** New logins a SEND answered NOT_LOGGED_IN may ask for before it is refused. */
const MAX_RELOGINS = 3;

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
 * MAX_RELOGINS such answers it is refused.
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
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Queues a SEND; writes it at once when a connection is given. */
  add(send: Send, connection?: FrameConnection): Promise<SendResult> {
    return new Promise<SendResult>((resolve, reject) => {
      const numbered = { ...send, sendSeq: ++this.lastSeq };
      const entry: Entry = { send: numbered, resolve, reject, unavailable: 0, relogins: 0 };
      this.entries.set(send.clientMsgId, entry);
      if (connection) this.write(entry, connection);
    });
  }

  /** Writes every SEND not yet answered and not in flight on a live connection, in the order they were made. */
  flush(connection: FrameConnection): void {
    for (const entry of this.entries.values()) {
      if (!entry.sentOn?.open) this.write(entry, connection);
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
    entry.sentOn = connection;
    connection.request({ send: entry.send }).then(
      (answer) => {
        if (!this.settle(entry)) return;
        if (answer.sendAck) entry.resolve(toSendResult(answer.sendAck));
        else entry.reject(new CimError('the answer to SEND was not a SEND_ACK'));
      },
      (error: Error) => {
        // A lost connection keeps the entry for the next one; anything else is the answer.
        if (error instanceof ConnectionLostError) return;
        if (isUnavailable(error) && entry.unavailable < UNAVAILABLE_RETRY_MS.length) this.later(entry);
        else if (isNotLoggedIn(error) && entry.relogins < MAX_RELOGINS) this.afterLogin(entry, connection);
        else if (this.settle(entry)) entry.reject(error);
      },
    );
  }

  /** Writes the entry again after a pause, on the connection live then (or on the next one: flush). */
  private later(entry: Entry): void {
    const delay = UNAVAILABLE_RETRY_MS[entry.unavailable++];
    entry.sentOn = undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const connection = this.live();
      if (this.entries.get(entry.send.clientMsgId) !== entry || entry.sentOn?.open || !connection?.open)
        return;
      this.write(entry, connection);
    }, delay);
    this.timers.add(timer);
  }

  /** Writes the entry again once logged in anew: at once if that has happened already, else on flush. */
  private afterLogin(entry: Entry, refusedOn: FrameConnection): void {
    if (this.entries.get(entry.send.clientMsgId) !== entry) return;
    entry.relogins++;
    entry.sentOn = undefined;
    const connection = this.live();
    if (connection?.open && connection !== refusedOn) this.write(entry, connection);
    else this.loginLost(refusedOn);
  }

  /** True the first time: the entry leaves the outbox, and SENDs it held back may be written. */
  private settle(entry: Entry): boolean {
    if (this.entries.get(entry.send.clientMsgId) !== entry) return false;
    this.entries.delete(entry.send.clientMsgId);
    this.advance();
    return true;
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

function isUnavailable(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.Unavailable;
}

function isNotLoggedIn(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.NotLoggedIn;
}

/** 16 random bytes as base64url: browsers offer crypto.getRandomValues on plain http pages too. */
function newSendSession(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
function toSendResult(ack: SendAck): SendResult {
  return {
    clientMsgId: ack.clientMsgId,
    messageId: ack.messageId,
    sentAt: Number(ack.sentAt),
    duplicate: ack.duplicate === true,
  };
}
