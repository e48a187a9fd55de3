import { CimClient, ReadReceipt, ReceivedMessage } from '@cim/client-sdk';
import { notice } from '../printer/format';
import { NameBook } from '../printer/name-book';
import { conversationOf } from './conversation-of';
import { ConversationCount, unreadSummary } from './unread-summary';

/**
 * Read state in the terminal: the unread counts at login, a conversation marked read as its messages
 * are shown, and a private peer's read receipts.
 */
export class ReadReceipts {
  /** Messages shown before the unread counts were read: marked once they are, so that the counts include them. */
  private held: ReceivedMessage[] | undefined = [];
  /** Private sends not yet printed: a receipt can overtake its message's SEND_ACK. */
  private readonly sends = new Set<Promise<void>>();

  constructor(
    private readonly client: Pick<CimClient, 'session' | 'state' | 'gatewayUrl' | 'accessToken' | 'markRead'>,
    private readonly names: NameBook,
    private readonly print: (line: string) => void,
  ) {}

  /** Prints which conversations have unread messages (GET /api/conversations), then marks what was shown. */
  async showUnread(): Promise<void> {
    try {
      await this.fetchUnread();
    } finally {
      const held = this.held ?? [];
      this.held = undefined;
      lastOfEach(held, this.client.session?.userId ?? '').forEach((message) => this.shown(message));
    }
  }

  private async fetchUnread(): Promise<void> {
    const myId = this.client.session!.userId;
    const response = await fetch(`${this.client.gatewayUrl}/api/conversations`, {
      headers: { authorization: `Bearer ${this.client.accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`unread counts: ${response.status} ${await response.text()}`);
    const { conversations } = (await response.json()) as { conversations: ConversationCount[] };
    this.print(notice(unreadSummary(conversations, myId, (id) => this.names.get(id) ?? id)));
  }

  /** A message was shown: its conversation is read up to it. */
  shown(message: ReceivedMessage): void {
    if (this.held) return void this.held.push(message);
    const myId = this.client.session?.userId;
    const conversation = myId && conversationOf(message, myId);
    if (!conversation || !message.seq || this.client.state !== 'ready') return;
    this.client
      .markRead(conversation, message.seq)
      .catch((error: Error) => this.print(notice(`not marked read: ${error.message}`)));
  }

  /** A private message under way: a receipt that comes meanwhile is printed after it. */
  sending(send: Promise<void>): void {
    this.sends.add(send);
    void send.catch(() => undefined).finally(() => this.sends.delete(send));
  }

  /**
   * A private peer read our messages: say so, below the messages we were still sending (the peer may
   * read one before its SEND_ACK reaches us). Marks from our other sessions need no line.
   */
  async read({ conversation, userId, seq }: ReadReceipt): Promise<void> {
    if (userId === this.client.session?.userId || !conversation.startsWith('p:')) return;
    await Promise.allSettled([...this.sends]);
    this.print(notice(`${this.names.get(userId) ?? userId} has read your messages (up to seq ${seq})`));
  }
}

/**
 * The last message of each conversation (the SDK hands each in seq order): one mark per conversation
 * covers what came before it, and a private peer gets one receipt rather than one per message.
 */
function lastOfEach(messages: ReceivedMessage[], myId: string): ReceivedMessage[] {
  const last = new Map<string, ReceivedMessage>();
  for (const message of messages) last.set(conversationOf(message, myId) ?? message.messageId, message);
  return [...last.values()];
}
