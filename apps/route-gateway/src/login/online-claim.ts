import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { ImServerPatterns, KickRequest, SessionStatusReply } from '@cim/protocol';
import { Route, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Makes a new login the user's session. Its route is pending in the store until the client's
 * connection confirms it (the im-server's LOGIN); unconfirmed, it expires by itself after
 * CIM_CONNECT_GRACE_MS, whatever becomes of this gateway. A user already online or connecting is
 * refused (policy 'refuse') or their old connection is kicked (policy 'kick'); a route left behind by
 * a connection that is gone (its server vanished or does not answer, or says the session is not
 * connected) is stale and simply replaced. A login that does not happen gives its server turn back.
 */
@Injectable()
export class OnlineClaim {
  private readonly logger = new Logger('OnlineClaim');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly directory: ServerDirectory,
    private readonly env: GatewayEnv,
  ) {}

  async claim(route: Route, userName: string): Promise<void> {
    try {
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
    const result = await this.store.claimOnline(route, graceMs);
    if (result.claimed) return;
    const current = result.current;
    const stale = await this.isStale(current, result.pending);
    if (!stale && this.env.CIM_LOGIN_POLICY === 'refuse') {
      throw new ConflictException(`user ${userName} is already online`);
    }
    const replaced = await this.store.replaceOnline(route, graceMs);
    // The route replaced may be a newer one than the route judged above, if another login raced this one.
    const old = replaced ?? current;
    if (!stale || old.sessionId !== current.sessionId) await this.kick(old, 'logged in elsewhere');
    else void this.kick(old, 'logged in elsewhere');
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
