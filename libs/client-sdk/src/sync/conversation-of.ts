import { ChatMessage, MessageKind, Send } from '@cim/protocol';

/** The lobby: everyone online; not sequenced by the client (its messages are handed on as they come). */
export const LOBBY = 'group';
/** System messages (broadcasts, pushes): one sequence for all of them, most of which a user never gets. */
export const SYSTEM = 'system';

/** The conversation a received message belongs to: `p:<low>:<high>`, `g:<group id>`, the lobby or system. */
export function conversationOf(message: ChatMessage): string {
  if (message.kind === MessageKind.System) return SYSTEM;
  if (message.groupId) return `g:${message.groupId}`;
  if (message.kind === MessageKind.Group) return LOBBY;
  return privateConversation(message.senderId, message.receiverId ?? '');
}

/** The conversation a SEND of user `me` goes to. */
export function conversationOfSend(send: Send, me: string): string {
  if (send.groupId) return `g:${send.groupId}`;
  if (send.receiverId) return privateConversation(me, send.receiverId);
  return LOBBY;
}

/** Conversations whose seqs the client keeps gap-free for the listener: private pairs and groups. */
export function isSequenced(conversation: string): boolean {
  return conversation.startsWith('p:') || conversation.startsWith('g:');
}

/** Both directions share one conversation; numeric ids compare as numbers (shorter is smaller). */
export function privateConversation(a: string, b: string): string {
  const aFirst = a.length < b.length || (a.length === b.length && a <= b);
  return aFirst ? `p:${a}:${b}` : `p:${b}:${a}`;
}
