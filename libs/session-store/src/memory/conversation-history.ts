import { StoredMessage } from '@cim/protocol';
import { HistoryPolicy, HistoryQuery } from '../session-store';
import { ExpiringMap } from './expiring-map';

/** Messages in ascending seq; the message id index finds one for store-if-absent. */
interface Kept {
  messages: StoredMessage[];
  byId: Map<string, StoredMessage>;
}

/**
 * The in-memory conversation histories, as the Redis store keeps them: at most maxMessages per
 * conversation, the oldest leaving once sent more than ttlMs ago (checked on each write), the whole
 * history forgotten ttlMs after its last write.
 */
export class MemoryConversationHistory {
  private readonly kept: ExpiringMap<string, Kept>;

  constructor(private readonly clock: () => number) {
    this.kept = new ExpiringMap(clock);
  }

  find(conversation: string, messageId: string): StoredMessage | null {
    const message = this.kept.get(conversation)?.byId.get(messageId);
    return message ? { ...message } : null;
  }

  /** Keeps the message (its seq set by the caller), trimming to the policy. */
  add(conversation: string, message: StoredMessage, policy: HistoryPolicy): void {
    const kept: Kept = this.kept.get(conversation) ?? { messages: [], byId: new Map() };
    kept.messages.push({ ...message });
    kept.byId.set(message.messageId, kept.messages[kept.messages.length - 1]);
    const horizon = this.clock() - policy.ttlMs;
    while (
      kept.messages.length > policy.maxMessages ||
      (kept.messages.length > 0 && kept.messages[0].sentAt <= horizon)
    ) {
      kept.byId.delete(kept.messages.shift()!.messageId);
    }
    this.kept.set(conversation, kept, policy.ttlMs);
  }

  read(conversation: string, { after = 0, before, limit }: HistoryQuery): StoredMessage[] {
    const inRange = (this.kept.get(conversation)?.messages ?? []).filter(
      (m) => m.seq > after && (before === undefined || m.seq < before),
    );
    const page = before !== undefined && after === 0 ? inRange.slice(-limit) : inRange.slice(0, limit);
    return page.map((m) => ({ ...m }));
  }
}
