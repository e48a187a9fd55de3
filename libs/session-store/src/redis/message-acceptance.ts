import { MessageIdGenerator, StoredMessage } from '@cim/protocol';
import { HistoryQuery, MessageAccepted, MessageAcceptance, Route } from '../session-store';
import { historyScript, readHistoryScript, receiverScript } from './accept-scripts';
import { decodeRouteEntries } from './codec';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { SenderRecord, senderRecord } from './sender-records';

const DONE = ' done';

/**
 * Accepting a message in three steps, each a script on one slot, so that it runs on Redis Cluster:
 *
 *   1. the sender's slot: the dedup record — the sending session's window (seq → message id) for a
 *      numbered SEND, else a key per client message id (sender-records.ts);
 *   2. the conversation's slot: the next seq and the message in the history, store-if-absent by message
 *      id (a repeat of the step answers the seq it took the first time);
 *   3. the receiver's slot: the message in the receiver's unacked ledger, and the receiver's routes.
 *
 * Then the dedup record is marked done (not awaited: the answer does not wait for it). A duplicate
 * whose record is not done (the first acceptance failed or is still under way) runs steps 2 and 3 again
 * with the earlier message id: they write nothing twice, and the message named is stored once they
 * answer. A done duplicate only reads the receiver's slot.
 */
export class MessageAcceptor {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async accept(acceptance: MessageAcceptance, now: number): Promise<MessageAccepted> {
    const record = acceptance.dedup && senderRecord(this.redis, this.keys, acceptance.dedup);
    let message = acceptance.message;
    if (record) {
      const earlier = await record.claim(message.messageId);
      if (earlier !== null) return this.duplicate(acceptance, record, earlier, now);
    }
    const { seq, stored } = await this.keep(acceptance, message, now);
    message = stored;
    const routes = acceptance.receiver ? (await this.handOver(acceptance, message, now)).routes : [];
    record?.markDone(message.messageId);
    return { seq, routes };
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

  private async duplicate(
    acceptance: MessageAcceptance,
    sender: SenderRecord,
    record: string,
    now: number,
  ): Promise<MessageAccepted> {
    const done = record.endsWith(DONE);
    const earlier = done ? record.slice(0, -DONE.length) : record;
    if (done) {
      if (!acceptance.receiver) return { duplicateOf: earlier };
      return { duplicateOf: earlier, ...(await this.handOver(acceptance, null, now, earlier)) };
    }
    // The first acceptance stopped before it was done (or is under way): complete it under its id.
    const message = {
      ...acceptance.message,
      messageId: earlier,
      sentAt: sentAtOf(earlier, acceptance.message),
    };
    const { stored } = await this.keep(acceptance, message, now);
    const handedOver = acceptance.receiver ? await this.handOver(acceptance, stored, now) : undefined;
    sender.markDone(earlier);
    return handedOver ? { duplicateOf: earlier, ...handedOver } : { duplicateOf: earlier };
  }

  /** Step 2: the seq and the history; answers the message as kept, with its seq. */
  private async keep(
    { conversation, history, sequenceTtlMs }: MessageAcceptance,
    message: StoredMessage,
    now: number,
  ): Promise<{ seq: number; stored: StoredMessage }> {
    const keys = [
      this.keys.sequence(conversation),
      this.keys.history(conversation),
      this.keys.historyOrder(conversation),
    ];
    const { seq: _seq, ...withoutSeq } = message;
    const args = [
      message.messageId,
      JSON.stringify(withoutSeq),
      sequenceTtlMs ?? 0,
      history.maxMessages,
      history.ttlMs,
      now,
    ];
    const [, seq, json] = (await historyScript.run(this.redis, keys, args)) as [number, number, string];
    return { seq: Number(seq), stored: JSON.parse(json) as StoredMessage };
  }

  /** Step 3: writes the message to the receiver's ledger (null: only reads it) and reads their routes. */
  private async handOver(
    { receiver }: MessageAcceptance,
    message: StoredMessage | null,
    now: number,
    messageId = message?.messageId ?? '',
  ): Promise<{ stored: StoredMessage | null; routes: Route[] }> {
    const { userId, ledger } = receiver!;
    const keys = [this.keys.unacked(userId), this.keys.routes(userId)];
    const args = [messageId, message ? JSON.stringify(message) : '', ledger.ttlMs, ledger.cap];
    const [stored, ...routes] = (await receiverScript.run(this.redis, keys, args)) as (string | null)[];
    return {
      stored: stored === null ? null : (JSON.parse(stored) as StoredMessage),
      routes: decodeRouteEntries(routes as string[], now),
    };
  }
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
