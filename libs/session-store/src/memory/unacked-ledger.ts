import { InboxPolicy, UnackedItem } from '../session-store';
import { StoredMessage } from '@cim/protocol';
import { ExpiringMap } from './expiring-map';

/** The in-memory unacked ledger: per user, message id → message, expiring after the policy's TTL. */
export class MemoryUnackedLedger {
  private readonly byUser: ExpiringMap<string, Map<string, StoredMessage>>;

  constructor(clock: () => number) {
    this.byUser = new ExpiringMap(clock);
  }

  track(items: UnackedItem[], policy: InboxPolicy): void {
    for (const { userId, message } of items) {
      const messages = this.byUser.get(userId) ?? new Map<string, StoredMessage>();
      messages.set(message.messageId, { ...message });
      for (const id of [...messages.keys()].sort().slice(0, Math.max(0, messages.size - policy.cap))) {
        messages.delete(id);
      }
      this.byUser.set(userId, messages, policy.ttlMs);
    }
  }

  acknowledge(userId: string, messageIds: string[]): void {
    const messages = this.byUser.get(userId);
    for (const id of messageIds) messages?.delete(id);
  }

  /** A copy of one unacknowledged message, or null. */
  get(userId: string, messageId: string): StoredMessage | null {
    const message = this.byUser.get(userId)?.get(messageId);
    return message ? { ...message } : null;
  }

  /** Oldest (lowest message id) first. */
  list(userId: string): StoredMessage[] {
    const messages = this.byUser.get(userId);
    if (!messages) return [];
    return [...messages.values()].sort(byMessageId).map((m) => ({ ...m }));
  }

  size(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }
}

export function byMessageId(a: StoredMessage, b: StoredMessage): number {
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}
