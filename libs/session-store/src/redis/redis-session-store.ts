import Redis, { ChainableCommander, RedisOptions } from 'ioredis';
import { assertInboxPolicy, assertPositiveInteger } from '../arguments';
import { NameTakenError, StoreUnavailableError } from '../errors';
import {
  ClaimResult,
  InboxPolicy,
  MessageAccepted,
  MessageAcceptance,
  OnlinePage,
  Route,
  SessionKey,
  SessionStore,
  UnackedItem,
  UserRecord,
} from '../session-store';
import { StoredMessage } from '@cim/protocol';
import { decodeRoute, decodeUser, encodeRoute } from './codec';
import {
  acceptMessageScript,
  claimOnlineScript,
  confirmOnlineScript,
  createUserScript,
  getRouteScript,
  releaseOnlineScript,
  releaseServerScript,
  replaceOnlineScript,
} from './lua-scripts';
import { leaseNodeIdScript, releaseNodeIdScript, renewNodeIdScript } from './node-id-scripts';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';
import { assertUserId, isUserId } from '../user-id';
import { RedisUnackedLedger } from './unacked-ledger';

/** createUser hands out ids from here on: the first user gets 10001. */
const ID_BEFORE_FIRST_USER = '10000';

/**
 * The session store on Redis; key layout in redis-keys.ts and the README. Knows nothing of Nest.
 * It owns its client and quits it on close().
 *
 * When Redis is down every method rejects with StoreUnavailableError, whose message carries the
 * ioredis error and the last connection error (e.g. "connect ECONNREFUSED 127.0.0.1:6379"). How soon
 * depends on the client: ioredis's defaults keep a call waiting through 20 reconnect attempts, and a
 * call in flight when the connection drops until Redis is back. createRedisSessionStore configures
 * the client so that callers hear within a few seconds while it keeps reconnecting by itself.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly unacked: RedisUnackedLedger;
  private lastConnectionError?: Error;

  constructor(redis: Redis | RedisOptions, prefix = 'cim:') {
    this.redis = redis instanceof Redis ? redis : new Redis(redis);
    RedisScript.defineAll(this.redis);
    this.keys = new RedisKeys(prefix);
    this.unacked = new RedisUnackedLedger(this.redis, this.keys);
    // Listening also keeps ioredis from printing every failed reconnect attempt to the console.
    this.redis.on('error', (error: Error) => (this.lastConnectionError = error));
    this.redis.on('ready', () => (this.lastConnectionError = undefined));
  }

  async createUser(name: string, passwordHash: string): Promise<UserRecord> {
    const createdAt = Date.now();
    const keys = [this.keys.userName(name), this.keys.nextUserId];
    const args = [this.keys.userPrefix, name, passwordHash, createdAt, ID_BEFORE_FIRST_USER];
    const id = await this.run(createUserScript, keys, args);
    if (id === null) throw new NameTakenError(name);
    return { id: String(id), name, passwordHash, createdAt };
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    if (!isUserId(id)) return null;
    return decodeUser(await this.guard(() => this.redis.hgetall(this.keys.user(id))));
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const id = await this.guard(() => this.redis.get(this.keys.userName(name)));
    return id === null ? null : this.findUserById(id);
  }

  async claimOnline(route: Route, pendingMs?: number): Promise<ClaimResult> {
    assertUserId(route.userId);
    const keys = this.routeKeys(route.userId, route.serverId);
    const args = [route.userId, encodeRoute(route), pendingArgument(pendingMs)];
    const current = (await this.run(claimOnlineScript, keys, args)) as [string, number] | null;
    if (current === null) return { claimed: true };
    return { claimed: false, current: decodeRoute(current[0]), pending: current[1] === 1 };
  }

  async replaceOnline(route: Route, pendingMs?: number): Promise<Route | null> {
    assertUserId(route.userId);
    const keys = this.routeKeys(route.userId, route.serverId);
    const args = [route.userId, encodeRoute(route), this.keys.serverUsersPrefix, pendingArgument(pendingMs)];
    const previous = await this.run(replaceOnlineScript, keys, args);
    return previous === null ? null : decodeRoute(previous);
  }

  async confirmOnline({ userId, serverId, sessionId }: SessionKey): Promise<boolean> {
    const keys = this.routeKeys(userId, serverId);
    return (await this.run(confirmOnlineScript, keys, [userId, serverId, sessionId])) === 1;
  }

  async releaseOnline(userId: string, sessionId: string): Promise<boolean> {
    if (!isUserId(userId)) return false;
    const keys = [this.keys.routes, this.keys.pendingRoute(userId)];
    const args = [userId, sessionId, this.keys.serverUsersPrefix];
    return (await this.run(releaseOnlineScript, keys, args)) === 1;
  }

  async releaseServer(serverId: string): Promise<string[]> {
    const keys = [this.keys.routes, this.keys.serverUsers(serverId)];
    return (await this.run(releaseServerScript, keys, [serverId])) as string[];
  }

  async getRoute(userId: string): Promise<Route | null> {
    if (!isUserId(userId)) return null;
    const keys = [this.keys.pendingRoute(userId), this.keys.routes];
    const route = await this.run(getRouteScript, keys, [userId]);
    return route === null ? null : decodeRoute(route);
  }

  /** The online routes and the pending ones in one transaction, so that a confirmation between is not missed. */
  async getRoutes(userIds: string[]): Promise<(Route | null)[]> {
    const asked = userIds.filter(isUserId);
    if (asked.length === 0) return userIds.map(() => null);
    const [online, pending] = (await this.exec(
      this.redis
        .multi()
        .hmget(this.keys.routes, ...asked)
        .mget(...asked.map((id) => this.keys.pendingRoute(id))),
    )) as [(string | null)[], (string | null)[]];
    const byId = new Map(asked.map((id, i) => [id, pending[i] ?? online[i]]));
    return userIds.map((id) => {
      const route = byId.get(id);
      return route ? decodeRoute(route) : null;
    });
  }

  /** HSCAN: COUNT is a hint, so a page may hold more or fewer ids than asked. */
  async listOnline(cursor: string, count: number): Promise<OnlinePage> {
    assertPositiveInteger('count', count);
    const [next, entries] = await this.guard(() =>
      this.redis.hscan(this.keys.routes, cursor, 'COUNT', count),
    );
    return { cursor: next, userIds: entries.filter((_, i) => i % 2 === 0) };
  }

  async countOnline(): Promise<number> {
    return this.guard(() => this.redis.hlen(this.keys.routes));
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

  async acceptMessage({
    conversation,
    messageId,
    dedup,
    receiverId,
    ledger,
    sequenceTtlMs,
  }: MessageAcceptance): Promise<MessageAccepted> {
    if (dedup) assertPositiveInteger('windowMs', dedup.windowMs);
    if (ledger) assertInboxPolicy(ledger.policy);
    if (sequenceTtlMs !== undefined) assertPositiveInteger('sequenceTtlMs', sequenceTtlMs);
    const dedupKey = dedup
      ? this.keys.clientMessage(dedup.senderId, dedup.clientMessageId)
      : this.keys.sequence(conversation);
    const receiver = isUserId(receiverId) ? receiverId : undefined;
    const kept = receiver && ledger ? withoutSeq(ledger.message) : '';
    const keys = [
      dedupKey,
      this.keys.sequence(conversation),
      this.keys.routes,
      receiver ? this.keys.pendingRoute(receiver) : this.keys.routes,
      receiver ? this.keys.unacked(receiver) : this.keys.routes,
    ];
    const args = [
      messageId,
      dedup ? dedup.windowMs : 0,
      receiver ?? '',
      kept,
      ledger?.policy.ttlMs ?? 0,
      ledger?.policy.cap ?? 0,
      sequenceTtlMs ?? 0,
    ];
    const answer = (await this.run(acceptMessageScript, keys, args)) as (string | number | null)[];
    if (answer[0] === 0) {
      const [, earlier, stored, route] = answer;
      if (!receiver) return { duplicateOf: String(earlier) };
      return {
        duplicateOf: String(earlier),
        stored: stored ? (JSON.parse(String(stored)) as StoredMessage) : null,
        route: route ? decodeRoute(route) : null,
      };
    }
    return { seq: Number(answer[1]), route: answer[2] ? decodeRoute(answer[2]) : null };
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

  async leaseNodeId(holder: string, count: number, ttlMs: number): Promise<number | null> {
    assertPositiveInteger('count', count);
    assertPositiveInteger('ttlMs', ttlMs);
    const start = Math.floor(Math.random() * count);
    const args = [this.keys.nodeIdPrefix, holder, ttlMs, count, start];
    const id = Number(await this.run(leaseNodeIdScript, [], args));
    return id < 0 ? null : id;
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

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** routes, the server's user set and the user's pending route: the keys of the route scripts. */
  private routeKeys(userId: string, serverId: string): string[] {
    return [this.keys.routes, this.keys.serverUsers(serverId), this.keys.pendingRoute(userId)];
  }

  private run(script: RedisScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.guard(() => script.run(this.redis, keys, args));
  }

  /** Runs a MULTI and answers each command's result, rejecting if any command failed. */
  private async exec(transaction: ChainableCommander): Promise<unknown[]> {
    const replies = await this.guard(() => transaction.exec());
    const failed = replies?.find(([error]) => error);
    if (!replies || failed) throw new StoreUnavailableError(failed?.[0] ?? 'transaction aborted');
    return replies.map(([, result]) => result);
  }

  /** Turns every Redis failure into StoreUnavailableError, naming the last connection error if any. */
  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
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

/** The message's JSON without its seq, which the accept script appends once it has taken one. */
function withoutSeq(message: StoredMessage): string {
  const { seq: _seq, ...rest } = message;
  return JSON.stringify(rest);
}
