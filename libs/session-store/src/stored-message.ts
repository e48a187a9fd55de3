/** A message as the store keeps it in an inbox; mirrors the MESSAGE frame's fields. */
export interface StoredMessage {
  messageId: string;
  seq: number;
  senderId: string;
  senderName: string;
  receiverId: string;
  kind: 'private' | 'group' | 'system' | 'offline';
  body: string;
  sentAt: number;
}
