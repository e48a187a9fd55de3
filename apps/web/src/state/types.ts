/** What the web app keeps of a message: the SDK's ReceivedMessage and the history API's items. */
export interface ChatMessage {
  messageId: string;
  /** Its place in its conversation; 0 until known (a message this page sent, before history names it). */
  seq: number;
  senderId: string;
  senderName: string;
  receiverId: string;
  kind: 'private' | 'group' | 'system' | 'offline';
  body: string;
  sentAt: number;
  groupId?: string;
  /** A message this page sent that the server has not acknowledged yet. */
  pending?: boolean;
  /** A send that failed, with why. */
  failed?: string;
}

export type ConversationKind = 'lobby' | 'private' | 'group';

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string;
  /** The last seq the server handed out that this page knows of. */
  lastSeq: number;
  lastMessage?: ChatMessage;
  unread: number;
  /** The other user of a private pair. */
  peerId?: string;
  /** How far the peer of a private pair has read (read receipts). */
  peerReadSeq: number;
  /** A group's role of this user: owner, admin or member. */
  role?: string;
}

/** The messages of one conversation this page has loaded, in order, and whether older ones remain. */
export interface Timeline {
  messages: ChatMessage[];
  hasOlder: boolean;
  loading: boolean;
  /** Loaded at least once (the newest page). */
  loaded: boolean;
}

/** What the page shows of the connection, from the SDK's state. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface OnlineUser {
  userId: string;
  name: string;
}
