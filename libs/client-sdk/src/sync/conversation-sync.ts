import { ChatMessage, MessageKind, SYNC_MAX_LIMIT } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { RecentIds } from '../dedup';
import { CimError, ConnectionLostError } from '../errors';
import { ReceivedMessage } from '../types';
import { conversationOf, isSequenced } from './conversation-of';
import { OwnSends } from './own-sends';
import { toReceivedMessage } from './received-message';
import { syncPage } from './sync-page';

export { toReceivedMessage } from './received-message';

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
  /** Runs a task after every one queued before it (the listener gets one message at a time). */
  enqueue(task: () => Promise<void>): void;
  /** The user the client is logged in as. */
  me(): string | undefined;
  onError(error: Error): void;
  /** How long a message past a gap waits for the missing ones to arrive by themselves. Default 500 ms. */
  gapWaitMs?: number;
}

/** What became of a received message: `settled` resolves once it was handed on or dropped. */
export interface Received {
  settled: Promise<void>;
}

interface Held {
  message: ChatMessage;
  /** The connection it came by: the gap before it is read there. */
  connection: FrameConnection;
  settled: Promise<void>;
  settle(): void;
}

interface Conversation {
  /** The last seq handed on or passed over; undefined until the first message. */
  cursor?: number;
  /** Messages past a gap, by seq. */
  held: Map<number, Held>;
  timer?: ReturnType<typeof setTimeout>;
}

const DONE: Received = { settled: Promise.resolve() };

/**
 * Keeps each private pair and group gap-free for the listener. A message past the cursor + 1 is held;
 * the ones before it usually arrive a moment later (two sends that took different paths), else after
 * `gapWaitMs` the gap is read with SYNC, in pages (at once when one of the client's own messages may
 * be missing: it never arrives by itself). A message at or below the cursor is
 * handed on only if its id is new (an unacknowledged private message older than the start point). The
 * lobby and system messages have no gap to fill: they are handed on as they come, once per id.
 */
