import { Inject, Injectable } from '@nestjs/common';
import { AcknowledgeRequest, SessionClosedRequest, SessionOpenedReply, SessionRef } from '@cim/protocol';
import { InboxPolicy, SESSION_STORE, SessionStore } from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayError } from '../errors/gateway-error';
import { GroupPresence } from '../groups/group-presence';

/** What the im-servers report about their connections: a login bound, a connection ended. */
@Injectable()
export class SessionsService {
  private readonly policy: InboxPolicy;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    env: GatewayEnv,
    private readonly groups: GroupPresence,
  ) {
    this.policy = inboxPolicy(env);
  }

  /**
   * Accepts a LOGIN only for a current session of the user's (one per device) on that server (a
   * logged-out, replaced or never-connected-in-time login is refused, and so is one made for another
   * run of that server), confirms its pending route, which makes the user online on that device, notes
   * the session in the user's groups, and hands over the user's inbox: the user's unacked ledger is
   * one for all their devices (see Deliverer).
   */
  async opened(ref: SessionRef): Promise<SessionOpenedReply> {
    checkRef(ref);
    const { userId, serverId, sessionId } = ref;
    if (typeof serverId !== 'string' || !serverId)
      throw new GatewayError('BadRequest', 'serverId must be a non-empty string');
    const routes = ref.incarnation ? await this.store.routesOf(userId) : [];
    const route = routes.find((r) => r.sessionId === sessionId);
    if (route?.incarnation && route.incarnation !== ref.incarnation) {
      throw new GatewayError(
        'InvalidToken',
        'this login was made for an earlier run of the server: log in again',
      );
    }
    if (!(await this.store.confirmOnline({ userId, serverId, sessionId }))) {
      throw new GatewayError('InvalidToken', 'this login session has ended: log in again');
    }
    await this.groups.online({ userId, serverId, sessionId, deviceId: ref.deviceId });
    return { inbox: await this.store.openInbox(ref.userId, this.policy) };
  }

  /**
   * Takes the user's device offline if the connection was its current session (the im-server reports
   * only those), and out of their groups' members online. A report repeated after a failure repeats both.
   */
  async closed(request: SessionClosedRequest): Promise<{ released: boolean }> {
    checkRef(request);
    const released = await this.store.releaseOnline(request.userId, request.sessionId);
    if (typeof request.serverId === 'string' && request.serverId) await this.groups.offline(request);
    return { released };
  }

  /** Forgets acknowledged messages: they are not handed over again. */
  async acknowledge({ acks }: AcknowledgeRequest): Promise<{ acknowledged: number }> {
    if (!Array.isArray(acks)) throw new GatewayError('BadRequest', 'acks must be an array');
    const valid = acks
      .filter((a) => typeof a?.userId === 'string' && Array.isArray(a.messageIds))
      .map((a) => ({ userId: a.userId, ids: a.messageIds.filter((id) => typeof id === 'string') }));
    await Promise.all(valid.map((a) => this.store.acknowledge(a.userId, a.ids)));
    return { acknowledged: valid.reduce((n, a) => n + a.ids.length, 0) };
  }
}

function checkRef(ref: SessionRef): void {
  const valid =
    typeof ref === 'object' &&
    ref !== null &&
    [ref.userId, ref.sessionId].every((v) => typeof v === 'string' && v);
  if (!valid) throw new GatewayError('BadRequest', 'userId and sessionId must be non-empty strings');
}
