import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { ImServerPatterns, KickRequest, SessionStatusReply } from '@cim/protocol';
import { Route, SESSION_STORE, SessionStore } from '@cim/session-store';
import { Clock } from '@cim/auth';
import { CLOCK } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Makes a new login the user's online session. A user already online is refused (policy 'refuse')
 * or their old connection is kicked (policy 'kick'); a route left behind by a connection that is
 * gone (its server vanished or does not answer, or says the session is not connected after the
 * connect grace) is stale
 * and simply replaced.
 */
@Injectable()
export class OnlineClaim {
  private readonly logger = new Logger('OnlineClaim');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly directory: ServerDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly env: GatewayEnv,
  ) {}

  async claim(route: Route, userName: string): Promise<void> {
    const result = await this.store.claimOnline(route);
    if (result.claimed) return;
    const current = result.current;
    const stale = await this.isStale(current);
    if (!stale && this.env.CIM_LOGIN_POLICY === 'refuse') {
      throw new ConflictException(`user ${userName} is already online`);
    }
    const replaced = await this.store.replaceOnline(route);
    // The route replaced may be a newer one than the route judged above, if another login raced this one.
    const old = replaced ?? current;
    if (!stale || old.sessionId !== current.sessionId) await this.kick(old, 'logged in elsewhere');
    else void this.kick(old, 'logged in elsewhere');
  }

  /** Closes the connection of a session, if its server is live; failures are logged, not thrown. */
  async kick(route: Route, reason: string): Promise<void> {
    if (!this.directory.isLive(route.serverId)) return;
    const request: KickRequest = { userId: route.userId, sessionId: route.sessionId, reason };
    try {
      await this.directory.call(route.serverId, ImServerPatterns.Kick, request);
    } catch (error) {
      this.logger.warn(`kicking user ${route.userId} (${reason}): ${(error as Error).message}`);
    }
  }

  /**
   * A route is stale when its server is gone or does not answer, or when its session is not connected
   * there and has had the connect grace to do so.
   */
  private async isStale(route: Route): Promise<boolean> {
    if (!this.directory.isLive(route.serverId)) return true;
    let status: SessionStatusReply;
    try {
      status = await this.directory.call<SessionStatusReply>(route.serverId, ImServerPatterns.SessionStatus, {
        userId: route.userId,
        sessionId: route.sessionId,
      });
    } catch {
      return true;
    }
    if (status?.connected === true) return false;
    return this.clock() - route.since >= this.env.CIM_CONNECT_GRACE_MS;
  }
}
