import { ClaimResult, Route, SessionKey } from '../session-store';
import { decodeRoute, encodeRoute } from './codec';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import {
  claimOnlineScript,
  confirmOnlineScript,
  getRouteScript,
  releaseIfOnRunScript,
  releaseIfOnServerScript,
  releaseOnlineScript,
  replaceOnlineScript,
} from './route-scripts';

/**
 * Routes on Redis: each user's route in the user's slot, and per server the set of its users in the
 * server's slot. The two cannot change in one step on Redis Cluster, so a user joins a server's set
 * before their route points at it and leaves it after their route no longer does: a set may hold a
 * user whose route is elsewhere (for a moment, or after a crash between the steps), never lack one
 * whose route points at its server. releaseServer and releaseRun check each member's route; the listing
 * filters.
 */
export class RedisRoutes {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** pendingMs 0: online at once. */
  async claim(route: Route, pendingMs: number): Promise<ClaimResult> {
    if (pendingMs === 0) await this.join(route);
    const args = [encodeRoute(route), pendingMs];
    const current = (await claimOnlineScript.run(this.redis, this.userKeys(route.userId), args)) as
      [string, number] | null;
    if (current === null) return { claimed: true };
    if (pendingMs === 0) await this.leaveUnlessRouted(route.userId, route.serverId);
    return { claimed: false, current: decodeRoute(current[0]), pending: current[1] === 1 };
  }

  async replace(route: Route, pendingMs: number): Promise<Route | null> {
    if (pendingMs === 0) await this.join(route);
    const args = [encodeRoute(route), pendingMs];
    const [online, pending] = (await replaceOnlineScript.run(
      this.redis,
      this.userKeys(route.userId),
      args,
    )) as [string | null, string | null];
    const old = online === null ? null : decodeRoute(online);
    if (old && (pendingMs > 0 || old.serverId !== route.serverId)) {
      await this.leaveUnlessRouted(route.userId, old.serverId);
    }
    const previous = online ?? pending;
    return previous === null ? null : decodeRoute(previous);
  }

  async confirm({ userId, serverId, sessionId }: SessionKey): Promise<boolean> {
    await this.join({ userId, serverId });
    const args = [serverId, sessionId];
    if ((await confirmOnlineScript.run(this.redis, this.userKeys(userId), args)) === 1) return true;
    await this.leaveUnlessRouted(userId, serverId);
    return false;
  }

  async release(userId: string, sessionId: string): Promise<boolean> {
    const released = await releaseOnlineScript.run(this.redis, this.userKeys(userId), [sessionId]);
    if (released === null) return false;
    if (released !== '') await this.redis.srem(this.keys.serverUsers(String(released)), userId);
    return true;
  }

  /**
   * Deletes the routes of the server's users that still point at it, one script per user (pipelined),
   * then takes exactly those members out of the set, so that a user who joined meanwhile stays.
   */
  async releaseServer(serverId: string): Promise<string[]> {
    const set = this.keys.serverUsers(serverId);
    const members = await this.redis.smembers(set);
    const released = await Promise.all(
      members.map((userId) => releaseIfOnServerScript.run(this.redis, [this.keys.route(userId)], [serverId])),
    );
    if (members.length) await this.redis.srem(set, ...members);
    if ((await this.redis.scard(set)) === 0) {
      await this.redis.srem(this.keys.servers, serverId);
      // A user who joined between the two calls brings the server back into the list.
      if ((await this.redis.scard(set)) > 0) await this.redis.sadd(this.keys.servers, serverId);
    }
    return members.filter((_, i) => released[i] === 1);
  }

  /**
   * Deletes the online routes to the server made before `before` for one run (`which` 'run') or for any
   * other run or none ('others'), one script per member as releaseServer does, then takes exactly the
   * released users out of the set; one who came back to the server meanwhile is put back.
   */
  async releaseRun(
    { serverId, incarnation }: { serverId: string; incarnation: string },
    which: 'run' | 'others',
    before: number,
  ): Promise<string[]> {
    const set = this.keys.serverUsers(serverId);
    const members = await this.redis.smembers(set);
    const args = [serverId, incarnation, which, before];
    const answers = await Promise.all(
      members.map((userId) => releaseIfOnRunScript.run(this.redis, [this.keys.route(userId)], args)),
    );
    const released = members.filter((_, i) => answers[i] === 1);
    if (released.length === 0) return released;
    await this.redis.srem(set, ...released);
    const now = await this.online(released);
    const back = released.filter((_, i) => now[i]?.serverId === serverId);
    if (back.length) await this.redis.sadd(set, ...back);
    return released;
  }

  async get(userId: string): Promise<Route | null> {
    const keys = [this.keys.pendingRoute(userId), this.keys.route(userId)];
    const route = await getRouteScript.run(this.redis, keys, []);
    return route === null ? null : decodeRoute(route);
  }

  /** One script per user (pending and online read together); auto-pipelining sends them in one write per node. */
  getMany(userIds: string[]): Promise<(Route | null)[]> {
    return Promise.all(userIds.map((id) => this.get(id)));
  }

  /** The online routes only (pending ones are not listed), one GET per user, pipelined. */
  async online(userIds: string[]): Promise<(Route | null)[]> {
    const routes = await Promise.all(userIds.map((id) => this.redis.get(this.keys.route(id))));
    return routes.map((json) => (json === null ? null : decodeRoute(json)));
  }

  /** The server's set first, then the list of servers, so that counting and listing find the set. */
  private async join({ userId, serverId }: Pick<Route, 'userId' | 'serverId'>): Promise<void> {
    await Promise.all([
      this.redis.sadd(this.keys.serverUsers(serverId), userId),
      this.redis.sadd(this.keys.servers, serverId),
    ]);
  }

  /** After a refused or moved route: leaves the server's set unless the user's online route is there. */
  private async leaveUnlessRouted(userId: string, serverId: string): Promise<void> {
    const current = await this.redis.get(this.keys.route(userId));
    if (current === null || decodeRoute(current).serverId !== serverId) {
      await this.redis.srem(this.keys.serverUsers(serverId), userId);
    }
  }

  private userKeys(userId: string): string[] {
    return [this.keys.route(userId), this.keys.pendingRoute(userId)];
  }
}