export class ConversationSync {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly deps: ConversationSyncDeps) {}

  cursor(conversation: string): number | undefined {
    return this.conversations.get(conversation)?.cursor;
  }

  /** Hands the message on when its turn has come (then the held ones after it), else holds it. */
  async receive(message: ChatMessage, connection: FrameConnection): Promise<Received> {
    const id = conversationOf(message);
    if (!isSequenced(id)) return this.offer(id, message).then(() => DONE);
    const conversation = this.state(id);
    const seq = Number(message.seq);
    if (conversation.cursor === undefined || seq <= conversation.cursor + 1) {
      await this.offer(id, message);
      await this.drain(id);
      return DONE;
    }
    const earlier = conversation.held.get(seq);
    if (earlier) {
      // The same message again (the ledger's copy after a reconnection): fill the gap on the newer connection.
      earlier.connection = connection;
      return { settled: earlier.settled };
    }
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    conversation.held.set(seq, { message, connection, settled, settle });
    this.arm(id, conversation);
    return { settled };
  }

  /** The first login's starting point: each conversation listed starts at its last seq then. */
  start(listed: ListedConversation[]): void {
    for (const { conversation, lastSeq } of listed) {
      const state = this.state(conversation);
      if (isSequenced(conversation) && state.cursor === undefined) state.cursor = lastSeq;
    }
  }

  /**
   * After a later login: reads what each conversation said since its cursor, up to the last seq the
   * listing names; a conversation listed for the first time starts at its last seq. Without a listing,
   * every conversation met so far is read to its end.
   */
  async catchUp(connection: FrameConnection, listed?: ListedConversation[]): Promise<void> {
    const targets =
      listed ?? [...this.conversations.keys()].map((conversation) => ({ conversation, lastSeq: Infinity }));
    for (const { conversation: id, lastSeq } of targets) {
      if (!isSequenced(id)) continue;
      const conversation = this.state(id);
      // A private pair's sequence starts again at 1 after a long silence.
      if (conversation.cursor === undefined || lastSeq < conversation.cursor) conversation.cursor = lastSeq;
      else if (lastSeq > conversation.cursor) {
        await this.deps.ownSends.settled(id);
        if (!(await this.fill(connection, id, lastSeq))) return;
      }
      await this.drain(id);
    }
  }

  private state(id: string): Conversation {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = { held: new Map() };
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  /** Reads the gap before the held messages once the wait is over (at once after an own send). */
  private arm(id: string, conversation: Conversation): void {
    if (conversation.timer) return;
    const sentSince = this.deps.ownSends.mayBeMissing(id);
    const timer: { unref?: () => void } = (conversation.timer = setTimeout(
      () => this.deps.enqueue(() => this.fillHeld(id)),
      sentSince ? 0 : (this.deps.gapWaitMs ?? 500),
    ));
    timer.unref?.();
  }

  private async fillHeld(id: string): Promise<void> {
    const conversation = this.state(id);
    conversation.timer = undefined;
    for (;;) {
      const lowest = Math.min(...conversation.held.keys());
      if (!Number.isFinite(lowest)) return;
      await this.deps.ownSends.settled(id);
      const { connection } = conversation.held.get(lowest)!;
      if (!(await this.fill(connection, id, lowest - 1))) {
        // Those that came by a lost connection are left to the catch-up after the next login, which
        // reads them from the history (a private one comes again from the ledger, unacknowledged).
        for (const [seq, held] of conversation.held) {
          if (held.connection.open) continue;
          conversation.held.delete(seq);
          held.settle();
        }
        continue;
      }
      await this.drain(id);
    }
  }

  /** Hands on the held messages whose turn has come. */
  private async drain(id: string): Promise<void> {
    const conversation = this.state(id);
    for (;;) {
      const next = [...conversation.held.keys()].filter((seq) => seq <= (conversation.cursor ?? 0) + 1);
      if (next.length === 0) return;
      const seq = Math.min(...next);
      const held = conversation.held.get(seq)!;
      conversation.held.delete(seq);
      await this.offer(id, held.message);
      held.settle();
    }
  }

  /**
   * Reads the conversation after its cursor up to `upTo` with SYNC and hands on what is new. False
   * when the connection was lost; any other failure is reported and the gap left behind.
   */
  private async fill(connection: FrameConnection, id: string, upTo: number): Promise<boolean> {
    const conversation = this.state(id);
    for (;;) {
      const after = conversation.cursor ?? 0;
      if (after >= upTo) return true;
      let batch;
      try {
        batch = await syncPage(connection, id, after, Math.min(SYNC_MAX_LIMIT, upTo - after));
      } catch (error) {
        if (error instanceof ConnectionLostError) return false;
        const reason = (error as Error).message;
        this.deps.onError(new CimError(`could not sync ${id} after seq ${after}: ${reason}`));
        if (Number.isFinite(upTo)) conversation.cursor = upTo;
        return true;
      }
      for (const message of batch.messages) await this.offer(id, message);
      this.acknowledge(connection, batch.messages);
      if (!batch.more || (conversation.cursor ?? 0) <= after) {
        // The rest is past the history's limits: the gap cannot be filled, the conversation goes on.
        const end = Math.min(upTo, Number(batch.lastSeq));
        if (end > (conversation.cursor ?? 0)) conversation.cursor = end;
        return true;
      }
    }
  }

  /** Hands the message on unless its id was seen; moves the cursor up to its seq. */
  private async offer(id: string, message: ChatMessage): Promise<void> {
    const fresh = this.deps.seen.add(message.messageId);
    if (isSequenced(id)) {
      const conversation = this.state(id);
      const seq = Number(message.seq);
      if (seq > (conversation.cursor ?? 0)) conversation.cursor = seq;
      this.deps.ownSends.met(message.messageId);
    }
    if (fresh) await this.deps.handOver(toReceivedMessage(message));
  }

  /** Private messages to this user read by SYNC leave the ledger, so that no login brings them again. */
  private acknowledge(connection: FrameConnection, messages: ChatMessage[]): void {
    const me = this.deps.me();
    const kept = messages.filter((m) => m.kind === MessageKind.Private && m.receiverId === me);
    if (kept.length) connection.send({ deliveryAck: { messageIds: kept.map((m) => m.messageId) } });
  }
}
