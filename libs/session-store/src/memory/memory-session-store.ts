import {
  assertDedup,
  assertHistoryPolicy,
  assertInboxPolicy,
  assertPositiveInteger,
  assertRouteDevice,
} from '../arguments';
import { senderRoutesOf } from '../devices/device';
import { NameTakenError } from '../errors';
import {
  ClaimResult,
  HistoryQuery,
  InboxPolicy,
  MessageAccepted,
  MessageAcceptance,
  OnlinePage,
  ReleasedRoute,
  Route,
  SessionKey,
  SessionStore,
  UnackedItem,
  UserRecord,
} from '../session-store';
import { StoredMessage } from '@cim/protocol';
import { MemoryConversationIndex } from './conversation-index';
import { MemoryConversationHistory } from './conversation-history';
import { ExpiringMap } from './expiring-map';
import { MemoryRoutes } from './device-routes';
import { DEFAULT_DEVICE_ID, deviceIdOf } from '../devices/device';
import { assertUserId, isUserId } from '../user-id';
import { MemoryUnackedLedger } from './unacked-ledger';
import { ReleasedRoutes, ReleasedRun, ServerRun } from '../server-runs';
import { MemoryServerRuns } from './server-runs';
import { MemorySendWindows } from '../send-window/memory-send-windows';
import { userIdSeed } from '../store-epoch/user-id-seed';

export interface MemorySessionStoreOptions {
  /** Milliseconds since the epoch; drives createdAt, pending routes, inbox, history and dedup TTLs. */
  clock?: () => number;
}

/**
 * The session store of the embedded single-process mode: plain Maps, nothing to install.
 * Every method does its work synchronously before its promise settles, so each is atomic with
 * respect to the others, as the Redis store's Lua scripts and transactions are.
 */
export class MemorySessionStore implements SessionStore {
  private readonly clock: () => number;
  private readonly users = new Map<string, UserRecord>();
  private readonly userIdsByName = new Map<string, string>();
  /** Seeded as in the Redis store (userIdSeed), so that ids never restart with the process. */
  private nextUserId: number;
  /** The routes of the users' devices, online and pending (logins whose connection has not arrived). */
  private readonly routes: MemoryRoutes;
  private readonly inboxes: ExpiringMap<string, StoredMessage[]>;
  private readonly sequences: ExpiringMap<string, number>;
  private readonly clientMessages: ExpiringMap<string, string>;
  private readonly sendWindows: MemorySendWindows;
  private readonly unacked: MemoryUnackedLedger;
  /** User id → resume generation (absent: 0). */
  private readonly resumeGenerations = new Map<string, number>();
  private readonly history: MemoryConversationHistory;
  private readonly conversationIndex: MemoryConversationIndex;
  /** Node id → the token of its lease holder. */
  private readonly nodeIds: ExpiringMap<number, string>;
  private readonly runs: MemoryServerRuns;

  constructor(options: MemorySessionStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.nextUserId = Number(userIdSeed(this.clock())) + 1;
    this.routes = new MemoryRoutes(this.clock);
    this.inboxes = new ExpiringMap(this.clock);
    this.clientMessages = new ExpiringMap(this.clock);
    this.sendWindows = new MemorySendWindows(this.clock);
    this.unacked = new MemoryUnackedLedger(this.clock);
    this.history = new MemoryConversationHistory(this.clock);
    this.conversationIndex = new MemoryConversationIndex(this.clock);
    this.sequences = new ExpiringMap(this.clock);
    this.nodeIds = new ExpiringMap(this.clock);
    this.runs = new MemoryServerRuns(this.routes, this.clock);
  }

  async createUser(name: string, passwordHash: string): Promise<UserRecord> {
    if (this.userIdsByName.has(name)) throw new NameTakenError(name);
    const user: UserRecord = { id: String(this.nextUserId++), name, passwordHash, createdAt: this.clock() };
    this.users.set(user.id, user);
    this.userIdsByName.set(name, user.id);
    return { ...user };
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    if (!isUserId(id)) return null;
    const user = this.users.get(id);
    return user ? { ...user } : null;
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const id = this.userIdsByName.get(name);
    return id === undefined ? null : this.findUserById(id);
  }

  async claimOnline(route: Route, pendingMs?: number, maxDevices?: number): Promise<ClaimResult> {
    assertUserId(route.userId);
    assertRouteDevice(route);
    if (pendingMs !== undefined) assertPositiveInteger('pendingMs', pendingMs);
    if (maxDevices !== undefined) assertPositiveInteger('maxDevices', maxDevices);
    const current = this.routes.device(route.userId, deviceIdOf(route));
    if (current) return { claimed: false, current: current.route, pending: current.pending };
    const others = this.routes.all(route.userId).map((e) => e.route);
    if (maxDevices !== undefined && others.length >= maxDevices) return { claimed: false, full: others };
    this.routes.set(route, pendingMs);
    return { claimed: true };
  }

