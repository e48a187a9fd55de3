import { ReceivedMessage, ReceivedMessageKind } from '@cim/client-sdk';

/** One message in the local history, sent or received: one JSON line of a day's file. */
export interface HistoryEntry {
  /** When the gateway accepted it, ms since the Unix epoch. */
  at: number;
  direction: 'in' | 'out';
  kind: ReceivedMessageKind;
  messageId: string;
  senderId: string;
  senderName: string;
  /** Empty for group and system messages. */
  receiverId: string;
  /** Known for messages sent to someone whose name the client had seen. */
  receiverName?: string;
  body: string;
  /** A message to a group with membership: the group's id. */
  groupId?: string;
}

export function receivedEntry(message: ReceivedMessage): HistoryEntry {
  return {
    at: message.sentAt,
    direction: 'in',
    kind: message.kind,
    messageId: message.messageId,
    senderId: message.senderId,
    senderName: message.senderName,
    receiverId: message.receiverId,
    body: message.body,
    ...(message.groupId ? { groupId: message.groupId } : {}),
  };
}
