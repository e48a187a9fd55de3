import { StoredMessage } from '@cim/protocol';
import { DeviceKind } from './devices/device';
import { ServerRunStore } from './server-runs';

/** The token under which Nest modules provide a SessionStore. */
export const SESSION_STORE = Symbol('SESSION_STORE');

export interface UserRecord {
  id: string;
  name: string;
  /** An scrypt hash in the form produced by the route-gateway's password hasher. */
  passwordHash: string;
  createdAt: number;
}

/** Where a logged-in user is connected on one of their devices. */
export interface Route {
  userId: string;
  /** The device the route is for; absent: DEFAULT_DEVICE_ID. A user has at most one route per device. */
  deviceId?: string;
  deviceKind?: DeviceKind;
  serverId: string;
  /** Unique per login: a later login gets a new one, so a stale disconnect never clears a fresh route. */
  sessionId: string;
  since: number;
  /**
   * The run of the server that the route was made for (its incarnation, announced in the registry).
   * Absent on routes made by a server or gateway that predates incarnations.
   */
  incarnation?: string;
}

/** What releaseSession cleared: a route still pending, an online one, or none. */
export type ReleasedRoute = 'pending' | 'online' | null;

/** What names one login session on one server: the user, the server and the session id. */
export type SessionKey = Pick<Route, 'userId' | 'serverId' | 'sessionId'>;

/**
 * A claim refused for its device answers that device's route and whether it is still pending (not yet
 * confirmed); one refused because the user has as many devices as allowed answers their routes.
 */
export type ClaimResult =
  | { claimed: true }
  | { claimed: false; current: Route; pending: boolean }
  | { claimed: false; full: Route[] };

export interface OnlinePage {
  /** '0' when the listing is complete. */
  cursor: string;
  userIds: string[];
}

export interface UnackedItem {
  userId: string;
  message: StoredMessage;
}

/**
 * What the route-gateway asks of the store for each message it accepts. The store takes it in steps,
 * each atomic in one place (README, "Accepting a message"): the sender's dedup record, the
 * conversation's sequence and history, the receiver's ledger and route.
 */
export interface MessageAcceptance {
  /** The conversation whose sequence and history the message joins: 'group', 'p:<low>:<high>', 'g:<id>'. */
  conversation: string;
  /** The message; its seq is ignored (the store gives it the conversation's next one). */
  message: StoredMessage;
  /**
   * For a client's SEND: a repeat of the client message id within `windowMs` is a duplicate. With
   * `sendSeq`, the SEND is numbered in a sending session (@cim/protocol send-seq.ts): a repeat of the
   * seq while the session's window keeps it is a duplicate, a seq below the window and not in it is
   * refused (SendSeqOutsideWindowError), and the window expires `windowMs` after the session's last SEND.
   */
  dedup?: {
    senderId: string;
    clientMessageId: string;
    windowMs: number;
    sendSeq?: { session: string; seq: number };
  };
  /**
   * The receiver of a private message: the message is written to their unacked ledger under this policy
   * before the answer, and the routes of their devices (pending or online) come back with it.
   */
  receiver?: { userId: string; ledger: InboxPolicy };
  /** How much of the conversation's history is kept. */
  history: HistoryPolicy;
  /** The conversation's sequence is forgotten this long after its last message (absent: never). */
  sequenceTtlMs?: number;
}

/**
 * A new message answers its seq and, with a receiver, the routes of the receiver's devices (pending
 * ones included; [] when offline). A duplicate answers the earlier message id and, with a receiver,
 * that message while it waits in the receiver's ledger (null once acknowledged) with the receiver's
 * routes, so that a re-sent SEND can hand it over again. Either way the message named is stored: a
 * duplicate whose earlier acceptance stopped half-way completes it. A SEND (`dedup`) also answers the
 * routes of the sender's devices (`senderRoutes`, pending ones included; absent when there are none),
 * read as it was recorded, so that its other devices can be given the message without another read.
 */
export type MessageAccepted = (
  { duplicateOf: string; stored?: StoredMessage | null; routes?: Route[] } | { seq: number; routes: Route[] }
) & { senderRoutes?: Route[] };

/** A conversation keeps its newest messages, at most `maxMessages` of them and none older than `ttlMs`. */
/** How many of a user's private conversations conversationsOf keeps; the least recently active go first. */
export const PRIVATE_CONVERSATIONS_KEPT = 1000;

export interface HistoryPolicy {
  maxMessages: number;
  /** Messages sent longer ago than this leave the history; a silent conversation's history expires. */
  ttlMs: number;
}

/**
 * A page of a conversation's history, by seq: with only `before`, the newest `limit` messages below it;
 * otherwise the oldest `limit` above `after` (0 when absent), below `before` when given.
 */
export interface HistoryQuery {
  after?: number;
  before?: number;
  limit: number;
}

export interface InboxPolicy {
  /** Most messages kept per user; the oldest are dropped first. */
  cap: number;
  /** How long an inbox lives after its last write, in milliseconds. */
  ttlMs: number;
}

/**
 * Users, the online set with the routes of each user's devices, and the per-user offline inbox.
 * Implemented on Redis for clusters and in memory for the embedded single-process mode;
 * both pass the same contract suite (testing/session-store.contract.ts).
 */
export interface SessionStore extends ServerRunStore {
  /** Creates a user; rejects with NameTakenError when the name is already registered. */
  createUser(name: string, passwordHash: string): Promise<UserRecord>;
  findUserById(id: string): Promise<UserRecord | null>;
  findUserByName(name: string): Promise<UserRecord | null>;

