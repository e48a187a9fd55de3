import { Inject, Injectable } from '@nestjs/common';
import { SessionClosedRequest, SessionOpenedReply, SessionRef } from '@cim/protocol';
import { InboxPolicy, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv, inboxPolicy } from '../config/gateway.env';
import { Deliverer } from '../delivery/deliverer';
import { GatewayError } from '../errors/gateway-error';

/** What the im-servers report about their connections: a login bound, a connection ended. */
@Injectable()
export class SessionsService {
  private readonly policy: InboxPolicy;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly deliverer: Deliverer,
    env: GatewayEnv,
  ) {
    this.policy = inboxPolicy(env);
  }

  /**
   * Accepts a LOGIN only for the user's current session on that server (a logged-out or replaced
   * token is refused), and hands over the user's inbox.
   */
  async opened(ref: SessionRef): Promise<SessionOpenedReply> {
    checkRef(ref);
    const route = await this.store.getRoute(ref.userId);
    if (route?.sessionId !== ref.sessionId || route.serverId !== ref.serverId) {
      throw new GatewayError('InvalidToken', 'this login session has ended: log in again');
    }
    return { inbox: await this.store.drainInbox(ref.userId) };
  }

  /**
   * Takes the user offline if the connection was their current session, and puts back the messages
   * it never acknowledged: into the inbox, or straight to the user's newer session if they have one.
   */
  async closed(request: SessionClosedRequest): Promise<{ released: boolean }> {
    checkRef(request);
    const released = await this.store.releaseOnline(request.userId, request.sessionId);
    const unacked = Array.isArray(request.unacked) ? request.unacked : [];
    if (unacked.length === 0) return { released };
    const route = released ? null : await this.store.getRoute(request.userId);
    if (!route) await this.store.pushInbox(request.userId, unacked, this.policy);
    else await Promise.all(unacked.map((m) => this.deliverer.deliverTo(request.userId, m, route.serverId)));
    return { released };
  }
}

function checkRef(ref: SessionRef): void {
  const valid =
    typeof ref === 'object' &&
    ref !== null &&
    [ref.userId, ref.sessionId].every((v) => typeof v === 'string' && v);
  if (!valid) throw new GatewayError('BadRequest', 'userId and sessionId must be non-empty strings');
}
