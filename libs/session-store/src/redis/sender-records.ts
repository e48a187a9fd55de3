import { SendSeqOutsideWindowError } from '../errors';
import { MessageAcceptance } from '../session-store';
import { WindowClaims } from '../send-window/window-claims';
import { dedupDoneScript, dedupScript } from './accept-scripts';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';

/** What step 1 found: the earlier record (null: the SEND is new), and the sender's routes hash entries. */
export interface Claimed {
  record: string | null;
  senderRoutes: string[];
}

/** Step 1 of accepting a client's SEND, in the sender's slot: what says whether it is a duplicate. */
export interface SenderRecord {
  /**
   * Records the message id for the SEND; answers null when the SEND is new (then the conversation is
   * noted for the sender: `note`, conversation-index.ts's arguments), else the earlier record: its
   * message id, followed by ' done' once every step of that acceptance has completed. The sender's
   * routes come with it.
   */
  claim(messageId: string, note: (string | number)[]): Promise<Claimed>;
  /** Best effort, not awaited: marks the record done (a record left undone only makes a repeat check the steps again). */
  markDone(messageId: string): void;
}

export function senderRecord(
  redis: RedisClient,
  keys: RedisKeys,
  windows: WindowClaims,
  dedup: NonNullable<MessageAcceptance['dedup']>,
): SenderRecord {
  const { senderId } = dedup;
  const slot = { routes: keys.routes(senderId), conversations: keys.userConversations(senderId) };
  return dedup.sendSeq
    ? new SendWindowRecord(keys.sendWindow(senderId, dedup.sendSeq.session), slot, windows, dedup)
    : new ClientMessageRecord(redis, keys.clientMessage(senderId, dedup.clientMessageId), slot, dedup);
}

/** The sender's other keys the record's scripts touch, all in the sender's slot. */
interface SenderSlot {
  routes: string;
  conversations: string;
}

/** A SEND without a seq: one key per client message id, kept for the dedup window. */
class ClientMessageRecord implements SenderRecord {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly slot: SenderSlot,
    private readonly dedup: { windowMs: number },
  ) {}

  async claim(messageId: string, note: (string | number)[]): Promise<Claimed> {
    const keys = [this.key, this.slot.routes, this.slot.conversations];
    const [record, ...senderRoutes] = (await dedupScript.run(this.redis, keys, [
      messageId,
      this.dedup.windowMs,
      ...note,
    ])) as (string | null)[];
    return { record: record === null ? null : String(record), senderRoutes: senderRoutes as string[] };
  }

  markDone(messageId: string): void {
    dedupDoneScript.run(this.redis, [this.key], [messageId]).catch(() => undefined);
  }
}

/**
 * A numbered SEND: one small hash per sending session, whatever the number of its messages. The claims
 * of one tick on the session share one script (WindowClaims); a mark waits for the session's next claim,
 * which writes it in the same script (HeldDoneMarks).
 */
class SendWindowRecord implements SenderRecord {
  private readonly session: string;
  private readonly seq: number;

  constructor(
    private readonly key: string,
    private readonly slot: SenderSlot,
    private readonly windows: WindowClaims,
    private readonly dedup: { windowMs: number; sendSeq?: { session: string; seq: number } },
  ) {
    ({ session: this.session, seq: this.seq } = dedup.sendSeq!);
  }

  async claim(messageId: string, note: (string | number)[]): Promise<Claimed> {
    const { record, senderRoutes } = await this.windows.claim({
      keys: [this.key, this.slot.routes, this.slot.conversations],
      windowMs: this.dedup.windowMs,
      seq: this.seq,
      messageId,
      note,
    });
    if (typeof record === 'number') throw new SendSeqOutsideWindowError(this.session, this.seq, record);
    return { record, senderRoutes };
  }

  markDone(messageId: string): void {
    this.windows.marks.hold(this.key, this.seq, messageId);
  }
}
