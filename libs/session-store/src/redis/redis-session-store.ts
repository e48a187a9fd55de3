import { ChainableCommander } from 'ioredis';
import { StoredMessage } from '@cim/protocol';
import {
  assertDedup,
  assertHistoryPolicy,
  assertInboxPolicy,
  assertPositiveInteger,
  assertRouteDevice,
} from '../arguments';
import { DEFAULT_DEVICE_ID, deviceIdOf } from '../devices/device';
import { NameTakenError, SendSeqOutsideWindowError, StoreUnavailableError } from '../errors';
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
import { assertUserId, isUserId } from '../user-id';
import { decodeUser } from './codec';
import { ConversationIndex } from './conversation-index';
import { MessageAcceptor } from './message-acceptance';
import { AcceptBatches } from './accept-batches';
import { WindowClaims } from '../send-window/window-claims';
import { DONE_MARK_HOLD_MS, HeldDoneMarks } from '../send-window/held-done-marks';
import { releaseNodeIdScript, renewNodeIdScript } from './node-id-scripts';
import { OnlineListing } from './online-listing';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisRoutes } from './redis-routes';
import { RedisScript } from './redis-script';
import { RedisUnackedLedger } from './unacked-ledger';
import { nextUserIdScript } from './user-scripts';
import { ReleasedRoutes, ReleasedRun, ServerRun } from '../server-runs';
import { RedisServerRuns } from './server-runs';
import { userIdSeed } from '../store-epoch/user-id-seed';

/**
 * The session store on one Redis or a Redis Cluster; key layout in redis-keys.ts and the README. Knows
 * nothing of Nest. It owns its client and quits it on close(). Every script touches the keys of one
 * hash tag only, so work that spans entities (a user and a server, a sender, a conversation and a
 * receiver) runs in steps ordered so that a failure between them leaves nothing a reader trusts wrong.
 *
 * When Redis is down every method rejects with StoreUnavailableError, whose message carries the
 * ioredis error and the last connection error (e.g. "connect ECONNREFUSED 127.0.0.1:6379").
 * createRedisSessionStore configures the client so that callers hear within a few seconds while it
 * keeps reconnecting by itself.
 */
export class RedisSessionStore implements SessionStore {
  private readonly keys: RedisKeys;
  private readonly routes: RedisRoutes;
  private readonly listing: OnlineListing;
  private readonly unacked: RedisUnackedLedger;
  private readonly acceptor: MessageAcceptor;
  private readonly conversationIndex: ConversationIndex;
  private readonly doneMarks: HeldDoneMarks;
  private readonly runs: RedisServerRuns;
  private lastConnectionError?: Error;

  constructor(
    private readonly redis: RedisClient,
    prefix = 'cim:',
    private readonly clock: () => number = Date.now,
    doneMarkHoldMs = DONE_MARK_HOLD_MS,
  ) {
    RedisScript.defineAll(this.redis);
    this.keys = new RedisKeys(prefix);
    this.routes = new RedisRoutes(this.redis, this.keys, this.clock);
    this.listing = new OnlineListing(this.redis, this.keys, this.routes);
    this.unacked = new RedisUnackedLedger(this.redis, this.keys);
    this.conversationIndex = new ConversationIndex(this.redis, this.keys);
    this.doneMarks = new HeldDoneMarks(this.redis, doneMarkHoldMs);
    const windows = new WindowClaims(this.redis, this.doneMarks);
    const batches = new AcceptBatches(this.redis, this.keys);
    this.acceptor = new MessageAcceptor(this.redis, this.keys, this.conversationIndex, windows, batches);
    this.runs = new RedisServerRuns(this.redis, this.keys, this.routes, this.clock);
    // Listening also keeps ioredis from printing every failed reconnect attempt to the console.
    this.redis.on('error', (error: Error) => (this.lastConnectionError = error));
    this.redis.on('ready', () => (this.lastConnectionError = undefined));
  }

  /**
   * The id first (a counter on its own slot), then the user's record, then the name (SET NX): the
   * name is the commit point. A name taken meanwhile deletes the record again; a failure between the
   * steps leaves at most a record nobody can find by name, and an id that is never handed out.
   */
  async createUser(name: string, passwordHash: string): Promise<UserRecord> {
    const nameKey = this.keys.userName(name);
    if ((await this.guard(() => this.redis.exists(nameKey))) === 1) throw new NameTakenError(name);
    const createdAt = this.clock();
    const id = String(await this.run(nextUserIdScript, [this.keys.nextUserId], [userIdSeed(createdAt)]));
    const user: UserRecord = { id, name, passwordHash, createdAt };
    await this.guard(() => this.redis.hset(this.keys.user(id), { ...user, createdAt: String(createdAt) }));
    if ((await this.guard(() => this.redis.set(nameKey, id, 'NX'))) === null) {
      await this.guard(() => this.redis.del(this.keys.user(id)));
      throw new NameTakenError(name);
    }
    return user;
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    if (!isUserId(id)) return null;
    return decodeUser(await this.guard(() => this.redis.hgetall(this.keys.user(id))));
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const id = await this.guard(() => this.redis.get(this.keys.userName(name)));
    return id === null ? null : this.findUserById(id);
  }