  async replaceOnline(route: Route, pendingMs?: number): Promise<Route | null> {
    assertUserId(route.userId);
    assertRouteDevice(route);
    if (pendingMs !== undefined) assertPositiveInteger('pendingMs', pendingMs);
    const previous = this.routes.device(route.userId, deviceIdOf(route))?.route ?? null;
    this.routes.set(route, pendingMs);
    return previous;
  }

  async confirmOnline({ userId, serverId, sessionId }: SessionKey): Promise<boolean> {
    const current = this.routes.all(userId).find((e) => e.route.sessionId === sessionId);
    if (!current || current.route.serverId !== serverId) return false;
    if (current.pending) this.routes.set(current.route);
    return true;
  }

  async releaseOnline(userId: string, sessionId: string): Promise<boolean> {
    return (await this.releaseSession(userId, sessionId)) !== null;
  }

  async releaseSession(userId: string, sessionId: string): Promise<ReleasedRoute> {
    const current = this.routes.all(userId).find((e) => e.route.sessionId === sessionId);
    if (!current) return null;
    this.routes.delete(userId, deviceIdOf(current.route));
    return current.pending ? 'pending' : 'online';
  }

  async releaseServer(serverId: string): Promise<string[]> {
    return this.routes.releaseOn(serverId).userIds;
  }

  async holdServerRun(run: ServerRun, ttlMs: number, first: boolean): Promise<boolean> {
    assertPositiveInteger('ttlMs', ttlMs);
    return this.runs.holdServerRun(run, ttlMs, first);
  }

  async sweepServerRuns(): Promise<ReleasedRun[]> {
    return this.runs.sweepServerRuns();
  }

  async releaseOtherRuns(run: ServerRun): Promise<ReleasedRoutes> {
    return this.runs.releaseOtherRuns(run);
  }

  async getRoute(userId: string, deviceId = DEFAULT_DEVICE_ID): Promise<Route | null> {
    return this.routes.device(userId, deviceId)?.route ?? null;
  }

  async routesOf(userId: string): Promise<Route[]> {
    return this.routes.all(userId).map((e) => e.route);
  }

  async routesOfMany(userIds: string[]): Promise<Route[][]> {
    return userIds.map((userId) => this.routes.all(userId).map((e) => e.route));
  }

  async listOnline(cursor: string, count: number): Promise<OnlinePage> {
    assertPositiveInteger('count', count);
    return this.routes.page(cursor, count);
  }

  async countOnline(): Promise<number> {
    return this.routes.size;
  }

  async pushInbox(userId: string, messages: StoredMessage[], policy: InboxPolicy): Promise<void> {
    assertInboxPolicy(policy);
    assertUserId(userId);
    if (messages.length === 0) return;
    const kept = [...(this.inboxes.get(userId) ?? []), ...messages.map((m) => ({ ...m }))];
    this.inboxes.set(userId, kept.slice(-policy.cap), policy.ttlMs);
  }

  async inboxSize(userId: string): Promise<number> {
    return this.inboxes.get(userId)?.length ?? 0;
  }

  async trackUnacked(items: UnackedItem[], policy: InboxPolicy): Promise<void> {
    assertInboxPolicy(policy);
    for (const { userId } of items) assertUserId(userId);
    this.unacked.track(items, policy);
  }

  async acknowledge(userId: string, messageIds: string[]): Promise<void> {
    this.unacked.acknowledge(userId, messageIds);
  }

  async openInbox(userId: string, policy: InboxPolicy): Promise<StoredMessage[]> {
    assertInboxPolicy(policy);
    const inbox = this.inboxes.get(userId) ?? [];
    this.inboxes.delete(userId);
    this.unacked.track(
      inbox.map((message) => ({ userId, message })),
      { ...policy, cap: Number.MAX_SAFE_INTEGER },
    );
    return this.unacked.list(userId);
  }

  async unackedSize(userId: string): Promise<number> {
    return this.unacked.size(userId);
  }

