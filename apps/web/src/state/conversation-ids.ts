import { ChatMessage, ConversationKind } from './types';

/** The lobby: everyone. */
export const LOBBY = 'group';

/** A private pair: 'p:<smaller id>:<larger id>' (numeric ids compare as numbers: shorter is smaller). */
export function privateConversation(a: string, b: string): string {
  const [low, high] = compareIds(a, b) <= 0 ? [a, b] : [b, a];
  return `p:${low}:${high}`;
}

export function groupConversation(groupId: string): string {
  return `g:${groupId}`;
}

/** The conversation a message belongs to, seen by user `me`. */
export function conversationOf(message: ChatMessage, me: string): string {
  if (message.kind === 'private' || message.kind === 'offline')
    return privateConversation(message.senderId, message.receiverId || me);
  if (message.groupId) return groupConversation(message.groupId);
  return LOBBY;
}

export function kindOf(conversation: string): ConversationKind {
  if (conversation.startsWith('p:')) return 'private';
  if (conversation.startsWith('g:')) return 'group';
  return 'lobby';
}

/** The other user of a private pair. */
export function peerOf(conversation: string, me: string): string | undefined {
  if (!conversation.startsWith('p:')) return undefined;
  const [, low, high] = conversation.split(':');
  return low === me ? high : low;
}

export function groupIdOf(conversation: string): string | undefined {
  return conversation.startsWith('g:') ? conversation.slice(2) : undefined;
}

function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
