import { MessageAcceptance, PRIVATE_CONVERSATIONS_KEPT } from '../session-store';
import { ExpiringMap } from './expiring-map';

/** Each user's private conversations with the sentAt of their last message, as the Redis sorted set. */
export class MemoryConversationIndex {
  private readonly byUser: ExpiringMap<string, Map<string, number>>;

  constructor(clock: () => number) {
    this.byUser = new ExpiringMap(clock);
  }

  note({ conversation, message, receiver, history }: MessageAcceptance): void {
    if (!receiver || !conversation.startsWith('p:')) return;
    for (const userId of new Set([message.senderId, receiver.userId])) {
      const conversations = this.byUser.get(userId) ?? new Map<string, number>();
      conversations.set(conversation, Math.max(conversations.get(conversation) ?? 0, message.sentAt));
      if (conversations.size > PRIVATE_CONVERSATIONS_KEPT)
        conversations.delete(this.ordered(conversations).pop()!);
      this.byUser.set(userId, conversations, history.ttlMs);
    }
  }

  of(userId: string): string[] {
    const conversations = this.byUser.get(userId);
    return conversations ? this.ordered(conversations) : [];
  }

  /** Most recent first; ties by conversation id descending, as ZREVRANGE orders them. */
  private ordered(conversations: Map<string, number>): string[] {
    return [...conversations]
      .sort(([a, at], [b, bt]) => bt - at || (a < b ? 1 : a > b ? -1 : 0))
      .map(([conversation]) => conversation);
  }
}