  async claimOnline(route: Route, pendingMs?: number, maxDevices?: number): Promise<ClaimResult> {
    assertUserId(route.userId);
    assertRouteDevice(route);
    const pending = pendingArgument(pendingMs);
    if (maxDevices !== undefined) assertPositiveInteger('maxDevices', maxDevices);
    return this.guard(() => this.routes.claim(route, pending, maxDevices ?? 0));
  }

  async replaceOnline(route: Route, pendingMs?: number): Promise<Route | null> {
    assertUserId(route.userId);
    assertRouteDevice(route);
    const pending = pendingArgument(pendingMs);
    return this.guard(() => this.routes.replace(route, pending));
  }

  async confirmOnline(session: SessionKey): Promise<boolean> {
    if (!isUserId(session.userId)) return false;
    return this.guard(() => this.routes.confirm(session));
  }

  async releaseOnline(userId: string, sessionId: string): Promise<boolean> {
    return (await this.releaseSession(userId, sessionId)) !== null;
  }

  async releaseSession(userId: string, sessionId: string): Promise<ReleasedRoute> {
    if (!isUserId(userId)) return null;
    return this.guard(() => this.routes.release(userId, sessionId));
  }

  async releaseServer(serverId: string): Promise<string[]> {
    return this.guard(() => this.routes.releaseServer(serverId));
  }

  async holdServerRun(run: ServerRun, ttlMs: number, first: boolean): Promise<boolean> {
    assertPositiveInteger('ttlMs', ttlMs);
    return this.guard(() => this.runs.holdServerRun(run, ttlMs, first));
  }

  async sweepServerRuns(): Promise<ReleasedRun[]> {
    return this.guard(() => this.runs.sweepServerRuns());
  }

  async releaseOtherRuns(run: ServerRun): Promise<ReleasedRoutes> {
    return this.guard(() => this.runs.releaseOtherRuns(run));
  }

  async getRoute(userId: string, deviceId = DEFAULT_DEVICE_ID): Promise<Route | null> {
    return (await this.routesOf(userId)).find((route) => deviceIdOf(route) === deviceId) ?? null;
  }

  async routesOf(userId: string): Promise<Route[]> {
    if (!isUserId(userId)) return [];
    return this.guard(() => this.routes.get(userId));
  }

  async routesOfMany(userIds: string[]): Promise<Route[][]> {
    const asked = userIds.filter(isUserId);
    const routes = await this.guard(() => this.routes.getMany(asked));
    const byId = new Map(asked.map((id, i) => [id, routes[i]]));
    return userIds.map((id) => byId.get(id) ?? []);
  }

  /** Walks the servers' user sets (OnlineListing): a page may hold more or fewer ids than asked. */
  async listOnline(cursor: string, count: number): Promise<OnlinePage> {
    assertPositiveInteger('count', count);
    return this.guard(() => this.listing.page(cursor, count), RangeError);
  }

  async countOnline(): Promise<number> {
    return this.guard(() => this.listing.count());
  }

  async pushInbox(userId: string, messages: StoredMessage[], policy: InboxPolicy): Promise<void> {
    assertInboxPolicy(policy);
    assertUserId(userId);
    if (messages.length === 0) return;
    const key = this.keys.inbox(userId);
    const encoded = messages.map((m) => JSON.stringify(m));
    await this.exec(
      this.redis
        .multi()
        .rpush(key, ...encoded)
        .ltrim(key, -policy.cap, -1)
        .pexpire(key, policy.ttlMs),
    );
  }

  async inboxSize(userId: string): Promise<number> {
    if (!isUserId(userId)) return 0;
    return this.guard(() => this.redis.llen(this.keys.inbox(userId)));
  }

  async trackUnacked(items: UnackedItem[], policy: InboxPolicy): Promise<void> {
    assertInboxPolicy(policy);
    for (const { userId } of items) assertUserId(userId);
    if (items.length) await this.guard(() => this.unacked.track(items, policy));
  }

  async acknowledge(userId: string, messageIds: string[]): Promise<void> {
    if (!isUserId(userId)) return;
    await this.guard(() => this.unacked.acknowledge(userId, messageIds));
  }

