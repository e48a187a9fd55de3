import { byDeviceId, deviceIdOf } from '../devices/device';
import { ClaimResult, ReleasedRoute, Route, SessionKey } from '../session-store';
import { ReleasedRoutes } from '../server-runs';
import { decodeRoute, encodeRoute } from './codec';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import {
  claimOnlineScript,
  confirmOnlineScript,
  releaseOnlineScript,
  releaseOnServerScript,
  replaceOnlineScript,
} from './route-scripts';

/** A user's routes, pending ones marked. */
interface Entry {
  route: Route;
  pending: boolean;
}

/**
 * Routes on Redis: each user's routes in one hash in the user's slot (device id → route), and per
 * server the set of the users with an online route there in the server's slot. The two cannot change
 * in one step on Redis Cluster, so a user joins a server's set before a route of theirs points at it
 * and leaves it after none does: a set may hold a user none of whose routes is there (for a moment, or
 * after a crash between the steps), never lack one who has a route there. releaseServer and releaseRun
 * check each member's routes; the listing filters.
 */
export class RedisRoutes {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly clock: () => number,
  ) {}

  /** pendingMs 0: online at once; maxDevices 0: no limit. */
  async claim(route: Route, pendingMs: number, maxDevices: number): Promise<ClaimResult> {
    if (pendingMs === 0) await this.join(route);
    const args = [deviceIdOf(route), encodeRoute(route), pendingMs, this.clock(), maxDevices];
    const answer = (await claimOnlineScript.run(this.redis, this.userKeys(route.userId), args)) as
      (string | number)[] | null;
    if (answer === null) return { claimed: true };
    if (pendingMs === 0) await this.leaveUnlessRouted(route.userId, route.serverId);
    if (answer[0] === 'full')
      return { claimed: false, full: answer.slice(1).map(decodeRoute).sort(byDeviceId) };
    return { claimed: false, current: decodeRoute(answer[1]), pending: answer[2] === 1 };
  }

  async replace(route: Route, pendingMs: number): Promise<Route | null> {
    if (pendingMs === 0) await this.join(route);
    const args = [deviceIdOf(route), encodeRoute(route), pendingMs, this.clock()];
    const [json, pending] = (await replaceOnlineScript.run(
      this.redis,
      this.userKeys(route.userId),
      args,
    )) as [string | null, number];
    const old = json === null ? null : decodeRoute(json);
    if (old && pending === 0 && (pendingMs > 0 || old.serverId !== route.serverId)) {
      await this.leaveUnlessRouted(route.userId, old.serverId);
    }
    return old;
  }

  async confirm({ userId, serverId, sessionId }: SessionKey): Promise<boolean> {
    await this.join({ userId, serverId });
    const args = [serverId, sessionId, this.clock()];
    if ((await confirmOnlineScript.run(this.redis, this.userKeys(userId), args)) === 1) return true;
    await this.leaveUnlessRouted(userId, serverId);
    return false;
  }

  async release(userId: string, sessionId: string): Promise<ReleasedRoute> {
    const args = [sessionId, this.clock()];
    const answer = (await releaseOnlineScript.run(this.redis, this.userKeys(userId), args)) as
      [string, number] | null;
    if (answer === null) return null;
    const [serverId, left] = answer;
    if (serverId === '') return 'pending';
    if (left === 0) await this.redis.srem(this.keys.serverUsers(serverId), userId);
    return 'online';
  }

  /**
   * Deletes the online routes of the server's users that still point at it, one script per user
   * (pipelined), then takes exactly those members out of the set, so that a user who joined meanwhile
   * stays.
   */
  async releaseServer(serverId: string): Promise<string[]> {
    const set = this.keys.serverUsers(serverId);
    const members = await this.redis.smembers(set);
    const answers = await Promise.all(
      members.map((userId) => this.releaseOnServer(userId, [serverId, this.clock()])),
    );
    if (members.length) await this.redis.srem(set, ...members);
    if ((await this.redis.scard(set)) === 0) {
      await this.redis.srem(this.keys.servers, serverId);
      // A user who joined between the two calls brings the server back into the list.
      if ((await this.redis.scard(set)) > 0) await this.redis.sadd(this.keys.servers, serverId);
    }
    return members.filter((_, i) => answers[i][0] > 0);
  }

  /**
   * Deletes the online routes to the server made before `before` for one run (`which` 'run') or for any
   * other run or none ('others'), one script per member as releaseServer does, then takes the users
   * left with no route there out of the set; one who came back to the server meanwhile is put back.
   * Answers the users and the routes released.
   */
  async releaseRun(
    { serverId, incarnation }: { serverId: string; incarnation: string },
    which: 'run' | 'others',
    before: number,
  ): Promise<ReleasedRoutes> {
    const set = this.keys.serverUsers(serverId);
    const members = await this.redis.smembers(set);
    const args = [serverId, this.clock(), incarnation, which, before];
    const answers = await Promise.all(members.map((userId) => this.releaseOnServer(userId, args)));
    const released = {
      userIds: members.filter((_, i) => answers[i][0] > 0),
      routes: answers.flatMap(([, , ...routes]) => routes.map(decodeRoute)),
    };
    const gone = members.filter((_, i) => answers[i][0] > 0 && answers[i][1] === 0);
    if (gone.length === 0) return released;
    await this.redis.srem(set, ...gone);
    const now = await this.online(gone);
    const back = gone.filter((_, i) => now[i].some((route) => route.serverId === serverId));
    if (back.length) await this.redis.sadd(set, ...back);
    return released;
  }

  /** Every route of the user, pending ones included, by device id. */
  async get(userId: string): Promise<Route[]> {
    return (await this.entries(userId)).map((e) => e.route);
  }

  /** One HGETALL per user; auto-pipelining sends them in one write per node. */
  getMany(userIds: string[]): Promise<Route[][]> {
    return Promise.all(userIds.map((id) => this.get(id)));
  }

  /** The online routes only (pending ones are not listed), by device id, one HGETALL per user, pipelined. */
  async online(userIds: string[]): Promise<Route[][]> {
    const entries = await Promise.all(userIds.map((id) => this.entries(id)));
    return entries.map((list) => list.filter((e) => !e.pending).map((e) => e.route));
  }

  private async entries(userId: string): Promise<Entry[]> {
    const hash = await this.redis.hgetall(this.keys.routes(userId));
    const now = this.clock();
    const entries: Entry[] = [];
    for (const value of Object.values(hash)) {
      const bar = /^(\d+)\|/.exec(value);
      if (bar && Number(bar[1]) <= now) continue;
      entries.push({ route: decodeRoute(bar ? value.slice(bar[0].length) : value), pending: !!bar });
    }
    return entries.sort((a, b) => byDeviceId(a.route, b.route));
  }

  /** Answers [how many released, 1 if a route to the server is left, the released routes' JSON...]. */
  private releaseOnServer(userId: string, args: (string | number)[]): Promise<[number, number, ...string[]]> {
    return releaseOnServerScript.run(this.redis, this.userKeys(userId), args) as Promise<
      [number, number, ...string[]]
    >;
  }

  /** The server's set first, then the list of servers, so that counting and listing find the set. */
  private async join({ userId, serverId }: Pick<Route, 'userId' | 'serverId'>): Promise<void> {
    await Promise.all([
      this.redis.sadd(this.keys.serverUsers(serverId), userId),
      this.redis.sadd(this.keys.servers, serverId),
    ]);
  }

  /** After a refused or moved route: leaves the server's set unless an online route of the user is there. */
  private async leaveUnlessRouted(userId: string, serverId: string): Promise<void> {
    const [routes] = await this.online([userId]);
    if (!routes.some((route) => route.serverId === serverId)) {
      await this.redis.srem(this.keys.serverUsers(serverId), userId);
    }
  }

  private userKeys(userId: string): string[] {
    return [this.keys.routes(userId)];
  }
}
