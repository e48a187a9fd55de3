import { MessageIdGenerator, StoredMessage } from '@cim/protocol';
import { HistoryQuery, MessageAccepted, MessageAcceptance, Route } from '../session-store';
import { readHistoryScript } from './accept-scripts';
import { AcceptBatches, HandedOver, Kept } from './accept-batches';
import { senderRoutesOf } from '../devices/device';
import { decodeRouteEntries } from './codec';
import { ConversationIndex, noteArguments } from './conversation-index';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { SenderRecord, senderRecord } from './sender-records';
import { WindowClaims } from '../send-window/window-claims';

const DONE = ' done';

/**
 * Accepting a message in three steps, each a script on one slot, so that it runs on Redis Cluster:
 *
 *   1. the sender's slot: the dedup record — the sending session's window (seq → message id) for a
 *      numbered SEND, else a key per client message id (sender-records.ts) —, a private conversation
 *      noted in the sender's conversations when the SEND is new, and the sender's routes;
 *   2. the conversation's slot: the next seq and the message in the history, store-if-absent by message
 *      id (a repeat of the step answers the seq it took the first time);
 *   3. the receiver's slot: the message in the receiver's unacked ledger, a private conversation noted
 *      in their conversations, and the receiver's routes.
 *
 * Then the dedup record is marked done, not awaited: a window's mark waits for the session's next claim,
 * which writes it (HeldDoneMarks), a client message id's is a script of its own. Without a record the
 * sender's note is a step of its own, awaited, after the others. A duplicate
 * whose record is not done (the first acceptance failed or is still under way) runs steps 2 and 3 again
 * with the earlier message id: they write nothing twice, and the message named is stored once they
 * answer. A done duplicate only reads the receiver's slot.
 */
export class MessageAcceptor {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly index: ConversationIndex,
    private readonly windows: WindowClaims,
    private readonly batches: AcceptBatches,
  ) {}

  async accept(acceptance: MessageAcceptance, now: number): Promise<MessageAccepted> {
    const record = acceptance.dedup && senderRecord(this.redis, this.keys, this.windows, acceptance.dedup);
    const note = noteArguments(acceptance);
    if (!record) {
      const accepted = await this.acceptNew(acceptance, acceptance.message, note, now);
      // No record to mark: the sender's note is a step of its own.
      if (note[0] !== '') await this.index.note(acceptance.message.senderId, note);
      return accepted;
    }
    const { record: earlier, senderRoutes: entries } = await record.claim(acceptance.message.messageId, note);
    const sender = senderRoutesOf(decodeRouteEntries(entries, now));
    if (earlier !== null)
      return { ...(await this.duplicate(acceptance, record, earlier, note, now)), ...sender };
    const accepted = await this.acceptNew(acceptance, acceptance.message, note, now);
    record.markDone(acceptance.message.messageId);
    return { ...accepted, ...sender };
  }

  async read(conversation: string, { after = 0, before, limit }: HistoryQuery): Promise<StoredMessage[]> {
    const keys = [this.keys.history(conversation), this.keys.historyOrder(conversation)];
    const newest = before !== undefined && after === 0;
    const args = [`(${after}`, before === undefined ? '+inf' : `(${before}`, limit, newest ? 1 : 0];
    const found = (await readHistoryScript.run(this.redis, keys, args)) as (string | null)[];
    const messages = found.filter((json) => json !== null).map((json) => JSON.parse(json) as StoredMessage);
    return newest ? messages.reverse() : messages;
  }

  async lastSeq(conversation: string): Promise<number> {
    return Number((await this.redis.get(this.keys.sequence(conversation))) ?? 0);
  }

  /** Steps 2 and 3 for a message not yet accepted under its id. */
  private async acceptNew(
    acceptance: MessageAcceptance,
    message: StoredMessage,
    note: (string | number)[],
    now: number,
  ): Promise<{ seq: number; routes: Route[] }> {
    const { seq, json } = await this.keep(acceptance, message, now);
    const receiver =
      acceptance.receiver && (await this.handOver(acceptance, message.messageId, json, note, now));
    return { seq, routes: receiver ? receiver.routes : [] };
  }

  private async duplicate(
    acceptance: MessageAcceptance,
    sender: SenderRecord,
    record: string,
    note: (string | number)[],
    now: number,
  ): Promise<MessageAccepted> {
    const done = record.endsWith(DONE);
    const earlier = done ? record.slice(0, -DONE.length) : record;
    if (done) {
      if (!acceptance.receiver) return { duplicateOf: earlier };
      return { duplicateOf: earlier, ...parsed(await this.handOver(acceptance, earlier, '', note, now)) };
    }
    // The first acceptance stopped before it was done (or is under way): complete it under its id.
    const message = {
      ...acceptance.message,
      messageId: earlier,
      sentAt: sentAtOf(earlier, acceptance.message),
    };
    const { json } = await this.keep(acceptance, message, now);
    const handedOver =
      acceptance.receiver && parsed(await this.handOver(acceptance, earlier, json, note, now));
    sender.markDone(earlier);
    return handedOver ? { duplicateOf: earlier, ...handedOver } : { duplicateOf: earlier };
  }

  /**
   * Step 2: the seq and the history; answers the seq and the message's JSON as kept, with its seq (the
   * JSON the ledger gets as it is: nothing is encoded or parsed twice).
   */
  private keep(
    { conversation, history, sequenceTtlMs }: MessageAcceptance,
    message: StoredMessage,
    now: number,
  ): Promise<Kept> {
    const { seq: _seq, ...withoutSeq } = message;
    const json = JSON.stringify(withoutSeq);
    const { messageId } = message;
    return this.batches.keep({
      conversation,
      history,
      sequenceTtlMs: sequenceTtlMs ?? 0,
      messageId,
      json,
      now,
    });
  }

  /**
   * Step 3: writes the message's JSON to the receiver's ledger and notes the conversation for them
   * ('': only reads the ledger's entry for `messageId`); reads their routes.
   */
  private handOver(
    { receiver }: MessageAcceptance,
    messageId: string,
    json: string,
    note: (string | number)[],
    now: number,
  ): Promise<HandedOver> {
    const { userId, ledger } = receiver!;
    return this.batches.handOver({ userId, ledger, messageId, json, note, now });
  }
}

/** The ledger's entry as a message (a duplicate hands it over again). */
function parsed({ stored, routes }: HandedOver) {
  return { stored: stored === null ? null : (JSON.parse(stored) as StoredMessage), routes };
}

/** A re-run keeps the time the earlier message id carries, when it is one of ours. */
function sentAtOf(messageId: string, fallback: StoredMessage): number {
  try {
    const time = MessageIdGenerator.timeOf(messageId);
    return Number.isFinite(time) && time > 0 ? time : fallback.sentAt;
  } catch {
    return fallback.sentAt;
  }
}
