/** A conversation as GET /api/conversations lists it (the fields the client shows). */
export interface ConversationCount {
  conversation: string;
  unread: number;
  lastMessage: { senderId: string; senderName: string } | null;
}

/**
 * One line naming the conversations with unread messages, e.g. `unread: 3 from bob, 2 in #7, 1 in the
 * lobby`; `no unread messages` when there are none.
 */
export function unreadSummary(
  conversations: ConversationCount[],
  myId: string,
  nameOf: (id: string) => string,
): string {
  const parts = conversations.filter((c) => c.unread > 0).map((c) => `${c.unread} ${where(c, myId, nameOf)}`);
  return parts.length ? `unread: ${parts.join(', ')}` : 'no unread messages';
}

function where(
  { conversation, lastMessage }: ConversationCount,
  myId: string,
  nameOf: (id: string) => string,
): string {
  if (conversation === 'group') return 'in the lobby';
  if (conversation.startsWith('g:')) return `in #${conversation.slice(2)}`;
  const [, low, high] = conversation.split(':');
  const peer = low === myId ? high : low;
  const name = lastMessage?.senderId === peer ? lastMessage.senderName : nameOf(peer);
  return `from ${name} (${peer})`;
}
