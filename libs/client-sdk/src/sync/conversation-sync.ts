import { ChatMessage } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { RecentIds } from '../dedup';
import { ReceivedMessage } from '../types';
import { conversationOf, isSequenced } from './conversation-of';
import { OwnSends } from './own-sends';
import { toReceivedMessage } from './received-message';
import { Filled, Reading, readGap } from './read-gap';
import { retryPauseMs } from './sync-failure';

export { toReceivedMessage } from './received-message';

/** A conversation as GET /api/conversations lists it. */
export interface ListedConversation {
  conversation: string;
  lastSeq: number;
}

/** How many of a user's private pairs GET /api/conversations lists at most: a full list may leave some out. */
export const LISTED_PAIRS_MAX = 1000;

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
  /** How long each SYNC waits for its answer before it counts as failed; default SYNC_TIMEOUT_MS. */
  requestTimeoutMs?: number;
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

/** Seqs up to `upTo` to read on `connection`. */
interface Read {
  upTo: number;
  connection: FrameConnection;
}

/** Its cursor stays undefined until the client knows where the conversation starts. */
interface Conversation extends Reading {
  /** Messages past a gap, by seq. */
  held: Map<number, Held>;
  /** What a catch-up could not read yet (its SYNC failed): read before the gap of the held messages. */
  owed?: Read;
  timer?: ReturnType<typeof setTimeout>;
}

const DONE: Received = { settled: Promise.resolve() };

/**
 * Keeps each private pair and group gap-free for the listener. A message past the cursor + 1 is held;
 * the ones before it usually arrive a moment later (two sends that took different paths), else after
 * `gapWaitMs` the gap is read with SYNC, in pages (at once when one of the client's own messages may
 * be missing: it never arrives by itself). A SYNC that fails moves nothing: the conversation is read
 * again after a pause that grows, and until then what comes later waits. A message at or below the
 * cursor is handed on only if its id is new (an unacknowledged private message older than the start
 * point). The lobby and system messages have no gap to fill: they are handed on as they come, once per id.
 */
