import { StoredMessage } from '@cim/protocol';
import { ReadStateStore } from '@cim/session-store';

export interface ConversationTip {
  conversation: string;
  lastSeq: number;
  lastMessage: StoredMessage | null;
}

export interface ReadCount {
  /** The seq the user has read up to (0: none). */
  readSeq: number;
  /** Messages after readSeq; 0 when the newest message is the user's own (they wrote after reading). */
  unread: number;
}

/**
 * The user's read pointer and unread count for each conversation, in one store read. A pointer beyond
 * its conversation's last seq was set in an earlier run of the sequence (a private pair's starts again
 * after a long silence) and counts as 0.
 */
export async function readCounts(
  pointers: ReadStateStore,
  userId: string,
  tips: ConversationTip[],
): Promise<ReadCount[]> {
  const seqs = await pointers.readSeqs(
    userId,
    tips.map((t) => t.conversation),
  );
  return tips.map(({ lastSeq, lastMessage }, i) => {
    const readSeq = seqs[i] > lastSeq ? 0 : seqs[i];
    const unread = lastMessage?.senderId === userId ? 0 : lastSeq - readSeq;
    return { readSeq, unread };
  });
}