  /**
   * The Redis store's steps in one synchronous call: the dedup record, the seq and the history, the
   * receiver's ledger and route. Nothing fails between them here, so a duplicate only reads.
   */
  async acceptMessage({
    conversation,
    message,
    dedup,
    receiver,
    history,
    sequenceTtlMs,
  }: MessageAcceptance): Promise<MessageAccepted> {
    if (receiver) {
      assertUserId(receiver.userId);
      assertInboxPolicy(receiver.ledger);
    }
    assertHistoryPolicy(history);
    if (sequenceTtlMs !== undefined) assertPositiveInteger('sequenceTtlMs', sequenceTtlMs);
    if (dedup) {
      assertDedup(dedup);
      const earlier = this.claimSend(dedup, message.messageId);
      if (earlier !== undefined) {
        if (!receiver) return this.withSenderRoutes({ duplicateOf: earlier }, dedup);
        const stored = this.unacked.get(receiver.userId, earlier);
        const routes = await this.routesOf(receiver.userId);
        return this.withSenderRoutes({ duplicateOf: earlier, stored, routes }, dedup);
      }
    }
    const ttl =
      sequenceTtlMs === undefined ? Number.POSITIVE_INFINITY : Math.max(sequenceTtlMs, history.ttlMs);
    const seq = this.takeSequence(conversation, ttl);
    const stored = { ...message, seq };
    this.history.add(conversation, stored, history);
    this.conversationIndex.note({ conversation, message, receiver, history });
    if (!receiver) return this.withSenderRoutes({ seq, routes: [] }, dedup);
    this.unacked.track([{ userId: receiver.userId, message: stored }], receiver.ledger);
    return this.withSenderRoutes({ seq, routes: await this.routesOf(receiver.userId) }, dedup);
  }

  /** A SEND's answer carries the sender's routes, as the Redis store's first step reads them. */
  private async withSenderRoutes(
    accepted: MessageAccepted,
    dedup: MessageAcceptance['dedup'],
  ): Promise<MessageAccepted> {
    return dedup ? { ...accepted, ...senderRoutesOf(await this.routesOf(dedup.senderId)) } : accepted;
  }

  /** The sender's step: the message id of an earlier acceptance of the SEND, or undefined (recorded now). */
  private claimSend(dedup: NonNullable<MessageAcceptance['dedup']>, messageId: string): string | undefined {
    const { senderId, clientMessageId, windowMs, sendSeq } = dedup;
    if (sendSeq) return this.sendWindows.claim(senderId, sendSeq.session, sendSeq.seq, messageId, windowMs);
    const key = JSON.stringify([senderId, clientMessageId]);
    const earlier = this.clientMessages.get(key);
    if (earlier === undefined) this.clientMessages.set(key, messageId, windowMs);
    return earlier;
  }

  async readHistory(conversation: string, query: HistoryQuery): Promise<StoredMessage[]> {
    assertPositiveInteger('limit', query.limit);
    return this.history.read(conversation, query);
  }

  async lastSeq(conversation: string): Promise<number> {
    return this.sequences.get(conversation) ?? 0;
  }

  async conversationsOf(userId: string): Promise<string[]> {
    assertUserId(userId);
    return this.conversationIndex.of(userId);
  }

  async resumeGeneration(userId: string): Promise<number> {
    return this.resumeGenerations.get(userId) ?? 0;
  }

  async revokeResumes(userId: string): Promise<number> {
    assertUserId(userId);
    const next = (this.resumeGenerations.get(userId) ?? 0) + 1;
    this.resumeGenerations.set(userId, next);
    return next;
  }

  async nextSequence(conversation: string): Promise<number> {
    return this.takeSequence(conversation, Number.POSITIVE_INFINITY);
  }

  private takeSequence(conversation: string, ttlMs: number): number {
    const next = (this.sequences.get(conversation) ?? 0) + 1;
    this.sequences.set(conversation, next, ttlMs);
    return next;
  }

  async leaseNodeId(holder: string, count: number, ttlMs: number): Promise<number | null> {
    assertPositiveInteger('count', count);
    assertPositiveInteger('ttlMs', ttlMs);
    const start = Math.floor(Math.random() * count);
    for (let i = 0; i < count; i++) {
      const id = (start + i) % count;
      if (this.nodeIds.get(id) !== undefined) continue;
      this.nodeIds.set(id, holder, ttlMs);
      return id;
    }
    return null;
  }

  async renewNodeId(nodeId: number, holder: string, ttlMs: number): Promise<boolean> {
    assertPositiveInteger('ttlMs', ttlMs);
    const current = this.nodeIds.get(nodeId);
    if (current !== undefined && current !== holder) return false;
    this.nodeIds.set(nodeId, holder, ttlMs);
    return true;
  }

  async releaseNodeId(nodeId: number, holder: string): Promise<void> {
    if (this.nodeIds.get(nodeId) === holder) this.nodeIds.delete(nodeId);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
