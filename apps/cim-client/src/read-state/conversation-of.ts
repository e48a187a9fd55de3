import { ReceivedMessage } from '@cim/client-sdk';

/** 'p:<low>:<high>' for a pair of user ids. */
export function privateConversation(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `p:${a}:${b}` : `p:${b}:${a}`;
}

/** The conversation a received message belongs to; undefined for system messages, which have none. */
export function conversationOf(message: ReceivedMessage, myId: string): string | undefined {
  if (message.kind === 'system' || !message.senderId) return undefined;
  if (message.groupId) return `g:${message.groupId}`;
  if (message.kind === 'group') return 'group';
  return privateConversation(message.senderId, myId);
}
