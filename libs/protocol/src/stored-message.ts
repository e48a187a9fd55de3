/**
 * A message as the route-gateway and the admin hand it to the im-servers (RPC payloads) and the session
 * store keeps it (inbox, unacked ledger). toChatMessage turns it into the MESSAGE frame's form.
 */
export interface StoredMessage {
  messageId: string;
  seq: number;
  senderId: string;
  senderName: string;
  receiverId: string;
  kind: 'private' | 'group' | 'system' | 'offline';
  body: string;
  sentAt: number;
  /** A message to a group with membership: the group's id (its conversation is `g:<groupId>`). */
  groupId?: string;
  /** The device a SEND came from, and its kind: the sender's other devices show it as their own. */
  senderDeviceId?: string;
  senderDeviceKind?: string;
}
