import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { ImServerPatterns, KickRequest, SessionStatusReply } from '@cim/protocol';
import { Clock } from '@cim/auth';
import {
  DEFAULT_DEVICE_ID,
  DEFAULT_DEVICE_KIND,
  deviceIdOf,
  Route,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { CLOCK } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Makes a new login the session of the user's device. Its route is pending in the store until the
 * client's connection confirms it (the im-server's LOGIN); unconfirmed, it expires by itself after
 * CIM_CONNECT_GRACE_MS, whatever becomes of this gateway. A user may be online on several devices:
 * - the same device already online or connecting is refused (CIM_LOGIN_POLICY 'refuse') or its old
 *   connection is kicked ('kick');
 * - another device of the same kind is let be (CIM_SAME_KIND_POLICY 'allow'), refused ('refuse') or
 *   kicked ('kick');
 * - a new device beyond CIM_MAX_DEVICES is refused.
 * A route left behind by a connection that is gone (its server vanished or does not answer, or says
 * the session is not connected) is stale and does not count: it is replaced or released. A login that
 * does not happen gives its server turn back.
 */
@Injectable()
export class OnlineClaim {
  private readonly logger = new Logger('OnlineClaim');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly directory: ServerDirectory,
    private readonly env: GatewayEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async claim(route: Route, userName: string): Promise<void> {
    try {
      await this.sameKind(route, userName);
      await this.take(route, userName);
    } catch (error) {
      this.directory.unpick(route.serverId);
      throw error;
    }
  }

  /** Closes the connection of a session, if its server is live; failures are logged, not thrown. */
  async kick(route: Route, reason: string): Promise<void> {
    if (!this.directory.isLive(route.serverId) || this.directory.isRefusing(route.serverId)) return;
    const request: KickRequest = { userId: route.userId, sessionId: route.sessionId, reason };
    try {
      await this.directory.call(route.serverId, ImServerPatterns.Kick, request);
    } catch (error) {
      this.logger.warn(`kicking user ${route.userId} (${reason}): ${(error as Error).message}`);
    }
  }

  private async take(route: Route, userName: string): Promise<void> {
    const graceMs = this.env.CIM_CONNECT_GRACE_MS;
    const max = this.env.CIM_MAX_DEVICES;
    let result = await this.store.claimOnline(route, graceMs, max);
    if ('full' in result && (await this.releaseStale(result.full)) > 0) {
      result = await this.store.claimOnline(route, graceMs, max);
    }
    if (result.claimed) return;
    if ('full' in result) {
      throw new ConflictException(
        `user ${userName} is online on ${max} device${max === 1 ? '' : 's'} already, the most allowed`,
      );
    }
    const current = result.current;
    const stale = await this.isStale(current, result.pending);
    if (!stale && this.env.CIM_LOGIN_POLICY === 'refuse') {
      throw new ConflictException(alreadyOnline(userName, route));
    }
    const replaced = await this.store.replaceOnline(route, graceMs);
    // The route replaced may be a newer one than the route judged above, if another login raced this one.
    const old = replaced ?? current;
    if (!stale || old.sessionId !== current.sessionId) await this.kick(old, 'logged in elsewhere');
    else void this.kick(old, 'logged in elsewhere');
  }

  /** CIM_SAME_KIND_POLICY for the user's other devices of the route's kind that are not stale. */
  private async sameKind(route: Route, userName: string): Promise<void> {
    const policy = this.env.CIM_SAME_KIND_POLICY;
    if (policy === 'allow') return;
    const kind = route.deviceKind ?? DEFAULT_DEVICE_KIND;
    const others = (await this.store.routesOf(route.userId)).filter(
      (r) => deviceIdOf(r) !== deviceIdOf(route) && (r.deviceKind ?? DEFAULT_DEVICE_KIND) === kind,
    );
    for (const other of others) {
      if (await this.isStale(other, this.young(other))) {
        await this.store.releaseOnline(other.userId, other.sessionId);
        continue;
      }
      if (policy === 'refuse') {
        throw new ConflictException(
          `user ${userName} is already online on another ${kind} device (${deviceIdOf(other)})`,
        );
      }
      await this.store.releaseOnline(other.userId, other.sessionId);
      await this.kick(other, `logged in on another ${kind} device`);
    }
  }

  /** Releases the routes among these that are stale; answers how many. */
  private async releaseStale(routes: Route[]): Promise<number> {
    const stale = await Promise.all(routes.map((r) => this.isStale(r, this.young(r))));
    const released = routes.filter((_, i) => stale[i]);
    await Promise.all(released.map((r) => this.store.releaseOnline(r.userId, r.sessionId)));
    return released.length;
  }

  /** A route made within the connect grace may still be pending: judged as one. */
  private young(route: Route): boolean {
    return this.clock() - route.since < this.env.CIM_CONNECT_GRACE_MS;
  }

  /**
   * A route is stale when its server does not answer, or when its session is confirmed but not
   * connected there any more; a pending route, when its server left the registry. Any route is, when
   * its server's RPC port refused a connection (that run is gone, even if ZooKeeper does not know yet).
   * A pending route on a live server is not: its connect grace runs in the store, which forgets it when
   * the grace is over. An online route to a server that left the registry but still answers (a
   * ZooKeeper outage) is not.
   */
  private async isStale(route: Route, pending: boolean): Promise<boolean> {
    if (this.directory.isRefusing(route.serverId)) return true;
    if (pending) return !this.directory.isLive(route.serverId);
    try {
      const status = await this.directory.call<SessionStatusReply>(
        route.serverId,
        ImServerPatterns.SessionStatus,
        { userId: route.userId, sessionId: route.sessionId },
      );
      return status?.connected !== true;
    } catch {
      return true;
    }
  }
}

/** The 409 of a device already online: a login without a device is told as before. */
function alreadyOnline(userName: string, route: Route): string {
  const deviceId = deviceIdOf(route);
  if (deviceId === DEFAULT_DEVICE_ID) return `user ${userName} is already online`;
  return `user ${userName} is already online on device ${deviceId}`;
}