  /**
   * Atomically gives the route's device this route, unless that device has one (pending or online), or
   * unless the user has `maxDevices` other devices with routes (absent: no limit). With `pendingMs` the
   * route is pending: routesOf answers it, but the user is neither listed nor counted online for it,
   * and it vanishes by itself after `pendingMs` unless confirmOnline confirms it first. Without
   * `pendingMs` it is online at once.
   */
  claimOnline(route: Route, pendingMs?: number, maxDevices?: number): Promise<ClaimResult>;
  /**
   * Sets the route of its device whatever was there, pending or online (the kick policy, a stale
   * route); answers the route of that device it replaced. `pendingMs` as for claimOnline.
   */
  replaceOnline(route: Route, pendingMs?: number): Promise<Route | null>;
  /**
   * The client's connection arrived: the user's pending route of this session on this server becomes
   * online (listed, counted, no expiry). Answers true when the session is one of the user's current
   * ones on that server (pending until now, or online already), false when it has ended (expired,
   * replaced, released).
   */
  confirmOnline(session: SessionKey): Promise<boolean>;
  /** Clears the user's route of that session, pending or online, if it is still current. */
  releaseOnline(userId: string, sessionId: string): Promise<boolean>;
  /**
   * The same as releaseOnline, answering what the route was when it was cleared: 'pending' (its
   * connection never confirmed it: no im-server holds that session), 'online', or null (no current
   * route had that session). One step: a confirmation cannot come between the reading and the clearing.
   */
  releaseSession(userId: string, sessionId: string): Promise<ReleasedRoute>;
  /**
   * Clears every online route that points at the server: used when it vanishes from the registry.
   * Answers the users who had one there. Pending routes to it are left to expire.
   */
  releaseServer(serverId: string): Promise<string[]>;
  /** The route of one device of the user (absent: the default device), pending or online. */
  getRoute(userId: string, deviceId?: string): Promise<Route | null>;
  /** The routes of all the user's devices, pending and online, by device id. */
  routesOf(userId: string): Promise<Route[]>;
  /** routesOf for many users in one round trip; the answer is in the order asked. */
  routesOfMany(userIds: string[]): Promise<Route[][]>;
  /**
   * Cursor-paged listing of online user ids, each user once however many devices they are online on
   * (pending routes are not listed); start with '0'.
   */
  listOnline(cursor: string, count: number): Promise<OnlinePage>;
  /**
   * How many users are online; pending routes do not count. On Redis a user online on devices on n
   * servers counts n times (the sum of the servers' user sets).
   */
  countOnline(): Promise<number>;

  /** Appends to the user's inbox, trimming to the cap and refreshing the TTL. */
  pushInbox(userId: string, messages: StoredMessage[], policy: InboxPolicy): Promise<void>;
  inboxSize(userId: string): Promise<number>;

  /**
   * Records messages handed to an im-server for their receivers: the unacked ledger. They stay until
   * the receiver's client acknowledges them, so a connection or an im-server that dies loses none:
   * openInbox hands them over again. Trimmed to the policy's cap (oldest first) and TTL.
   */
  trackUnacked(items: UnackedItem[], policy: InboxPolicy): Promise<void>;
  /** Forgets messages the user's client acknowledged. */
  acknowledge(userId: string, messageIds: string[]): Promise<void>;
  /**
   * At login: atomically moves the offline inbox into the unacked ledger, and answers every message
   * the user has not acknowledged, oldest (lowest message id) first.
   */
  openInbox(userId: string, policy: InboxPolicy): Promise<StoredMessage[]>;
  /** How many messages wait for the user's acknowledgement. */
  unackedSize(userId: string): Promise<number>;

  /**
   * Accepts a message: drops a duplicate SEND (answering the earlier message id), else takes the next
   * sequence of the conversation and keeps the message in the conversation's history and, with a
   * receiver, in the receiver's unacked ledger before it answers. A step that fails leaves what the
   * earlier ones wrote; a repeat of the SEND completes it under the same message id and seq, so a
   * message id answered (new or duplicate) always names a stored message.
   */
  acceptMessage(acceptance: MessageAcceptance): Promise<MessageAccepted>;

  /**
   * The user's resume generation: resume credentials carry the generation current when they were
   * issued and are honoured only while it still is. 0 until the first revocation.
   */
  resumeGeneration(userId: string): Promise<number>;
  /** Revokes every resume credential of the user (an operator's kick): answers the new generation. */
  revokeResumes(userId: string): Promise<number>;
  /** Kept messages of the conversation in ascending seq (HistoryQuery says which). */
  readHistory(conversation: string, query: HistoryQuery): Promise<StoredMessage[]>;
  /** The last seq the conversation handed out; 0 when it has none (or it was forgotten). */
  lastSeq(conversation: string): Promise<number>;
  /**
   * The user's private conversations (`p:<low>:<high>`), the most recently active first: each accepted
   * private message notes its conversation for both users. At most PRIVATE_CONVERSATIONS_KEPT are kept;
   * the list expires with the history's ttl after its last note.
   */
  conversationsOf(userId: string): Promise<string[]>;

  /** Next value of a per-conversation sequence, starting at 1. */
  nextSequence(conversation: string): Promise<number>;

  /**
   * Node-id leases for message ids: takes a node id of 0..count-1 that nobody holds, for ttlMs, under
   * the holder's token (a random one per process). Answers null when every one is held.
   */
  leaseNodeId(holder: string, count: number, ttlMs: number): Promise<number | null>;
  /**
   * Extends the holder's lease by ttlMs, re-taking it when it expired and nobody else took it.
   * Answers false when another holder has it.
   */
  renewNodeId(nodeId: number, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if the holder still has it. */
  releaseNodeId(nodeId: number, holder: string): Promise<void>;

  /** Resolves when the backing service answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
