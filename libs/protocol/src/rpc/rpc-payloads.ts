import { ReadState } from '../frames';
import { StoredMessage } from '../stored-message';

/** A failure crossing the RPC boundary: the code is one of ErrorCode's names, the text says why. */
export interface RpcFailure {
  code: string;
  message: string;
}

export interface SessionRef {
  userId: string;
  sessionId: string;
  serverId: string;
  /** The device of the session (absent: the default device), and its kind. */
  deviceId?: string;
  deviceKind?: string;
  /** The run of the server reporting (gateway.session.opened): a login made for another run is refused. */
  incarnation?: string;
}

/** gateway.server.lease: an im-server run takes (first) or renews its lease. */
export interface ServerLeaseRequest {
  serverId: string;
  incarnation: string;
  ttlMs: number;
  first: boolean;
}

/** False when a renewal found the lease lapsed: the run's routes were released. */
export interface ServerLeaseReply {
  held: boolean;
}

/** The session store's epoch: it changes only when the store lost its data (libs/session-store StoreMarker). */
export interface StoreEpochReply {
  epoch: string;
}

export interface SessionOpenedReply {
  /** The offline inbox and every message handed over before but never acknowledged, oldest first. */
  inbox: StoredMessage[];
}

export interface SessionClosedRequest extends SessionRef {
  /** Why the connection ended: 'disconnect', 'idle', 'kicked', 'logout', 'shutdown', 'error'. */
  reason: string;
}

/** DELIVERY_ACKs gathered over one tick by an im-server; each user id is the acking connection's own. */
export interface AcknowledgeRequest {
  acks: { userId: string; messageIds: string[] }[];
}

export interface SendRequest extends SessionRef {
  userName: string;
  clientMsgId: string;
  receiverId?: string;
  group?: boolean;
  /** A group with membership; only its members may send to it. */
  groupId?: string;
  body: string;
  /**
   * The SEND's number in the sender's stream (send-seq.ts): deduplicated by the stream's window instead
   * of by clientMsgId. Absent for a SEND that carries none.
   */
  sendSeq?: { session: string; seq: number };
}

export interface SendBatchRequest {
  requests: SendRequest[];
}

/** A client's SYNC as its im-server relays it: the user's messages of a conversation after a seq. */
export interface SyncRequest {
  userId: string;
  conversation: string;
  afterSeq: number;
  limit: number;
}

/** The SYNC_BATCH's content: ascending seq; `more` when messages follow the last one. */
export interface SyncReply {
  conversation: string;
  messages: StoredMessage[];
  lastSeq: number;
  more: boolean;
}

/** A client's MARK_READ as its im-server relays it; the session is the connection's own. */
export interface MarkReadRequest {
  userId: string;
  sessionId: string;
  conversation: string;
  seq: number;
}

/** Where the user's read pointer stands after the mark (at or beyond the seq asked). */
export interface MarkReadReply {
  seq: number;
}

/** gateway → im-server: one READ_STATE for the named sessions connected there (others are skipped). */
export interface ReadStateNotice {
  readState: ReadState;
  sessions: { userId: string; sessionId: string }[];
}

/** How many connections the READ_STATE was written to. */
export interface ReadStateNoticeReply {
  delivered: number;
}

/** One outcome per request, in the order asked. */
export interface SendBatchReply {
  results: ({ reply: SendReply } | { failure: RpcFailure })[];
}

export interface SendReply {
  messageId: string;
  sentAt: number;
  duplicate: boolean;
  /** The message's seq in its conversation; absent for a duplicate (SEND_ACK seq 0). */
  seq?: number;
}

/**
 * One hand-over to an im-server: each entry is a message and the users it goes to, on each of their
 * devices connected there. A lobby entry (`allExcept` set) goes to every connection there except the
 * sender's: all of them, or with `exceptSession` only that session's (the sending device).
 */
export interface DeliverRequest {
  entries: DeliverEntry[];
}

export interface DeliverEntry {
  message: StoredMessage;
  userIds?: string[];
  allExcept?: string;
  /** With allExcept: only this session of that user is left out; the user's other devices get it. */
  exceptSession?: string;
  /** With userIds: this session (the sending device) is left out. */
  skipSession?: string;
}

export interface DeliverReply {
  /** Users of private entries who were not connected there: the gateway keeps those messages in their inbox. */
  missed: { messageId: string; userId: string }[];
  /** How many connections were written to. */
  delivered: number;
}

export interface KickRequest {
  userId: string;
  /** Only this session is kicked; absent, every session the user has there (of `deviceId` if given). */
  sessionId?: string;
  /** Only the connection of this device is kicked. */
  deviceId?: string;
  reason: string;
}

/** Answered to a kick: how many connections it closed (absent from older im-servers: 1 or 0). */
export interface KickReply {
  kicked: boolean;
  connections?: number;
}

/** im.session.status: whether this login session is connected to the im-server asked. */
export interface SessionStatusRequest {
  userId: string;
  sessionId: string;
}

export interface SessionStatusReply {
  connected: boolean;
}

export interface ImServerStats {
  serverId: string;
  connections: number;
  uptimeMs: number;
  startedAt: number;
  messagesIn: number;
  messagesOut: number;
  /** LOGINs accepted since start (absent from older im-servers). */
  logins?: number;
  /** messagesIn and messagesOut by message kind (absent from older im-servers). */
  messagesInByKind?: Record<string, number>;
  messagesOutByKind?: Record<string, number>;
}
