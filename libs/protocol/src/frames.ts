/**
 * TypeScript shapes of the messages in proto/cim.proto (field names in protobufjs' camelCase).
 * The .proto file is the source of truth; frames.spec.ts loads it with protobufjs and checks every
 * message type, field name, number and type, and every enum value, against these shapes.
 */
export enum MessageKind {
  Unspecified = 0,
  Private = 1,
  Group = 2,
  System = 3,
  Offline = 4,
}

export enum ErrorCode {
  Unspecified = 0,
  MalformedFrame = 1,
  FrameTooLarge = 2,
  NotLoggedIn = 3,
  InvalidToken = 4,
  AlreadyLoggedIn = 5,
  UnknownReceiver = 6,
  RateLimited = 7,
  BodyTooLarge = 8,
  BadRequest = 9,
  Unavailable = 10,
  Internal = 11,
  UnsupportedProtocolVersion = 12,
  NotAMember = 13,
  StoreReset = 14,
  SendSeqOutsideWindow = 18,
}

export interface Login {
  userId: string;
  token: string;
  /** Absent or 0 means 1 (clients that predate the field). */
  protocolVersion?: number;
  /** The device named at HTTP login (the token's); absent or '': the token's. */
  deviceId?: string;
  deviceKind?: string;
  /** The client's stream of SENDs numbered by sendSeq (send-seq.ts); '' or absent: none. */
  sendSession?: string;
}

export interface LoginAck {
  userId: string;
  userName: string;
  serverId: string;
  heartbeatIntervalMs: number;
  idleTimeoutMs: number;
  /** The device the connection is bound to, and its kind (absent from servers that predate devices). */
  deviceId?: string;
  deviceKind?: string;
}

export interface Send {
  clientMsgId: string;
  receiverId?: string;
  group?: boolean;
  /** A group with membership, by id. */
  groupId?: string;
  body: string;
  /** The SEND's number in the login's sendSession, from 1; 0 or absent: none (send-seq.ts). */
  sendSeq?: number;
}

export interface SendAck {
  clientMsgId: string;
  messageId: string;
  sentAt: number;
  duplicate?: boolean;
  /** The message's seq in its conversation; 0 or absent when not said (a duplicate, an older server). */
  seq?: number;
}

export interface ChatMessage {
  messageId: string;
  seq: number;
  senderId: string;
  senderName: string;
  receiverId: string;
  kind: MessageKind;
  body: string;
  sentAt: number;
  /** The group with membership it was sent to; '' or absent otherwise. */
  groupId?: string;
  /** The device it was sent from (a SEND), and its kind; '' or absent otherwise. */
  senderDeviceId?: string;
  senderDeviceKind?: string;
}

export interface MessageBatch {
  messages: ChatMessage[];
}

export interface DeliveryAck {
  messageIds: string[];
}

export interface Reason {
  reason: string;
}

export interface ErrorBody {
  code: ErrorCode;
  text: string;
  answers?: string;
  clientMsgId?: string;
  /** A refusal a later attempt can cure (UNAVAILABLE, busy): how long to wait first, ms. */
  retryAfterMs?: number;
}

export interface Sync {
  /** 'group', 'p:<low>:<high>' or 'g:<groupId>'. */
  conversation: string;
  afterSeq: number;
  /** 1 to SYNC_MAX_LIMIT; 0 or absent means SYNC_DEFAULT_LIMIT. */
  limit?: number;
}

/** "I have read the conversation up to seq": the read pointer only moves forward. */
export interface MarkRead {
  conversation: string;
  seq: number;
}

/** userId has read the conversation up to seq (the reader's other connections, a private peer). */
export interface ReadState {
  conversation: string;
  userId: string;
  seq: number;
}

export const SYNC_DEFAULT_LIMIT = 100;
export const SYNC_MAX_LIMIT = 200;

export interface SyncBatch {
  conversation: string;
  /** Ascending seq, all above the SYNC's afterSeq. */
  messages: ChatMessage[];
  lastSeq: number;
  /** Messages follow the batch's last one: SYNC again from its seq. */
  more?: boolean;
}

/** One frame: exactly one body field is set. */
export interface Frame {
  requestId?: number;
  login?: Login;
  loginAck?: LoginAck;
  ping?: Record<string, never>;
  pong?: Record<string, never>;
  send?: Send;
  sendAck?: SendAck;
  messages?: MessageBatch;
  deliveryAck?: DeliveryAck;
  kicked?: Reason;
  reconnect?: Reason;
  error?: ErrorBody;
  sync?: Sync;
  syncBatch?: SyncBatch;
  markRead?: MarkRead;
  readState?: ReadState;
}

export type FrameKind = Exclude<keyof Frame, 'requestId'>;

export const FRAME_KINDS: readonly FrameKind[] = [
  'login',
  'loginAck',
  'ping',
  'pong',
  'send',
  'sendAck',
  'messages',
  'deliveryAck',
  'kicked',
  'reconnect',
  'error',
  'sync',
  'syncBatch',
  'markRead',
  'readState',
];
