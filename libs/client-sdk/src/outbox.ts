import { ErrorCode, Send, SendAck } from '@cim/protocol';
import { FrameConnection } from './connection';
import { CimError, CimServerError, ConnectionLostError } from './errors';
import { SendResult } from './types';

interface Entry {
  send: Send;
  resolve(result: SendResult): void;
  reject(error: Error): void;
  /** The connection the SEND was last written to. */
  sentOn?: FrameConnection;
  /** How many times the server answered UNAVAILABLE. */
  unavailable: number;
  /** How many times the server answered NOT_LOGGED_IN. */
  relogins: number;
}

/** Pauses before writing a SEND again that the server answered UNAVAILABLE (then it is refused). */
const UNAVAILABLE_RETRY_MS = [250, 500, 1000, 2000, 2000];
/** New logins a SEND answered NOT_LOGGED_IN may ask for before it is refused. */
const MAX_RELOGINS = 3;

/**
 * Sends awaiting their SEND_ACK. One whose connection drops stays here and is written again, with the
 * same client message id, on the next connection (`flush`): at-least-once. The gateway remembers each
 * (sender, client message id) for its dedup window and answers a repeat within it with the original
 * message id and duplicate=true instead of delivering it again; a repeat that still gets through (after
 * the window) carries a new message id. Receivers drop repeats of a message id they saw (RecentIds).
 * A SEND the server answers with ERROR UNAVAILABLE (its route-gateways could not be reached in time) is
 * written again, with the same client message id, after a pause that grows (UNAVAILABLE_RETRY_MS); only
 * when that runs out is it refused. A SEND answered NOT_LOGGED_IN (the login of that connection is no
 * longer the user's current one, e.g. its route was released) was not accepted: the client logs in
 * again (`loginLost`) and it is written again, with the same id, on the new connection; after
 * MAX_RELOGINS such answers it is refused.
 */
export class Outbox {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

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
      const entry: Entry = { send, resolve, reject, unavailable: 0, relogins: 0 };
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

  /** True the first time: the entry leaves the outbox. */
  private settle(entry: Entry): boolean {
    if (this.entries.get(entry.send.clientMsgId) !== entry) return false;
    this.entries.delete(entry.send.clientMsgId);
    return true;
  }
}

function isUnavailable(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.Unavailable;
}

function isNotLoggedIn(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.NotLoggedIn;
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
