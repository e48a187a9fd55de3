import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverReply, DeliverRequest, ImServerPatterns } from '@cim/protocol';
import { ServerInfo } from '@cim/registry';
import { SESSION_STORE, SessionStore, StoredMessage } from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { AdminEnv } from '../config/admin.env';
import { AdminMetrics } from '../metrics/admin-metrics';
import { ImServerCalls } from '../servers/im-server-calls';
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
 * Hands system messages to the im-servers: to everyone online (one Deliver per server, nobody
 * excluded), or to named users (one Deliver per server holding some of them). A named user who is
 * offline gets the message in their inbox; one whose server is unreachable or reports them missed
 * keeps it in their unacked ledger. Either way it is handed over at their next login.
 */
@Injectable()
export class SystemDelivery {
  private readonly logger = new Logger('SystemDelivery');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly live: LiveServers,
    private readonly calls: ImServerCalls,
    private readonly metrics: AdminMetrics,
    private readonly env: AdminEnv,
  ) {}

  async toEveryone(message: StoredMessage): Promise<BroadcastOutcome> {
    const servers = await this.live.list();
    const request: DeliverRequest = { entries: [{ message, allExcept: '' }] };
    const replies = await Promise.all(servers.map((server) => this.deliver(server, request)));
    const delivered = replies.reduce((sum, reply) => sum + (reply?.delivered ?? 0), 0);
    this.metrics.messagesOut.inc({ kind: message.kind }, delivered);
    const reached = replies.filter((r) => r !== undefined).length;
    this.logger.log({
      msg: 'broadcast',
      messageId: message.messageId,
      servers: servers.length,
      reached,
      delivered,
    });
    return { servers: servers.length, reached, delivered };
  }

  async toUsers(userIds: string[], message: StoredMessage): Promise<PushOutcome> {
    const [servers, routes] = await Promise.all([this.live.list(), this.store.getRoutes(userIds)]);
    const byId = new Map(servers.map((s) => [s.id, s]));
    const perServer = new Map<string, string[]>();
    const offline: string[] = [];
    userIds.forEach((userId, i) => {
      const serverId = routes[i]?.serverId;
      if (serverId === undefined || !byId.has(serverId)) return offline.push(userId);
      perServer.set(serverId, [...(perServer.get(serverId) ?? []), userId]);
    });
    const policy = inboxPolicy(this.env);
    // As the route-gateway does: recorded as unacked first, so that a connection or server dying before
    // the client acknowledges loses nothing (the message is handed over again at the next login).
    const handedOver = [...perServer.values()].flat();
    await this.store.trackUnacked(
      handedOver.map((userId) => ({ userId, message })),
      policy,
    );
    let online = 0;
    let kept = 0;
    await Promise.all(
      [...perServer].map(async ([serverId, users]) => {
        const reply = await this.deliver(byId.get(serverId)!, { entries: [{ message, userIds: users }] });
        const missed = new Set(reply ? reply.missed.map((m) => m.userId) : users);
        kept += missed.size;
        online += users.length - missed.size;
      }),
    );
    await Promise.all(offline.map((userId) => this.store.pushInbox(userId, [message], policy)));
    this.metrics.messagesOut.inc({ kind: message.kind }, online);
    this.metrics.messagesInboxed.inc({ kind: message.kind }, offline.length);
    this.logger.log({ msg: 'pushed', messageId: message.messageId, online, offline: offline.length + kept });
    return { online, offline: offline.length + kept };
  }

  /** The server's reply, or undefined when it failed or did not answer in time. */
  private async deliver(server: ServerInfo, request: DeliverRequest): Promise<DeliverReply | undefined> {
    try {
      return await this.calls.call<DeliverReply>(server, ImServerPatterns.Deliver, request);
    } catch (error) {
      this.logger.warn({ msg: (error as Error).message, messageId: request.entries[0].message.messageId });
      return undefined;
    }
  }
}
