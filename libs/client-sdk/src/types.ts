import type { Carrier, CarrierName } from './carriers/carrier';
import type { Device } from './device/device';

export type { Device, DeviceKind } from './device/device';

/** Where a client is in its life. */
export type ClientState = 'initialized' | 'ready' | 'reconnecting' | 'closed' | 'failed';

/** How a message reached the client: OFFLINE marks private messages kept in the inbox while away. */
export type ReceivedMessageKind = 'private' | 'group' | 'system' | 'offline';

/** A message handed to the MessageListener, once per message id. */
export interface ReceivedMessage {
  messageId: string;
  /**
   * `p:<smaller user id>:<larger user id>` for a private pair, `g:<group id>` for a group with
   * membership, `group` for the lobby, `system` for system messages. Set on every message the client
   * hands on (optional only so that code building messages of its own need not name it).
   */
  conversation?: string;
  /**
   * Per conversation (a pair of users, the lobby, or a group with membership): lets a listener order
   * messages and see gaps.
   */
  seq: number;
  senderId: string;
  senderName: string;
  /** The receiving user; empty for group and system messages. */
  receiverId: string;
  kind: ReceivedMessageKind;
  body: string;
  /** When the route-gateway accepted the message, ms since the Unix epoch. */
  sentAt: number;
  /** A message to a group with membership (kind 'group'): the group's id; absent for the lobby and the rest. */
  groupId?: string;
  /**
   * The device it was sent from (a SEND on the long connection), and its kind; absent for messages
   * sent over HTTP or by the system. A message whose senderId is this client's user is their own,
   * sent from another of their devices.
   */
  senderDeviceId?: string;
  senderDeviceKind?: string;
}

/**
 * userId has read conversation up to seq: the user's own id when another of their sessions marked it
 * (clear the unread count up to seq), the peer's in a private pair (a read receipt).
 */
export interface ReadReceipt {
  conversation: string;
  userId: string;
  seq: number;
}

/**
 * Receives every message once: each private pair and group in seq order without gaps, except the
 * messages this client sent itself. A throw or a rejection is reported through hooks.onError.
 */
export interface MessageListener {
  onMessage(message: ReceivedMessage): void | Promise<void>;
}

/** Optional callbacks on the client's life; a throw or a rejection is reported through onError. */
export interface ClientHooks {
  onStateChange?(state: ClientState, reason?: string): void | Promise<void>;
  /** Another login took over this user, or an operator kicked them; the client is closed. */
  onKicked?(reason: string): void | Promise<void>;
  /** Before each attempt to log in again, after waiting delayMs. */
  onReconnecting?(attempt: number, delayMs: number): void | Promise<void>;
  onReconnected?(serverId: string): void | Promise<void>;
  /** A READ_STATE: a read pointer moved on another of the user's sessions, or a private peer read. */
  onRead?(read: ReadReceipt): void | Promise<void>;
  /** Errors nobody awaits: a listener's or a hook's, an ERROR frame that answers no request. */
  onError?(error: Error): void;
}

export interface BackoffOptions {
  /** The delay before the first attempt; it doubles with each attempt. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1: each delay is drawn from [delay × (1 − jitter), delay]. */
  jitter: number;
  /**
   * The first attempt after a lost connection also waits a random part of this: the clients of a
   * server that went away come back spread over it, not all in the same millisecond.
   */
  spreadMs: number;
  /**
   * After an answer that says the system is busy (a 503 with Retry-After, an ERROR to LOGIN from an
   * im-server) the delays keep doubling past maxDelayMs, up to this: a crowd the system cannot take yet
   * thins out instead of coming back every maxDelayMs.
   */
  maxBusyDelayMs: number;
}

