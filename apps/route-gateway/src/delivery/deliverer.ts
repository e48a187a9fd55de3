import { Inject, Injectable, Logger } from '@nestjs/common';
import { HandOver } from '@cim/delivery';
import { StoredMessage } from '@cim/protocol';
import { InboxPolicy, OnlineMember, SESSION_STORE, SessionStore } from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Routes accepted messages to the im-servers through a HandOver (one Deliver per server per tick, the
 * unacked ledger written first): a private message to its receiver's server, or to their inbox when
 * they are offline; a lobby message to every live server; a message to a group with membership to each
 * live server hosting members online, as one entry naming them. A receiver who moved to another server
 * meanwhile gets one more try there.
 */
@Injectable()
export class Deliverer {
  private readonly policy: InboxPolicy;
  private readonly handOver: HandOver;

  constructor(
    private readonly directory: ServerDirectory,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
  ) {
    this.policy = inboxPolicy(env);
    this.handOver = new HandOver(directory, store, {
      policy: this.policy,
      onReply: (entries) => entries.forEach((e) => metrics.delivered(e.message.sentAt)),
      logger: new Logger('Deliverer'),
    });
  }

  /**
   * Gives a message to one user on the server of their route (none: offline). With `tracked`, the
   * message is already in the receiver's unacked ledger (it was kept when accepted): offline, it waits
   * there for their next login; else it goes to their inbox first.
   */
  async deliverTo(
    userId: string,
    message: StoredMessage,
    serverId?: string,
    tracked = false,
  ): Promise<'online' | 'inbox'> {
    this.metrics.routed(message.kind);
    if (serverId === undefined || !this.directory.isLive(serverId)) {
      if (!tracked) await this.store.pushInbox(userId, [message], this.policy);
      this.metrics.inboxed(message.kind);
      // The receiver may have logged in, and taken their inbox, between the route lookup and now:
      // hand it over there too (the client drops the copy it may get again from the inbox).
      const route = await this.store.getRoute(userId);
      if (route && this.directory.isLive(route.serverId)) {
        await this.handOver.enqueue(route.serverId, { message, userIds: [userId] }, { tracked });
      }
      return 'inbox';
    }
    const entry = { message, userIds: [userId] };
    const { kept } = await this.handOver.enqueue(serverId, entry, { retry: true, tracked });
    if (kept.length) this.metrics.inboxed(message.kind);
    else this.metrics.handedOver(message.kind);
    return kept.length ? 'inbox' : 'online';
  }

  /** Gives a message to everyone online but its sender, one entry per live server; answers how many took it. */
  async deliverToAll(message: StoredMessage): Promise<number> {
    const servers = this.directory.live();
    const entry = { message, allExcept: message.senderId };
    this.metrics.routed(message.kind);
    const outcomes = await Promise.all(servers.map((s) => this.handOver.enqueue(s.id, entry)));
    const reached = outcomes.filter((o) => o.reached).length;
    this.metrics.handedOver(message.kind, reached);
    return reached;
  }

  /**
   * Gives a message to the members online of a group with membership: one entry per live server that
   * hosts some, naming them, not kept in any ledger (members offline read the group's history instead).
   * Answers how many connections took it.
   */
  async deliverToMembers(message: StoredMessage, online: OnlineMember[]): Promise<number> {
    const byServer = new Map<string, string[]>();
    for (const { userId, serverId } of online) {
      if (!this.directory.isLive(serverId)) continue;
      const userIds = byServer.get(serverId);
      if (userIds) userIds.push(userId);
      else byServer.set(serverId, [userId]);
    }
    this.metrics.routed(message.kind);
    const outcomes = await Promise.all(
      [...byServer].map(([serverId, userIds]) => {
        this.metrics.groupHandedOver(serverId);
        return this.handOver.enqueue(serverId, { message, userIds }, { tracked: true });
      }),
    );
    this.metrics.handedOver(message.kind, outcomes.filter((o) => o.reached).length);
    return outcomes.reduce((sum, o) => sum + o.delivered, 0);
  }
}