  async openInbox(userId: string, policy: InboxPolicy): Promise<StoredMessage[]> {
    assertInboxPolicy(policy);
    if (!isUserId(userId)) return [];
    return this.guard(() => this.unacked.open(userId, policy));
  }

  async unackedSize(userId: string): Promise<number> {
    if (!isUserId(userId)) return 0;
    return this.guard(() => this.unacked.size(userId));
  }

  async acceptMessage(acceptance: MessageAcceptance): Promise<MessageAccepted> {
    const { dedup, receiver, history, sequenceTtlMs } = acceptance;
    if (dedup) assertDedup(dedup);
    if (receiver) {
      assertUserId(receiver.userId);
      assertInboxPolicy(receiver.ledger);
    }
    assertHistoryPolicy(history);
    if (sequenceTtlMs !== undefined) assertPositiveInteger('sequenceTtlMs', sequenceTtlMs);
    return this.guard(() => this.acceptor.accept(acceptance, this.clock()), SendSeqOutsideWindowError);
  }

  async readHistory(conversation: string, query: HistoryQuery): Promise<StoredMessage[]> {
    assertPositiveInteger('limit', query.limit);
    return this.guard(() => this.acceptor.read(conversation, query));
  }

  async lastSeq(conversation: string): Promise<number> {
    return this.guard(() => this.acceptor.lastSeq(conversation));
  }

  async conversationsOf(userId: string): Promise<string[]> {
    assertUserId(userId);
    return this.guard(() => this.conversationIndex.of(userId));
  }

  async resumeGeneration(userId: string): Promise<number> {
    if (!isUserId(userId)) return 0;
    return Number(await this.guard(() => this.redis.get(this.keys.resumeGeneration(userId)))) || 0;
  }

  async revokeResumes(userId: string): Promise<number> {
    assertUserId(userId);
    return this.guard(() => this.redis.incr(this.keys.resumeGeneration(userId)));
  }

  async nextSequence(conversation: string): Promise<number> {
    return this.guard(() => this.redis.incr(this.keys.sequence(conversation)));
  }

  /**
   * Tries the node ids from a random one on, one SET NX PX each: a lease is taken once per process
   * start, so a walk over many held ids costs little, and each key stays a command of its own.
   */
  async leaseNodeId(holder: string, count: number, ttlMs: number): Promise<number | null> {
    assertPositiveInteger('count', count);
    assertPositiveInteger('ttlMs', ttlMs);
    const start = Math.floor(Math.random() * count);
    for (let i = 0; i < count; i++) {
      const id = (start + i) % count;
      const taken = await this.guard(() => this.redis.set(this.keys.nodeId(id), holder, 'PX', ttlMs, 'NX'));
      if (taken !== null) return id;
    }
    return null;
  }

  async renewNodeId(nodeId: number, holder: string, ttlMs: number): Promise<boolean> {
    assertPositiveInteger('ttlMs', ttlMs);
    return (await this.run(renewNodeIdScript, [this.keys.nodeId(nodeId)], [holder, ttlMs])) === 1;
  }

  async releaseNodeId(nodeId: number, holder: string): Promise<void> {
    await this.run(releaseNodeIdScript, [this.keys.nodeId(nodeId)], [holder]);
  }

  async ping(): Promise<void> {
    await this.guard(() => this.redis.ping());
  }

  /** Writes the done-marks still held (HeldDoneMarks) if Redis is there to take them, then quits. */
  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.doneMarks.flush();
    else this.doneMarks.drop();
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private run(script: RedisScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.guard(() => script.run(this.redis, keys, args));
  }

  /** Runs a MULTI (its keys on one slot) and answers each command's result, rejecting if any failed. */
  private async exec(transaction: ChainableCommander): Promise<unknown[]> {
    const replies = await this.guard(() => transaction.exec());
    const failed = replies?.find(([error]) => error);
    if (!replies || failed) throw new StoreUnavailableError(failed?.[0] ?? 'transaction aborted');
    return replies.map(([, result]) => result);
  }

  /**
   * Turns every Redis failure into StoreUnavailableError, naming the last connection error if any;
   * an error of the `passed` class (a caller's mistake, not Redis's) goes through as it is.
   */
  private async guard<T>(command: () => Promise<T>, passed?: new (...args: never[]) => Error): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (passed && error instanceof passed) throw error;
      const last = this.lastConnectionError;
      throw new StoreUnavailableError(error, last && `last connection error: ${last.message}`);
    }
  }
}

/** The scripts' pending argument: 0 for a route that is online at once. */
function pendingArgument(pendingMs: number | undefined): number {
  if (pendingMs === undefined) return 0;
  assertPositiveInteger('pendingMs', pendingMs);
  return pendingMs;
}