export interface CimClientOptions {
  /** The route-gateway's base URL, e.g. http://127.0.0.1:8080. */
  gatewayUrl: string;
  /** The user name; give it or userId (register() needs the name). */
  name?: string;
  userId?: string;
  password: string;
  listener?: MessageListener;
  hooks?: ClientHooks;
  /**
   * Attempts to log in again after the connection is lost that may go unanswered (gateway or im-server
   * unreachable, a timeout) or be refused for good, before the client fails. Answers that ask to try
   * later (a 5xx or 429 from the gateway, an im-server's ERROR to LOGIN) do not count: a client keeps
   * coming back while the system answers. Default 10.
   */
  loginRetries?: number;
  backoff?: Partial<BackoffOptions>;
  /** PING after this long without sending; default: what LOGIN_ACK says. */
  heartbeatIntervalMs?: number;
  /** Message ids remembered to drop repeated deliveries. Default 10,000. */
  dedupCapacity?: number;
  /**
   * How the client reaches its im-server. Default: TCP (TLS when the server speaks it) in Node,
   * WebSocket in the browser bundle. tcpCarrier({ ca }) trusts a private CA.
   */
  carrier?: Carrier;
  /** For the connection (TCP, TLS or WebSocket) and for LOGIN_ACK. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * How long a SEND, SYNC or MARK_READ waits for its answer over the connection. A SEND past it is
   * written again with the same client message id and send seq (the server answers a repeat as a
   * duplicate, never delivering it twice), twice at most, then rejects with SendTimeoutError (not while
   * nothing at all is heard on the connection: that is the heartbeat's to judge); a SYNC past it is
   * read again after a pause, a MARK_READ rejects. The connection stays (the heartbeat decides when it
   * is lost). Default 10 s.
   */
  requestTimeoutMs?: number;
  /** For each HTTP call to the route-gateway. Default 10 s. */
  httpTimeoutMs?: number;
  /**
   * The device this client is. Default: in Node, one stable id per machine and OS user (kind 'other');
   * in a browser, one kept in localStorage (kind 'web'). Give an id to tell several clients of one
   * user on one machine apart; a kind alone keeps the default id.
   */
  device?: Partial<Device>;
}

/** What SEND_ACK said: the message was accepted under messageId. */
export interface SendResult {
  clientMsgId: string;
  messageId: string;
  /** ms since the Unix epoch. */
  sentAt: number;
  /**
   * True when the gateway had accepted this client message id already: the answer to a re-send (after
   * a reconnect, or after an answer that did not come within requestTimeoutMs) came first.
   */
  duplicate: boolean;
  /**
   * The message's seq in its conversation, when the server says (not for a duplicate, nor from
   * servers that predate it).
   */
  seq?: number;
}

/** The im-server a client is connected to, as the route-gateway named it. */
export interface ServerAddress {
  id: string;
  /** The TCP carrier's address. */
  host: string;
  port: number;
  /** Whether the server speaks TLS (its certificate is verified against `host`, or the URL's host). */
  tls?: boolean;
  /** The carrier the gateway answered for. */
  carrier?: CarrierName;
  /** The WebSocket carrier's URL (ws:// or wss://), when that carrier was asked for. */
  url?: string;
}

/** The answer of POST /api/login and POST /api/resume. */
export interface LoginAnswer {
  userId: string;
  name: string;
  token: string;
  expiresAt: number;
  server: ServerAddress;
  /** The resume credential for coming back without the password (absent from older gateways). */
  resume?: { credential: string; expiresAt: number };
  /** The device the session is for (absent from older gateways). */
  device?: Device;
}

/** Who the client is logged in as, and where. */
export interface SessionInfo {
  userId: string;
  name: string;
  server: ServerAddress;
  heartbeatIntervalMs: number;
  /** True when this session came from the resume credential, false from the password. */
  resumed: boolean;
  /** The device the session is for. */
  device: Device;
}

export interface OnlineUser {
  userId: string;
  name: string;
  /** The user's devices online (absent from older gateways). */
  devices?: { deviceId: string; kind: string }[];
}

export interface OnlineUsersPage {
  /** Pass it back for the next page; '0' when the listing is complete. */
  cursor: string;
  users: OnlineUser[];
}
