import { ChatMessage, MessageKind, Send } from '@cim/protocol';
import { FrameConnection } from './connection';
import { RecentIds } from './dedup';
import { conversationOfSend } from './sync/conversation-of';
import { ConversationSync, ListedConversation } from './sync/conversation-sync';
import { OwnSends } from './sync/own-sends';
import { ReceivedMessage, SendResult } from './types';

export { toReceivedMessage } from './sync/conversation-sync';

export interface DeliveryDeps {
  seen: RecentIds;
  /** Hands one message to the listener; must not reject. */
  handOver(message: ReceivedMessage): Promise<void>;
  /** The user the client is logged in as. */
  me(): string | undefined;
  onError(error: Error): void;
  /** How long each SYNC waits for its answer before it counts as failed; default SYNC_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** How long a message past a gap waits for the missing ones to arrive by themselves. Default 500 ms. */
  gapWaitMs?: number;
}

/**
 * Hands MESSAGE frames to the listener, one message at a time: each private pair and group in seq order
 * without gaps (ConversationSync holds a message past a gap until the gap is filled), each message id once (a message the
 * server re-delivers because its DELIVERY_ACK was lost is dropped), then one DELIVERY_ACK with every
 * id of the frame, repeats included, on the connection the frame came by. Nothing is handed on before
 * the first login's listing of conversations has set where each starts.
 */
export class Delivery {
  private queue: Promise<void>;
  private openGate!: () => void;
  private started = false;
  private readonly ownSends: OwnSends;
  private readonly sync: ConversationSync;

  constructor(private readonly deps: DeliveryDeps) {
    this.queue = new Promise<void>((resolve) => (this.openGate = resolve));
    this.ownSends = new OwnSends(deps.seen);
    this.sync = new ConversationSync({
      ...deps,
      ownSends: this.ownSends,
      enqueue: (task) => this.enqueue(task),
    });
  }

  receive(messages: ChatMessage[], connection: FrameConnection): void {
    this.enqueue(() => this.deliver(messages, connection));
  }

  /**
   * A send of this client: its message, once accepted, is passed over when a SYNC brings it back, or as
   * soon as its SEND_ACK names its seq if that is the conversation's next (ConversationSync.ownMessageAt).
   */
  sent(send: Send, result: Promise<SendResult>): Promise<SendResult> {
    const me = this.deps.me();
    if (!me) return result;
    const conversation = conversationOfSend(send, me);
    const tracked = this.ownSends.track(conversation, result);
    void tracked.then(
      ({ seq, messageId }) => {
        if (seq) this.enqueue(() => this.sync.ownMessageAt(conversation, seq, messageId));
      },
      () => undefined,
    );
    return tracked;
  }

  /**
   * After each login, with the caller's conversations (GET /api/conversations): the first sets where
   * each conversation starts; a later one reads, before anything that arrives after it, what the
   * conversations met so far said while the client was away.
   */
  loggedIn(connection: FrameConnection, list: () => Promise<ListedConversation[]>): void {
    if (!this.started) {
      this.started = true;
      void this.listed(list)
        .then((listed) => this.sync.start(listed))
        .finally(() => this.openGate());
      return;
    }
    this.enqueue(async () => this.sync.catchUp(connection, await this.listed(list)));
  }

  /** Resolves when every frame received so far was handed over and acknowledged. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The last seq of a conversation handed on or passed over (undefined for one not met yet). */
  cursor(conversation: string): number | undefined {
    return this.sync.cursor(conversation);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.deps.onError(error as Error));
  }

  /** The frame is acknowledged once each of its messages was handed on or dropped (a held one later). */
  private async deliver(messages: ChatMessage[], connection: FrameConnection): Promise<void> {
    const settled: Promise<void>[] = [];
    for (const message of messages) settled.push((await this.sync.receive(message, connection)).settled);
    // Group broadcasts are not kept for redelivery, so they need no acknowledgement.
    const kept = messages.filter((m) => m.kind !== MessageKind.Group).map((m) => m.messageId);
    if (kept.length)
      void Promise.all(settled).then(() => connection.send({ deliveryAck: { messageIds: kept } }));
  }

  private async listed(list: () => Promise<ListedConversation[]>): Promise<ListedConversation[] | undefined> {
    try {
      return await list();
    } catch (error) {
      this.deps.onError(new Error(`could not list conversations: ${(error as Error).message}`));
      return undefined;
    }
  }
}
