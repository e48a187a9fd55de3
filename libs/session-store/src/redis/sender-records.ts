import { SEND_SEQ_WINDOW } from '@cim/protocol';
import { SendSeqOutsideWindowError } from '../errors';
import { MessageAcceptance } from '../session-store';
import { sendWindowDoneScript, sendWindowScript } from '../send-window/send-window-scripts';
import { dedupDoneScript, dedupScript } from './accept-scripts';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';

/** Step 1 of accepting a client's SEND, in the sender's slot: what says whether it is a duplicate. */
export interface SenderRecord {
  /**
   * Records the message id for the SEND; answers null when the SEND is new, else the earlier record:
   * its message id, followed by ' done' once every step of that acceptance has completed.
   */
  claim(messageId: string): Promise<string | null>;
  /** Best effort: marks the record done (a record left undone only makes a repeat check the steps again). */
  markDone(messageId: string): void;
}

export function senderRecord(
  redis: RedisClient,
  keys: RedisKeys,
  dedup: NonNullable<MessageAcceptance['dedup']>,
): SenderRecord {
  return dedup.sendSeq
    ? new SendWindowRecord(redis, keys.sendWindow(dedup.senderId, dedup.sendSeq.session), dedup)
    : new ClientMessageRecord(redis, keys.clientMessage(dedup.senderId, dedup.clientMessageId), dedup);
}

/** A SEND without a seq: one key per client message id, kept for the dedup window. */
class ClientMessageRecord implements SenderRecord {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly dedup: { windowMs: number },
  ) {}

  async claim(messageId: string): Promise<string | null> {
    const record = await dedupScript.run(this.redis, [this.key], [messageId, this.dedup.windowMs]);
    return record === null ? null : String(record);
  }

  markDone(messageId: string): void {
    dedupDoneScript.run(this.redis, [this.key], [messageId]).catch(() => undefined);
  }
}

/** A numbered SEND: one small hash per sending session, whatever the number of its messages. */
class SendWindowRecord implements SenderRecord {
  private readonly session: string;
  private readonly seq: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly dedup: { windowMs: number; sendSeq?: { session: string; seq: number } },
  ) {
    ({ session: this.session, seq: this.seq } = dedup.sendSeq!);
  }

  async claim(messageId: string): Promise<string | null> {
    const args = [this.seq, messageId, SEND_SEQ_WINDOW, this.dedup.windowMs];
    const record = await sendWindowScript.run(this.redis, [this.key], args);
    if (record === null) return null;
    if (typeof record === 'number') throw new SendSeqOutsideWindowError(this.session, this.seq, record);
    return String(record);
  }

  markDone(messageId: string): void {
    sendWindowDoneScript.run(this.redis, [this.key], [this.seq, messageId]).catch(() => undefined);
  }
}
