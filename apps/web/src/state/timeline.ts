import { ChatMessage, Timeline } from './types';

export function emptyTimeline(): Timeline {
  return { messages: [], hasOlder: true, loading: false, loaded: false };
}

/**
 * The timeline with `incoming` merged in, each message once (by id: a later copy, e.g. history naming
 * the seq of a message this page sent, replaces the earlier), in the conversation's order: by seq where
 * both are known, else by the time the server accepted them.
 */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.messageId, m]));
  for (const message of incoming) {
    const known = byId.get(message.messageId);
    byId.set(message.messageId, known && !message.seq ? { ...message, seq: known.seq } : message);
  }
  return [...byId.values()].sort(inOrder);
}

function inOrder(a: ChatMessage, b: ChatMessage): number {
  if (Boolean(a.pending) !== Boolean(b.pending)) return a.pending ? 1 : -1;
  if (a.seq && b.seq && a.kind !== 'system' && b.kind !== 'system') return a.seq - b.seq;
  return a.sentAt - b.sentAt;
}

/** The greatest seq among the messages (0 for none). */
export function newestSeq(messages: ChatMessage[]): number {
  return messages.reduce((max, m) => (m.kind !== 'system' && m.seq > max ? m.seq : max), 0);
}

/** The smallest known seq (0 for none): the next older page is read below it. */
export function oldestSeq(messages: ChatMessage[]): number {
  return messages.reduce(
    (min, m) => (m.seq && m.kind !== 'system' && (!min || m.seq < min) ? m.seq : min),
    0,
  );
}
