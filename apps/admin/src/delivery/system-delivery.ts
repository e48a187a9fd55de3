import { Inject, Injectable, Logger } from '@nestjs/common';
import { HandOver, ImServerClients } from '@cim/delivery';
import { StoredMessage } from '@cim/protocol';
import { InboxPolicy, OnlineMember, SESSION_STORE, SessionStore } from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { AdminEnv } from '../config/admin.env';
import { AdminMetrics } from '../metrics/admin-metrics';
import { LiveServers } from '../servers/live-servers';

export interface BroadcastOutcome {
  /** Registered im-servers, and how many of them took the message. */
  servers: number;
  reached: number;
  /** Connections written to. */
  delivered: number;
}

export interface PushOutcome {
  online: number;
  offline: number;
}

/**
 * Hands system messages to the im-servers through a HandOver, as the route-gateway does (one Deliver
 * per server per tick, the unacked ledger written first): to everyone online (nobody excluded), or to
 * named users on the servers holding them. A named user who is offline gets the message in their
 * inbox; one whose server is unreachable or reports them missed keeps it in their unacked ledger.
 * Either way it is handed over at their next login.
 */
@Injectable()
export class SystemDelivery {
  private readonly logger = new Logger('SystemDelivery');
  private readonly policy: InboxPolicy;
  private readonly handOver: HandOver;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly live: LiveServers,
    clients: ImServerClients,
    private readonly metrics: AdminMetrics,
    env: AdminEnv,
  ) {
    this.policy = inboxPolicy(env);
    this.handOver = new HandOver(clients, store, { policy: this.policy, logger: this.logger });
  }

  async toEveryone(message: StoredMessage): Promise<BroadcastOutcome> {
    const servers = await this.live.list();
    const outcomes = await Promise.all(
      servers.map((server) => this.handOver.enqueue(server.id, { message, allExcept: '' })),
    );
    const delivered = outcomes.reduce((sum, outcome) => sum + outcome.delivered, 0);
    this.metrics.messagesOut.inc({ kind: message.kind }, delivered);
    const reached = outcomes.filter((o) => o.reached).length;
    this.logger.log({
      msg: 'broadcast',
      messageId: message.messageId,
      servers: servers.length,
      reached,
      delivered,
    });
    return { servers: servers.length, reached, delivered };
  }

  /** To a group's members online: one entry per listed server naming its members, kept for nobody. */
  async toMembersOnline(message: StoredMessage, online: OnlineMember[]): Promise<{ delivered: number }> {
    const listed = new Set((await this.live.list()).map((s) => s.id));
    const perServer = new Map<string, string[]>();
    for (const { userId, serverId } of online) {
      if (!listed.has(serverId)) continue;
      const users = perServer.get(serverId);
      if (users) users.push(userId);
      else perServer.set(serverId, [userId]);
    }
    const outcomes = await Promise.all(
      [...perServer].map(([serverId, userIds]) =>
        this.handOver.enqueue(serverId, { message, userIds }, { tracked: true }),
      ),
    );
    const delivered = outcomes.reduce((sum, outcome) => sum + outcome.delivered, 0);
    this.metrics.messagesOut.inc({ kind: message.kind }, delivered);
    this.logger.log({
      msg: 'pushed to group',
      messageId: message.messageId,
      groupId: message.groupId,
      delivered,
    });
    return { delivered };
  }

  async toUsers(userIds: string[], message: StoredMessage): Promise<PushOutcome> {
    const [servers, routes] = await Promise.all([this.live.list(), this.store.routesOfMany(userIds)]);
    const listed = new Set(servers.map((s) => s.id));
    const perServer = new Map<string, string[]>();
    const offline: string[] = [];
    userIds.forEach((userId, i) => {
      // Every server hosting one of the user's devices; the im-server writes to each device there.
      const serverIds = new Set(routes[i].map((r) => r.serverId).filter((id) => listed.has(id)));
      if (serverIds.size === 0) return offline.push(userId);
      for (const serverId of serverIds) perServer.set(serverId, [...(perServer.get(serverId) ?? []), userId]);
    });
    const outcomes = await Promise.all(
      [...perServer].map(([serverId, users]) => this.handOver.enqueue(serverId, { message, userIds: users })),
    );
    const online = outcomes.reduce((sum, outcome) => sum + outcome.delivered, 0);
    const kept = outcomes.reduce((sum, outcome) => sum + outcome.kept.length, 0);
    await Promise.all(offline.map((userId) => this.store.pushInbox(userId, [message], this.policy)));
    this.metrics.messagesOut.inc({ kind: message.kind }, online);
    this.metrics.messagesInboxed.inc({ kind: message.kind }, offline.length);
    this.logger.log({ msg: 'pushed', messageId: message.messageId, online, offline: offline.length + kept });
    return { online, offline: offline.length + kept };
  }
}