export class ConversationSync {
  private readonly conversations = new Map<string, Conversation>();
  /** Whether the first login's listing named every private pair of the user then. */
  private pairsListed = false;

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
    // Nothing comes before seq 1; nothing a client owes comes before a pair it did not know at its start.
    if (conversation.cursor === undefined && (seq === 1 || this.startOf(id) === 0)) conversation.cursor = 0;
    if (conversation.cursor !== undefined && seq <= conversation.cursor + 1) {
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

  /**
   * One of this client's messages took `seq` in the conversation (its SEND_ACK says so). Nothing comes
   * before seq 1, so a conversation whose start the client does not know yet (a group created after its
   * start) begins at 0 when its own message is seq 1: everything another member sends there is owed.
   * A conversation handed on up to seq - 1 moves past its own message (never handed to the listener)
   * at once, so that what follows needs no SYNC; otherwise the SYNC of the gap before what follows
   * brings it back.
   */
  async ownMessageAt(id: string, seq: number, messageId: string): Promise<void> {
    if (!isSequenced(id) || (seq !== 1 && !this.conversations.has(id))) return;
    const conversation = this.state(id);
    if (conversation.cursor === undefined && seq === 1) conversation.cursor = 0;
    if (conversation.cursor !== seq - 1) return;
    conversation.cursor = seq;
    this.deps.ownSends.met(messageId);
    await this.drain(id);
  }

  /**
   * The first login's starting point: each conversation listed starts at its last seq then. Undefined
   * when the listing failed.
   */
  start(listed: ListedConversation[] | undefined): void {
    const pairs = listed?.filter(({ conversation }) => conversation.startsWith('p:')).length;
    this.pairsListed = pairs !== undefined && pairs < LISTED_PAIRS_MAX;
    for (const { conversation, lastSeq } of listed ?? []) {
      const state = this.state(conversation);
      if (isSequenced(conversation) && state.cursor === undefined) state.cursor = lastSeq;
    }
  }

  /**
   * After a later login: reads what each conversation said since its cursor, up to the last seq the
   * listing names; a group listed for the first time starts at its last seq. Without a listing,
   * every conversation met so far is read to its end. A conversation whose SYNC fails is read again
   * after a pause; the others go on.
   */
  async catchUp(connection: FrameConnection, listed?: ListedConversation[]): Promise<void> {
    const targets =
      listed ?? [...this.conversations.keys()].map((conversation) => ({ conversation, lastSeq: Infinity }));
    for (const { conversation: id, lastSeq } of targets) {
      if (!isSequenced(id)) continue;
      const conversation = this.state(id);
      if (conversation.cursor === undefined) {
        // Met just now, its start not yet known: the wait of its held messages decides it.
        if (!Number.isFinite(lastSeq)) continue;
        conversation.cursor = this.startOf(id) ?? lastSeq;
      }
      // A private pair's sequence starts again at 1 after a long silence.
      if (lastSeq < conversation.cursor) conversation.cursor = lastSeq;
      else if (lastSeq > conversation.cursor) {
        await this.deps.ownSends.settled(id);
        const filled = await this.fill(connection, id, lastSeq);
        if (filled === 'lost') return;
        if (filled === 'failed') {
          conversation.owed = { upTo: lastSeq, connection };
          this.arm(id, conversation, retryPauseMs(conversation.failures));
          continue;
        }
      }
      await this.drain(id);
    }
  }

  private state(id: string): Conversation {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = { held: new Map(), failures: 0 };
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  /** A private pair the first listing did not name began after it: all of it is owed (from 0). */
  private startOf(id: string): number | undefined {
    return this.pairsListed && id.startsWith('p:') ? 0 : undefined;
  }

  /**
   * Reads the conversation after `delayMs`: by default the wait for missing messages (none after an
   * own send, unless the conversation's start is still unknown).
   */
  private arm(id: string, conversation: Conversation, delayMs?: number): void {
    if (conversation.timer) return;
    const known = conversation.cursor !== undefined;
    const wait = known && this.deps.ownSends.mayBeMissing(id) ? 0 : (this.deps.gapWaitMs ?? 500);
    const timer: { unref?: () => void } = (conversation.timer = setTimeout(
      () => this.deps.enqueue(() => this.readOwed(id)),
      delayMs ?? wait,
    ));
    timer.unref?.();
  }

  /** Reads what the conversation owes (a catch-up left unread, the gap before the held messages). */
  private async readOwed(id: string): Promise<void> {
    const conversation = this.state(id);
    conversation.timer = undefined;
    for (;;) {
      const lowest = Math.min(...conversation.held.keys());
      // A conversation met after the start begins below the lowest seq that came within the wait.
      if (conversation.cursor === undefined && Number.isFinite(lowest)) conversation.cursor = lowest - 1;
      const read = this.nextRead(conversation, lowest);
      if (!read) return;
      await this.deps.ownSends.settled(id);
      const filled = await this.fill(read.connection, id, read.upTo);
      if (filled === 'failed') return this.arm(id, conversation, retryPauseMs(conversation.failures));
      if (filled === 'filled') {
        if (read === conversation.owed) conversation.owed = undefined;
        // The history ends below the held messages (its sequence started again): the gap cannot be filled.
        else if ((conversation.cursor ?? 0) < read.upTo) conversation.cursor = read.upTo;
      } else {
        // Those that came by a lost connection are left to the catch-up after the next login, which
        // reads them from the history (a private one comes again from the ledger, unacknowledged).
        for (const [seq, held] of conversation.held) {
          if (held.connection.open) continue;
          conversation.held.delete(seq);
          held.settle();
        }
      }
      await this.drain(id);
    }
  }

  private nextRead(conversation: Conversation, lowest: number): Read | undefined {
    const { owed, cursor = 0 } = conversation;
    if (owed && owed.connection.open && owed.upTo > cursor) return owed;
    conversation.owed = undefined;
    if (!Number.isFinite(lowest)) return undefined;
    return { upTo: lowest - 1, connection: conversation.held.get(lowest)!.connection };
  }

  /** Hands on the held messages whose turn has come. */
  private async drain(id: string): Promise<void> {
    const conversation = this.state(id);
    for (;;) {
      if (conversation.cursor === undefined) return;
      const next = [...conversation.held.keys()].filter((seq) => seq <= conversation.cursor! + 1);
      if (next.length === 0) return;
      const seq = Math.min(...next);
      const held = conversation.held.get(seq)!;
      conversation.held.delete(seq);
      await this.offer(id, held.message);
      held.settle();
    }
  }

  private fill(connection: FrameConnection, id: string, upTo: number): Promise<Filled> {
    return readGap(connection, id, upTo, this.state(id), {
      ...this.deps,
      offer: (message) => this.offer(id, message),
    });
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
}
