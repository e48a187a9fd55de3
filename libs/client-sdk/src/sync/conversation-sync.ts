import { ChatMessage, MessageKind, SYNC_MAX_LIMIT, SyncBatch } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { RecentIds } from '../dedup';
import { CimError, ConnectionLostError } from '../errors';
import { ReceivedMessage } from '../types';
import { conversationOf, isSequenced } from './conversation-of';
import { OwnSends } from './own-sends';
import { syncPage } from './sync-page';

/** A conversation as GET /api/conversations lists it. */
export interface ListedConversation {
  conversation: string;
  lastSeq: number;
}

export interface ConversationSyncDeps {
  seen: RecentIds;
  ownSends: OwnSends;
  /** Hands one message to the listener; must not reject. */
  handOver(message: ReceivedMessage): Promise<void>;
  /** The user the client is logged in as. */
  me(): string | undefined;
  onError(error: Error): void;
}

/**
 * Keeps each private pair and group gap-free for the listener. Per conversation it holds a cursor: the
 * last seq handed on (or passed over: the client's own sends, a message seen already, the start point).
 * A message whose seq is past cursor + 1 waits while the gap is read with SYNC, in pages, on the
 * connection it came by; a message at or below the cursor is handed on only if its id is new (an
 * unacknowledged private message older than the client's start point). The lobby and system messages
 * have no gap to fill: they are handed on as they come, once per id.
 */
export class ConversationSync {
  private readonly cursors = new Map<string, number>();

  constructor(private readonly deps: ConversationSyncDeps) {}

  /** The last seq of the conversation handed on or passed over; undefined for one not met yet. */
  cursor(conversation: string): number | undefined {
    return this.cursors.get(conversation);
  }

  /**
   * One received message. Resolves once it is handed on (or dropped as a repeat), or when the gap
   * before it could not be read because its connection was lost: it is then left to the catch-up
   * after the next login, which reads it from the history (a private one also comes again from the
   * ledger, as it was not acknowledged).
   */
  async receive(message: ChatMessage, connection: FrameConnection): Promise<void> {
    const conversation = conversationOf(message);
    const cursor = this.cursors.get(conversation);
    const seq = Number(message.seq);
    if (isSequenced(conversation) && cursor !== undefined && seq > cursor + 1) {
      await this.deps.ownSends.settled(conversation);
      if (!(await this.fill(connection, conversation, seq - 1))) return;
    }
    await this.offer(conversation, message);
  }

  /** The first login's starting point: each conversation listed starts at its last seq then. */
  start(listed: ListedConversation[]): void {
    for (const { conversation, lastSeq } of listed) {
      if (isSequenced(conversation) && !this.cursors.has(conversation))
        this.cursors.set(conversation, lastSeq);
    }
  }

  /**
   * After a later login: reads what each conversation said since its cursor, up to the last seq the
   * listing names; a conversation listed for the first time starts at its last seq. Without a listing
   * (the gateway did not answer), every conversation met so far is read to its end.
   */
  async catchUp(connection: FrameConnection, listed?: ListedConversation[]): Promise<void> {
    const targets =
      listed ?? [...this.cursors.keys()].map((conversation) => ({ conversation, lastSeq: Infinity }));
    for (const { conversation, lastSeq } of targets) {
      if (!isSequenced(conversation)) continue;
      const cursor = this.cursors.get(conversation);
      // A private pair's sequence starts again at 1 after a long silence.
      if (cursor === undefined || lastSeq < cursor) this.cursors.set(conversation, lastSeq);
      else if (lastSeq > cursor) {
        await this.deps.ownSends.settled(conversation);
        if (!(await this.fill(connection, conversation, lastSeq))) return;
      }
    }
  }

  /**
   * Reads the conversation after its cursor up to `upTo` with SYNC and hands on what is new. False
   * when the connection was lost; any other failure is reported and the gap left behind.
   */
  private async fill(connection: FrameConnection, conversation: string, upTo: number): Promise<boolean> {
    for (;;) {
      const after = this.cursors.get(conversation) ?? 0;
      if (after >= upTo) return true;
      let batch: SyncBatch;
      try {
        batch = await syncPage(connection, conversation, after, Math.min(SYNC_MAX_LIMIT, upTo - after));
      } catch (error) {
        if (error instanceof ConnectionLostError) return false;
        const reason = (error as Error).message;
        this.deps.onError(new CimError(`could not sync ${conversation} after seq ${after}: ${reason}`));
        return true;
      }
      for (const message of batch.messages) await this.offer(conversation, message);
      this.acknowledge(connection, batch.messages);
      const advanced = (this.cursors.get(conversation) ?? 0) > after;
      if (!batch.more || !advanced) {
        // The rest is past the history's limits: the gap cannot be filled, the conversation goes on.
        const end = Math.min(upTo, Number(batch.lastSeq));
        if (end > (this.cursors.get(conversation) ?? 0)) this.cursors.set(conversation, end);
        return true;
      }
    }
  }

  /** Hands the message on unless its id was seen; moves the cursor up to its seq. */
  private async offer(conversation: string, message: ChatMessage): Promise<void> {
    const seq = Number(message.seq);
    const fresh = this.deps.seen.add(message.messageId);
    if (isSequenced(conversation) && seq > (this.cursors.get(conversation) ?? 0))
      this.cursors.set(conversation, seq);
    if (fresh) await this.deps.handOver(toReceivedMessage(message));
  }

  /** Private messages to this user read by SYNC leave the ledger, so that no login brings them again. */
  private acknowledge(connection: FrameConnection, messages: ChatMessage[]): void {
    const me = this.deps.me();
    const kept = messages.filter((m) => m.kind === MessageKind.Private && m.receiverId === me);
    if (kept.length) connection.send({ deliveryAck: { messageIds: kept.map((m) => m.messageId) } });
  }
}

const KINDS: Partial<Record<MessageKind, ReceivedMessage['kind']>> = {
  [MessageKind.Private]: 'private',
  [MessageKind.Group]: 'group',
  [MessageKind.System]: 'system',
  [MessageKind.Offline]: 'offline',
};

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
export function toReceivedMessage(message: ChatMessage): ReceivedMessage {
  return {
    messageId: message.messageId,
    conversation: conversationOf(message),
    seq: Number(message.seq),
    senderId: message.senderId,
    senderName: message.senderName,
    receiverId: message.receiverId ?? '',
    kind: KINDS[message.kind] ?? 'system',
    body: message.body,
    sentAt: Number(message.sentAt),
    ...(message.groupId ? { groupId: message.groupId } : {}),
  };
}
