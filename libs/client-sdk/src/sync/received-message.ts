import { ChatMessage, MessageKind } from '@cim/protocol';
import { ReceivedMessage } from '../types';
import { conversationOf } from './conversation-of';

const KINDS: Partial<Record<MessageKind, ReceivedMessage['kind']>> = {
  [MessageKind.Private]: 'private',
  [MessageKind.Group]: 'group',
  [MessageKind.System]: 'system',
  [MessageKind.Offline]: 'offline',
};

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
export function toReceivedMessage(message: ChatMessage): ReceivedMessage {
  return {
    messageId: message.messageId,
    conversation: conversationOf(message),
    seq: Number(message.seq),
    senderId: message.senderId,
    senderName: message.senderName,
    receiverId: message.receiverId ?? '',
    kind: KINDS[message.kind] ?? 'system',
    body: message.body,
    sentAt: Number(message.sentAt),
    ...(message.groupId ? { groupId: message.groupId } : {}),
    ...(message.senderDeviceId ? { senderDeviceId: message.senderDeviceId } : {}),
    ...(message.senderDeviceKind ? { senderDeviceKind: message.senderDeviceKind } : {}),
  };
}
